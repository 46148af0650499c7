import pg from 'pg';
import request from 'supertest';
import { createTestDatabase } from './test-database.js';
import { freePort, ServerProcess } from '../../scripts/server-process.js';

export const ADMIN = { email: 'admin@test.riding-relay.ca', password: 'admin-password-for-tests' };
export const PASSWORD = 'member-password-for-tests';
/** Every test server chains the audit trail with this key (a second node on one database must share it). */
export const AUDIT_KEY = 'test-audit-key-that-is-long-enough-0123456789';

export interface TestApp {
  /** supertest bound to the running server: real HTTP on a real port. */
  http: () => ReturnType<typeof request>;
  baseUrl: string;
  server: ServerProcess;
  /** Direct access to this test file's own database, as its owner. */
  db: pg.Pool;
  /** The restricted role's URL: the server's own DATABASE_URL. */
  appUrl: string;
  close(): Promise<void>;
}

/** Starts the server on a fresh database cloned from the migrated template. */
export async function startTestApp(env: Record<string, string> = {}, startTimeoutMs?: number): Promise<TestApp> {
  const database = await createTestDatabase();
  const server = new ServerProcess(await freePort(), {
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    // As in production: the server holds only the restricted role's credentials.
    DATABASE_URL: database.appUrl,
    AUDIT_KEY,
    JWT_SECRET: 'test-secret-that-is-long-enough-0123456789',
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    LOGIN_RATE_LIMIT: '1000',
    LOGIN_ADDRESS_RATE_LIMIT: '1000000',
    LOGIN_ACCOUNT_RATE_LIMIT: '1000',
    PASSWORD_HASH_QUEUE: '100000',
    USER_RATE_LIMIT: '1000000',
    DB_POOL_SIZE: '5',
    ...env,
  });
  try {
    await server.start(startTimeoutMs);
  } catch (error) {
    await database.drop();
    throw error;
  }
  const db = new pg.Pool({ connectionString: database.url, max: 2 });
  return {
    http: () => request(server.baseUrl),
    baseUrl: server.baseUrl,
    server,
    db,
    appUrl: database.appUrl,
    async close() {
      await db.end();
      await server.stop();
      await database.drop();
    },
  };
}
