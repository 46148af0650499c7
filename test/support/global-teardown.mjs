import { dropDatabase } from '../../dist/libs/platform/src/index.js';

export default async function globalTeardown() {
  await dropDatabase(process.env.RELAY_TEST_SERVER_URL, process.env.RELAY_TEST_TEMPLATE);
  await globalThis.relayEmbeddedDatabase?.stop();
}
