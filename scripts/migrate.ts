import 'reflect-metadata';
import { ConfigError, loadConfig, prepareDatabase, readOrCreateSecret, resolveDatabase } from '@relay/platform';
import { MIGRATIONS } from '../migrations/index.js';

/**
 * Runs pending migrations as the owner (MIGRATION_DATABASE_URL), grants the app's role
 * (DATABASE_URL) what it needs, and exits: the one-shot step of a deployment (see
 * docker/compose.yaml). It refuses what the server would refuse at start.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  config.AUDIT_KEY ??= readOrCreateSecret(config.DATA_DIR, 'audit-key');
  const database = await resolveDatabase(config);
  try {
    await prepareDatabase(config, database, MIGRATIONS, (line) => console.warn(line));
    console.log('migrations are up to date');
  } finally {
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
