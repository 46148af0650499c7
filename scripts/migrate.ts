import 'reflect-metadata';
import { loadConfig, migrateDatabase, resolveDatabase } from '@relay/platform';
import { MIGRATIONS } from '../migrations/index.js';

/** Runs pending migrations and exits: the one-shot step of a deployment (see docker/compose.yaml). */
async function main(): Promise<void> {
  const database = await resolveDatabase(loadConfig());
  try {
    await migrateDatabase(database.url, MIGRATIONS);
    console.log('migrations are up to date');
  } finally {
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
