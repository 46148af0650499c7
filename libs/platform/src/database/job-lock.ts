import type { Tx } from './transaction.js';

/**
 * Scheduled jobs run on every node; each run first takes a transaction-scoped PostgreSQL
 * advisory lock, so with several nodes exactly one does the work and the others skip.
 */
export async function tryJobLock(tx: Tx, lockId: number): Promise<boolean> {
  const [{ locked }] = (await tx.query(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [lockId])) as {
    locked: boolean;
  }[];
  return locked;
}

/** Runs `job` every `seconds`, logging (never throwing) failures; returns a stop function. */
export function every(seconds: number, job: () => Promise<unknown>, onError: (error: unknown) => void): () => void {
  const timer = setInterval(() => void job().catch(onError), seconds * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
