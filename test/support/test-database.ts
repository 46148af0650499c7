import { randomBytes } from 'node:crypto';
import { dropDatabase, ensureDatabase, withDatabase } from '../../libs/platform/src/database/database-url.js';

/** A fresh database for one test file, cloned from the migrated template. */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const serverUrl = process.env.RELAY_TEST_SERVER_URL;
  const template = process.env.RELAY_TEST_TEMPLATE; // made and migrated once per run by global-setup.mjs
  if (!serverUrl || !template) throw new Error('RELAY_TEST_SERVER_URL is not set: run the tests through `npm test`');
  const name = `relay_test_${randomBytes(6).toString('hex')}`;
  await ensureDatabase(serverUrl, name, template);
  return { url: withDatabase(serverUrl, name), drop: () => dropDatabase(serverUrl, name) };
}
