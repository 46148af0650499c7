import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { guardPool, insideTransaction } from './connection-guard.js';

type AfterCommitHook = () => void | Promise<void>;

/** A database transaction, passed explicitly to every repository call that writes. */
export type Tx = EntityManager;

/**
 * What is written just before every commit, in this order: the event log, then the audit
 * trail (its commit-time trigger takes the chain's one global lock, so it goes last).
 */
export const BEFORE_COMMIT = ['event-log', 'audit-trail'] as const;
export type BeforeCommitStage = (typeof BEFORE_COMMIT)[number];

interface TxState {
  buffers: Map<BeforeCommitStage, { items: unknown[]; flush: (items: unknown[]) => Promise<void> }>;
  afterCommit: AfterCommitHook[];
  flushed: boolean;
}

/**
 * Runs units of work in one READ COMMITTED transaction each. Writers that buffer (the
 * event log, the audit trail) flush once, just before the commit, in one fixed order; the
 * commit itself numbers what they wrote. What must wait for the commit (publishing live
 * events) runs after it, before the caller gets its answer.
 */
@Injectable()
export class TransactionRunner {
  private readonly active = new WeakMap<Tx, TxState>();
  private readonly logger = new Logger('transactions');

  constructor(
    private readonly dataSource: DataSource,
    config: AppConfig,
  ) {
    // Outside production a second connection fails the request, so tests find it. In
    // production it is logged and served: a request that works until the pool is full
    // should not start failing every time.
    guardPool(dataSource, (error) => {
      if (config.NODE_ENV !== 'production') throw error;
      this.logger.error(error.stack ?? error.message);
    });
  }

  async run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const state: TxState = { buffers: new Map(), afterCommit: [], flushed: false };
    // The transaction's connection is taken before insideTransaction: from there on, the pool
    // refuses this work another (connection-guard.ts). The after-commit hooks run outside it.
    const result = await this.dataSource.transaction((tx) =>
      insideTransaction(async () => {
        this.active.set(tx, state);
        const value = await work(tx);
        state.flushed = true;
        for (const stage of BEFORE_COMMIT) {
          const buffer = state.buffers.get(stage);
          if (buffer) await buffer.flush(buffer.items);
        }
        return value;
      }),
    );
    for (const hook of state.afterCommit) {
      // The change is committed: a failure to publish must not turn it into an error answer.
      try {
        await hook();
      } catch (error) {
        this.logger.error(`after-commit hook failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return result;
  }

  /**
   * The `stage` buffer of `tx`: what is pushed to it is handed to `flush` once, at the end of
   * the transaction, just before its commit (in BEFORE_COMMIT's order).
   */
  buffer<T>(tx: Tx, stage: BeforeCommitStage, flush: (items: T[]) => Promise<void>): T[] {
    const state = this.stateOf(tx);
    // Pushed after the flush, an item would be lost without a word.
    if (state.flushed) throw new Error(`${stage}: nothing may be buffered once the transaction is ending`);
    let buffer = state.buffers.get(stage);
    if (!buffer) {
      buffer = { items: [], flush: flush as (items: unknown[]) => Promise<void> };
      state.buffers.set(stage, buffer);
    }
    return buffer.items as T[];
  }

  afterCommit(tx: Tx, hook: AfterCommitHook): void {
    this.stateOf(tx).afterCommit.push(hook);
  }

  /** For reads that need no transaction; never inside one (the pool refuses it: pass tx). */
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
