import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource } from 'typeorm';

/**
 * Code running inside a transaction must use that transaction's connection (`tx`). Asking
 * the pool for another one while holding the first deadlocks under load: with the pool's N
 * connections each held by a transaction waiting for an N+1th, every request times out (the
 * queue did this at 100 concurrent requests on a pool of 10). Each transaction's work runs
 * in a marked async context, and the pool refuses a connection to code in that context.
 */
interface TransactionScope {
  open: boolean;
}

const scopes = new AsyncLocalStorage<TransactionScope>();
const GUARDED = Symbol('relay.connection-guard');

export const SECOND_CONNECTION = 'a second connection inside a transaction: pass tx';

/** Runs `work` (the transaction's own callback) as code inside a transaction. */
export async function insideTransaction<T>(work: () => Promise<T>): Promise<T> {
  const scope: TransactionScope = { open: true };
  try {
    return await scopes.run(scope, work);
  } finally {
    // Anything it started that outlives it (a promise left running) is outside it from now on.
    scope.open = false;
  }
}

/**
 * Runs `work` as if outside any transaction: its own pooled connection, committed at once.
 * Only for a write that must commit on its own (an idempotency key claimed mid-upload), by
 * callers that hold a bounded share of the pool, so the rest always has a connection free.
 */
export function outsideTransaction<T>(work: () => Promise<T>): Promise<T> {
  return scopes.exit(work);
}

export function isInsideTransaction(): boolean {
  return scopes.getStore()?.open === true;
}

/**
 * Makes `dataSource`'s pool check, at each connection it hands out, that the caller holds no
 * transaction's connection (one AsyncLocalStorage lookup per connection, not per query).
 * `onViolation` gets the error: throw it, or report it and let the connection be taken.
 */
export function guardPool(dataSource: DataSource, onViolation: (error: Error) => void): void {
  const driver = dataSource.driver as unknown as Record<string | symbol, unknown>;
  if (driver[GUARDED]) return;
  driver[GUARDED] = true;
  for (const name of ['obtainMasterConnection', 'obtainSlaveConnection']) {
    const obtain = driver[name];
    if (typeof obtain !== 'function') continue;
    driver[name] = function guarded(this: unknown, ...args: unknown[]): unknown {
      if (isInsideTransaction()) {
        try {
          onViolation(new Error(SECOND_CONNECTION));
        } catch (error) {
          return Promise.reject(error as Error);
        }
      }
      return (obtain as (...a: unknown[]) => unknown).apply(this, args);
    };
  }
}
