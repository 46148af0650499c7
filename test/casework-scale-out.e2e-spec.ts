import pg from 'pg';
import request from 'supertest';
import { startCluster } from '../scripts/local-cluster.js';
import type { ServerProcess } from '../scripts/server-process.js';
import { redisAnswers } from './support/faults.js';
import { LiveClient } from './support/live-client.js';
import { ADMIN, type TestApp } from './support/test-app.js';
import { createTestDatabase } from './support/test-database.js';
import { caseBody, World, type Member } from './support/world.js';

/**
 * Two nodes on one database, each running the reminder jobs every second: a follow-up that
 * falls due and an IRCC enquiry past its reply time are each announced once, not once per
 * node. With Redis, a socket on either node receives the event (once).
 * Run it alone: flock /tmp/scaleout.lock npm test -- test/casework-scale-out
 */
const API = '/api/v1';
const BEARER = { type: 'bearer' } as const;
const HOUR = 3_600_000;
const isoIn = (ms: number) => new Date(Date.now() + ms).toISOString();
const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const redisUp = await redisAnswers(6379);

describe("the assistant's day on two nodes", () => {
  let database: { url: string; drop(): Promise<void> };
  let db: pg.Pool;
  let nodes: ServerProcess[];
  let world: World;
  const sockets: LiveClient[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new pg.Pool({ connectionString: database.url, max: 2 });
    nodes = await startCluster({
      databaseUrl: database.url,
      redisUrl: redisUp ? 'redis://127.0.0.1:6379' : undefined,
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
        DB_POOL_SIZE: '5',
        JOB_INTERVAL_SECONDS: '1',
      },
    });
    world = new World({ http: () => request(nodes[0].baseUrl) } as TestApp);
  }, 60_000);
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await Promise.all((nodes ?? []).map((node) => node.stop('SIGTERM')));
    await db?.end();
    await database?.drop();
  });

  const on = (node: ServerProcess, m: Member) => ({
    post: (path: string, body: object) => request(node.baseUrl).post(`${API}${path}`).auth(m.token, BEARER).send(body),
  });

  async function socketsOnBothNodes(m: Member): Promise<LiveClient[]> {
    const clients = await Promise.all(nodes.map((node) => LiveClient.connect(node.baseUrl, m.token)));
    sockets.push(...clients);
    return clients;
  }

  /** How many times each event of `type` about `id` was written to the durable log, per stream. */
  async function logged(type: string, key: string, id: string): Promise<Record<string, number>> {
    const { rows } = await db.query<{ stream: string; n: number }>(
      `SELECT stream, count(*)::int AS n FROM events WHERE type = $1 AND data->>$2 = $3 GROUP BY stream`,
      [type, key, id],
    );
    return Object.fromEntries(rows.map((row) => [row.stream, row.n]));
  }

  it('raises follow_up.due once across the nodes, to the assignee and the office', async () => {
    const officeId = (await world.office((await world.party()).id)).id;
    const [a, b] = [await world.member(officeId), await world.member(officeId)];
    const clients = await socketsOnBothNodes(b);
    const kase = (await on(nodes[0], a).post('/cases', caseBody()).expect(201)).body;
    // Several due at once, written through both nodes.
    const followUps = [];
    for (const [i, node] of [nodes[0], nodes[1], nodes[0], nodes[1]].entries()) {
      const res = await on(node, a)
        .post(`/cases/${kase.id}/follow-ups`, { dueAt: isoIn(1500 + i * 100), note: 'Call back', assigneeId: b.id })
        .expect(201);
      followUps.push(res.body.id as string);
    }
    await settle(5000); // five runs of each node's job
    for (const id of followUps) {
      expect(await logged('follow_up.due', 'followUpId', id)).toEqual({
        [`office:${officeId}`]: 1,
        [`user:${b.id}`]: 1,
      });
    }
    if (redisUp) {
      for (const client of clients) {
        const due = client.ofType('follow_up.due');
        expect(due).toHaveLength(followUps.length * 2);
        expect(new Set(due.map((e) => `${e.stream}/${e.seq}`)).size).toBe(due.length);
      }
    }
  });

  it('raises ircc.reply_overdue once across the nodes', async () => {
    const officeId = (await world.office((await world.party()).id)).id;
    const a = await world.member(officeId);
    const clients = await socketsOnBothNodes(a);
    const enquiries = [];
    for (const node of nodes) {
      const kase = (await on(node, a).post('/cases', caseBody()).expect(201)).body;
      const res = await on(node, a)
        .post(`/cases/${kase.id}/interactions`, {
          kind: 'ircc_enquiry',
          direction: 'outbound',
          occurredAt: isoIn(-2 * HOUR),
          replyDueAt: isoIn(1000),
          summary: 'Asked MCMPS about the file',
        })
        .expect(201);
      enquiries.push(res.body.id as string);
    }
    await settle(5000);
    for (const id of enquiries) {
      expect(await logged('ircc.reply_overdue', 'interactionId', id)).toEqual({ [`office:${officeId}`]: 1 });
    }
    if (redisUp) {
      for (const client of clients) expect(client.ofType('ircc.reply_overdue')).toHaveLength(enquiries.length);
    }
  });
});
