import { fork } from 'node:child_process';
import { resolve } from 'node:path';
import pg from 'pg';
import { buildParty, progress, startRelay } from './harness.js';
import type { HttpJob, HttpOutcome } from './http-worker.js';
import { cpuMs, now, percentile } from './machine.js';

const TAKERS = 8;
const LANES = 8; // offers in flight at once, each with its 8 accepts fired together

export interface ContentionFigures {
  offers: number;
  acceptsPerSecond: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  winnersPerOffer: number;
  errors: number;
  /** The server's CPU per accept request (ours only): steadier than rates on shared cores. */
  serverCpuUsPerRequest?: number;
}

function runJobs(jobs: HttpJob[][]): Promise<{ results: HttpOutcome[][]; elapsedMs: number }> {
  const worker = fork(resolve('dist/bench/http-worker.js'));
  return new Promise((done) => {
    worker.once('message', done);
    worker.send({ jobs, concurrency: LANES });
  });
}

function figures(offers: number, results: HttpOutcome[][], elapsedMs: number): ContentionFigures {
  const all = results.flat();
  const latencies = all.map((r) => r.ms).sort((a, b) => a - b);
  const winners = results.map((group) => group.filter((r) => r.status === 200).length);
  return {
    offers,
    acceptsPerSecond: Math.round((offers / elapsedMs) * 1000),
    requestsPerSecond: Math.round((all.length / elapsedMs) * 1000),
    p50Ms: Math.round(percentile(latencies, 50) * 10) / 10,
    p99Ms: Math.round(percentile(latencies, 99) * 10) / 10,
    winnersPerOffer: winners.every((n) => n === 1) ? 1 : -1,
    errors: all.filter((r) => r.status !== 200 && r.status !== 409).length,
  };
}

/** `offers` channel offers, each accepted by 8 offices at the same moment. */
export async function contention(databaseUrl: string, offers: number) {
  progress(`contention: ${offers} channel offers × ${TAKERS} accepting offices; setting up`);
  const server = await startRelay(databaseUrl);
  const { members, channelId } = await buildParty(server.baseUrl, TAKERS + 1, 1);
  const [offerer, ...takers] = members;
  const ids: string[] = [];
  for (let i = 0; i < offers; i += 25) {
    const batch = Array.from({ length: Math.min(25, offers - i) }, async () => {
      const kase = await offerer.call<{ id: string }>('POST', '/cases', {
        category: 'immigration',
        immigrationType: 'asylum',
        summary: 'Bench file',
        urgency: 'priority',
        complexity: 'complex',
        languages: ['en'],
        constituent: { fullName: 'Bench Constituent' },
      });
      await offerer.call('POST', `/cases/${kase.id}/consents`, {
        scope: 'share_with_offices',
        grantedAt: new Date().toISOString(),
        evidence: 'bench',
      });
      const offer = await offerer.call<{ id: string }>('POST', '/handoffs', {
        caseId: kase.id,
        channelId,
        note: 'bench',
      });
      return offer.id;
    });
    ids.push(...(await Promise.all(batch)));
  }
  progress(`  ${offers} offers open; accepting`);
  const jobs = ids.map((id) =>
    takers.map((taker) => ({
      method: 'POST',
      url: `${server.baseUrl}/api/v1/handoffs/${id}/accept`,
      token: taker.token!,
    })),
  );
  const cpuBefore = await cpuMs(server.pid!);
  const { results, elapsedMs } = await runJobs(jobs);
  const cpuUsed = (await cpuMs(server.pid!)) - cpuBefore;
  await server.stop();
  return {
    ...figures(offers, results, elapsedMs),
    serverCpuUsPerRequest: Math.round((cpuUsed * 1000) / (offers * TAKERS)),
  };
}

/**
 * The baseline: the same claim as bare PostgreSQL transactions (lock the offer, move the
 * case, close the offer), 8 clients per offer, the same number in flight; no HTTP, no
 * NestJS, no audit or events.
 */
export async function contentionBaseline(databaseUrl: string, offers: number): Promise<ContentionFigures> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: LANES * TAKERS });
  await pool.query(`DROP TABLE IF EXISTS bench_offers, bench_cases;
    CREATE TABLE bench_cases (id serial PRIMARY KEY, owner int NOT NULL);
    CREATE TABLE bench_offers (id serial PRIMARY KEY, case_id int NOT NULL, status text NOT NULL);
    INSERT INTO bench_cases (owner) SELECT 0 FROM generate_series(1, ${offers});
    INSERT INTO bench_offers (case_id, status) SELECT id, 'offered' FROM bench_cases;`);
  const claim = async (offerId: number, taker: number): Promise<HttpOutcome> => {
    const started = now();
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query(`SELECT case_id, status FROM bench_offers WHERE id = $1 FOR UPDATE`, [
        offerId,
      ]);
      if (rows[0].status !== 'offered') {
        await client.query('ROLLBACK');
        return { status: 409, ms: now() - started };
      }
      await client.query(`UPDATE bench_cases SET owner = $2 WHERE id = $1`, [rows[0].case_id, taker]);
      await client.query(`UPDATE bench_offers SET status = 'accepted' WHERE id = $1`, [offerId]);
      await client.query('COMMIT');
      return { status: 200, ms: now() - started };
    } finally {
      client.release();
    }
  };
  const results: HttpOutcome[][] = new Array(offers);
  let next = 0;
  const started = now();
  const lane = async () => {
    for (let i = next++; i < offers; i = next++) {
      results[i] = await Promise.all(Array.from({ length: TAKERS }, (_, taker) => claim(i + 1, taker + 1)));
    }
  };
  await Promise.all(Array.from({ length: LANES }, lane));
  const elapsed = now() - started;
  await pool.query(`DROP TABLE bench_offers, bench_cases`);
  await pool.end();
  return figures(offers, results, elapsed);
}
