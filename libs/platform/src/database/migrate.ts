import { DataSource, type DataSourceOptions } from 'typeorm';

// Any fixed 64-bit number: several nodes starting at once migrate one after the other.
const MIGRATION_LOCK = 7_301_746_661;

export async function runMigrationsOnce(dataSource: DataSource): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}

/** Connects to `url`, runs the pending `migrations` (once across nodes) and disconnects. */
export async function migrateDatabase(url: string, migrations: DataSourceOptions['migrations']): Promise<void> {
  const dataSource = await new DataSource({ type: 'postgres', url, migrations }).initialize();
  try {
    await runMigrationsOnce(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
