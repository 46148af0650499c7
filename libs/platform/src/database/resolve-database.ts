import { resolve } from 'node:path';
import pg from 'pg';
import type { AppConfig } from '../config/app-config.js';
import { ensureDatabase } from './database-url.js';
import { embeddedUrl, startEmbeddedPostgres } from './embedded-postgres.js';

export interface ResolvedDatabase {
  url: string;
  /** Stops the embedded server when this process started it. */
  stop(): Promise<void>;
}

/**
 * DATABASE_URL when set; otherwise the embedded PostgreSQL kept under DATA_DIR, started
 * here unless a running server (e.g. `npm start` next door) already holds it.
 */
export async function resolveDatabase(
  config: AppConfig,
  log: (line: string) => void = () => undefined,
): Promise<ResolvedDatabase> {
  if (config.DATABASE_URL) return { url: config.DATABASE_URL, stop: async () => undefined };
  const serverUrl = embeddedUrl(config.EMBEDDED_PG_PORT);
  if (await answers(serverUrl)) {
    return { url: await ensureDatabase(serverUrl, 'relay'), stop: async () => undefined };
  }
  log(`DATABASE_URL is not set: starting the embedded PostgreSQL in ${resolve(config.DATA_DIR)}`);
  const embedded = await startEmbeddedPostgres(config.DATA_DIR, config.EMBEDDED_PG_PORT);
  return { url: await ensureDatabase(embedded.url, 'relay'), stop: () => embedded.stop() };
}

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
