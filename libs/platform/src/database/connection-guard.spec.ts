import type { DataSource, EntityManager } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import { SECOND_CONNECTION } from './connection-guard.js';
import { TransactionRunner } from './transaction.js';

/** A data source whose pool counts connections; a transaction takes one, as TypeORM's does. */
function fakeDataSource() {
  const pool = { taken: 0 };
  const driver = {
    obtainMasterConnection: async () => {
      pool.taken += 1;
      return [{}, () => undefined];
    },
  };
  const manager = { query: async () => (await driver.obtainMasterConnection(), []) };
  const dataSource = {
    driver,
    manager,
    transaction: async <T>(work: (tx: EntityManager) => Promise<T>): Promise<T> => {
      await driver.obtainMasterConnection();
      return work({ query: async () => [] } as unknown as EntityManager);
    },
  };
  return { pool, dataSource: dataSource as unknown as DataSource };
}

function runner(nodeEnv: AppConfig['NODE_ENV']) {
  const fake = fakeDataSource();
  return { ...fake, transactions: new TransactionRunner(fake.dataSource, { NODE_ENV: nodeEnv } as AppConfig) };
}

describe('a second pooled connection inside a transaction', () => {
  it('is refused, so the pool cannot be held by transactions each waiting for one more', async () => {
    const { transactions } = runner('test');
    await expect(transactions.run(() => transactions.reader.query('SELECT 1'))).rejects.toThrow(SECOND_CONNECTION);
    await expect(transactions.run(() => transactions.run(async () => 1))).rejects.toThrow(SECOND_CONNECTION);
  });

  it('is allowed before, after, and in the after-commit hooks', async () => {
    const { transactions, pool } = runner('test');
    await transactions.reader.query('SELECT 1');
    let leftRunning: Promise<unknown> = Promise.resolve();
    await transactions.run(async (tx) => {
      await tx.query('SELECT 1');
      transactions.afterCommit(tx, () => transactions.reader.query('SELECT 1').then(() => undefined));
      // Started inside, it asks for its connection once the transaction has ended.
      leftRunning = new Promise((resolve) => setTimeout(resolve, 5)).then(() => transactions.reader.query('SELECT 1'));
    });
    await leftRunning;
    await transactions.reader.query('SELECT 1');
    expect(pool.taken).toBe(5);
  });

  it('is logged, not refused, in production', async () => {
    const { transactions, pool } = runner('production');
    const logged: string[] = [];
    (transactions as unknown as { logger: { error: (m: string) => void } }).logger.error = (m) => logged.push(m);
    await transactions.run(() => transactions.reader.query('SELECT 1'));
    expect(logged).toEqual([expect.stringContaining(SECOND_CONNECTION)]);
    expect(pool.taken).toBe(2);
  });
});
