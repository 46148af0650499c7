import { execFileSync } from 'node:child_process';
import pg from 'pg';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request, { type Response } from 'supertest';
import { type RunningDatabase, startEmbeddedPostgres } from '../libs/platform/src/database/embedded-postgres.js';
import { startCluster } from '../scripts/local-cluster.js';
import { freePort, type ServerProcess } from '../scripts/server-process.js';
import { ADMIN, type TestApp } from './support/test-app.js';
import { World } from './support/world.js';

// PostgreSQL killed with SIGKILL while 20 writers post to a channel: every request caught
// mid-transaction answers 503 (never 500), nothing acknowledged is lost, and the node
// recovers by itself once PostgreSQL is back.

const API = '/api/v1';
const WRITERS = 20;

let dataDir: string;
let port: number;
let postgres: RunningDatabase | undefined;
let node: ServerProcess;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'relay-pg-crash-'));
  port = await freePort();
  postgres = await startEmbeddedPostgres(dataDir, port);
  [node] = await startCluster({
    databaseUrl: postgres.url,
    nodes: 1,
    env: {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      JWT_SECRET: 'test-secret-that-is-long-enough-0123456789',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      LOGIN_RATE_LIMIT: '1000',
      USER_RATE_LIMIT: '1000000',
    },
  });
}, 90_000);

afterAll(async () => {
  await node?.stop('SIGKILL');
  await postgres?.stop().catch(() => undefined);
  await rm(dataDir, { recursive: true, force: true });
});

/** SIGKILL the postmaster and every backend, as a crashed machine would leave them. */
function killPostgres(): void {
  const pid = Number(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
  try {
    execFileSync('pkill', ['-KILL', '-P', String(pid)]);
  } catch {
    // no children left
  }
  process.kill(pid, 'SIGKILL');
}

const settle = (ms: number) => new Promise((done) => setTimeout(done, ms));

it('answers 503 with Retry-After, never 500, to writers caught by a PostgreSQL crash, and loses nothing acknowledged', async () => {
  const world = new World({ http: () => request(node.baseUrl) } as TestApp);
  const party = await world.party();
  const office = await world.office(party.id);
  const writer = await world.member(office.id);
  const channels = (await request(node.baseUrl).get(`${API}/channels`).auth(writer.token, { type: 'bearer' })).body as {
    items: { id: string; kind: string }[];
  };
  const channelId = channels.items.find((c) => c.kind === 'party')!.id;

  const acknowledged: string[] = [];
  const failures: { status: number; code?: string; retryAfter?: string; type: string }[] = [];
  let crashed = false;
  const post = async (label: string): Promise<Response> =>
    request(node.baseUrl)
      .post(`${API}/channels/${channelId}/messages`)
      .auth(writer.token, { type: 'bearer' })
      .send({ body: label });

  // 20 writers post in a loop; PostgreSQL is killed under them, then started again.
  let sent = 0;
  const stopAt = Date.now() + 8_000;
  const loops = Array.from({ length: WRITERS }, async () => {
    while (Date.now() < stopAt) {
      const res = await post(`Message ${++sent}`);
      if (res.status === 201) acknowledged.push((res.body as { id: string }).id);
      else {
        failures.push({
          status: res.status,
          code: (res.body as { code?: string }).code,
          retryAfter: res.headers['retry-after'] as string | undefined,
          type: String(res.headers['content-type']),
        });
      }
      if (crashed && res.status === 503) await settle(100);
    }
  });
  await settle(1_500);
  killPostgres();
  crashed = true;
  postgres = undefined;
  await settle(2_000);
  postgres = await startEmbeddedPostgres(dataDir, port);
  await Promise.all(loops);

  // Some requests were caught by the crash, and every one of them said so the same way.
  expect(failures.length).toBeGreaterThan(0);
  const unexpected = failures.filter(
    (f) =>
      f.status !== 503 ||
      f.code !== 'service_unavailable' ||
      !/^\d+$/.test(f.retryAfter ?? '') ||
      !f.type.startsWith('application/problem+json'),
  );
  expect(unexpected).toEqual([]);
  // Writes succeeded again after the restart, without restarting the node.
  const after = await post('After the crash');
  expect(after.status).toBe(201);
  acknowledged.push((after.body as { id: string }).id);

  // Every acknowledged message is in the feed, once.
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const page = (
      await request(node.baseUrl)
        .get(`${API}/channels/${channelId}/feed?limit=200${cursor ? `&after=${cursor}` : ''}`)
        .auth(writer.token, { type: 'bearer' })
        .expect(200)
    ).body as { items: { id: string }[]; nextCursor: string | null };
    seen.push(...page.items.map((p) => p.id));
    cursor = page.nextCursor;
  } while (cursor);
  expect(new Set(seen).size).toBe(seen.length);
  expect(acknowledged.filter((id) => !seen.includes(id))).toEqual([]);

  // The channel's live log is gapless, and holds exactly the posts the feed holds.
  const db = new pg.Client({ connectionString: postgres!.url });
  await db.connect();
  try {
    const { rows } = await db.query<{ seq: string; id: string }>(
      `SELECT seq, data->>'id' AS id FROM events WHERE stream = $1 AND type = 'message.posted' ORDER BY seq`,
      [`channel:${channelId}`],
    );
    const seqs = rows.map((r) => Number(r.seq));
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0] + i));
    expect(rows.map((r) => r.id).sort()).toEqual([...seen].sort());
  } finally {
    await db.end();
  }
}, 90_000);
