import { fork } from 'node:child_process';
import { resolve } from 'node:path';
import pg from 'pg';
import { auditKeyPads } from '@relay/platform';
import { ADMIN, Api, AUDIT_KEY, progress, startRelay } from './harness.js';
import type { HttpJob, HttpOutcome } from './http-worker.js';
import { now, percentile } from './machine.js';

/**
 * A year of casework from the survey's figures, replayed for `weeks` weeks as fast as the
 * server allows and extrapolated to 52: 343 offices, 73% with under 20 new files a week, 4%
 * over 50; each file read ~10 times; simple files closed; 5% of complex files handed off to
 * the party channel and taken by another office; weekly trades between neighbours; 20 alerts
 * a week per party. Round 2's routes at rates an office of the survey plausibly keeps: two
 * bring-forward dates a file (each later done), an inbound call and an outbound e-mail a file,
 * an IRCC enquiry and its reply per complex file, one 30-minute MCMPS slot per office (the
 * liaison line's share), a consent form a file and an IRCC letter per complex file (a few KB:
 * metadata, not bandwidth) with the file's document list read once, a support letter per
 * complex file, the triage queue read 4 times a working day per office, its follow-ups and
 * liaison views, one caseload report per office, precedents from 1% of resolved files and two
 * precedent searches per office. The audit trail is then grown to a year's size and verified.
 */
const WEEKS_IN_YEAR = 52;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MEMBER_PASSWORD = 'bench-member-password';

interface Office {
  id: string;
  partyId: string | null;
  neighbourIds: string[];
}

function seeded(seed: number): () => number {
  return () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
}

/** New files a week for one office: the survey's uneven demand. */
function weeklyFiles(random: () => number): number {
  const draw = random();
  if (draw < 0.73) return 2 + Math.floor(random() * 16); // under 20
  if (draw < 0.96) return 20 + Math.floor(random() * 16);
  return 51 + Math.floor(random() * 20); // over 50
}

class Replay {
  readonly latencies: number[] = [];
  requests = 0;
  failures = 0;
  elapsedMs = 0;
  /** Requests and time per phase, summed over the weeks (printed at the end). */
  readonly phases = new Map<string, { requests: number; ms: number; latencies: number[] }>();

  /** Runs one phase of jobs (each inner list fired together) from a client process. */
  async run(jobs: HttpJob[][], phase = 'casework'): Promise<HttpOutcome[][]> {
    if (jobs.length === 0) return [];
    const worker = fork(resolve('dist/bench/http-worker.js'));
    const out = await new Promise<{ results: HttpOutcome[][]; elapsedMs: number }>((done) => {
      worker.once('message', done);
      worker.send({ jobs, concurrency: 50 });
    });
    const refused = new Map<string, number>();
    out.results.forEach((group, i) =>
      group.forEach((result, j) => {
        this.latencies.push(result.ms);
        this.requests++;
        if (result.status >= 500 || result.status === 0) this.failures++;
        // Counted by status and route (ids left out), so a refused step shows which it is.
        const route = `${jobs[i][j].method} ${new URL(jobs[i][j].url).pathname.replace(/[0-9a-f-]{36}/g, ':id')}`;
        const key = `${result.status} ${route}`;
        if (result.status >= 300) refused.set(key, (refused.get(key) ?? 0) + 1);
      }),
    );
    if (refused.size > 0)
      progress(`    answers other than 2xx in ${phase}: ${JSON.stringify(Object.fromEntries(refused))}`);
    this.elapsedMs += out.elapsedMs;
    const seen = this.phases.get(phase) ?? { requests: 0, ms: 0, latencies: [] };
    for (const result of out.results.flat()) seen.latencies.push(result.ms);
    seen.requests += out.results.flat().length;
    seen.ms += out.elapsedMs;
    this.phases.set(phase, seen);
    return out.results;
  }

  /** One line per phase: requests, requests/s and p99, so the slow routes show. */
  summary(): string[] {
    return [...this.phases].map(([phase, { requests, ms, latencies }]) => {
      latencies.sort((a, b) => a - b);
      const p99 = Math.round(percentile(latencies, 99));
      return `${phase}: ${requests} requests, ${Math.round((requests / ms) * 1000)}/s, p99 ${p99} ms`;
    });
  }
}

export async function year(databaseUrl: string, weeks: number) {
  progress(`a year of casework: 343 ridings, one assistant each; replaying ${weeks} week(s)`);
  const server = await startRelay(databaseUrl, { LOAD_DIRECTORY: '1', JOB_INTERVAL_SECONDS: '3600' });
  const api = `${server.baseUrl}/api/v1`;
  const admin = await new Api(server.baseUrl).login(ADMIN.email, ADMIN.password);
  const offices: Office[] = [];
  for (let after: string | null = null, first = true; first || after; first = false) {
    const page: { items: Office[]; nextCursor: string | null } = await admin.call(
      'GET',
      `/offices?limit=200${after ? `&after=${after}` : ''}`,
    );
    offices.push(...page.items);
    after = page.nextCursor;
  }
  // BENCH_YEAR_OFFICES=<n> replays n offices only: a quick check of the replay, not a measurement.
  offices.splice(Number(process.env.BENCH_YEAR_OFFICES ?? offices.length));
  const token = new Map<string, string>();
  for (const office of offices) {
    const email = `year.${office.id}@bench.riding-relay.ca`;
    const invited = await admin.call<{ invitation: { token: string } }>('POST', `/offices/${office.id}/members`, {
      email,
      displayName: 'Year assistant',
      role: 'assistant',
    });
    await new Api(server.baseUrl).acceptInvitation(invited.invitation.token, MEMBER_PASSWORD);
    token.set(office.id, (await new Api(server.baseUrl).login(email, MEMBER_PASSWORD)).token!);
  }
  // Each office's lead writes its support-letter template once; the assistant writes the letters.
  const letterTemplate = new Map<string, string>();
  for (const office of offices) {
    const email = `year.lead.${office.id}@bench.riding-relay.ca`;
    const invited = await admin.call<{ invitation: { token: string } }>('POST', `/offices/${office.id}/members`, {
      email,
      displayName: 'Year lead',
      role: 'office_lead',
    });
    await new Api(server.baseUrl).acceptInvitation(invited.invitation.token, MEMBER_PASSWORD);
    const lead = await new Api(server.baseUrl).login(email, MEMBER_PASSWORD);
    const template = await lead.call<{ id: string }>('POST', '/letter-templates', {
      name: 'Support letter',
      language: 'en',
      kind: 'support_letter',
      body:
        'Re: {{constituent.fullName}} (UCI {{constituent.uci}})\n\nOur office supports the application of ' +
        '{{constituent.fullName}}. Please quote our file {{case.reference}} in your reply.\n\n{{mp.name}}\n{{office.name}}, {{today}}',
    });
    letterTemplate.set(office.id, template.id);
  }
  const partyChannel = new Map<string, string>();
  for (const office of offices) {
    if (!office.partyId || partyChannel.has(office.partyId)) continue;
    const res = await fetch(`${api}/channels`, { headers: { authorization: `Bearer ${token.get(office.id)}` } });
    const list = (await res.json()) as { items: { id: string; kind: string }[] };
    partyChannel.set(office.partyId, list.items.find((c) => c.kind === 'party')!.id);
  }

  const random = seeded(42);
  const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)];
  const replay = new Replay();
  const job = (officeId: string, method: string, path: string, body?: unknown, keepId = false): HttpJob[] => [
    { method, url: `${api}${path}`, token: token.get(officeId)!, body, keepId },
  ];
  const consent = { scope: 'share_with_offices', grantedAt: new Date().toISOString(), evidence: 'IMM 5476 on file' };
  for (let week = 1; week <= weeks; week++) {
    const plan = offices.flatMap((office) =>
      Array.from({ length: weeklyFiles(random) }, () => ({ office, complex: random() < 0.33 })),
    );
    const created = await replay.run(
      plan.map(({ office, complex }) =>
        job(
          office.id,
          'POST',
          '/cases',
          {
            category: complex ? 'immigration' : 'employment_insurance',
            ...(complex ? { immigrationType: 'permanent_residence' } : {}),
            summary: complex ? 'Permanent residence file stalled' : 'EI claim delayed',
            urgency: 'routine',
            complexity: complex ? 'complex' : 'simple',
            languages: ['en'],
            constituent: { fullName: 'Year Constituent' },
          },
          true,
        ),
      ),
    );
    const files = plan
      .map((file, i) => ({ ...file, caseId: created[i][0].id }))
      .filter((file): file is File => Boolean(file.caseId));
    // Each file is read about ten times over its life; at steady state that is ten reads a file a week.
    await replay.run(
      files.flatMap((file) => Array.from({ length: 10 }, () => job(file.office.id, 'GET', `/cases/${file.caseId}`))),
    );
    await roundTwoWeek(replay, job, week, offices, files, letterTemplate);
    // Simple files stay open about three months: at steady state as many close as open.
    await replay.run(
      files
        .filter((f) => !f.complex)
        .map((f) => job(f.office.id, 'PATCH', `/cases/${f.caseId}`, { status: 'resolved', outcome: 'approved' })),
    );
    // 5% of complex files go to the party channel and another office of the party takes them.
    const handedOff = files.filter((f) => f.complex && f.office.partyId && random() < 0.05);
    await replay.run(handedOff.map((f) => job(f.office.id, 'POST', `/cases/${f.caseId}/consents`, consent)));
    const offers = await replay.run(
      handedOff.map((f) =>
        job(
          f.office.id,
          'POST',
          '/handoffs',
          { caseId: f.caseId, channelId: partyChannel.get(f.office.partyId!), note: 'Complex PR file' },
          true,
        ),
      ),
    );
    await replay.run(
      handedOff.flatMap((f, i) => {
        const offerId = offers[i][0].id;
        const taker = pick(offices.filter((o) => o.partyId === f.office.partyId && o.id !== f.office.id));
        return offerId ? [job(taker.id, 'POST', `/handoffs/${offerId}/accept`)] : [];
      }),
    );
    // Neighbours trade: twenty pairs a week swap one simple file each.
    const simple = files.filter((f) => !f.complex);
    const pairs = Array.from({ length: 20 }, () => {
      const give = pick(simple);
      const neighbour = simple.find((f) => give.office.neighbourIds.includes(f.office.id));
      return neighbour ? { give, take: neighbour } : null;
    }).filter((pair) => pair !== null);
    await replay.run(
      pairs.flatMap((p) => [
        job(p.give.office.id, 'POST', `/cases/${p.give.caseId}/consents`, consent),
        job(p.take.office.id, 'POST', `/cases/${p.take.caseId}/consents`, consent),
      ]),
    );
    // A file can only be asked for once its office has put it on the table (else the trade is a 404).
    await replay.run(
      pairs.map((p) => job(p.take.office.id, 'PATCH', `/cases/${p.take.caseId}`, { availableForTrade: true })),
    );
    const trades = await replay.run(
      pairs.map((p) =>
        job(
          p.give.office.id,
          'POST',
          '/trades',
          {
            counterpartyOfficeId: p.take.office.id,
            giveCaseIds: [p.give.caseId],
            takeCaseIds: [p.take.caseId],
            note: 'Weekly swap',
          },
          true,
        ),
      ),
    );
    await replay.run(
      pairs.flatMap((p, i) =>
        trades[i][0].id ? [job(p.take.office.id, 'POST', `/trades/${trades[i][0].id}/accept`)] : [],
      ),
    );
    // Twenty alerts a week in each party's channel.
    await replay.run(
      [...partyChannel].flatMap(([partyId, channelId]) => {
        const poster = offices.find((o) => o.partyId === partyId)!;
        return Array.from({ length: 20 }, (_, n) =>
          job(poster.id, 'POST', `/channels/${channelId}/alerts`, {
            title: `Rule change ${week}.${n}`,
            body: 'Processing times updated',
            severity: 'info',
            categories: ['immigration'],
          }),
        );
      }),
    );
    // Resolved files teach: 1% become a precedent in the party channel; each office searches twice.
    const traded = new Set(pairs.flatMap((p) => [p.give.caseId, p.take.caseId]));
    const lessons = files.filter((f) => !f.complex && f.office.partyId && !traded.has(f.caseId) && random() < 0.01);
    await replay.run(
      lessons.map((f) =>
        job(f.office.id, 'POST', `/cases/${f.caseId}/precedent`, {
          channelId: partyChannel.get(f.office.partyId!),
          title: 'EI claim delayed by a missing record of employment',
          lessons: 'Ask the employer to file the record of employment first; the claim then moved within a week.',
        }),
      ),
      'precedents',
    );
    await replay.run(
      offices.flatMap((office) =>
        office.partyId
          ? [job(office.id, 'GET', '/precedents?q=employment&limit=20'), job(office.id, 'GET', '/precedents?limit=20')]
          : [],
      ),
      'precedents',
    );
    // One caseload report per office a week, over the last twelve months.
    const from = new Date(Date.now() - 365 * DAY).toISOString().slice(0, 10);
    await replay.run(
      offices.map((office) => job(office.id, 'GET', `/reports/caseload?from=${from}&groupBy=category`)),
      'reports',
    );
    progress(`  week ${week}: ${files.length} new files, ${replay.requests} requests so far`);
  }
  for (const line of replay.summary()) progress(`    ${line}`);

  // Grow the audit trail to a year's size through the real trigger, then verify it all.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  const [{ n: weekRows }] = (await pool.query(`SELECT count(*)::int AS n FROM audit_events`)).rows as { n: number }[];
  const missing = Math.max(0, Math.round((weekRows / weeks) * WEEKS_IN_YEAR) - weekRows);
  // The trigger chains with AUDIT_KEY, as for the app's rows (one connection: a session setting).
  const pads = auditKeyPads(AUDIT_KEY);
  await pool.query(`SELECT set_config('relay.audit_ikey', $1, false), set_config('relay.audit_okey', $2, false)`, [
    pads.ikey,
    pads.okey,
  ]);
  progress(`  growing the audit trail by ${missing} rows to a year's size`);
  // In small transactions, as the app appends: each row rewrites the chain head, and
  // thousands of rewrites of one row inside one transaction slow down quadratically.
  for (let done = 0; done < missing; done += 2_000) {
    await pool.query(
      `INSERT INTO audit_events (action, data) SELECT 'case.viewed', '{"view":"full"}' FROM generate_series(1, $1)`,
      [Math.min(2_000, missing - done)],
    );
    if (done % 500_000 === 0) progress(`    ${done} rows added`);
  }
  const started = now();
  const verify = await admin.call<{ ok: boolean; checked: number }>('GET', '/audit/verify');
  const verifyMs = now() - started;
  const [{ size }] = (await pool.query(`SELECT pg_database_size(current_database())::bigint AS size`)).rows as {
    size: string;
  }[];
  await pool.end();
  await server.stop();
  replay.latencies.sort((a, b) => a - b);
  const casework = replay.phases.get('casework')?.requests ?? 0;
  return {
    weeks,
    requests: replay.requests,
    roundTwoRequests: replay.requests - casework,
    requestsPerSecond: Math.round((replay.requests / replay.elapsedMs) * 1000),
    p99Ms: Math.round(percentile(replay.latencies, 99) * 10) / 10,
    serverErrors: replay.failures,
    yearMinutes: Math.round(((replay.elapsedMs / weeks) * WEEKS_IN_YEAR) / 6_000) / 10,
    auditRows: verify.checked,
    auditVerifyOk: verify.ok ? 1 : 0,
    auditVerifySeconds: Math.round(verifyMs / 100) / 10,
    databaseMiB: Math.round(Number(size) / 2 ** 20),
  };
}

type Job = (officeId: string, method: string, path: string, body?: unknown, keepId?: boolean) => HttpJob[];
interface File {
  office: Office;
  complex: boolean;
  caseId: string;
}

/** A week of round 2's routes for this week's new files (the rates are in the header). */
async function roundTwoWeek(
  replay: Replay,
  job: Job,
  week: number,
  offices: Office[],
  files: File[],
  letterTemplate: Map<string, string>,
): Promise<void> {
  const at = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();
  const complex = files.filter((f) => f.complex);
  const followUps = await replay.run(
    files.flatMap((f) =>
      [1, 2].map((n) =>
        job(f.office.id, 'POST', `/cases/${f.caseId}/follow-ups`, { dueAt: at(n * 7 * DAY), note: 'Call back' }, true),
      ),
    ),
    'follow-ups',
  );
  const reference = (i: number) => `MCMPS-${week}-${i}`;
  await replay.run(
    [
      ...files.flatMap((f) => [
        job(f.office.id, 'POST', `/cases/${f.caseId}/interactions`, {
          kind: 'call',
          direction: 'inbound',
          occurredAt: at(-2 * HOUR),
          durationMinutes: 10,
          summary: 'Asked where the file stands',
        }),
        job(f.office.id, 'POST', `/cases/${f.caseId}/interactions`, {
          kind: 'email',
          direction: 'outbound',
          occurredAt: at(-HOUR),
          summary: 'Sent the list of documents to bring',
        }),
      ]),
      ...complex.map((f, i) =>
        job(f.office.id, 'POST', `/cases/${f.caseId}/interactions`, {
          kind: 'ircc_enquiry',
          direction: 'outbound',
          occurredAt: at(-HOUR),
          summary: 'Status enquiry sent through MCMPS',
          irccReference: reference(i),
        }),
      ),
      // The liaison line's 30 minutes a week per office, on one of its complex files.
      ...offices.flatMap((office) => {
        const f = complex.find((file) => file.office.id === office.id);
        return f
          ? [
              job(office.id, 'POST', `/cases/${f.caseId}/interactions`, {
                kind: 'mcmps_appointment',
                direction: 'outbound',
                occurredAt: at(-3 * HOUR),
                durationMinutes: 30,
                summary: 'MCMPS slot about the file',
              }),
            ]
          : [];
      }),
    ],
    'interactions',
  );
  const upload = (f: File, kind: string, bytes: number): HttpJob[] => [
    {
      ...job(f.office.id, 'POST', `/cases/${f.caseId}/documents`)[0],
      upload: { kind, filename: `${kind}.pdf`, bytes },
    },
  ];
  await replay.run(
    [...files.map((f) => upload(f, 'consent_form', 4_096)), ...complex.map((f) => upload(f, 'ircc_letter', 8_192))],
    'documents',
  );
  await replay.run(
    files.map((f) => job(f.office.id, 'GET', `/cases/${f.caseId}/documents`)),
    'documents',
  );
  await replay.run(
    complex.map((f) =>
      job(f.office.id, 'POST', `/cases/${f.caseId}/letters`, { templateId: letterTemplate.get(f.office.id) }),
    ),
    'letters',
  );
  // The queue four times a working day; the week's follow-ups and the liaison view once a day and once a week.
  await replay.run(
    offices.flatMap((office) => [
      ...Array.from({ length: 20 }, () => job(office.id, 'GET', '/cases/queue?limit=50')),
      ...Array.from({ length: 5 }, () => job(office.id, 'GET', '/follow-ups?due=week')),
      job(office.id, 'GET', '/liaison'),
    ]),
    'queue',
  );
  // At steady state as many bring-forward dates fall due and are done as are set.
  await replay.run(
    followUps.flatMap(([created], i) =>
      created.id ? [job(files[Math.floor(i / 2)].office.id, 'POST', `/follow-ups/${created.id}/done`)] : [],
    ),
    'follow-ups',
  );
  await replay.run(
    complex.map((f, i) =>
      job(f.office.id, 'POST', `/cases/${f.caseId}/interactions`, {
        kind: 'ircc_reply',
        direction: 'inbound',
        occurredAt: at(0),
        summary: 'IRCC answered the enquiry',
        irccReference: reference(i),
      }),
    ),
    'interactions',
  );
}
