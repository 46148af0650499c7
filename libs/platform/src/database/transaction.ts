import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { EventLog } from '../events/event-log.js';
import { LiveBus } from '../events/live-bus.js';

/** A database transaction, passed explicitly to every repository call that writes. */
export type Tx = EntityManager;

@Injectable()
export class TransactionRunner {
  constructor(
    private readonly dataSource: DataSource,
    private readonly eventLog: EventLog,
    private readonly bus: LiveBus,
  ) {}

  /**
   * Runs `work` in one READ COMMITTED transaction; audit rows and live events join it.
   * The live events it wrote are published only after the commit.
   */
  async run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    let written: ReturnType<EventLog['takePending']> = [];
    const result = await this.dataSource.transaction(async (tx) => {
      const value = await work(tx);
      written = this.eventLog.takePending(tx);
      return value;
    });
    this.bus.publish(written);
    return result;
  }

  /** For reads that need no transaction. */
  get reader(): Tx {
    return this.dataSource.manager;
  }
}
