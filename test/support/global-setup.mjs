// Runs once before every test file, outside Jest's module system, so it loads the built
// code (`npm test` builds first): it starts (or finds) PostgreSQL and migrates the template.
import { URL } from 'node:url';
import {
  dropDatabase,
  ensureAppRole,
  ensureDatabase,
  grantAppRole,
  migrateDatabase,
  startEmbeddedPostgres,
} from '../../dist/libs/platform/src/index.js';
import { MIGRATIONS } from '../../dist/migrations/index.js';

const EMBEDDED_TEST_PORT = 54339;
// The servers under test run as this restricted role, as in production. Roles belong to the
// whole cluster and several runs may share it: made once, with a fixed password, if missing.
const APP_ROLE = { user: 'relay_test_app', password: 'relay-test-app-password' };

export default async function globalSetup() {
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    // No DATABASE_URL: an embedded PostgreSQL kept under .relay-test-data.
    const embedded = await startEmbeddedPostgres('.relay-test-data', EMBEDDED_TEST_PORT);
    globalThis.relayEmbeddedDatabase = embedded;
    serverUrl = embedded.url;
  }
  const appServer = new URL(serverUrl);
  appServer.username = APP_ROLE.user;
  appServer.password = APP_ROLE.password;
  // One template per run, so several runs can share a server; clones keep its grants.
  const template = `relay_test_template_${process.pid}`;
  await dropDatabase(serverUrl, template);
  const templateUrl = await ensureDatabase(serverUrl, template);
  const appTemplateUrl = new URL(templateUrl);
  appTemplateUrl.username = APP_ROLE.user;
  appTemplateUrl.password = APP_ROLE.password;
  await migrateDatabase(templateUrl, MIGRATIONS, async (runner) => {
    await ensureAppRole(runner, appTemplateUrl.toString(), true);
    await grantAppRole(runner, APP_ROLE.user);
  });
  process.env.RELAY_TEST_SERVER_URL = serverUrl;
  process.env.RELAY_TEST_APP_SERVER_URL = appServer.toString();
  process.env.RELAY_TEST_TEMPLATE = template;
}
