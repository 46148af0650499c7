import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/** A database transaction, passed explicitly to every repository call that writes. */
export type Tx = EntityManager;

interface TxState {
  beforeCommit: Map<string, { order: number; hook: () => Promise<void> }>;
  afterCommit: (() => void)[];
}

/**
 * Runs units of work in one READ COMMITTED transaction each. Writers that buffer (the
 * event log, the audit trail) flush just before the commit, so the locks they take — a
 * stream's counter, the audit chain head — are held for the shortest time, in one fixed
 * order; what must wait for the commit (publishing live events) runs after it.
 */
@Injectable()
export class TransactionRunner {
  private readonly active = new WeakMap<Tx, TxState>();
  private readonly logger = new Logger('transactions');

  constructor(private readonly dataSource: DataSource) {}

  async run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const state: TxState = { beforeCommit: new Map(), afterCommit: [] };
    const result = await this.dataSource.transaction(async (tx) => {
      this.active.set(tx, state);
      const value = await work(tx);
      const hooks = [...state.beforeCommit.values()].sort((a, b) => a.order - b.order);
      for (const { hook } of hooks) await hook();
      return value;
    });
    for (const hook of state.afterCommit) {
      // The change is committed: a failure to publish must not turn it into an error answer.
      try {
        hook();
      } catch (error) {
        this.logger.error(`after-commit hook failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return result;
  }

  /** Registers `hook` (once per key) to run at the end of `tx`, before its commit; lower `order` first. */
  beforeCommit(tx: Tx, key: string, order: number, hook: () => Promise<void>): void {
    const state = this.stateOf(tx);
    if (!state.beforeCommit.has(key)) state.beforeCommit.set(key, { order, hook });
  }

  afterCommit(tx: Tx, hook: () => void): void {
    this.stateOf(tx).afterCommit.push(hook);
  }

  /** For reads that need no transaction. */
  get reader(): Tx {
    return this.dataSource.manager;
  }

  private stateOf(tx: Tx): TxState {
    const state = this.active.get(tx);
    // A write outside run() would never be flushed: fail loudly rather than lose it.
    if (!state) throw new Error('buffered writes need a transaction started by TransactionRunner.run');
    return state;
  }
}
