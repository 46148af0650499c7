import pg from 'pg';
import { migrateDatabase } from '../libs/platform/src/database/migrate.js';
import { MIGRATIONS } from '../migrations/index.js';
import { freePort, ServerProcess } from '../scripts/server-process.js';
import { ADMIN } from './support/test-app.js';
import { createTestDatabase } from './support/test-database.js';
import { redisAnswers } from './support/faults.js';
import { caseBody, type Member } from './support/world.js';
import { LiveClient } from './support/live-client.js';
import { as, worldOn } from './support/node-client.js';

// Run under `flock /tmp/scaleout.lock`: two nodes on the machine's Redis.
const REDIS = 'redis://127.0.0.1:6379';
const redisUp = await redisAnswers(6379);
if (!redisUp) console.warn('seat transitions on two nodes: no Redis at 127.0.0.1:6379, SKIPPED');
const withRedis = redisUp ? describe : describe.skip;

function disconnection(client: LiveClient, ms: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the socket was still connected after ${ms} ms`)), ms);
    client.socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}

withRedis('seat transitions with two nodes', () => {
  let database: { url: string; drop(): Promise<void> };
  let db: pg.Pool;
  const nodes: ServerProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new pg.Pool({ connectionString: database.url, max: 2 });
    const options = {
      databaseUrl: database.url,
      redisUrl: REDIS,
      nodes: 2,
      env: {
        NODE_ENV: 'test',
        LOG_LEVEL: 'silent',
        JWT_SECRET: 'test-secret-that-is-long-enough-0123456789',
        ADMIN_EMAIL: ADMIN.email,
        ADMIN_PASSWORD: ADMIN.password,
        LOGIN_RATE_LIMIT: '1000',
        // Counted in the shared Redis, so across runs: a run soon after another must not meet them.
        LOGIN_ADDRESS_RATE_LIMIT: '1000000',
        LOGIN_ACCOUNT_RATE_LIMIT: '1000',
        JOB_INTERVAL_SECONDS: '1',
      },
    };
    await migrateDatabase(database.url, MIGRATIONS);
    // One node after the other, each tried again when a loaded machine makes it miss its 30 s.
    for (let i = 0; i < options.nodes; i++) {
      for (let attempt = 1; ; attempt++) {
        const node = new ServerProcess(await freePort(), {
          DATABASE_URL: options.databaseUrl,
          REDIS_URL: options.redisUrl,
          ...options.env,
        });
        try {
          await node.start();
          nodes.push(node);
          break;
        } catch (error) {
          await node.stop('SIGKILL');
          if (attempt >= 4) throw error;
        }
      }
    }
  }, 300_000);
  afterAll(async () => {
    await Promise.all(nodes.map((node) => node.stop()));
    await db?.end();
    await database?.drop();
  });

  it('runs each transition once across the nodes, cutting the sockets on both', async () => {
    const [nodeA, nodeB] = nodes;
    const world = worldOn(nodeA);
    const admin = await world.admin();
    const from = await world.party();
    const to = await world.party();
    const offices = [await world.office(from.id), await world.office(from.id), await world.office(from.id)];
    const staff: Member[][] = [];
    for (const office of offices) {
      const team = [await world.member(office.id), await world.member(office.id, 'office_lead')];
      staff.push(team);
      await as(nodeA, team[0]).post('/cases', caseBody()).expect(201);
    }
    // Each member has a socket on each node.
    const sockets = await Promise.all(
      staff.flat().flatMap((m) => nodes.map((node) => LiveClient.connect(node.baseUrl, m.token))),
    );
    const cut = Promise.all(sockets.map((socket) => disconnection(socket, 30_000)));

    const effectiveAt = new Date(Date.now() + 2500).toISOString();
    for (const [i, office] of offices.entries()) {
      await as(i % 2 ? nodeB : nodeA, admin)
        .post(`/offices/${office.id}/transitions`, { effectiveAt, partyId: to.id })
        .expect(201);
    }
    await cut;
    const ids = offices.map((o) => o.id);
    const deadline = Date.now() + 20_000;
    for (;;) {
      const { rows } = await db.query(
        `SELECT count(*)::int AS n FROM office_transitions WHERE office_id = ANY($1) AND applied_at IS NOT NULL`,
        [ids],
      );
      if (rows[0].n === 3) break;
      if (Date.now() > deadline) throw new Error('not every transition was applied');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    // Let both nodes' timers tick a few more times: nothing may run twice.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const count = async (action: string) =>
      (
        await db.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = $1 AND office_id = ANY($2)`, [
          action,
          ids,
        ])
      ).rows[0].n as number;
    expect(await count('office.transition_applied')).toBe(3);
    expect(await count('user.deactivated')).toBe(6);
    expect(await count('case.transition_review')).toBe(3);
    expect(await count('channel.member_removed')).toBe(3);
    for (const m of staff.flat()) {
      for (const node of nodes) await as(node, m).get('/me').expect(401);
    }
    const { rows } = await db.query(
      `SELECT count(*)::int AS n FROM channel_members m JOIN channels c ON c.id = m.channel_id
       WHERE c.kind = 'party' AND c.party_id = $1 AND m.office_id = ANY($2)`,
      [to.id, ids],
    );
    expect(rows[0].n).toBe(3);
    for (const socket of sockets) socket.close();
  }, 90_000);
});
