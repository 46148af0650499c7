/**
 * The deployment, proven: docker/compose.yaml as built and started by scripts/test-deploy.sh
 * (npm run test:deploy), exercised through nginx only, the way clients reach it. Docker is
 * used to break things (kill, stop, restart) and to look inside (exec, inspect, psql), never
 * as a way around nginx for what a client does. Not part of `npm test`.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import request, { type Response } from 'supertest';
import type { LiveEvent } from '../../libs/platform/src/events/live-event.js';
import { LiveClient } from '../support/live-client.js';
import type { TestApp } from '../support/test-app.js';
import { caseBody, World, type Member } from '../support/world.js';

const API = '/api/v1';
const BEARER = { type: 'bearer' } as const;
const BASE = required('DEPLOY_BASE_URL');
const PROJECT = required('DEPLOY_PROJECT');
const ENV_FILE = required('DEPLOY_ENV_FILE');
const DOCKER = process.env.DOCKER ?? 'docker';
const COMPOSE = process.env.COMPOSE ?? 'docker-compose';
const APP_IMAGE = 'riding-relay:local';
const DAY = 24 * 3600_000;

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this test with npm run test:deploy`);
  return value;
}

const secrets = Object.fromEntries(
  readFileSync(ENV_FILE, 'utf8')
    .split('\n')
    .filter((line) => line.includes('='))
    .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
) as Record<string, string>;

// ---- what the run observed, printed and written to DEPLOY_REPORT at the end --------------

const report: Record<string, unknown> = { buildSeconds: Number(process.env.DEPLOY_BUILD_SECONDS ?? NaN) };
const note = (key: string, value: unknown) => {
  report[key] = value;
  console.log(`deploy: ${key}: ${JSON.stringify(value)}`);
};

// ---- docker, compose, psql ----------------------------------------------------------------

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], timeoutMs = 120_000): Promise<Run> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

async function ok(command: string, args: string[], timeoutMs?: number): Promise<string> {
  const result = await run(command, args, timeoutMs);
  if (result.code !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.code}):\n${result.stderr}`);
  return result.stdout;
}

const composeArgs = ['-p', PROJECT, '-f', 'docker/compose.yaml', '-f', 'test/deploy/compose.test.yaml'];
const compose = (...args: string[]) => run(COMPOSE, [...composeArgs, '--env-file', ENV_FILE, ...args], 300_000);
const docker = (...args: string[]) => ok(DOCKER, args);

async function container(service: string): Promise<string> {
  const id = (await ok(COMPOSE, [...composeArgs, '--env-file', ENV_FILE, 'ps', '-q', service])).trim();
  if (!id) throw new Error(`no container for ${service}`);
  return id;
}

async function inspect<T>(id: string, format: string): Promise<T> {
  return JSON.parse(await docker('inspect', '-f', `{{json ${format}}}`, id)) as T;
}

/** One SQL query as the database owner, inside the postgres container; rows as JSON. */
async function sql<T>(query: string): Promise<T[]> {
  const out = await docker(
    'exec',
    await container('postgres'),
    'psql',
    '-U',
    'relay',
    '-d',
    'relay',
    '-At',
    '-v',
    'ON_ERROR_STOP=1',
    '-c',
    `SELECT coalesce(json_agg(t), '[]') FROM (${query}) t`,
  );
  return JSON.parse(out) as T[];
}

// ---- timing -------------------------------------------------------------------------------

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually<T>(what: string, probe: () => Promise<T>, done: (value: T) => boolean, ms: number) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe().catch((error: Error) => error.message as unknown as T);
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms (last: ${JSON.stringify(value)})`);
    await settle(250);
  }
}

/** Seconds from the container's (latest) start to the node's "listens on" log line. */
async function startSeconds(service: string): Promise<number> {
  const id = await container(service);
  const startedAt = Date.parse(await inspect<string>(id, '.State.StartedAt'));
  const logs = await run(DOCKER, ['logs', id]);
  const listening = `${logs.stdout}\n${logs.stderr}`
    .split('\n')
    .filter((line) => line.includes('listens on'))
    .map((line) => (JSON.parse(line) as { time: number }).time)
    .filter((time) => time >= startedAt - 1000);
  if (listening.length === 0) throw new Error(`${service} logged no "listens on" since its start`);
  return Math.round((Math.min(...listening) - startedAt) / 10) / 100;
}

async function healthy(service: string, ms = 120_000): Promise<void> {
  const id = await container(service);
  await eventually(
    `${service} healthy`,
    () => inspect<string>(id, '.State.Health.Status'),
    (status) => status === 'healthy',
    ms,
  );
}

// ---- clients at chosen addresses ----------------------------------------------------------

/** A client at `address` (nginx believes the test's X-Forwarded-For, see realip.conf). */
const from = (address: string | undefined, m?: Member) => {
  const dress = (req: request.Test) => {
    if (address) req.set('X-Forwarded-For', address);
    return m ? req.auth(m.token, BEARER) : req;
  };
  return {
    get: (path: string) => dress(request(BASE).get(`${API}${path}`)),
    post: (path: string, body: object = {}) => dress(request(BASE).post(`${API}${path}`)).send(body),
  };
};

const codeOf = (res: Response) => (res.body as { code?: string }).code;
const dataOf = (event: LiveEvent) => event.data as unknown as Record<string, unknown>;
const world = new World({ http: () => request(BASE) } as TestApp);
const sockets: LiveClient[] = [];

async function socketAt(address: string, m: Member, channelId?: string): Promise<LiveClient> {
  const client = new LiveClient(BASE, m.token, { headers: { 'X-Forwarded-For': address } });
  sockets.push(client);
  await client.connected();
  if (channelId) expect(await client.send('subscribe', { channelId })).toMatchObject({ ok: true });
  return client;
}

async function sync(client: LiveClient, wanted: Record<string, number>): Promise<LiveEvent[]> {
  const ack = await client.send('sync', { streams: wanted });
  if (!ack.ok) throw new Error(`sync refused: ${JSON.stringify(ack.error)}`);
  return ack.missed;
}

function disconnection(client: LiveClient, ms: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`still connected after ${ms} ms`)), ms);
    client.socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}

/** The address (ip:port) of a service's container on the compose network. */
async function addressOf(service: string): Promise<string> {
  const networks = await inspect<Record<string, { IPAddress: string }>>(
    await container(service),
    '.NetworkSettings.Networks',
  );
  return `${Object.values(networks)[0].IPAddress}:3000`;
}

/** Which node nginx gives a client at `address` (ip_hash on the first three octets). */
async function nodeFor(address: string): Promise<string | null> {
  const res = await fetch(`${BASE}${API}/health`, { headers: { 'X-Forwarded-For': address } });
  return res.headers.get('x-relay-upstream');
}

/** Client addresses nginx places on api1 and on api2 (several each). */
const AT: { api1: string[]; api2: string[] } = { api1: [], api2: [] };

async function findAddresses(): Promise<void> {
  const nodes = { api1: await addressOf('api1'), api2: await addressOf('api2') };
  // A node that just failed a request is out of nginx's rotation for fail_timeout (10 s), and
  // ip_hash sends its clients to the other: look again until both are back.
  const deadline = Date.now() + 25_000;
  do {
    AT.api1 = [];
    AT.api2 = [];
    for (let i = 1; i <= 60 && (AT.api1.length < 3 || AT.api2.length < 3); i++) {
      const address = `10.${i}.${i}.20`;
      const upstream = await nodeFor(address);
      if (upstream === nodes.api1) AT.api1.push(address);
      if (upstream === nodes.api2) AT.api2.push(address);
    }
    if (AT.api1.length > 0 && AT.api2.length > 0) return;
    await new Promise((done) => setTimeout(done, 2000));
  } while (Date.now() < deadline);
  if (AT.api1.length === 0 || AT.api2.length === 0) {
    throw new Error(`nginx did not spread clients over both nodes: ${JSON.stringify({ nodes, AT })}`);
  }
}

async function partyChannelOf(m: Member): Promise<string> {
  const res = await from(undefined, m).get('/channels?limit=200').expect(200);
  const party = (res.body as { items: { id: string; kind: string }[] }).items.find((c) => c.kind === 'party');
  if (!party) throw new Error('no party channel');
  return party.id;
}

async function shareableCase(m: Member, summary: string, address?: string): Promise<string> {
  const kase = (await from(address, m).post('/cases', caseBody({ summary })).expect(201)).body as { id: string };
  await from(address, m)
    .post(`/cases/${kase.id}/consents`, {
      scope: 'share_with_offices',
      grantedAt: new Date(Date.now() - DAY).toISOString(),
      evidence: 'IMM 5476 on file',
    })
    .expect(201);
  return kase.id;
}

/** What the built server's configuration knows and refuses, asked inside the app image. */
async function configOf(env: Record<string, string>): Promise<{ problem: string | null }> {
  const script = `
    const { loadConfig } = await import('/app/dist/libs/platform/src/config/app-config.js');
    let problem = null;
    try { loadConfig(); } catch (error) { problem = error.message; }
    console.log(JSON.stringify({ problem }));`;
  const args = Object.entries(env).flatMap(([key, value]) => ['-e', `${key}=${value}`]);
  const out = await docker('run', '--rm', ...args, APP_IMAGE, 'node', '--input-type=module', '-e', script);
  return JSON.parse(out) as { problem: string | null };
}

// ---- the topology, up and down --------------------------------------------------------------

let admin: Member;
let party: { id: string };
let offices: string[];
let writer: Member;
let readerA: Member;
let readerB: Member;
let channelId: string;

beforeAll(async () => {
  const started = Date.now();
  const up = await compose('up', '-d', '--no-build');
  if (up.code !== 0) {
    const logs = await compose('logs', '--no-color', '--tail', '40');
    throw new Error(`compose up failed:\n${up.stderr}\n${logs.stdout}`);
  }
  for (const service of ['postgres', 'redis', 'api1', 'api2', 'nginx']) await healthy(service);
  note('topologyUpSeconds', Math.round((Date.now() - started) / 100) / 10);
  note('firstStartSeconds', { api1: await startSeconds('api1'), api2: await startSeconds('api2') });
  await findAddresses();

  admin = await world.login(secrets.ADMIN_EMAIL, secrets.ADMIN_PASSWORD);
  // The World signs in as the test suite's admin; here the admin is this run's own.
  (world as unknown as { adminSession: Member }).adminSession = admin;
  party = await world.party();
  offices = [];
  for (let i = 0; i < 3; i++) offices.push((await world.office(party.id)).id);
  [writer, readerA, readerB] = [
    await world.member(offices[0]),
    await world.member(offices[1]),
    await world.member(offices[2]),
  ];
  channelId = await partyChannelOf(readerA);
}, 600_000);

// Each step starts with both nodes up, whatever the one before did to them.
beforeEach(async () => {
  let started = false;
  for (const service of ['api1', 'api2']) {
    const id = await container(service);
    if (!(await inspect<boolean>(id, '.State.Running'))) {
      await docker('start', id);
      started = true;
    }
  }
  if (started) {
    await Promise.all([healthy('api1'), healthy('api2')]);
    await findAddresses();
  }
}, 180_000);

afterEach(() => {
  for (const socket of sockets.splice(0)) socket.close();
});

afterAll(async () => {
  // Removal is scripts/test-deploy.sh's (it runs even when Jest is killed); this keeps the
  // report when a step failed.
  if (process.env.DEPLOY_REPORT) writeFileSync(process.env.DEPLOY_REPORT, `${JSON.stringify(report, null, 2)}\n`);
});

// =============================================================================================

describe('the compose topology, through nginx', () => {
  it('runs every service healthy; the migration ran once and exited 0; images and start times measured', async () => {
    const migrate = await container('migrate');
    expect(await inspect<{ Status: string; ExitCode: number }>(migrate, '.State')).toMatchObject({
      Status: 'exited',
      ExitCode: 0,
    });
    const sizes: Record<string, number> = {};
    const bases = [
      process.env.NODE_IMAGE ?? 'node:24-bookworm-slim',
      process.env.RUNTIME_IMAGE ?? 'debian:bookworm-slim',
    ];
    for (const image of [APP_IMAGE, ...bases]) {
      sizes[image] = Math.round(Number(await docker('image', 'inspect', '-f', '{{.Size}}', image)) / 1e5) / 10;
    }
    note('imageSizesMB', sizes);
    const services = ['postgres', 'redis', 'api1', 'api2', 'nginx'];
    const health = await Promise.all(
      services.map(async (s) => inspect<string>(await container(s), '.State.Health.Status')),
    );
    expect(health).toEqual(services.map(() => 'healthy'));
    // Every API answer comes through nginx; the nodes publish no port.
    for (const service of ['api1', 'api2', 'postgres', 'redis']) {
      expect(
        await inspect<Record<string, unknown> | null>(await container(service), '.HostConfig.PortBindings'),
      ).toEqual({});
    }
  });

  it('runs the app in production, as uid 1000 on a read-only root; refuses to start without JWT_SECRET or AUDIT_KEY, or with demo accounts', async () => {
    for (const service of ['api1', 'api2']) {
      const id = await container(service);
      expect((await docker('exec', id, 'node', '-p', 'process.env.NODE_ENV')).trim()).toBe('production');
      expect((await docker('exec', id, 'id', '-u')).trim()).toBe('1000');
      expect(await inspect<boolean>(id, '.HostConfig.ReadonlyRootfs')).toBe(true);
      const write = await run(DOCKER, ['exec', id, 'sh', '-c', 'touch /app/probe || touch /probe']);
      expect(write.code).not.toBe(0);
      expect(write.stderr).toMatch(/Read-only file system/);
    }

    // A node without JWT_SECRET stops at once, saying why.
    const noSecret = await compose('run', '--rm', '--no-deps', '-T', '-e', 'JWT_SECRET=', 'api1');
    expect(noSecret.code).not.toBe(0);
    expect(`${noSecret.stdout}${noSecret.stderr}`).toContain('JWT_SECRET: required when NODE_ENV=production');
    note('withoutJwtSecret', `exit ${noSecret.code}: JWT_SECRET: required when NODE_ENV=production`);

    // Demo accounts with NODE_ENV=production: refused by the configuration and at start.
    const production = {
      NODE_ENV: 'production',
      JWT_SECRET: secrets.JWT_SECRET,
      AUDIT_KEY: secrets.AUDIT_KEY,
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
    };
    expect((await configOf({ ...production, SEED_DEMO: '1' })).problem).toContain('SEED_DEMO');
    const demo = await compose('run', '--rm', '--no-deps', '-T', '-e', 'SEED_DEMO=1', 'api1');
    expect(demo.code).not.toBe(0);
    expect(`${demo.stdout}${demo.stderr}`).toContain('SEED_DEMO');
    note('seedDemoInProduction', `refused at start (exit ${demo.code})`);
    // No AUDIT_KEY in production: refused, since it keys the audit chain.
    const noAuditKey = await configOf({ ...production, AUDIT_KEY: '' });
    expect(noAuditKey.problem).toContain('AUDIT_KEY: required when NODE_ENV=production');
    note('withoutAuditKey', noAuditKey.problem);
  });

  it('gives two clients with different X-Forwarded-For values through nginx their own login limits (with TRUST_PROXY)', async () => {
    // Two addresses nginx sends to the same node, so a per-node count could not tell them apart.
    const [first, second] = AT.api1.length >= 2 ? AT.api1 : AT.api2;
    const email = `nobody.${randomBytes(4).toString('hex')}@deploy-test.riding-relay.ca`;
    const attempt = (address: string) =>
      from(address).post('/auth/login', { email, password: 'not-the-password-at-all' });
    const limit = Number(secrets.LOGIN_RATE_LIMIT ?? 10);
    const firstAnswers: number[] = [];
    for (let i = 0; i <= limit; i++) firstAnswers.push((await attempt(first)).status);
    expect(firstAnswers.slice(0, limit)).toEqual(Array(limit).fill(401));
    expect(firstAnswers[limit]).toBe(429);
    expect((await attempt(second)).status).toBe(401);
    note('loginLimitsPerClient', `separate: ${first} was limited (429), ${second} still answered 401`);
  });

  it('signs in and delivers an alert posted through nginx to sockets on both nodes', async () => {
    const onA = await socketAt(AT.api1[0], readerA, channelId);
    const onB = await socketAt(AT.api2[0], readerB, channelId);
    const posted = (
      await from(AT.api1[1] ?? AT.api1[0], writer)
        .post(`/channels/${channelId}/alerts`, {
          title: 'Study permit caps change on Monday',
          body: 'IRCC lowers the provincial attestation caps.',
          severity: 'urgent',
          categories: ['immigration'],
          immigrationTypes: ['study_permit'],
          effectiveDate: '2026-12-01',
          sourceUrl: 'https://www.canada.ca/en/immigration-refugees-citizenship/news.html',
        })
        .expect(201)
    ).body as { id: string };
    const isAlert = (e: LiveEvent) => e.type === 'alert.posted' && dataOf(e).id === posted.id;
    await onA.waitFor((events) => events.some(isAlert));
    await onB.waitFor((events) => events.some(isAlert));
    const [a, b] = [onA.events.find(isAlert)!, onB.events.find(isAlert)!];
    expect(b).toEqual(a);
    expect(a).toMatchObject({ stream: `channel:${channelId}`, actor: { userId: writer.id, officeId: offices[0] } });
  });

  it('runs a handoff; SIGKILL of api2 during concurrent accepts leaves no transfer half-done', async () => {
    // One handoff, start to end.
    const single = await shareableCase(writer, 'Study permit file, handed off');
    const offer = (
      await from(undefined, writer)
        .post('/handoffs', { caseId: single, toOfficeId: offices[1], note: 'Complex study permit file' })
        .expect(201)
    ).body as { id: string };
    await from(undefined, readerA).post(`/handoffs/${offer.id}/accept`).expect(200);
    expect(
      ((await from(undefined, readerA).get(`/cases/${single}`).expect(200)).body as { handlingOfficeId: string })
        .handlingOfficeId,
    ).toBe(offices[1]);

    // 40 channel offers; both takers accept each through both nodes, 160 requests at once.
    const offers: string[] = [];
    for (let i = 0; i < 40; i++) {
      const caseId = await shareableCase(writer, `Study permit file ${i}`);
      const res = await from(undefined, writer)
        .post('/handoffs', { caseId, channelId, note: `Complex study permit file ${i}` })
        .expect(201);
      offers.push((res.body as { id: string }).id);
    }
    const takers = [
      { m: readerA, office: offices[1] },
      { m: readerB, office: offices[2] },
    ];
    type Attempt = { offer: string; office: string; via: 'api1' | 'api2'; status?: number; code?: string };
    const accept = (offerId: string, taker: (typeof takers)[number], via: 'api1' | 'api2'): Promise<Attempt> =>
      from(AT[via][0], taker.m)
        .post(`/handoffs/${offerId}/accept`)
        .then(
          (res) => ({ offer: offerId, office: taker.office, via, status: res.status, code: codeOf(res) }),
          () => ({ offer: offerId, office: taker.office, via }),
        );
    const burst = Promise.all(
      offers.flatMap((id, i) => {
        const [one, two] = i % 2 === 0 ? takers : [takers[1], takers[0]];
        return [accept(id, one, 'api1'), accept(id, two, 'api2'), accept(id, two, 'api1'), accept(id, one, 'api2')];
      }),
    );
    // Killed a moment after the burst leaves: its accepts are on their way or being served.
    const api2Container = await container('api2');
    await settle(30);
    await docker('kill', '-s', 'KILL', api2Container);
    const attempts = await burst;

    // A win, the offer already taken, a refusal under load, or (only through the killed
    // node) nginx's 502.
    const outcome = (a: Attempt) => (a.status === undefined ? 'network' : `${a.status} ${a.code ?? ''}`.trim());
    const byNode = (via: string) =>
      attempts
        .filter((a) => a.via === via)
        .reduce<Record<string, number>>((counts, a) => {
          counts[outcome(a)] = (counts[outcome(a)] ?? 0) + 1;
          return counts;
        }, {});
    note('killMidTransfer', { api1: byNode('api1'), api2: byNode('api2') });
    // 503 is a node refusing under load (its pool busy): retried below like the others.
    const answered = ['200', '409 handoff_not_open', '503 service_unavailable'];
    for (const a of attempts.filter((x) => x.via === 'api1')) expect(answered).toContain(outcome(a));
    const lost = attempts.filter((a) => a.via === 'api2' && !answered.includes(outcome(a)));
    for (const a of lost) expect(['502', '504', 'network']).toContain(outcome(a));
    // Whether the kill caught accepts in flight depends on the machine's speed (on an idle one
    // api2 may answer its whole share first); either way nothing may be half-done, below.
    note('killCaughtInFlight', lost.length);

    // Retries through the survivor settle every offer.
    for (const [i, id] of offers.entries()) {
      await eventually(
        `offer ${id} settled`,
        () => accept(id, takers[i % 2], 'api1'),
        (a) => ['200', '409 handoff_not_open'].includes(outcome(a)),
        10_000,
      );
    }

    // Each offer: accepted once, the file moved once, with its ledger row, audit rows and events.
    const rows = await sql<Record<string, unknown>>(`
      SELECT h.status, h.accepted_by_office_id = c.handling_office_id AS moved,
        (SELECT count(*) FROM case_transfers x WHERE x.case_id = h.case_id) AS transfers,
        (SELECT count(*) FROM audit_events a WHERE a.action = 'case.transferred' AND a.case_id = h.case_id) AS "auditMoves",
        (SELECT count(*) FROM events e WHERE e.stream = 'office:' || h.from_office_id
           AND e.type = 'handoff.accepted' AND e.data->>'id' = h.id::text) AS "acceptedEvents",
        (SELECT count(*) FROM events e WHERE e.stream = 'office:' || h.accepted_by_office_id
           AND e.type = 'case.transferred_in' AND e.data->>'caseId' = h.case_id::text) AS "inEvents"
      FROM handoffs h JOIN cases c ON c.id = h.case_id
      WHERE h.id IN (${offers.map((id) => `'${id}'`).join(',')})`);
    expect(rows).toEqual(
      offers.map(() => ({
        status: 'accepted',
        moved: true,
        transfers: 1,
        auditMoves: 1,
        acceptedEvents: 1,
        inEvents: 1,
      })),
    );
    const wins = attempts.filter((a) => a.status === 200);
    for (const id of offers) expect(wins.filter((a) => a.offer === id).length).toBeLessThanOrEqual(1);
    expect((await from(undefined, admin).get('/audit/verify').expect(200)).body).toMatchObject({ ok: true });

    // api2 comes back (restart policy does not revive a killed container: an operator does).
    await docker('start', await container('api2'));
    await healthy('api2');
    note('restartSeconds', { api2: await startSeconds('api2') });
    await findAddresses();
  });

  it('answers 503 service_unavailable while PostgreSQL is stopped, and recovers by itself when it is back', async () => {
    const before: string[] = [];
    for (let i = 0; i < 3; i++) {
      before.push(
        (
          (
            await from(undefined, readerA)
              .post('/cases', caseBody({ summary: `Before the restart ${i}` }))
              .expect(201)
          ).body as { id: string }
        ).id,
      );
    }
    expect((await compose('stop', 'postgres')).code).toBe(0);
    const stoppedAt = Date.now();
    const answers: { status: number; code?: string; type: string; retryAfter?: string; login: boolean }[] = [];
    while (Date.now() - stoppedAt < 3000) {
      for (const address of [AT.api1[0], AT.api2[0]]) {
        const res = await Promise.all([
          from(address, readerA).get('/cases'),
          from(address, readerA).post('/cases', caseBody({ summary: 'Filed during the outage' })),
          from(address, readerA).get('/me'),
          from(address).post('/auth/login', { email: readerA.email, password: 'member-password-for-tests' }),
        ]);
        for (const [i, r] of res.entries()) {
          answers.push({
            status: r.status,
            code: codeOf(r),
            type: String(r.headers['content-type']),
            retryAfter: r.headers['retry-after'] as string | undefined,
            login: i === 3,
          });
        }
      }
      await settle(200);
    }
    // Read while it is down, then PostgreSQL is back before anything is asserted, so a failed
    // assertion here does not leave the later steps without a database.
    const readyWhileDown = (await from(AT.api1[0]).get('/health/ready')).status;
    expect((await compose('start', 'postgres')).code).toBe(0);
    const statuses = [...new Set(answers.map((a) => `${a.status} ${a.code}`))];
    note('postgresStopped', { requests: answers.length, answers: statuses });
    // Every answer is a 503 with Retry-After, never a 500; only sign-ins may instead meet the
    // per-address login limit first (counted in Redis, which is up): 429, also with Retry-After.
    for (const { login, ...answer } of answers) {
      const limited = login && answer.status === 429;
      expect(answer).toEqual({
        status: limited ? 429 : 503,
        code: limited ? 'rate_limited' : 'service_unavailable',
        type: expect.stringMatching(/^application\/problem\+json/),
        retryAfter: expect.stringMatching(/^\d+$/),
      });
    }
    expect(readyWhileDown).toBe(503);
    const restartedAt = Date.now();
    await eventually(
      'GET /cases answering 200 through both nodes',
      async () => Promise.all([AT.api1[0], AT.api2[0]].map(async (a) => (await from(a, readerA).get('/cases')).status)),
      (s) => s.every((status) => status === 200),
      60_000,
    );
    note('postgresRecoverySeconds', Math.round((Date.now() - restartedAt) / 100) / 10);
    const listed = (await from(undefined, readerA).get('/cases?limit=200').expect(200)).body as {
      items: { id: string; summary: string }[];
    };
    expect(listed.items.map((c) => c.id)).toEqual(expect.arrayContaining(before));
    expect(listed.items.filter((c) => c.summary === 'Filed during the outage')).toEqual([]);
    await from(undefined, readerA)
      .post('/cases', caseBody({ summary: 'After the restart' }))
      .expect(201);
  });

  it('restarts Redis: local delivery goes on, and a socket on the other node gets every event by sync', async () => {
    const onA = await socketAt(AT.api1[0], readerA, channelId);
    let onB = await socketAt(AT.api2[0], readerB, channelId);
    const stream = `channel:${channelId}`;
    const posted = (client: LiveClient) =>
      client.events.filter((e) => e.stream === stream && e.type === 'message.posted').map((e) => dataOf(e).id);
    const post = async (body: string) =>
      (
        (await from(AT.api1[0], writer).post(`/channels/${channelId}/messages`, { body }).expect(201)).body as {
          id: string;
        }
      ).id;

    const first = await post('Before Redis restarts');
    await onB.waitFor(() => posted(onB).includes(first));
    const lastSeqB = Math.max(...onB.events.filter((e) => e.stream === stream).map((e) => e.seq));

    expect((await compose('stop', 'redis')).code).toBe(0);
    const during: string[] = [];
    for (let i = 1; i <= 5; i++) during.push(await post(`While Redis is down #${i}`));
    await onA.waitFor(() => during.every((id) => posted(onA).includes(id)));

    expect((await compose('start', 'redis')).code).toBe(0);
    await healthy('redis', 60_000);
    await eventually(
      'api2 ready with Redis back',
      async () => (await from(AT.api2[0]).get('/health/ready')).status,
      (status) => status === 200,
      30_000,
    );
    if (!onB.socket.connected) onB = await socketAt(AT.api2[0], readerB, channelId);
    const missed = await sync(onB, { [stream]: lastSeqB });
    const logged = await sql<{ seq: number; id: string }>(
      `SELECT seq::int AS seq, data->>'id' AS id FROM events WHERE stream = '${stream}' AND seq > ${lastSeqB} ORDER BY seq`,
    );
    expect(missed.map((e) => ({ seq: e.seq, id: dataOf(e).id }))).toEqual(logged);
    expect(during.every((id) => logged.some((row) => row.id === id))).toBe(true);
    note('redisRestart', {
      postedWhileDown: during.length,
      seenLiveOnApi1: during.filter((id) => posted(onA).includes(id)).length,
      recoveredBySyncOnApi2: missed.length,
    });
    const after = await post('After Redis is back');
    await onB.waitFor(() => posted(onB).includes(after), 15_000);
  });

  it('SIGTERM to api2: its requests in flight complete, its sockets are told to go, it exits 0', async () => {
    const socket = await socketAt(AT.api2[0], readerB, channelId);
    const gone = disconnection(socket, 30_000);
    const id = await container('api2');
    // 30 new files and 5 sign-ins through the node, and the signal once the first is answered.
    let firstAnswer!: () => void;
    const answered = new Promise<void>((resolve) => (firstAnswer = resolve));
    const requests = [
      ...Array.from({ length: 30 }, (_, i) =>
        from(AT.api2[0], readerB).post('/cases', caseBody({ summary: `In flight at SIGTERM ${i}` })),
      ),
      ...Array.from({ length: 5 }, () =>
        from(AT.api2[0]).post('/auth/login', { email: readerB.email, password: 'member-password-for-tests' }),
      ),
    ].map((req) =>
      req.then(
        (res) => {
          firstAnswer();
          return { status: res.status, id: (res.body as { id?: string }).id };
        },
        (error: Error) => ({ status: 0, id: error.message }),
      ),
    );
    await Promise.race([answered, settle(3000)]);
    const signalled = Date.now();
    await docker('kill', '-s', 'TERM', id);
    const results = await Promise.all(requests);
    const exitCode = Number((await docker('wait', id)).trim());
    note('sigterm', {
      drainSeconds: Math.round((Date.now() - signalled) / 100) / 10,
      exitCode,
      answers: results.reduce<Record<string, number>>((counts, r) => {
        counts[r.status] = (counts[r.status] ?? 0) + 1;
        return counts;
      }, {}),
    });
    expect(results.map((r) => r.status)).toEqual([...Array(30).fill(201), ...Array(5).fill(200)]);
    expect(exitCode).toBe(0);
    expect(['transport close', 'io server disconnect']).toContain(await gone);
    const ids = results.slice(0, 30).map((r) => `'${r.id}'`);
    expect(await sql(`SELECT id FROM cases WHERE id IN (${ids.join(',')})`)).toHaveLength(30);
    // The socket's client reconnects through nginx, now to api1.
    expect(await nodeFor(AT.api2[0])).toMatch(new RegExp(`${(await addressOf('api1')).replace(/\./g, '\\.')}$`));
    const back = await socketAt(AT.api2[0], readerB, channelId);
    expect(back.socket.connected).toBe(true);
  });
});
