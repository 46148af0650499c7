import { mkdtemp, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import request, { type Response } from 'supertest';
import { type RunningDatabase, startEmbeddedPostgres } from '../libs/platform/src/database/embedded-postgres.js';
import type { LiveEvent } from '../libs/platform/src/events/live-event.js';
import { startCluster } from '../scripts/local-cluster.js';
import { freePort, ServerProcess } from '../scripts/server-process.js';
import { connectionRefused, redisAnswers, RedisServer, redisServerInstalled } from './support/faults.js';
import { LiveClient } from './support/live-client.js';
import { API, as, BEARER, worldOn } from './support/node-client.js';
import { ADMIN } from './support/test-app.js';
import { createTestDatabase } from './support/test-database.js';
import { caseBody, type Member, type World } from './support/world.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const DAY = 24 * 3600_000;
const METRICS_TOKEN = 'metrics-scraper-token-for-tests-0123456789';
// What every node in this file runs with (the same secret on every node, as behind a load balancer).
const NODE_ENV = {
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  JWT_SECRET: 'test-secret-that-is-long-enough-0123456789',
  ADMIN_EMAIL: ADMIN.email,
  ADMIN_PASSWORD: ADMIN.password,
  LOGIN_RATE_LIMIT: '1000',
  LOGIN_ADDRESS_RATE_LIMIT: '1000000',
  LOGIN_ACCOUNT_RATE_LIMIT: '1000',
  PASSWORD_HASH_QUEUE: '100000',
  // Counted in the shared Redis now, per user across nodes and routes: out of these tests' way.
  USER_RATE_LIMIT: '1000000',
  DB_POOL_SIZE: '10',
};

// The machine's Redis (shared, never stopped here) for the two-node tests; a dedicated
// redis-server for the test that stops Redis.
const SHARED_REDIS = 'redis://127.0.0.1:6379';
const sharedRedisUp = await redisAnswers(6379);
const redisServerOnPath = redisServerInstalled();
if (!sharedRedisUp) {
  console.warn('scale-out: no Redis answers on 127.0.0.1:6379, so the two-node tests are SKIPPED');
}
if (!redisServerOnPath) {
  console.warn('scale-out: redis-server is not on PATH, so the Redis stop/start test is SKIPPED');
}
const withSharedRedis = sharedRedisUp ? describe : describe.skip;
const withRedisServer = redisServerOnPath ? describe : describe.skip;

// ---- every process this file starts is stopped at the end, whatever failed -------------

const startedNodes = new Set<ServerProcess>();
const originalStart = ServerProcess.prototype.start;
ServerProcess.prototype.start = function start(this: ServerProcess) {
  startedNodes.add(this);
  return originalStart.call(this);
};
const sockets: LiveClient[] = [];

afterEach(() => {
  for (const socket of sockets.splice(0)) socket.close();
});
afterAll(async () => {
  await Promise.all([...startedNodes].map((node) => node.stop('SIGKILL')));
  ServerProcess.prototype.start = originalStart;
});

/** A graceful stop, or a kill when a node does not stop within 10 s. */
async function stopNodes(nodes: (ServerProcess | undefined)[]): Promise<void> {
  await Promise.all(
    nodes.map(async (node) => {
      if (!node) return;
      const timer = setTimeout(() => void node.stop('SIGKILL'), 10_000);
      try {
        await node.stop('SIGTERM');
      } finally {
        clearTimeout(timer);
      }
    }),
  );
}

// ---- helpers ---------------------------------------------------------------------------

interface Offer {
  id: string;
  caseId: string;
  fromOfficeId: string;
  status: string;
  acceptedByOfficeId: string | null;
}
interface Problem {
  code?: string;
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const isoIn = (ms: number) => new Date(Date.now() + ms).toISOString();
const dataOf = (event: LiveEvent) => event.data as unknown as Record<string, unknown>;
const codeOf = (res: Response) => (res.body as Problem).code;

async function connect(node: ServerProcess, m: Member): Promise<LiveClient> {
  const client = new LiveClient(node.baseUrl, m.token);
  sockets.push(client);
  await client.connected();
  return client;
}

async function subscribed(node: ServerProcess, m: Member, channelId: string): Promise<LiveClient> {
  const client = await connect(node, m);
  expect(await client.send('subscribe', { channelId })).toMatchObject({ ok: true, missed: [] });
  return client;
}

async function sync(client: LiveClient, wanted: Record<string, number>): Promise<LiveEvent[]> {
  const ack = await client.send('sync', { streams: wanted });
  if (!ack.ok) throw new Error(`sync refused: ${JSON.stringify(ack.error)}`);
  expect(ack.hasMore).toBe(false);
  return ack.missed;
}

/** Resolves with the disconnect reason; fails if the socket is still up after `ms`. */
function disconnection(client: LiveClient, ms: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the socket was still connected after ${ms} ms`)), ms);
    client.socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}

/** Probes until `done` holds (or fails after `ms`, showing the last value). */
async function eventually<T>(what: string, probe: () => Promise<T>, done: (value: T) => boolean, ms: number) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms (last: ${JSON.stringify(value)})`);
    await settle(100);
  }
}

async function inBatches<T, R>(items: T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const done: R[] = [];
  for (let i = 0; i < items.length; i += size) done.push(...(await Promise.all(items.slice(i, i + size).map(work))));
  return done;
}

async function partyChannelOf(node: ServerProcess, m: Member): Promise<string> {
  const res = await as(node, m).get('/channels?limit=200').expect(200);
  const party = (res.body as { items: { id: string; kind: string }[] }).items.find((c) => c.kind === 'party');
  if (!party) throw new Error('the member has no party channel');
  return party.id;
}

async function postMessage(node: ServerProcess, m: Member, channelId: string, body: string): Promise<string> {
  const res = await as(node, m).post(`/channels/${channelId}/messages`, { body }).expect(201);
  return (res.body as { id: string }).id;
}

/** A file of `m`'s office with a share_with_offices consent granted yesterday. */
async function shareableCase(node: ServerProcess, m: Member, summary: string): Promise<string> {
  const kase = (await as(node, m).post('/cases', caseBody({ summary })).expect(201)).body as { id: string };
  await as(node, m)
    .post(`/cases/${kase.id}/consents`, {
      scope: 'share_with_offices',
      grantedAt: isoIn(-DAY),
      evidence: 'IMM 5476 on file',
    })
    .expect(201);
  return kase.id;
}

async function alive(node: ServerProcess): Promise<boolean> {
  return fetch(`${node.baseUrl}${API}/health`).then(
    (res) => res.ok,
    () => false,
  );
}

/** '' when every node answers; otherwise which died, with the end of its output. */
async function deaths(nodes: Record<string, ServerProcess>): Promise<string> {
  let said = '';
  for (const [name, node] of Object.entries(nodes)) {
    if (!(await alive(node))) said += `\n${name} died:\n${node.log.slice(-1500)}`;
  }
  return said;
}

async function readiness(node: ServerProcess): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await request(node.baseUrl).get(`${API}/health/ready`);
  return { status: res.status, body: res.body as Record<string, unknown> };
}

/** The message.posted events `client` received on a channel, in arrival order. */
function messagesOn(client: LiveClient, channelId: string): LiveEvent[] {
  return client.events.filter((e) => e.stream === `channel:${channelId}` && e.type === 'message.posted');
}

// ---- Prometheus text -------------------------------------------------------------------

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

function parseMetrics(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
      labels[key] = value;
    }
    samples.push({ name: match[1], labels, value: Number(match[3]) });
  }
  return samples;
}

/** The sum of the samples of `name` whose labels include `labels` (0 when there are none). */
function total(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  return samples
    .filter((s) => s.name === name && Object.entries(labels).every(([key, value]) => s.labels[key] === value))
    .reduce((sum, s) => sum + s.value, 0);
}

// ---- a request whose body is still arriving: surely in flight ---------------------------

function slowPost(port: number, path: string, token: string, payload: object) {
  const body = Buffer.from(JSON.stringify(payload));
  const half = Math.floor(body.length / 2);
  const req = httpRequest({
    host: '127.0.0.1',
    port,
    method: 'POST',
    path,
    agent: false,
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Content-Length': body.length },
  });
  const response = new Promise<{ status: number; contentType: string; text: string }>((resolve, reject) => {
    req.once('error', reject);
    req.once('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.once('error', reject);
      res.once('end', () =>
        resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type']), text }),
      );
    });
  });
  response.catch(() => undefined); // awaited by the test; never an unhandled rejection
  const connected = new Promise<void>((resolve) => req.once('socket', (socket) => socket.once('connect', resolve)));
  req.write(body.subarray(0, half));
  return { connected, response, finish: () => req.end(body.subarray(half)) };
}

// =========================================================================================

withSharedRedis('two nodes on one PostgreSQL and one Redis', () => {
  let database: { url: string; drop(): Promise<void> } | undefined;
  let db: pg.Pool;
  let nodeA: ServerProcess;
  let nodeB: ServerProcess;
  let world: World;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new pg.Pool({ connectionString: database.url, max: 2 });
    [nodeA, nodeB] = await startCluster({
      databaseUrl: database.url,
      redisUrl: SHARED_REDIS,
      nodes: 2,
      env: NODE_ENV,
    });
    world = worldOn(nodeA);
  }, 60_000);
  // Each test starts with both nodes up, whatever the one before did to them.
  beforeEach(async () => {
    for (const node of [nodeA, nodeB]) if (!(await alive(node))) await node.start();
  }, 60_000);
  afterAll(async () => {
    await stopNodes([nodeA, nodeB]);
    await db?.end();
    await database?.drop();
  });

  it('delivers an alert posted through node A to a socket on node B; presence asked on A lists a user connected to B', async () => {
    const party = await world.party();
    const [o1, o2] = [(await world.office(party.id)).id, (await world.office(party.id)).id];
    const [m1, m2] = await Promise.all([world.member(o1), world.member(o2)]);
    const channelId = await partyChannelOf(nodeA, m2);
    const onB = await subscribed(nodeB, m2, channelId);
    const onA = await connect(nodeA, m1);

    const alert = {
      title: 'Study permit caps change on Monday',
      body: 'IRCC lowers the provincial attestation caps.',
      severity: 'urgent',
      categories: ['immigration'],
      immigrationTypes: ['study_permit'],
      effectiveDate: '2026-12-01',
      sourceUrl: 'https://www.canada.ca/en/immigration-refugees-citizenship/news.html',
    };
    const posted = (await as(nodeA, m1).post(`/channels/${channelId}/alerts`, alert).expect(201)).body as {
      id: string;
    };
    const isAlert = (e: LiveEvent) => e.type === 'alert.posted' && dataOf(e).id === posted.id;
    await onB.waitFor((events) => events.some(isAlert));
    const seen = onB.events.filter(isAlert);
    expect(seen).toEqual([
      {
        stream: `channel:${channelId}`,
        seq: expect.any(Number),
        id: expect.stringMatching(UUID),
        type: 'alert.posted',
        at: expect.stringMatching(ISO),
        actor: { userId: m1.id, officeId: o1 },
        data: expect.objectContaining({
          id: posted.id,
          channelId,
          kind: 'alert',
          authorId: m1.id,
          officeId: o1,
          title: alert.title,
          body: alert.body,
          severity: 'urgent',
          categories: alert.categories,
          immigrationTypes: alert.immigrationTypes,
          effectiveDate: alert.effectiveDate,
          sourceUrl: alert.sourceUrl,
        }),
      },
    ]);
    // The envelope B relayed is the one written to the durable log.
    const { rows } = await db.query<{ seq: number; id: string }>(
      `SELECT seq::int AS seq, id FROM events WHERE stream = $1 AND type = 'alert.posted' AND data->>'id' = $2`,
      [`channel:${channelId}`, posted.id],
    );
    expect(rows).toEqual([{ seq: seen[0].seq, id: seen[0].id }]);

    // Presence asked on A knows about the socket on B (and the asker on A).
    const online = async () => {
      const ack = await onA.send('presence', { channelId });
      if (!ack.ok) throw new Error(`presence refused: ${JSON.stringify(ack.error)}${await deaths({ nodeA, nodeB })}`);
      return ack.online;
    };
    expect(await online()).toEqual(
      expect.arrayContaining([
        { userId: m2.id, officeId: o2, displayName: `Member ${m2.email}` },
        { userId: m1.id, officeId: o1, displayName: `Member ${m1.email}` },
      ]),
    );
    // Once the user leaves B, A no longer lists them.
    onB.close();
    const after = await eventually(
      'presence on A after the socket on B closed',
      async () => (await online()).map((user) => user.userId),
      (ids) => !ids.includes(m2.id),
      5000,
    );
    expect(after).toContain(m1.id);
  });

  it('counts a user with a tab on each node once, online until the last tab closes; deactivation through A closes a socket on B', async () => {
    const admin = await world.admin();
    const party = await world.party();
    const [o1, o2] = [(await world.office(party.id)).id, (await world.office(party.id)).id];
    const [m1, m2, leaver] = await Promise.all([world.member(o1), world.member(o2), world.member(o2)]);
    const channelId = await partyChannelOf(nodeA, m2);
    const watcher = await subscribed(nodeA, m2, channelId);
    const online = async () => {
      const ack = await watcher.send('presence', { channelId });
      if (!ack.ok) throw new Error(`presence refused: ${JSON.stringify(ack.error)}${await deaths({ nodeA, nodeB })}`);
      return ack.online.filter((user) => user.userId === m1.id);
    };
    const wentOffline = () =>
      watcher.events.filter((e) => e.type === 'presence.changed' && dataOf(e).userId === m1.id && !dataOf(e).online);

    // Two tabs of one user, one per node (as a load balancer may place them).
    const tabA = await connect(nodeA, m1);
    const tabB = await connect(nodeB, m1);
    expect(await online()).toEqual([{ userId: m1.id, officeId: o1, displayName: `Member ${m1.email}` }]);
    expect({ a: await alive(nodeA), b: await alive(nodeB) }).toEqual({ a: true, b: true });

    // Closing the tab on A leaves the user online through B.
    tabA.close();
    await settle(500);
    expect(wentOffline()).toEqual([]);
    expect(await online()).toHaveLength(1);
    // Closing the last tab takes them offline, announced once.
    tabB.close();
    await watcher.waitFor(() => wentOffline().length > 0, 5000);
    expect(await online()).toEqual([]);
    await settle(300);
    expect(wentOffline()).toHaveLength(1);

    // Deactivating a user through A disconnects their socket on B.
    const leaving = await connect(nodeB, leaver);
    const gone = disconnection(leaving, 5000);
    await as(nodeA, admin).patch(`/users/${leaver.id}`, { active: false }).expect(200);
    expect(await gone).toBe('io server disconnect');
  });

  it('ends a session and applies a role change on both nodes at once, even when the change is written straight into the database', async () => {
    const officeId = (await world.office(null)).id;
    const admin = await world.admin();
    const [member, lead, other] = [
      await world.member(officeId),
      await world.member(officeId, 'office_lead'),
      await world.member(officeId),
    ];
    const statusOn = async (node: ServerProcess, m: Member) => (await as(node, m).get('/me')).status;
    const cacheHits = async (node: ServerProcess) =>
      total(parseMetrics((await as(node, admin).get('/metrics').expect(200)).text), 'relay_session_lookups_total', {
        source: 'cache',
      });
    // Each node has seen both sessions twice: the second time from its cache.
    for (const node of [nodeA, nodeB]) {
      const before = await cacheHits(node);
      for (let round = 0; round < 2; round++) {
        expect([await statusOn(node, member), await statusOn(node, lead)]).toEqual([200, 200]);
      }
      expect((await cacheHits(node)) - before).toBeGreaterThanOrEqual(2);
    }
    /** How long after `since` the node first gives `status`; fails after a second. */
    const firstAnswer = async (status: number, ask: () => Promise<number>, since: number) => {
      while ((await ask()) !== status) {
        if (Date.now() - since > 1_000) throw new Error(`still not ${status} after a second`);
        await settle(20);
      }
      return Date.now() - since;
    };

    // Logged out through A: A refuses the token on the next request, B straight away.
    await as(nodeA, member).post('/auth/logout').expect(204);
    const loggedOut = Date.now();
    expect(await statusOn(nodeA, member)).toBe(401);
    expect(await firstAnswer(401, () => statusOn(nodeB, member), loggedOut)).toBeLessThan(250);

    // Demoted through A: on B the former lead can no longer manage the office.
    await as(nodeA, admin).patch(`/users/${lead.id}`, { role: 'assistant' }).expect(200);
    const since = Date.now();
    const manage = async () => (await as(nodeB, lead).patch(`/users/${other.id}`, { role: 'office_lead' })).status;
    expect(await firstAnswer(403, manage, since)).toBeLessThan(250);
    const { rows } = await db.query(`SELECT role FROM users WHERE id = $1`, [other.id]);
    expect(rows).toEqual([{ role: 'assistant' }]);

    // A revocation written by anything else (here SQL) reaches both nodes.
    await db.query(`UPDATE refresh_families SET revoked_at = now() WHERE user_id = $1`, [lead.id]);
    const revoked = Date.now();
    for (const node of [nodeA, nodeB]) {
      expect(await firstAnswer(401, () => statusOn(node, lead), revoked)).toBeLessThan(250);
    }
  });

  it('SIGKILL of node B during 200 concurrent accepts of 50 channel offers: no half-done transfer, the survivor completes the retries, the moved client syncs all it missed', async () => {
    const admin = await world.admin();
    const party = await world.party();
    const [from, t1, t2] = await Promise.all([
      world.office(party.id),
      world.office(party.id),
      world.office(party.id),
    ]).then((offices) => offices.map((office) => office.id));
    const [giver, taker1, taker2] = await Promise.all([world.member(from), world.member(t1), world.member(t2)]);
    const channelId = (
      (
        await as(nodeA, admin)
          .post('/channels', { name: `Takers ${Date.now()}`, kind: 'custom', memberOfficeIds: [from, t1, t2] })
          .expect(201)
      ).body as { id: string }
    ).id;

    // 50 files with consent, offered to the channel, set up through both nodes.
    const offers = await inBatches(range(0, 49), 10, async (i) => {
      const node = i % 2 === 0 ? nodeA : nodeB;
      const caseId = await shareableCase(node, giver, `Study permit file ${i}`);
      const res = await as(node, giver)
        .post('/handoffs', { caseId, channelId, note: `Complex study permit file ${i}` })
        .expect(201);
      return res.body as Offer;
    });

    // The giving office's client is on B; it knows its office stream up to `baseSeq`.
    const stream = `office:${from}`;
    const moved = await connect(nodeB, giver);
    const known = await sync(moved, { [stream]: 0 });
    const baseSeq = known.length > 0 ? known[known.length - 1].seq : 0;
    const gone = disconnection(moved, 20_000);

    // Each offer: both takers accept through A and through B, all 200 at once.
    type Attempt = { offer: Offer; office: string; node: 'A' | 'B'; status?: number; code?: string; network?: string };
    const takers = [
      { m: taker1, office: t1 },
      { m: taker2, office: t2 },
    ];
    let firstAnswerFromB!: () => void;
    const answeredByB = new Promise<void>((resolve) => (firstAnswerFromB = resolve));
    const attempt = (offer: Offer, taker: (typeof takers)[number], node: 'A' | 'B'): Promise<Attempt> => {
      const base = { offer, office: taker.office, node };
      return as(node === 'A' ? nodeA : nodeB, taker.m)
        .post(`/handoffs/${offer.id}/accept`)
        .then(
          (res) => ({ ...base, status: res.status, code: codeOf(res) }),
          (error: { code?: string; message?: string }) => ({ ...base, network: error.code ?? error.message }),
        )
        .finally(() => {
          if (node === 'B') firstAnswerFromB();
        });
    };
    const burst = Promise.all(
      offers.flatMap((offer, i) => {
        const [first, second] = i % 2 === 0 ? takers : [takers[1], takers[0]];
        return [
          attempt(offer, first, 'A'),
          attempt(offer, second, 'B'),
          attempt(offer, second, 'A'),
          attempt(offer, first, 'B'),
        ];
      }),
    );
    // B is killed once it has started answering (so some accepts are done on it and some are not).
    let latest: NodeJS.Timeout | undefined;
    await Promise.race([
      answeredByB.then(() => settle(20)),
      new Promise((resolve) => (latest = setTimeout(resolve, 3000))),
    ]);
    clearTimeout(latest);
    await nodeB.stop('SIGKILL');
    const attempts = await burst;

    const viaA = attempts.filter((a) => a.node === 'A');
    const viaB = attempts.filter((a) => a.node === 'B');
    expect(attempts).toHaveLength(200);
    // Every request to A got an answer: a win or the offer was already taken.
    for (const a of viaA) {
      expect({ status: a.status, code: a.code }).toEqual(
        a.status === 200 ? { status: 200, code: undefined } : { status: 409, code: 'handoff_not_open' },
      );
    }
    // Requests to B either were answered before the kill or failed at the network level.
    const lostOnB = viaB.filter((a) => a.network !== undefined);
    for (const a of viaB.filter((b) => b.network === undefined)) {
      expect({ status: a.status, code: a.code }).toEqual(
        a.status === 200 ? { status: 200, code: undefined } : { status: 409, code: 'handoff_not_open' },
      );
    }
    expect(lostOnB.length).toBeGreaterThan(0); // the kill landed while B had work in flight

    // Retry every offer through the survivor until it is taken.
    const retries: Attempt[] = [];
    for (const [i, offer] of offers.entries()) {
      for (let n = 0; ; n++) {
        const retry = await attempt(offer, takers[i % 2], 'A');
        retries.push(retry);
        if (retry.status === 200 || (retry.status === 409 && retry.code === 'handoff_not_open')) break;
        if (n >= 5) throw new Error(`offer ${offer.id} could not be settled: ${JSON.stringify(retry)}`);
        await settle(200);
      }
    }

    // Exactly one winner per offer; a winner that was told so is the office recorded.
    const { rows } = await db.query<{
      id: string;
      status: string;
      acceptedBy: string | null;
      handling: string;
      transfers: number;
      matchingTransfers: number;
      auditMoves: number;
      auditAccepts: number;
      acceptedEvents: number;
      outEvents: number;
      inEvents: number;
    }>(
      `SELECT h.id, h.status, h.accepted_by_office_id AS "acceptedBy", c.handling_office_id AS handling,
         (SELECT count(*)::int FROM case_transfers x WHERE x.case_id = h.case_id) AS transfers,
         (SELECT count(*)::int FROM case_transfers x WHERE x.via = 'handoff' AND x.via_id = h.id
            AND x.from_office_id = h.from_office_id AND x.to_office_id = h.accepted_by_office_id) AS "matchingTransfers",
         (SELECT count(*)::int FROM audit_events a WHERE a.action = 'case.transferred' AND a.case_id = h.case_id) AS "auditMoves",
         (SELECT count(*)::int FROM audit_events a WHERE a.action = 'handoff.accepted' AND a.target_id = h.id) AS "auditAccepts",
         (SELECT count(*)::int FROM events e WHERE e.stream = 'office:' || h.from_office_id
            AND e.type = 'handoff.accepted' AND e.data->>'id' = h.id::text) AS "acceptedEvents",
         (SELECT count(*)::int FROM events e WHERE e.stream = 'office:' || h.from_office_id
            AND e.type = 'case.transferred_out' AND e.data->>'caseId' = h.case_id::text) AS "outEvents",
         (SELECT count(*)::int FROM events e WHERE e.stream = 'office:' || h.accepted_by_office_id
            AND e.type = 'case.transferred_in' AND e.data->>'caseId' = h.case_id::text) AS "inEvents"
       FROM handoffs h JOIN cases c ON c.id = h.case_id
       WHERE h.id = ANY($1::uuid[]) ORDER BY h.id`,
      [offers.map((o) => o.id)],
    );
    expect(rows).toHaveLength(50);
    for (const row of rows) {
      expect([t1, t2]).toContain(row.acceptedBy);
      expect(row).toEqual({
        id: row.id,
        status: 'accepted',
        acceptedBy: row.acceptedBy,
        handling: row.acceptedBy,
        transfers: 1,
        matchingTransfers: 1,
        auditMoves: 1,
        auditAccepts: 1,
        acceptedEvents: 1,
        outEvents: 1,
        inEvents: 1,
      });
    }
    const winnerOf = new Map(rows.map((row) => [row.id, row.acceptedBy]));
    const wins = [...attempts, ...retries].filter((a) => a.status === 200);
    for (const offer of offers) {
      const told = wins.filter((a) => a.offer.id === offer.id);
      expect(told.length).toBeLessThanOrEqual(1);
      for (const win of told) expect(win.office).toBe(winnerOf.get(offer.id));
    }
    // Nothing half-done among every offer of the giving office either.
    const { rows: halfDone } = await db.query(
      `SELECT h.id FROM handoffs h JOIN cases c ON c.id = h.case_id
       WHERE h.from_office_id = $1 AND (h.status = 'accepted') <> (c.handling_office_id <> h.from_office_id)`,
      [from],
    );
    expect(halfDone).toEqual([]);
    expect((await as(nodeA, admin).get('/audit/verify').expect(200)).body).toMatchObject({
      ok: true,
      firstBadSeq: null,
    });

    // The client on B lost its node, reconnects to A and syncs from the last seq it saw.
    expect(['transport close', 'transport error']).toContain(await gone);
    const live = moved.events.filter((e) => e.stream === stream && e.seq > baseSeq);
    const liveSeqs = [...new Set(live.map((e) => e.seq))];
    expect(liveSeqs).toEqual(range(baseSeq + 1, baseSeq + liveSeqs.length)); // in order, no gap
    const lastSeq = liveSeqs.length > 0 ? liveSeqs[liveSeqs.length - 1] : baseSeq;
    const back = await connect(nodeA, giver);
    const missed = await sync(back, { [stream]: lastSeq });
    const { rows: logged } = await db.query<{ seq: number; id: string; type: string }>(
      'SELECT seq::int AS seq, id, type FROM events WHERE stream = $1 AND seq > $2 ORDER BY seq',
      [stream, lastSeq],
    );
    expect(logged.length).toBeGreaterThan(0);
    expect(missed.map((e) => ({ seq: e.seq, id: e.id, type: e.type }))).toEqual(logged);
    // Live before the kill plus the sync: every offer's acceptance exactly once.
    const acceptedSeen = [...live.filter((e) => liveSeqs.includes(e.seq)), ...missed]
      .filter((e) => e.type === 'handoff.accepted')
      .map((e) => dataOf(e).id as string);
    expect([...acceptedSeen].sort()).toEqual(offers.map((o) => o.id).sort());
  }, 90_000);
});

// =========================================================================================

describe('one node: metrics, readiness and a graceful stop', () => {
  let database: { url: string; drop(): Promise<void> } | undefined;
  let db: pg.Pool;
  let node: ServerProcess;
  let world: World;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = new pg.Pool({ connectionString: database.url, max: 2 });
    [node] = await startCluster({
      databaseUrl: database.url,
      redisUrl: sharedRedisUp ? SHARED_REDIS : undefined,
      nodes: 1,
      env: { ...NODE_ENV, METRICS_TOKEN, JOB_INTERVAL_SECONDS: '1', SHUTDOWN_TIMEOUT_SECONDS: '20' },
    });
    world = worldOn(node);
  }, 60_000);
  afterAll(async () => {
    await stopNodes([node]);
    await db?.end();
    await database?.drop();
  });

  it('shows in /metrics the requests, sockets, events, jobs and pool it served, to an admin or the scraper token only; readiness is up', async () => {
    const admin = await world.admin();
    const party = await world.party();
    const office = (await world.office(party.id)).id;
    const m = await world.member(office);
    const scrape = async (token: string) => {
      const res = await request(node.baseUrl).get(`${API}/metrics`).auth(token, BEARER).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      return parseMetrics(res.text);
    };
    const cases = (samples: Sample[], method: string, status: string) =>
      total(samples, 'relay_http_request_duration_seconds_count', { method, route: '/api/v1/cases', status });

    // HTTP: counted per route pattern, method and status.
    const before = await scrape(admin.token);
    const created: string[] = [];
    for (let i = 0; i < 3; i++) {
      created.push(((await as(node, m).post('/cases', caseBody()).expect(201)).body as { id: string }).id);
    }
    for (let i = 0; i < 2; i++) await as(node, m).get('/cases').expect(200);
    await as(node, m).post('/cases', { category: 'not-a-category' }).expect(400);
    await as(node, m).get(`/cases/${created[0]}`).expect(200);
    const after = await scrape(METRICS_TOKEN);
    expect({
      created: cases(after, 'POST', '201') - cases(before, 'POST', '201'),
      listed: cases(after, 'GET', '200') - cases(before, 'GET', '200'),
      refused: cases(after, 'POST', '400') - cases(before, 'POST', '400'),
    }).toEqual({ created: 3, listed: 2, refused: 1 });
    expect(
      total(after, 'relay_http_request_duration_seconds_count', { route: '/api/v1/cases/:id', method: 'GET' }),
    ).toBeGreaterThanOrEqual(1);
    // Route labels are patterns: no id ever becomes a label value.
    const routes = after.filter((s) => s.labels.route !== undefined).map((s) => s.labels.route);
    expect(routes.filter((route) => /[0-9a-f]{8}-[0-9a-f]{4}-/.test(route))).toEqual([]);
    expect(total(after, 'relay_db_pool_connections', { state: 'total' })).toBeGreaterThanOrEqual(1);

    // Sockets: 0, then 1 while one is open, then 0 again.
    expect(total(after, 'relay_sockets_connected')).toBe(0);
    const socket = await connect(node, m);
    await eventually(
      'relay_sockets_connected with one socket open',
      async () => total(await scrape(METRICS_TOKEN), 'relay_sockets_connected'),
      (value) => value === 1,
      3000,
    );

    // Events: each message posted is published (and its commit-to-emit delay observed).
    const channelId = await partyChannelOf(node, m);
    const published = (s: Sample[]) => total(s, 'relay_events_published_total', { type: 'message.posted' });
    const delays = (s: Sample[]) => total(s, 'relay_event_commit_to_emit_seconds_count');
    const beforeMessages = await scrape(METRICS_TOKEN);
    for (let i = 0; i < 4; i++) await postMessage(node, m, channelId, `Metrics message ${i}`);
    const afterMessages = await eventually(
      'relay_events_published_total{type="message.posted"} after 4 messages',
      () => scrape(METRICS_TOKEN),
      (s) => published(s) - published(beforeMessages) >= 4,
      3000,
    );
    expect(delays(afterMessages) - delays(beforeMessages)).toBeGreaterThanOrEqual(4);

    socket.close();
    await eventually(
      'relay_sockets_connected after the socket closed',
      async () => total(await scrape(METRICS_TOKEN), 'relay_sockets_connected'),
      (value) => value === 0,
      3000,
    );

    // Jobs run every second here.
    const jobs = await eventually(
      'relay_job_runs_total',
      async () => (await scrape(METRICS_TOKEN)).filter((s) => s.name === 'relay_job_runs_total'),
      (samples) => samples.some((s) => s.value > 0),
      5000,
    );
    for (const sample of jobs) {
      expect(sample.labels).toEqual({ job: expect.any(String), outcome: expect.any(String) });
      expect(['done', 'skipped', 'failed']).toContain(sample.labels.outcome);
    }

    // Nobody else reads metrics.
    const refused = async (auth: string | undefined) => {
      const req = request(node.baseUrl).get(`${API}/metrics`);
      const res = await (auth === undefined ? req : req.auth(auth, BEARER));
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      return { status: res.status, code: codeOf(res) };
    };
    expect(await refused(undefined)).toEqual({ status: 401, code: 'unauthenticated' });
    expect(await refused('not-the-metrics-token-0123456789')).toEqual({ status: 401, code: 'unauthenticated' });
    expect(await refused(m.token)).toEqual({ status: 403, code: 'forbidden' });

    // Readiness: the database (and Redis, when configured) are up, the node is not draining.
    const ready = await readiness(node);
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({
      status: 'ok',
      info: {
        database: { status: 'up' },
        node: { status: 'up' },
        ...(sharedRedisUp ? { redis: { status: 'up' } } : {}),
      },
    });
  });

  it('SIGTERM drains: requests in flight complete, sockets are told to go, new connections are refused, exit 0', async () => {
    const party = await world.party();
    const office = (await world.office(party.id)).id;
    const m = await world.member(office);
    const channelId = await partyChannelOf(node, m);
    const socket = await connect(node, m);
    const gone = disconnection(socket, 15_000);

    // Two requests whose bodies are still arriving when the signal comes.
    const upload = slowPost(node.port, `${API}/cases`, m.token, caseBody({ summary: 'Uploaded while draining' }));
    const message = slowPost(node.port, `${API}/channels/${channelId}/messages`, m.token, {
      body: 'Sent while draining',
    });
    await Promise.all([upload.connected, message.connected]);
    await settle(300); // the server has their headers: they are in flight

    const signalledAt = Date.now();
    const exited = node.stop('SIGTERM');
    // Sockets are closed so their clients reconnect (elsewhere): a transport close, not a
    // server disconnect that would stop the client from reconnecting.
    expect(await gone).toBe('transport close');
    // No new connections.
    await eventually(
      'a new connection refused',
      () => connectionRefused(node.port),
      (refused) => refused,
      5000,
    );

    upload.finish();
    message.finish();
    const [created, posted] = await Promise.all([upload.response, message.response]);
    expect({ status: created.status, type: created.contentType }).toEqual({
      status: 201,
      type: expect.stringMatching(/^application\/json/),
    });
    const kase = JSON.parse(created.text) as { id: string; summary: string; handlingOfficeId: string };
    expect(kase).toMatchObject({
      id: expect.stringMatching(UUID),
      summary: 'Uploaded while draining',
      handlingOfficeId: office,
    });
    expect(posted.status).toBe(201);
    const post = JSON.parse(posted.text) as { id: string; body: string };
    expect(post).toMatchObject({ id: expect.stringMatching(UUID), body: 'Sent while draining' });

    expect(await exited).toBe(0);
    expect(Date.now() - signalledAt).toBeLessThan(10_000); // drained by itself, not by the 20 s timeout
    // What was answered 201 is durable.
    const found = await db.query<{ n: number }>(
      `SELECT (SELECT count(*)::int FROM cases WHERE id = $1) + (SELECT count(*)::int FROM channel_posts WHERE id = $2) AS n`,
      [kase.id, post.id],
    );
    expect(found.rows[0].n).toBe(2);
  }, 45_000);
});

// =========================================================================================

describe('PostgreSQL restarted under a running node (a dedicated embedded cluster)', () => {
  let dataDir: string | undefined;
  let port: number;
  let postgres: RunningDatabase | undefined;
  let node: ServerProcess;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'relay-pg-restart-'));
    port = await freePort();
    postgres = await startEmbeddedPostgres(dataDir, port);
    [node] = await startCluster({ databaseUrl: postgres.url, nodes: 1, env: NODE_ENV });
  }, 90_000);
  afterAll(async () => {
    await stopNodes([node]);
    await postgres?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('answers 503 service_unavailable problem+json while PostgreSQL is down, stays up, and recovers by itself with every row kept', async () => {
    const world = worldOn(node);
    const party = await world.party();
    const office = (await world.office(party.id)).id;
    const m = await world.member(office);
    const before = await Promise.all(
      range(1, 8).map(
        async (i) =>
          (
            (
              await as(node, m)
                .post('/cases', caseBody({ summary: `Filed before the restart #${i}` }))
                .expect(201)
            ).body as { id: string }
          ).id,
      ),
    );
    await as(node, m).post(`/cases/${before[0]}/notes`, { body: 'Called IRCC' }).expect(201);

    await postgres!.stop();
    postgres = undefined;

    // Traffic while the database is away: reads, writes, sign-ins.
    const outage: { request: string; status: number; code?: string; type: string }[] = [];
    const until = Date.now() + 2000;
    while (Date.now() < until) {
      const answers = await Promise.all([
        as(node, m).get('/cases'),
        as(node, m).get(`/cases/${before[1]}`),
        as(node, m).post('/cases', caseBody({ summary: 'Filed during the outage' })),
        as(node, m).post(`/cases/${before[0]}/notes`, { body: 'Written during the outage' }),
        as(node, m).get('/me'),
        request(node.baseUrl).post(`${API}/auth/login`).send({ email: m.email, password: 'member-password-for-tests' }),
      ]);
      const names = [
        'GET /cases',
        'GET /cases/:id',
        'POST /cases',
        'POST /cases/:id/notes',
        'GET /me',
        'POST /auth/login',
      ];
      answers.forEach((res, i) =>
        outage.push({
          request: names[i],
          status: res.status,
          code: codeOf(res),
          type: String(res.headers['content-type']),
        }),
      );
      await settle(100);
    }
    expect(outage.length).toBeGreaterThanOrEqual(6);
    for (const answer of outage) {
      expect(answer).toEqual({
        request: answer.request,
        status: 503,
        code: 'service_unavailable',
        type: expect.stringMatching(/^application\/problem\+json/),
      });
    }
    // The node itself stays up; it is just not ready.
    await request(node.baseUrl).get(`${API}/health`).expect(200);
    expect(await readiness(node)).toMatchObject({ status: 503, body: { code: 'service_unavailable' } });

    // PostgreSQL comes back on the same data and port: the node recovers by itself.
    postgres = await startEmbeddedPostgres(dataDir!, port);
    await eventually(
      'GET /cases answering again after the restart',
      async () => (await as(node, m).get('/cases?limit=200')).status,
      (status) => status === 200,
      15_000,
    );
    const listed = (await as(node, m).get('/cases?limit=200').expect(200)).body as { items: { id: string }[] };
    // Every file written before is there, and nothing answered 503 was half-written.
    expect(listed.items.map((c) => c.id).sort()).toEqual([...before].sort());
    const notes = (await as(node, m).get(`/cases/${before[0]}/notes`).expect(200)).body as {
      items: { body: string }[];
    };
    expect(notes.items.map((n) => n.body)).toEqual(['Called IRCC']);
    expect((await readiness(node)).status).toBe(200);
    await as(node, m)
      .post('/cases', caseBody({ summary: 'Filed after the restart' }))
      .expect(201);
  }, 60_000);
});

// =========================================================================================

withRedisServer('Redis stopped and started under two nodes (a dedicated redis-server)', () => {
  let redis: RedisServer | undefined;
  let database: { url: string; drop(): Promise<void> } | undefined;
  let nodeA: ServerProcess;
  let nodeB: ServerProcess;

  beforeAll(async () => {
    redis = new RedisServer(await freePort());
    await redis.start();
    database = await createTestDatabase();
    [nodeA, nodeB] = await startCluster({ databaseUrl: database.url, redisUrl: redis.url, nodes: 2, env: NODE_ENV });
  }, 60_000);
  afterAll(async () => {
    await stopNodes([nodeA, nodeB]);
    await redis?.kill();
    await database?.drop();
  });

  it('keeps local delivery while Redis is down, and a client on the other node gets every event by sync once it is back', async () => {
    const world = worldOn(nodeA);
    const party = await world.party();
    const [o1, o2] = [(await world.office(party.id)).id, (await world.office(party.id)).id];
    const [writer, readerA, readerB] = await Promise.all([world.member(o1), world.member(o1), world.member(o2)]);
    const channelId = await partyChannelOf(nodeA, writer);
    const onA = await subscribed(nodeA, readerA, channelId);
    const onB = await subscribed(nodeB, readerB, channelId);
    const ids = (client: LiveClient) => messagesOn(client, channelId).map((e) => dataOf(e).id as string);

    // With Redis up, a message through A reaches both nodes' sockets.
    const firstId = await postMessage(nodeA, writer, channelId, 'Before Redis stops');
    await onA.waitFor(() => ids(onA).includes(firstId));
    await onB.waitFor(() => ids(onB).includes(firstId));
    const lastSeqB = Math.max(...messagesOn(onB, channelId).map((e) => e.seq));

    await redis!.kill();
    await eventually(
      "node A's readiness with Redis down",
      () => readiness(nodeA),
      (ready) => ready.status === 503,
      10_000,
    );

    // Posting still works, and A's own sockets still hear it live, in order.
    const during: string[] = [];
    for (let i = 1; i <= 10; i++) during.push(await postMessage(nodeA, writer, channelId, `While Redis is down #${i}`));
    await onA.waitFor(() => during.every((id) => ids(onA).includes(id)));
    const onAStream = messagesOn(onA, channelId).filter((e) => during.includes(dataOf(e).id as string));
    expect(onAStream.map((e) => dataOf(e).id)).toEqual(during);
    expect(onAStream.map((e) => e.seq)).toEqual(range(lastSeqB + 1, lastSeqB + 10));

    // Redis comes back on the same port; B becomes ready again.
    await redis!.start();
    await eventually(
      "node B's readiness with Redis back",
      async () => (await readiness(nodeB)).status,
      (status) => status === 200,
      15_000,
    );
    // B's client catches up from the last seq it saw: all 10, in order, once.
    const missed = await sync(onB, { [`channel:${channelId}`]: lastSeqB });
    expect(missed.map((e) => ({ seq: e.seq, type: e.type, id: dataOf(e).id }))).toEqual(
      during.map((id, i) => ({ seq: lastSeqB + 1 + i, type: 'message.posted', id })),
    );

    // And live relaying between the nodes resumes.
    const afterId = await postMessage(nodeA, writer, channelId, 'After Redis is back');
    await onB.waitFor(() => ids(onB).includes(afterId), 10_000);
  }, 60_000);

  it('a channel removal told while Redis was down reaches the other node once Redis is back (issue 11, point 8)', async () => {
    const world = worldOn(nodeA);
    const party = await world.party();
    const [o1, o2] = [(await world.office(party.id)).id, (await world.office(party.id)).id];
    const [lead, readerB] = await Promise.all([world.member(o1, 'office_lead'), world.member(o2)]);
    const channel = await as(nodeA, lead)
      .post('/channels', { name: `Custom ${Date.now()}`, kind: 'custom', memberOfficeIds: [o1, o2] })
      .expect(201);
    const channelId = (channel.body as { id: string }).id;
    const onB = await subscribed(nodeB, readerB, channelId);
    const ids = (client: LiveClient) => messagesOn(client, channelId).map((e) => dataOf(e).id as string);
    const firstId = await postMessage(nodeA, lead, channelId, 'Before Redis stops');
    await onB.waitFor(() => ids(onB).includes(firstId));

    await redis!.kill();
    await eventually(
      'node B without Redis',
      () => readiness(nodeB),
      (ready) => ready.status === 503,
      10_000,
    );
    // Node A removes office 2; its notice to node B is lost with Redis.
    await request(nodeA.baseUrl)
      .delete(`${API}/channels/${channelId}/members/${o2}`)
      .auth(lead.token, BEARER)
      .expect(204);
    await redis!.start();
    await eventually(
      'node B with Redis back',
      async () => (await readiness(nodeB)).status,
      (s) => s === 200,
      15_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 1000)); // the re-check on reconnect (not the 30 s timer)

    const afterId = await postMessage(nodeA, lead, channelId, 'After the removal');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(ids(onB)).not.toContain(afterId);
    expect(onB.socket.connected).toBe(true);
  }, 60_000);
});
