import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { migrateDatabase } from '@relay/platform';
import { MIGRATIONS } from '../migrations/index.js';
import { buildParty, progress, startRelay } from './harness.js';
import { now, percentile } from './machine.js';

const exec = promisify(execFile);
const round = (value: number) => Math.round(value * 10) / 10;

async function load(url: string, token: string, seconds: number, connections: number) {
  const { stdout } = await exec(
    resolve('node_modules/.bin/autocannon'),
    ['-c', String(connections), '-d', String(seconds), '-j', '-H', `authorization=Bearer ${token}`, url],
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

/**
 * A year of files written straight into the database: `files` for the busy office, `others`
 * for each other office of the party; most closed with an outcome, each with two notes.
 */
async function fillYear(pool: pg.Pool, officeIds: string[], files: number, others: number): Promise<void> {
  for (const [i, officeId] of officeIds.entries()) {
    const n = i === 0 ? files : others;
    await pool.query(
      `WITH made AS (
         INSERT INTO cases (reference, handling_office_id, home_office_id, created_by, category, immigration_type,
           summary, urgency, complexity, languages, status, constituent, outcome, closed_at, created_at)
         SELECT 'K' || $1::text || '-' || g, $2, $2, (SELECT id FROM users WHERE office_id = $2 LIMIT 1),
           c.category, CASE WHEN c.category = 'immigration' THEN (ARRAY['study_permit','family_reunification',
             'permanent_residence','work_permit','asylum','citizenship'])[1 + g % 6] END,
           'Bench file ' || g, (ARRAY['routine','priority','emergency'])[1 + g % 3], 'simple', '{en}',
           CASE WHEN g % 10 < 7 THEN 'resolved' ELSE 'open' END, '{"fullName":"Bench Constituent"}',
           CASE WHEN g % 10 < 7 THEN (ARRAY['approved','refused','withdrawn','referred','no_action','other'])[1 + g % 6] END,
           CASE WHEN g % 10 < 7 THEN t.opened + make_interval(days => 1 + g % 90) END, t.opened
         FROM generate_series(1, $3::int) g,
           LATERAL (SELECT (ARRAY['immigration','immigration','immigration','employment_insurance','pensions',
             'passport','taxation','veterans','other'])[1 + g % 9] AS category) c,
           LATERAL (SELECT now() - make_interval(days => g % 365, hours => g % 24) AS opened) t
         RETURNING id, created_by, created_at)
       INSERT INTO case_notes (case_id, author_id, body, created_at)
       SELECT id, created_by, 'Called IRCC; waiting for a reply', created_at + make_interval(days => k)
       FROM made, generate_series(1, 2) k`,
      [i, officeId, n],
    );
  }
  await pool.query('ANALYZE cases; ANALYZE case_notes');
}

/** The same figures as one bare SQL GROUP BY, timed over `runs` runs. */
async function bareGroupBy(pool: pg.Pool, scope: string, params: unknown[], runs: number) {
  const latencies: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = now();
    await pool.query(
      `SELECT category, count(*) FILTER (WHERE created_at >= now() - interval '1 year') AS opened,
         count(*) FILTER (WHERE closed_at >= now() - interval '1 year') AS closed,
         count(*) FILTER (WHERE status NOT IN ('resolved', 'closed')) AS open,
         percentile_cont(0.5) WITHIN GROUP (ORDER BY closed_at - created_at) AS median
       FROM cases WHERE ${scope} GROUP BY category`,
      params,
    );
    latencies.push(now() - t0);
  }
  latencies.sort((a, b) => a - b);
  return { p50Ms: round(percentile(latencies, 50)), p99Ms: round(percentile(latencies, 99)) };
}

/**
 * The caseload report over a year of a busy office (5,000 files, two notes each) and a channel
 * report over 50 offices, each under 10 concurrent connections, beside a bare SQL GROUP BY.
 */
export async function knowledgeReports(databaseUrl: string, seconds: number) {
  progress('knowledge: caseload report over 5,000 files, channel report over 50 offices');
  // Migrated first, so a loaded machine's slow migration does not count against the server's start.
  await migrateDatabase(databaseUrl, MIGRATIONS);
  // On this shared machine a start can outlast its 30 s under others' load: try again.
  let server: Awaited<ReturnType<typeof startRelay>> | undefined;
  for (let attempt = 1; !server; attempt++) {
    server = await startRelay(databaseUrl).catch((error: unknown) => {
      if (attempt >= 6) throw error;
      progress(`  the server did not start (attempt ${attempt}); trying again`);
      return undefined;
    });
  }
  const { members, channelId } = await buildParty(server.baseUrl, 50, 1);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  const me = (await members[0].call<{ office: { id: string } }>('GET', '/me')).office.id;
  const { rows } = await pool.query<{ office_id: string }>(
    `SELECT office_id FROM channel_members WHERE channel_id = $1 ORDER BY office_id = $2 DESC, office_id`,
    [channelId, me],
  );
  await fillYear(
    pool,
    rows.map((r) => r.office_id),
    5000,
    500,
  );
  const base = `${server.baseUrl}/api/v1`;
  const token = members[0].token!;
  const caseload = await load(`${base}/reports/caseload?groupBy=category`, token, seconds, 10);
  const byMonth = await load(`${base}/reports/caseload?groupBy=month`, token, seconds, 10);
  const channel = await load(`${base}/channels/${channelId}/report?groupBy=category`, token, seconds, 10);
  // One client at a time, as the bare GROUP BY is timed: the report's own latency, no queueing.
  const caseloadAlone = await load(`${base}/reports/caseload?groupBy=category`, token, seconds, 1);
  const channelAlone = await load(`${base}/channels/${channelId}/report?groupBy=category`, token, seconds, 1);
  const bareOffice = await bareGroupBy(pool, 'handling_office_id = $1', [me], 200);
  const bareChannel = await bareGroupBy(
    pool,
    'handling_office_id IN (SELECT office_id FROM channel_members WHERE channel_id = $1)',
    [channelId],
    100,
  );
  const files = Number((await pool.query('SELECT count(*) FROM cases')).rows[0].count);
  await pool.end();
  await server.stop();
  return {
    caseload: {
      figures: { files: 5000, ...caseload, monthP99Ms: byMonth.p99Ms, aloneP99Ms: caseloadAlone.p99Ms },
      baseline: bareOffice,
    },
    channel: {
      figures: { offices: rows.length, files, ...channel, aloneP99Ms: channelAlone.p99Ms },
      baseline: bareChannel,
    },
  };
}
