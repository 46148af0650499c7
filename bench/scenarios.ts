import { execFile, fork } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { startCluster } from '../scripts/local-cluster.js';
import { freePort } from '../scripts/server-process.js';
import { buildParty, ClientFleet, progress, startRelay } from './harness.js';
import type { HttpJob, HttpOutcome } from './http-worker.js';
import { cpuMs, now, percentile } from './machine.js';

const round = (value: number) => Math.round(value * 10) / 10;

function httpLoad(jobs: HttpJob[][], concurrency: number): Promise<{ results: HttpOutcome[][]; elapsedMs: number }> {
  const worker = fork(resolve('dist/bench/http-worker.js'));
  return new Promise((done) => {
    worker.once('message', done);
    worker.send({ jobs, concurrency });
  });
}

/** Messages posted by 50 concurrent clients to one channel watched by 50 sockets. */
export async function writePath(databaseUrl: string, messages: number, env: Record<string, string> = {}) {
  progress(`write path: ${messages} messages from 50 concurrent clients, 50 watching sockets`);
  const server = await startRelay(databaseUrl, env);
  const { members, channelId } = await buildParty(server.baseUrl, 10, 5);
  const fleet = new ClientFleet(2);
  await fleet.connect({ url: `${server.baseUrl}/live`, tokens: members.map((m) => m.token!), channelId });
  const jobs = Array.from({ length: messages }, (_, i) => [
    {
      method: 'POST',
      url: `${server.baseUrl}/api/v1/channels/${channelId}/messages`,
      token: members[i % members.length].token!,
      body: { body: `bench-${i}` },
    },
  ]);
  const { results, elapsedMs } = await httpLoad(jobs, 50);
  await new Promise((done) => setTimeout(done, 2000));
  const receipts = await fleet.collect();
  fleet.close();
  await server.stop();
  // Every watching socket got every message, and its seqs form one run with no gap.
  const bySocket = new Map<number, number[]>();
  for (const receipt of receipts) bySocket.set(receipt.socket, [...(bySocket.get(receipt.socket) ?? []), receipt.seq]);
  const gapless = [...bySocket.values()].every((seqs) => {
    const sorted = [...new Set(seqs)].sort((a, b) => a - b);
    return sorted.length === messages && sorted[sorted.length - 1] - sorted[0] === messages - 1;
  });
  const latencies = results
    .flat()
    .map((r) => r.ms)
    .sort((a, b) => a - b);
  return {
    messages,
    messagesPerSecond: Math.round((messages / elapsedMs) * 1000),
    p50Ms: round(percentile(latencies, 50)),
    p99Ms: round(percentile(latencies, 99)),
    errors: results.flat().filter((r) => r.status !== 201).length,
    watchers: bySocket.size,
    gapless: gapless && bySocket.size === 50 ? 1 : 0,
  };
}

/** The same writes as bare PostgreSQL transactions (a post row and its event), 50 at a time. */
export async function writePathBaseline(databaseUrl: string, messages: number) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 50 });
  await pool.query(`DROP TABLE IF EXISTS bench_posts, bench_events, bench_streams;
    CREATE TABLE bench_posts (id bigserial PRIMARY KEY, body text NOT NULL);
    CREATE TABLE bench_streams (stream text PRIMARY KEY, last_seq bigint NOT NULL);
    CREATE TABLE bench_events (stream text, seq bigint, data jsonb, PRIMARY KEY (stream, seq));`);
  const latencies: number[] = [];
  let next = 0;
  const started = now();
  const lane = async () => {
    for (let i = next++; i < messages; i = next++) {
      const t0 = now();
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(`INSERT INTO bench_posts (body) VALUES ($1)`, [`bench-${i}`]);
        await client.query(
          `WITH n AS (INSERT INTO bench_streams AS s VALUES ('c', 1) ON CONFLICT (stream) DO UPDATE SET last_seq = s.last_seq + 1 RETURNING last_seq)
           INSERT INTO bench_events SELECT 'c', last_seq, '{}' FROM n`,
        );
        await client.query('COMMIT');
      } finally {
        client.release();
      }
      latencies.push(now() - t0);
    }
  };
  await Promise.all(Array.from({ length: 50 }, lane));
  const elapsed = now() - started;
  await pool.query(`DROP TABLE bench_posts, bench_events, bench_streams`);
  await pool.end();
  latencies.sort((a, b) => a - b);
  return {
    messages,
    messagesPerSecond: Math.round((messages / elapsed) * 1000),
    p50Ms: round(percentile(latencies, 50)),
    p99Ms: round(percentile(latencies, 99)),
  };
}

/** One client syncing after missing `count` events on its office stream. */
export async function catchUp(databaseUrl: string, count: number) {
  progress(`catch-up: one client syncing ${count} missed events`);
  const server = await startRelay(databaseUrl);
  const { members } = await buildParty(server.baseUrl, 1, 1);
  const me = await members[0].call<{ office: { id: string } }>('GET', '/me');
  const stream = `office:${me.office.id}`;
  // The missed events are written straight into the log: this measures reading them back.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  await pool.query(
    `WITH s AS (INSERT INTO event_streams AS s VALUES ($1, $2) ON CONFLICT (stream) DO UPDATE SET last_seq = s.last_seq + $2 RETURNING last_seq)
     INSERT INTO events (stream, seq, type, data)
     SELECT $1, (SELECT last_seq FROM s) - $2 + g, 'case.updated',
            jsonb_build_object('caseId', gen_random_uuid(), 'reference', 'B-26-' || g, 'changed', '["status"]'::jsonb, 'status', 'open')
     FROM generate_series(1, $2) g`,
    [stream, count],
  );
  const t0 = now();
  const { rowCount } = await pool.query(`SELECT * FROM events WHERE stream = $1 ORDER BY seq`, [stream]);
  const baselineMs = now() - t0;
  await pool.end();
  const client = fork(resolve('dist/bench/catchup-client.js'));
  const result = await new Promise<{ received: number; inOrder: boolean; firstTenThousandMs: number; totalMs: number }>(
    (done) => {
      client.once('message', done);
      client.send({ url: `${server.baseUrl}/live`, token: members[0].token, stream });
    },
  );
  await server.stop();
  return {
    figures: {
      events: result.received,
      inOrder: result.inOrder ? 1 : 0,
      firstTenThousandMs: round(result.firstTenThousandMs),
      allMs: round(result.totalMs),
    },
    baseline: { events: rowCount ?? 0, sqlReadAllMs: round(baselineMs) },
  };
}

const exec = promisify(execFile);

export async function autocannon(url: string, token: string, seconds: number) {
  const { stdout } = await exec(
    resolve('node_modules/.bin/autocannon'),
    ['-c', '100', '-d', String(seconds), '-j', '-H', `authorization=Bearer ${token}`, url],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  const report = JSON.parse(stdout) as {
    requests: { average: number };
    latency: { p50: number; p99: number };
    non2xx: number;
    errors: number;
  };
  return {
    requestsPerSecond: Math.round(report.requests.average),
    p50Ms: report.latency.p50,
    p99Ms: report.latency.p99,
    errors: report.non2xx + report.errors,
  };
}

/** GET /cases (50 items) under 100 connections, beside a bare NestJS route, with autocannon. */
export async function rest(databaseUrl: string, seconds: number, env: Record<string, string> = {}) {
  progress(`REST: GET /cases (50 items) under 100 connections for ${seconds} s, and a bare route`);
  const server = await startRelay(databaseUrl, env);
  const { members } = await buildParty(server.baseUrl, 1, 1);
  const me = members[0];
  for (let i = 0; i < 60; i += 20) {
    await Promise.all(
      Array.from({ length: 20 }, (_, j) =>
        me.call('POST', '/cases', {
          category: 'passport',
          summary: `Bench file ${i + j}`,
          urgency: 'routine',
          complexity: 'simple',
          constituent: { fullName: 'Bench Constituent' },
        }),
      ),
    );
  }
  // The server's CPU per request, beside req/s: on shared cores it varies far less from run to run.
  const cpuPerRequest = async (url: string) => {
    const before = await cpuMs(server.pid!);
    const figures = await autocannon(url, me.token!, seconds);
    const used = (await cpuMs(server.pid!)) - before;
    return { ...figures, serverCpuUsPerRequest: Math.round((used * 1000) / (figures.requestsPerSecond * seconds)) };
  };
  const ours = await cpuPerRequest(`${server.baseUrl}/api/v1/cases?limit=50`);
  const bare = await cpuPerRequest(`${server.baseUrl}/api/v1/health`);
  await server.stop();
  return { figures: ours, baseline: bare };
}

async function rssKiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
}

/** Server memory per idle authenticated socket. */
export async function idleSockets(databaseUrl: string, sockets: number) {
  progress(`idle sockets: server RSS with ${sockets} idle authenticated sockets`);
  const server = await startRelay(databaseUrl);
  const { members } = await buildParty(server.baseUrl, 100, 2);
  await new Promise((done) => setTimeout(done, 3000));
  const before = await rssKiB(server.pid!);
  const fleet = new ClientFleet(4);
  await fleet.connect({
    url: `${server.baseUrl}/live`,
    tokens: Array.from({ length: sockets }, (_, i) => members[i % members.length].token!),
  });
  await new Promise((done) => setTimeout(done, 5000));
  const after = await rssKiB(server.pid!);
  fleet.close();
  await server.stop();

  // The same number of sockets on a bare socket.io server, for the share socket.io itself takes.
  const port = await freePort();
  const bare = fork(resolve('dist/bench/bare-server.js'), { env: { ...process.env, PORT: String(port) } });
  await new Promise((done) => bare.once('message', done));
  await new Promise((done) => setTimeout(done, 1000));
  const bareBefore = await rssKiB(bare.pid!);
  const bareFleet = new ClientFleet(4);
  await bareFleet.connect({
    url: `http://127.0.0.1:${port}/live`,
    tokens: Array.from({ length: sockets }, () => 'x'),
    bare: true,
  });
  await new Promise((done) => setTimeout(done, 5000));
  const bareAfter = await rssKiB(bare.pid!);
  bareFleet.close();
  bare.kill();
  return {
    figures: {
      sockets,
      rssBeforeMiB: round(before / 1024),
      rssAfterMiB: round(after / 1024),
      kibPerSocket: round((after - before) / sockets),
    },
    baseline: { sockets, kibPerSocket: round((bareAfter - bareBefore) / sockets) },
  };
}

/** Fan-out with two nodes and Redis: half the sockets on each node, the alert posted through one. */
export async function twoNodeFanout(databaseUrl: string, redisUrl: string, sockets: number) {
  progress(`two nodes: fan-out to ${sockets} sockets split across two nodes with Redis`);
  const nodes = await startCluster({
    databaseUrl,
    redisUrl,
    nodes: 2,
    env: {
      NODE_ENV: 'production',
      LOG_LEVEL: 'silent',
      JWT_SECRET: 'bench-secret-that-is-long-enough-0123456789',
      ADMIN_EMAIL: 'admin@bench.riding-relay.ca',
      ADMIN_PASSWORD: 'bench-admin-password',
      LOGIN_RATE_LIMIT: '1000000',
      USER_RATE_LIMIT: '100000000',
      SOCKET_RATE_LIMIT: '1000',
      ACCESS_TOKEN_TTL_SECONDS: '3600',
    },
  });
  const { members, channelId } = await buildParty(nodes[0].baseUrl, 100, 2);
  const tokens = Array.from({ length: sockets }, (_, i) => members[i % members.length].token!);
  const fleets = [new ClientFleet(2), new ClientFleet(2)];
  await fleets[0].connect({ url: `${nodes[0].baseUrl}/live`, tokens: tokens.slice(0, sockets / 2), channelId });
  await fleets[1].connect({ url: `${nodes[1].baseUrl}/live`, tokens: tokens.slice(sockets / 2), channelId });
  await new Promise((done) => setTimeout(done, 2000));
  await Promise.all(fleets.map((fleet) => fleet.collect()));
  const runs: { p50: number; p99: number; delivered: number; lastMs: number }[] = [];
  for (let run = 0; run < 3; run++) {
    const marker = `bench-two-${run}-${Date.now()}`;
    const sentAt = now();
    await members[0].call('POST', `/channels/${channelId}/alerts`, {
      title: marker,
      body: 'Bench',
      severity: 'urgent',
    });
    const received: number[] = [];
    const deadline = Date.now() + 30_000;
    while (received.length < sockets && Date.now() < deadline) {
      await new Promise((done) => setTimeout(done, 100));
      for (const fleet of fleets) {
        for (const receipt of await fleet.collect()) if (receipt.marker === marker) received.push(receipt.at - sentAt);
      }
    }
    received.sort((a, b) => a - b);
    runs.push({
      p50: percentile(received, 50),
      p99: percentile(received, 99),
      delivered: received.length,
      lastMs: received[received.length - 1],
    });
  }
  for (const fleet of fleets) fleet.close();
  await Promise.all(nodes.map((node) => node.stop()));
  const mid = runs.sort((a, b) => a.p99 - b.p99)[1];
  return {
    sockets,
    p50Ms: round(mid.p50),
    p99Ms: round(mid.p99),
    delivered: Math.min(...runs.map((r) => r.delivered)),
    deliveriesPerSecond: Math.round((sockets / mid.lastMs) * 1000),
  };
}
