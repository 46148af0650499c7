// File imports, not the @relay/platform index: tests import this, and Jest cannot load Nest's CommonJS packages.
import { ensureDatabase } from '../libs/platform/src/database/database-url.js';
import { migrateDatabase } from '../libs/platform/src/database/migrate.js';
import { MIGRATIONS } from '../migrations/index.js';
import { freePort, ServerProcess } from './server-process.js';

/**
 * The docker/compose.yaml topology without Docker: migrations run once, then `nodes` API
 * processes share one PostgreSQL and one Redis. Used by the scale-out tests and runnable
 * by hand:
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/relay REDIS_URL=redis://127.0.0.1:6379 \
 *   JWT_SECRET=$(openssl rand -base64 48) node dist/scripts/local-cluster.js 2
 */
export async function startCluster(options: {
  databaseUrl: string;
  redisUrl?: string;
  nodes: number;
  env?: Record<string, string>;
}): Promise<ServerProcess[]> {
  await migrateDatabase(options.databaseUrl, MIGRATIONS);
  const nodes: ServerProcess[] = [];
  for (let i = 0; i < options.nodes; i++) {
    nodes.push(
      new ServerProcess(await freePort(), {
        DATABASE_URL: options.databaseUrl,
        ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
        ...options.env,
      }),
    );
  }
  try {
    await Promise.all(nodes.map((node) => node.start()));
  } catch (error) {
    await Promise.all(nodes.map((node) => node.stop('SIGKILL'))); // leave nothing running
    throw error;
  }
  return nodes;
}

// Run directly: start the nodes, print their addresses, stop them all on Ctrl-C.
if (process.argv[1]?.endsWith('local-cluster.js')) {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl || !process.env.JWT_SECRET) {
    console.error('Set DATABASE_URL (and REDIS_URL for more than one node) and JWT_SECRET');
    process.exit(1);
  }
  const url = new URL(databaseUrl);
  await ensureDatabase(databaseUrl.replace(url.pathname, '/postgres'), url.pathname.slice(1));
  const nodes = await startCluster({
    databaseUrl,
    redisUrl: process.env.REDIS_URL,
    nodes: Number(process.argv[2] ?? 2),
    env: { JWT_SECRET: process.env.JWT_SECRET, LOG_LEVEL: process.env.LOG_LEVEL ?? 'info' },
  });
  for (const node of nodes) console.log(`node listening on ${node.baseUrl}/api/v1`);
  process.once('SIGINT', () => void Promise.all(nodes.map((node) => node.stop())).then(() => process.exit(0)));
}
