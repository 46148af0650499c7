import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig, resolveDatabase, runMigrationsOnce } from '@relay/platform';
import { MIGRATIONS } from '../migrations/index.js';

/** Runs pending migrations and exits: the one-shot step of a deployment (see docker/compose.yaml). */
async function main(): Promise<void> {
  const database = await resolveDatabase(loadConfig());
  const dataSource = await new DataSource({ type: 'postgres', url: database.url, migrations: MIGRATIONS }).initialize();
  try {
    await runMigrationsOnce(dataSource);
    console.log('migrations are up to date');
  } finally {
    await dataSource.destroy();
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
