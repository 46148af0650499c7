import pg from 'pg';
import { buildParty, progress, startRelay } from './harness.js';
import { autocannon } from './scenarios.js';

/**
 * The triage queue of a busy office: 5,000 open files, 20,000 follow-ups and 50,000
 * interactions, loaded straight into the database (with the due times the API keeps on the
 * case row), then `GET /cases/queue?limit=50` and `GET /cases?limit=50` on the same data,
 * alternately, `runs` times each under 100 connections.
 */
export async function queue(databaseUrl: string, seconds: number, runs: number) {
  progress('queue: 5,000 open files, 20,000 follow-ups, 50,000 interactions; GET /cases/queue vs GET /cases');
  const server = await startRelay(databaseUrl);
  const { members } = await buildParty(server.baseUrl, 1, 1);
  const me = members[0];
  const { id: userId, office } = await me.call<{ id: string; office: { id: string } }>('GET', '/me');
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  const started = Date.now();
  await load(pool, office.id, userId);
  progress(`  loaded in ${Math.round((Date.now() - started) / 1000)} s`);
  const usesIndex = await queueUsesIndex(pool, office.id);
  const sql = await sqlMilliseconds(pool, office.id);
  await pool.end();

  const ours = [];
  const baseline = [];
  for (let i = 0; i < runs; i++) {
    ours.push(await autocannon(`${server.baseUrl}/api/v1/cases/queue?limit=50`, me.token!, seconds));
    baseline.push(await autocannon(`${server.baseUrl}/api/v1/cases?limit=50`, me.token!, seconds));
    progress(`  run ${i + 1}/${runs}: queue ${JSON.stringify(ours[i])}, list ${JSON.stringify(baseline[i])}`);
  }
  await server.stop();
  return { ours, baseline, usesIndex, sql };
}

async function load(pool: pg.Pool, officeId: string, userId: string): Promise<void> {
  // Files of every urgency, a tenth with a deadline, a quarter still in their intake window, oldest first.
  await pool.query(
    `INSERT INTO cases (reference, handling_office_id, home_office_id, created_by, assignee_id, category, summary,
       urgency, complexity, languages, status, constituent, deadline, intake_due_at, created_at)
     SELECT 'QB-' || g, $1, $1, $2, $2, 'immigration', 'Bench file ' || g,
       (ARRAY['routine', 'priority', 'emergency'])[1 + g % 3], 'simple', '{en}',
       (ARRAY['open', 'awaiting_ircc', 'escalated'])[1 + g % 3], '{"fullName": "Bench Constituent"}',
       CASE WHEN g % 10 = 0 THEN now() + (g % 700 - 100) * interval '1 hour' END,
       CASE WHEN g % 4 = 0 THEN now() + (g % 300 - 50) * interval '1 hour' END,
       date_trunc('milliseconds', now() - g * interval '37 minutes')
     FROM generate_series(1, 5000) g`,
    [officeId, userId],
  );
  // Four follow-ups a file, the first done.
  await pool.query(
    `INSERT INTO follow_ups (case_id, due_at, note, assignee_id, created_by, done_at, done_by)
     SELECT c.id, now() + ((hashtext(c.id::text || n) % 2000) * interval '1 hour'), 'Bench follow-up', $2, $2,
       CASE WHEN n = 1 THEN now() END, CASE WHEN n = 1 THEN $2::uuid END
     FROM cases c CROSS JOIN generate_series(1, 4) n WHERE c.handling_office_id = $1`,
    [officeId, userId],
  );
  // Ten interactions a file: calls, e-mails, an MCMPS slot, and an IRCC enquiry, answered on even files.
  await pool.query(
    `INSERT INTO interactions (case_id, office_id, kind, direction, occurred_at, duration_minutes, summary,
       reply_due_at, answered_at, created_by)
     SELECT c.id, $1, k.kind, 'outbound', now() - n * interval '1 day', CASE WHEN k.kind = 'mcmps_appointment' THEN 30 END,
       'Bench interaction', CASE WHEN k.kind = 'ircc_enquiry' THEN now() + (hashtext(c.id::text) % 400) * interval '1 hour' END,
       CASE WHEN k.kind = 'ircc_enquiry' AND hashtext(c.id::text) % 2 = 0 THEN now() END, $2
     FROM cases c CROSS JOIN generate_series(1, 10) n
     CROSS JOIN LATERAL (SELECT (ARRAY['call', 'email', 'call', 'visit', 'email', 'mcmps_appointment', 'call',
       'letter', 'ircc_enquiry', 'call'])[n] AS kind) k
     WHERE c.handling_office_id = $1`,
    [officeId, userId],
  );
  // The due times the API keeps on the case row.
  await pool.query(
    `UPDATE cases c SET follow_up_due_at = f.at
     FROM (SELECT case_id, min(due_at) AS at FROM follow_ups WHERE done_at IS NULL GROUP BY case_id) f
     WHERE f.case_id = c.id AND c.handling_office_id = $1`,
    [officeId],
  );
  await pool.query(
    `UPDATE cases c SET ircc_reply_due_at = i.reply_due_at
     FROM interactions i WHERE i.case_id = c.id AND i.kind = 'ircc_enquiry' AND i.answered_at IS NULL
       AND c.handling_office_id = $1`,
    [officeId],
  );
  await pool.query('ANALYZE cases; ANALYZE follow_ups; ANALYZE interactions');
}

/** 1 when the planner reads the queue's page from cases_queue_idx. */
async function queueUsesIndex(pool: pg.Pool, officeId: string): Promise<number> {
  const { rows } = await pool.query<{ 'QUERY PLAN': unknown }>(
    `EXPLAIN (FORMAT JSON) SELECT c.id FROM cases c
     WHERE c.handling_office_id = $1 AND c.status NOT IN ('resolved', 'closed')
     ORDER BY c.due_key, c.urgency_rank, c.created_at, c.id LIMIT 51`,
    [officeId],
  );
  return JSON.stringify(rows[0]['QUERY PLAN']).includes('cases_queue_idx') ? 1 : 0;
}

/**
 * Each page's SQL alone, as PostgreSQL times it (EXPLAIN ANALYZE, median of 21): what the
 * index buys, apart from HTTP, auth and JSON, on a machine too busy for steady HTTP figures.
 */
async function sqlMilliseconds(pool: pg.Pool, officeId: string): Promise<{ queueSqlMs: number; listSqlMs: number }> {
  const time = async (sql: string) => {
    const samples: number[] = [];
    for (let i = 0; i < 21; i++) {
      const { rows } = await pool.query<{ 'QUERY PLAN': [{ 'Execution Time': number }] }>(
        `EXPLAIN (ANALYZE, FORMAT JSON) ${sql}`,
        [officeId],
      );
      samples.push(rows[0]['QUERY PLAN'][0]['Execution Time']);
    }
    return Math.round(samples.sort((a, b) => a - b)[10] * 1000) / 1000;
  };
  return {
    queueSqlMs: await time(
      `SELECT c.*, c.intake_due_at, c.follow_up_due_at, c.ircc_reply_due_at FROM cases c
       WHERE c.handling_office_id = $1 AND c.status NOT IN ('resolved', 'closed')
       ORDER BY c.due_key, c.urgency_rank, c.created_at, c.id LIMIT 51`,
    ),
    listSqlMs: await time(
      `SELECT c.* FROM cases c WHERE c.handling_office_id = $1 ORDER BY c.created_at DESC, c.id DESC LIMIT 51`,
    ),
  };
}
