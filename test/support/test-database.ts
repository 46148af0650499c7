import { randomBytes } from 'node:crypto';
import { dropDatabase, ensureDatabase, withDatabase } from '../../libs/platform/src/database/database-url.js';

/**
 * A fresh database for one test file, cloned from the migrated template: `url` connects
 * as its owner, `appUrl` as the restricted role the server runs as.
 */
export async function createTestDatabase(): Promise<{ url: string; appUrl: string; drop(): Promise<void> }> {
  const serverUrl = process.env.RELAY_TEST_SERVER_URL;
  const appServerUrl = process.env.RELAY_TEST_APP_SERVER_URL;
  const template = process.env.RELAY_TEST_TEMPLATE; // made and migrated once per run by global-setup.mjs
  if (!serverUrl || !appServerUrl || !template) {
    throw new Error('RELAY_TEST_SERVER_URL is not set: run the tests through `npm test`');
  }
  const name = `relay_test_${randomBytes(6).toString('hex')}`;
  await ensureDatabase(serverUrl, name, template);
  return {
    url: withDatabase(serverUrl, name),
    appUrl: withDatabase(appServerUrl, name),
    drop: () => dropDatabase(serverUrl, name),
  };
}
