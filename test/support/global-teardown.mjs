export default async function globalTeardown() {
  await globalThis.relayEmbeddedDatabase?.stop();
}
