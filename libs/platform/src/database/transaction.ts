import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

/** A database transaction, passed explicitly to every repository call that writes. */
export type Tx = EntityManager;

@Injectable()
export class TransactionRunner {
  constructor(private readonly dataSource: DataSource) {}

  /** Runs `work` in one READ COMMITTED transaction; audit rows and outgoing events join it. */
  run<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** For reads that need no transaction. */
  get reader(): Tx {
    return this.dataSource.manager;
  }
}
