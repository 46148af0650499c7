import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  type AppConfig,
  ConfigError,
  ensureDatabase,
  loadConfig,
  type RunningDatabase,
  startEmbeddedPostgres,
} from '@relay/platform';
import { createApp } from './create-app.js';
import { DEMO_PASSWORD, DemoSeeder } from './seed/demo-seeder.js';

const logger = new Logger('main');

/** With no DATABASE_URL, a PostgreSQL kept under DATA_DIR (created on first start). */
async function resolveDatabase(config: AppConfig): Promise<{ url: string; embedded?: RunningDatabase }> {
  if (config.DATABASE_URL) return { url: config.DATABASE_URL };
  logger.log(`DATABASE_URL is not set: starting the embedded PostgreSQL in ${resolve(config.DATA_DIR)}`);
  const embedded = await startEmbeddedPostgres(config.DATA_DIR, config.EMBEDDED_PG_PORT);
  return { url: await ensureDatabase(embedded.url, 'relay'), embedded };
}

/** Development without JWT_SECRET: a random secret kept in DATA_DIR, so sessions survive restarts. */
function developmentSecret(config: AppConfig): string {
  const file = resolve(config.DATA_DIR, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(config.DATA_DIR, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

async function main(): Promise<void> {
  const config = loadConfig();
  config.JWT_SECRET ??= developmentSecret(config);
  const database = await resolveDatabase(config);
  const app = await createApp(config, database.url);
  if (config.SEED_DEMO) {
    const logins = await app.get(DemoSeeder).seedIfEmpty();
    if (logins) {
      logger.log(`Demo data loaded. Every demo account's password is "${DEMO_PASSWORD}":`);
      for (const login of logins) logger.log(`  ${login.role.padEnd(12)} ${login.email}  (riding ${login.office})`);
    }
  }
  app.enableShutdownHooks();
  if (database.embedded) {
    const { embedded } = database;
    process.once('beforeExit', () => void embedded.stop());
  }
  await app.listen(config.PORT);
  logger.log(`Riding Relay listens on http://localhost:${config.PORT}/api/v1 (docs: /api/docs)`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  process.exit(1);
});
