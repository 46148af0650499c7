import { resolve } from 'node:path';
import pg from 'pg';
import type { AppConfig } from '../config/app-config.js';
import { ensureDatabase } from './database-url.js';
import { embeddedSuperuserUrl, probableEmbeddedUrl, startEmbeddedPostgres } from './embedded-postgres.js';

export interface ResolvedDatabase {
  /** DATABASE_URL: the app's connection (the owner's, for the embedded server). */
  url: string;
  /** The owner's connection, for migrations and grants, when known. */
  migrationUrl?: string;
  /** The embedded server: the app runs as a restricted role made from the owner's. */
  deriveAppRole?: boolean;
  /** Stops the embedded server when this process started it. */
  stop(): Promise<void>;
}

/**
 * DATABASE_URL (and MIGRATION_DATABASE_URL) when set; otherwise the embedded PostgreSQL
 * kept under DATA_DIR, started here unless a running server (e.g. `npm start` next door)
 * already holds it.
 */
export async function resolveDatabase(
  config: AppConfig,
  log: (line: string) => void = () => undefined,
): Promise<ResolvedDatabase> {
  if (config.DATABASE_URL) {
    return { url: config.DATABASE_URL, migrationUrl: config.MIGRATION_DATABASE_URL, stop: async () => undefined };
  }
  const embedded = (url: string, stop: () => Promise<void>): ResolvedDatabase => ({
    url,
    migrationUrl: url,
    deriveAppRole: true,
    stop,
  });
  if (await answers(probableEmbeddedUrl(config.DATA_DIR, config.EMBEDDED_PG_PORT))) {
    const serverUrl = await embeddedSuperuserUrl(config.DATA_DIR, config.EMBEDDED_PG_PORT);
    return embedded(await ensureDatabase(serverUrl, 'relay'), async () => undefined);
  }
  log(`DATABASE_URL is not set: starting the embedded PostgreSQL in ${resolve(config.DATA_DIR)}`);
  const server = await startEmbeddedPostgres(config.DATA_DIR, config.EMBEDDED_PG_PORT);
  return embedded(await ensureDatabase(server.url, 'relay'), () => server.stop());
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
