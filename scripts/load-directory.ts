import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadConfig, prepareDatabase, readOrCreateSecret, resolveDatabase } from '@relay/platform';
import { MIGRATIONS } from '../migrations/index.js';
import { AppModule } from '../apps/api/src/app.module.js';
import { DirectoryLoader } from '../apps/api/src/seed/directory-loader.js';

/**
 * `npm run load:directory`: the ridings, their borders and parties (data/), with no demo
 * account. Runs the migrations first, adds only what is missing, and may be run again.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  config.JWT_SECRET ??= 'unused-by-the-loader-but-required-by-the-app'; // no token is signed here
  config.AUDIT_KEY ??= readOrCreateSecret(config.DATA_DIR, 'audit-key'); // as the server does in development
  const database = await resolveDatabase(config);
  try {
    // Migrates as the owner and answers the restricted role's connection, as the server's start does.
    const appUrl = await prepareDatabase(config, database, MIGRATIONS, (line) => console.warn(line));
    const app = await NestFactory.createApplicationContext(AppModule.forRoot(config, appUrl), {
      logger: ['error', 'warn'],
    });
    try {
      const added = await app.get(DirectoryLoader).load();
      console.log(
        `directory loaded: ${added.parties} parties, ${added.offices} offices, ${added.borders} borders added`,
      );
    } finally {
      await app.close();
    }
  } finally {
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
