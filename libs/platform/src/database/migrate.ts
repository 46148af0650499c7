import { ADVISORY_LOCKS } from './advisory-locks.js';
import pg from 'pg';
import { DataSource, type DataSourceOptions, type MigrationInterface, type QueryRunner } from 'typeorm';

/** Runs pending migrations, then `after` (grants), under one advisory lock across nodes. */
export async function runMigrationsOnce(
  dataSource: DataSource,
  after?: (runner: QueryRunner) => Promise<void>,
): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [ADVISORY_LOCKS.migration]);
    await dataSource.runMigrations({ transaction: 'each' });
    await after?.(runner);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [ADVISORY_LOCKS.migration]).catch(() => undefined);
    await runner.release();
  }
}

/** Connects to `url`, runs the pending `migrations` (once across nodes), then `after`, and disconnects. */
export async function migrateDatabase(
  url: string,
  migrations: DataSourceOptions['migrations'],
  after?: (runner: QueryRunner) => Promise<void>,
): Promise<void> {
  const dataSource = await new DataSource({ type: 'postgres', url, migrations }).initialize();
  try {
    await runMigrationsOnce(dataSource, after);
  } finally {
    await dataSource.destroy();
  }
}

/** The names of `migrations` that `url`'s database lacks (read with the app's own role, which may not create the table). */
export async function pendingMigrations(url: string, migrations: (new () => MigrationInterface)[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const [{ found }] = (
      await client.query<{ found: boolean }>(`SELECT to_regclass('migrations') IS NOT NULL AS found`)
    ).rows;
    const done = found ? (await client.query<{ name: string }>('SELECT name FROM migrations')).rows : [];
    const names = new Set(done.map((row) => row.name));
    return migrations.map((M) => new M().name ?? M.name).filter((name) => !names.has(name));
  } finally {
    await client.end();
  }
}
