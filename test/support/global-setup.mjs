// Runs once before every test file, outside Jest's module system, so it loads the built
// code (`npm test` builds first): it starts (or finds) PostgreSQL and migrates the template.
import {
  dropDatabase,
  ensureDatabase,
  migrateDatabase,
  startEmbeddedPostgres,
} from '../../dist/libs/platform/src/index.js';
import { MIGRATIONS } from '../../dist/migrations/index.js';

const EMBEDDED_TEST_PORT = 54339;

export default async function globalSetup() {
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    // No DATABASE_URL: an embedded PostgreSQL kept under .relay-test-data.
    const embedded = await startEmbeddedPostgres('.relay-test-data', EMBEDDED_TEST_PORT);
    globalThis.relayEmbeddedDatabase = embedded;
    serverUrl = embedded.url;
  }
  // One template per run, so several runs can share a server.
  const template = `relay_test_template_${process.pid}`;
  await dropDatabase(serverUrl, template);
  await migrateDatabase(await ensureDatabase(serverUrl, template), MIGRATIONS);
  process.env.RELAY_TEST_SERVER_URL = serverUrl;
  process.env.RELAY_TEST_TEMPLATE = template;
}
