import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Response, Test } from 'supertest';
import { startTestApp, type TestApp } from './support/test-app.js';
import { caseBody, World, type Member } from './support/world.js';

const API = '/api/v1';

// ---------------------------------------------------------------------------------------
// Database snapshots: bad input must change nothing, so every table a write could touch is
// compared (row count and a digest of every row) before and after each bad request.
// ---------------------------------------------------------------------------------------

const TABLES = [
  'cases',
  'case_notes',
  'case_consents',
  'users',
  'parties',
  'offices',
  'office_neighbours',
  'audit_events',
  'idempotency_keys',
  'refresh_families',
  'refresh_tokens',
  'invitations',
];

// Reads are audited too (a list or search writes its 'case.listed' row): not a change.
const READS_EXCLUDED = ` WHERE action NOT IN ('case.listed', 'case.viewed')`;

type Snapshot = Record<string, { rows: number; digest: string }>;

async function snapshot(db: pg.Pool): Promise<Snapshot> {
  const sql = TABLES.map(
    (table) =>
      `SELECT '${table}' AS name, count(*)::int AS rows,
              coalesce(md5(string_agg(r::text, '|' ORDER BY r::text)), '-') AS digest
       FROM ${table} r${table === 'audit_events' ? READS_EXCLUDED : ''}`,
  ).join(' UNION ALL ');
  const { rows } = await db.query<{ name: string; rows: number; digest: string }>(sql);
  return Object.fromEntries(rows.map((row) => [row.name, { rows: row.rows, digest: row.digest }]));
}

// ---------------------------------------------------------------------------------------
// The table of bad requests. Paths may hold {case}, {office}, {user} or {unknown}, filled in
// once the world exists; bodies that need run-time values are functions.
// ---------------------------------------------------------------------------------------

type Caller = 'assistant' | 'lead' | 'admin' | 'anonymous';

interface Ids {
  case: string;
  office: string;
  otherOffice: string;
  user: string;
  outsider: string;
  refreshToken: string;
  unknown: string;
}

interface Bad {
  name: string;
  as: Caller;
  method: 'get' | 'post' | 'patch';
  path: string;
  body?: unknown;
  /** Sent as-is with this Content-Type: malformed JSON, text, forms, huge bodies. */
  raw?: [contentType: string, data: string];
  headers?: Record<string, string>;
  status: number;
  code: string;
  /** The errors[].field the problem must list, exactly. */
  fields?: string[];
}

const ids = {} as Ids;
const long = (n: number) => 'x'.repeat(n);
const later = (body: () => unknown) => body; // a body that needs ids known only at run time
const cursor = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url');

const post = (path: string, body: unknown, as: Caller = 'assistant') => ({ method: 'post' as const, path, body, as });
const patch = (path: string, body: unknown, as: Caller = 'assistant', headers?: Record<string, string>) => ({
  method: 'patch' as const,
  path,
  body,
  as,
  headers,
});
const raw = (method: 'post' | 'patch', path: string, contentType: string, data: string, as: Caller = 'assistant') => ({
  method,
  path,
  raw: [contentType, data] as [string, string],
  as,
});

const invalid = (...fields: string[]) => ({ status: 400, code: 'validation_failed', fields });
const stale = { status: 412, code: 'version_mismatch' };
const notFound = { status: 404, code: 'not_found' };
const malformedJson = { status: 400, code: 'malformed_json' };
const unsupported = { status: 415, code: 'unsupported_media_type' };
const tooLarge = { status: 413, code: 'payload_too_large' };

const TWO_MB_JSON = JSON.stringify(caseBody({ summary: long(2 * 1024 * 1024) }));
const BROKEN_JSON = '{"category": "immigration", "summary": ';

/** One GET row per [query string, field, label?]: each bad query parameter is named. */
const badQueries = (path: string, as: Caller, rows: [query: string, field: string, label?: string][]): Bad[] =>
  rows.map(([query, field, label]) => ({
    name: `GET ${path}?${label ?? query}`,
    method: 'get',
    path: `${path}?${query}`,
    as,
    ...invalid(field),
  }));

const BAD_LIMITS: [string, string][] = ['0', '201', '-1', 'ten', '1.5'].map((limit) => [`limit=${limit}`, 'limit']);

const BAD: Bad[] = [
  // POST /cases
  {
    name: 'POST /cases: every required field missing',
    ...post('/cases', {}),
    ...invalid('category', 'complexity', 'constituent', 'summary', 'urgency'),
  },
  {
    name: 'POST /cases: constituent missing',
    ...post('/cases', caseBody({ constituent: undefined })),
    ...invalid('constituent'),
  },
  {
    name: 'POST /cases: null constituent and summary',
    ...post('/cases', caseBody({ constituent: null, summary: null })),
    ...invalid('constituent', 'summary'),
  },
  {
    name: 'POST /cases: null languages',
    ...post('/cases', caseBody({ languages: null })),
    ...invalid('languages'),
  },
  {
    name: 'POST /cases: constituent without fullName',
    ...post('/cases', caseBody({ constituent: { email: 'a@example.org' } })),
    ...invalid('constituent.fullName'),
  },
  {
    name: 'POST /cases: unknown top-level fields are rejected, not ignored',
    ...post('/cases', caseBody({ status: 'closed', handlingOfficeId: randomUUID() })),
    ...invalid('handlingOfficeId', 'status'),
  },
  {
    name: 'POST /cases: unknown constituent field',
    ...post('/cases', caseBody({ constituent: { fullName: 'Ana Lima', sin: '046 454 286' } })),
    ...invalid('constituent.sin'),
  },
  {
    name: 'POST /cases: wrong types',
    ...post('/cases', caseBody({ summary: 42, languages: 'en', deadline: 20990101, urgency: true })),
    ...invalid('deadline', 'languages', 'summary', 'urgency'),
  },
  {
    name: 'POST /cases: constituent is a string, not an object',
    ...post('/cases', caseBody({ constituent: 'Ana Lima' })),
    ...invalid('constituent'),
  },
  {
    name: 'POST /cases: out-of-range enums',
    ...post(
      '/cases',
      caseBody({ category: 'astrology', immigrationType: 'tourist', urgency: 'urgent', complexity: 'medium' }),
    ),
    ...invalid('category', 'complexity', 'immigrationType', 'urgency'),
  },
  {
    name: 'POST /cases: an immigrationType on a passport file',
    ...post('/cases', caseBody({ category: 'passport', immigrationType: 'study_permit' })),
    ...invalid('immigrationType'),
  },
  {
    name: 'POST /cases: over-long summary and constituent name',
    ...post('/cases', caseBody({ summary: long(4001), constituent: { fullName: long(201) } })),
    ...invalid('constituent.fullName', 'summary'),
  },
  {
    name: 'POST /cases: empty summary and name',
    ...post('/cases', caseBody({ summary: '', constituent: { fullName: '' } })),
    ...invalid('constituent.fullName', 'summary'),
  },
  {
    name: 'POST /cases: malformed dates, ids, e-mail and language codes',
    ...post(
      '/cases',
      caseBody({
        deadline: 'next Tuesday',
        homeOfficeId: 'office-1',
        assigneeId: '42',
        languages: ['english'],
        constituent: { fullName: 'Ana Lima', dateOfBirth: '14/02/1990', email: 'not-an-email' },
      }),
    ),
    ...invalid('assigneeId', 'constituent.dateOfBirth', 'constituent.email', 'deadline', 'homeOfficeId', 'languages'),
  },
  {
    name: 'POST /cases: homeOfficeId that is no office',
    ...post(
      '/cases',
      later(() => caseBody({ homeOfficeId: ids.unknown })),
    ),
    ...invalid('homeOfficeId'),
  },
  {
    name: 'POST /cases: assignee from another office',
    ...post(
      '/cases',
      later(() => caseBody({ assigneeId: ids.outsider })),
    ),
    ...invalid('assigneeId'),
  },
  {
    name: 'POST /cases: a JSON array instead of an object',
    ...post('/cases', [caseBody()]),
    status: 400,
    code: 'validation_failed',
  },
  {
    name: 'POST /cases: bad input under an Idempotency-Key leaves no key behind',
    ...post('/cases', caseBody({ summary: '' })),
    headers: { 'Idempotency-Key': 'bad-input-key-1' },
    ...invalid('summary'),
  },

  // PATCH /cases/:id
  {
    name: 'PATCH /cases/:id: unknown fields (reference, handlingOfficeId, version)',
    ...patch('/cases/{case}', { reference: 'X-1', handlingOfficeId: randomUUID(), version: 7 }),
    ...invalid('handlingOfficeId', 'reference', 'version'),
  },
  {
    name: 'PATCH /cases/:id: out-of-range enums',
    ...patch('/cases/{case}', { status: 'archived', urgency: 'asap', category: 'astrology' }),
    ...invalid('category', 'status', 'urgency'),
  },
  {
    name: 'PATCH /cases/:id: wrong types',
    ...patch('/cases/{case}', { summary: ['a'], deadline: true, languages: [1] }),
    ...invalid('deadline', 'languages', 'summary'),
  },
  {
    name: 'PATCH /cases/:id: empty summary, over-long name, unknown constituent field',
    ...patch('/cases/{case}', { summary: '', constituent: { fullName: long(201), passport: 'X' } }),
    ...invalid('constituent.fullName', 'constituent.passport', 'summary'),
  },
  {
    name: 'PATCH /cases/:id: null cannot clear a required field',
    ...patch('/cases/{case}', { summary: null, urgency: null, languages: null }),
    ...invalid('languages', 'summary', 'urgency'),
  },
  {
    name: 'PATCH /cases/:id: stale If-Match',
    ...patch('/cases/{case}', { summary: 'Reworded' }, 'assistant', { 'If-Match': '"999"' }),
    ...stale,
  },
  {
    name: 'PATCH /cases/:id: malformed If-Match',
    ...patch('/cases/{case}', { summary: 'Reworded' }, 'assistant', { 'If-Match': 'yesterday' }),
    ...invalid('If-Match'),
  },
  { name: 'PATCH /cases/:id: non-UUID id', ...patch('/cases/42', { summary: 'Reworded' }), ...invalid('id') },
  { name: 'PATCH /cases/:id: unknown UUID', ...patch('/cases/{unknown}', { summary: 'Reworded' }), ...notFound },
  {
    name: 'GET /cases/:id: non-UUID id',
    method: 'get',
    path: '/cases/1%27%20OR%201=1',
    as: 'assistant',
    ...invalid('id'),
  },

  // POST /cases/:id/notes
  { name: 'POST /cases/:id/notes: no body field', ...post('/cases/{case}/notes', {}), ...invalid('body') },
  { name: 'POST /cases/:id/notes: empty body', ...post('/cases/{case}/notes', { body: '' }), ...invalid('body') },
  {
    name: 'POST /cases/:id/notes: over-long body',
    ...post('/cases/{case}/notes', { body: long(10_001) }),
    ...invalid('body'),
  },
  {
    // PostgreSQL text cannot hold NUL: the client must still learn which field is wrong.
    name: 'POST /cases/:id/notes: a NUL character',
    ...post('/cases/{case}/notes', { body: 'before\u0000after' }),
    ...invalid('body'),
  },
  { name: 'POST /cases/:id/notes: body is a number', ...post('/cases/{case}/notes', { body: 7 }), ...invalid('body') },
  {
    name: 'POST /cases/:id/notes: unknown fields',
    ...post('/cases/{case}/notes', { body: 'ok', authorId: randomUUID(), caseId: randomUUID() }),
    ...invalid('authorId', 'caseId'),
  },
  { name: 'POST /cases/:id/notes: non-UUID id', ...post('/cases/abc/notes', { body: 'ok' }), ...invalid('id') },
  { name: 'POST /cases/:id/notes: unknown UUID', ...post('/cases/{unknown}/notes', { body: 'ok' }), ...notFound },

  // POST /cases/:id/consents
  {
    name: 'POST /cases/:id/consents: every field missing',
    ...post('/cases/{case}/consents', {}),
    ...invalid('evidence', 'grantedAt', 'scope'),
  },
  {
    name: 'POST /cases/:id/consents: bad scope, date and over-long evidence',
    ...post('/cases/{case}/consents', { scope: 'share_with_everyone', grantedAt: 'yesterday', evidence: long(2001) }),
    ...invalid('evidence', 'grantedAt', 'scope'),
  },
  {
    name: 'POST /cases/:id/consents: granted tomorrow',
    ...post('/cases/{case}/consents', {
      scope: 'share_with_offices',
      grantedAt: new Date(Date.now() + 86_400_000).toISOString(),
      evidence: 'IMM 5476 signed',
    }),
    ...invalid('grantedAt'),
  },
  {
    name: 'POST /cases/:id/consents: expires before it is granted',
    ...post('/cases/{case}/consents', {
      scope: 'share_with_offices',
      grantedAt: '2024-05-01T00:00:00Z',
      expiresAt: '2024-04-01T00:00:00Z',
      evidence: 'IMM 5476 signed',
    }),
    ...invalid('expiresAt'),
  },
  {
    name: 'POST /cases/:id/consents: unknown field',
    ...post('/cases/{case}/consents', {
      scope: 'share_with_offices',
      grantedAt: '2024-05-01T00:00:00Z',
      evidence: 'IMM 5476 signed',
      revokedAt: '2024-06-01T00:00:00Z',
    }),
    ...invalid('revokedAt'),
  },
  {
    name: 'POST /cases/:id/consents: non-UUID id',
    ...post('/cases/null/consents', { scope: 'share_with_offices', grantedAt: '2024-05-01T00:00:00Z', evidence: 'e' }),
    ...invalid('id'),
  },

  // POST /offices/:id/members (the office's lead)
  {
    name: 'POST /offices/:id/members: every required field missing',
    ...post('/offices/{office}/members', {}, 'lead'),
    ...invalid('displayName', 'email', 'role'),
  },
  {
    name: 'POST /offices/:id/members: role admin is out of range',
    ...post(
      '/offices/{office}/members',
      { email: 'new.admin@test.riding-relay.ca', displayName: 'New', role: 'admin' },
      'lead',
    ),
    ...invalid('role'),
  },
  {
    name: 'POST /offices/:id/members: bad e-mail, language as a string',
    ...post(
      '/offices/{office}/members',
      { email: 'nobody', displayName: 'New', role: 'assistant', languages: 'fr' },
      'lead',
    ),
    ...invalid('email', 'languages'),
  },
  {
    // Whoever invites never chooses the member's password: the member sets it with the invitation.
    name: 'POST /offices/:id/members: a password chosen by the lead',
    ...post(
      '/offices/{office}/members',
      { email: 'chosen@test.riding-relay.ca', displayName: 'New', role: 'assistant', password: 'long-enough-password' },
      'lead',
    ),
    ...invalid('password'),
  },
  {
    name: 'POST /offices/:id/members: unknown fields (officeId, passwordHash)',
    ...post(
      '/offices/{office}/members',
      later(() => ({
        email: 'new.member@test.riding-relay.ca',
        displayName: 'New',
        role: 'assistant',
        officeId: ids.otherOffice,
        passwordHash: '$argon2id$v=19$...',
      })),
      'lead',
    ),
    ...invalid('officeId', 'passwordHash'),
  },
  {
    name: 'POST /offices/:id/members: over-long display name',
    ...post(
      '/offices/{office}/members',
      {
        email: 'long@test.riding-relay.ca',
        displayName: long(121),
        role: 'assistant',
      },
      'lead',
    ),
    ...invalid('displayName'),
  },
  {
    name: 'POST /offices/:id/members: non-UUID office id',
    ...post('/offices/abc/members', {}, 'admin'),
    ...invalid('id'),
  },

  // PATCH /users/:id (the office's lead, on a member of the office)
  { name: 'PATCH /users/:id: role admin', ...patch('/users/{user}', { role: 'admin' }, 'lead'), ...invalid('role') },
  {
    name: 'PATCH /users/:id: active as a string',
    ...patch('/users/{user}', { active: 'false' }, 'lead'),
    ...invalid('active'),
  },
  {
    name: 'PATCH /users/:id: unknown fields (email, officeId, password)',
    ...patch('/users/{user}', { email: 'x@example.org', officeId: randomUUID(), password: 'new-password-123' }, 'lead'),
    ...invalid('email', 'officeId', 'password'),
  },
  {
    name: 'PATCH /users/:id: empty display name, bad language code',
    ...patch('/users/{user}', { displayName: '', languages: ['English'] }, 'lead'),
    ...invalid('displayName', 'languages'),
  },
  {
    name: 'PATCH /users/:id: null display name, active and languages',
    ...patch('/users/{user}', { displayName: null, active: null, languages: null }, 'lead'),
    ...invalid('active', 'displayName', 'languages'),
  },
  { name: 'PATCH /users/:id: "me" is not a UUID', ...patch('/users/me', { displayName: 'Me' }), ...invalid('id') },
  {
    name: 'PATCH /users/:id: stale If-Match',
    ...patch('/users/{user}', { displayName: 'Renamed' }, 'lead', { 'If-Match': '"999"' }),
    ...stale,
  },
  {
    name: 'PATCH /users/:id: malformed If-Match',
    ...patch('/users/{user}', { displayName: 'Renamed' }, 'lead', { 'If-Match': 'W/"abc"' }),
    ...invalid('If-Match'),
  },

  // POST /parties (admin)
  { name: 'POST /parties: every field missing', ...post('/parties', {}, 'admin'), ...invalid('name', 'shortName') },
  {
    name: 'POST /parties: name too short, short name too long',
    ...post('/parties', { name: 'A', shortName: long(17) }, 'admin'),
    ...invalid('name', 'shortName'),
  },
  {
    name: 'POST /parties: wrong types',
    ...post('/parties', { name: ['Liberal'], shortName: 3 }, 'admin'),
    ...invalid('name', 'shortName'),
  },
  {
    name: 'POST /parties: unknown field id',
    ...post('/parties', { id: randomUUID(), name: 'Party of Ids', shortName: 'POI' }, 'admin'),
    ...invalid('id'),
  },

  // POST /offices (admin)
  {
    name: 'POST /offices: every required field missing',
    ...post('/offices', {}, 'admin'),
    ...invalid('code', 'level', 'name', 'nameFr', 'province'),
  },
  {
    name: 'POST /offices: out-of-range province and level',
    ...post('/offices', { code: 'Z1', name: 'Z', nameFr: 'Z', province: 'XX', level: 'municipal' }, 'admin'),
    ...invalid('level', 'province'),
  },
  {
    name: 'POST /offices: bad code, over-long name, non-UUID party and neighbours',
    ...post(
      '/offices',
      {
        code: 'has space',
        name: long(201),
        nameFr: 'Z',
        province: 'ON',
        level: 'federal',
        partyId: 'abc',
        neighbourIds: ['abc'],
      },
      'admin',
    ),
    ...invalid('code', 'name', 'neighbourIds', 'partyId'),
  },
  {
    name: 'POST /offices: unknown fields (caseCounter, version)',
    ...post(
      '/offices',
      { code: 'Z2', name: 'Z', nameFr: 'Z', province: 'ON', level: 'federal', caseCounter: 9, version: 3 },
      'admin',
    ),
    ...invalid('caseCounter', 'version'),
  },
  {
    name: 'POST /offices: a party that does not exist',
    ...post(
      '/offices',
      later(() => ({
        code: 'Z3',
        name: 'Z',
        nameFr: 'Z',
        province: 'ON',
        level: 'federal',
        partyId: ids.unknown,
      })),
      'admin',
    ),
    ...invalid('partyId'),
  },
  {
    name: 'POST /offices: a neighbour that does not exist',
    ...post(
      '/offices',
      later(() => ({
        code: 'Z4',
        name: 'Z',
        nameFr: 'Z',
        province: 'ON',
        level: 'federal',
        neighbourIds: [ids.unknown],
      })),
      'admin',
    ),
    ...invalid('neighbourIds'),
  },

  // PATCH /offices/:id (admin)
  {
    name: 'PATCH /offices/:id: code and province cannot be changed (unknown fields)',
    ...patch('/offices/{office}', { code: 'NEW', province: 'QC' }, 'admin'),
    ...invalid('code', 'province'),
  },
  {
    name: 'PATCH /offices/:id: empty name, non-UUID party, neighbours not a list',
    ...patch('/offices/{office}', { name: '', partyId: 'abc', neighbourIds: 'x' }, 'admin'),
    ...invalid('name', 'neighbourIds', 'partyId'),
  },
  {
    name: 'PATCH /offices/:id: null names and neighbours',
    ...patch('/offices/{office}', { name: null, nameFr: null, neighbourIds: null }, 'admin'),
    ...invalid('name', 'nameFr', 'neighbourIds'),
  },
  {
    name: 'PATCH /offices/:id: an office cannot neighbour itself',
    ...patch(
      '/offices/{office}',
      later(() => ({ neighbourIds: [ids.office] })),
      'admin',
    ),
    ...invalid('neighbourIds'),
  },
  {
    name: 'PATCH /offices/:id: stale If-Match',
    ...patch('/offices/{office}', { name: 'Renamed' }, 'admin', { 'If-Match': '"999"' }),
    ...stale,
  },
  {
    name: 'PATCH /offices/:id: malformed If-Match',
    ...patch('/offices/{office}', { name: 'Renamed' }, 'admin', { 'If-Match': '"1", "2"' }),
    ...invalid('If-Match'),
  },
  { name: 'PATCH /offices/:id: non-UUID id', ...patch('/offices/abc', { name: 'Renamed' }, 'admin'), ...invalid('id') },
  { name: 'GET /offices/:id: non-UUID id', method: 'get', path: '/offices/abc', as: 'assistant', ...invalid('id') },

  // POST /auth/login and /auth/refresh (no token)
  { name: 'POST /auth/login: no fields', ...post('/auth/login', {}, 'anonymous'), ...invalid('email', 'password') },
  {
    name: 'POST /auth/login: bad e-mail, password a number',
    ...post('/auth/login', { email: 'nobody', password: 12345 }, 'anonymous'),
    ...invalid('email', 'password'),
  },
  {
    name: 'POST /auth/login: unknown field',
    ...post('/auth/login', { email: 'a@example.org', password: 'whatever-password', remember: true }, 'anonymous'),
    ...invalid('remember'),
  },
  {
    name: 'POST /auth/invitations/accept: no fields',
    ...post('/auth/invitations/accept', {}, 'anonymous'),
    ...invalid('password', 'token'),
  },
  {
    name: 'POST /auth/invitations/accept: short password, unknown field',
    ...post(
      '/auth/invitations/accept',
      { token: 'x'.repeat(43), password: 'short', email: 'a@example.org' },
      'anonymous',
    ),
    ...invalid('email', 'password'),
  },
  {
    name: 'POST /auth/password: no fields',
    ...post('/auth/password', {}),
    ...invalid('currentPassword', 'newPassword'),
  },
  {
    name: 'POST /auth/password: short new password, unknown field',
    ...post('/auth/password', { currentPassword: 'whatever', newPassword: 'short', userId: randomUUID() }),
    ...invalid('newPassword', 'userId'),
  },
  { name: 'POST /auth/refresh: no fields', ...post('/auth/refresh', {}, 'anonymous'), ...invalid('refreshToken') },
  {
    name: 'POST /auth/refresh: token a number',
    ...post('/auth/refresh', { refreshToken: 1234567890123456 }, 'anonymous'),
    ...invalid('refreshToken'),
  },
  {
    name: 'POST /auth/refresh: token too short',
    ...post('/auth/refresh', { refreshToken: 'short' }, 'anonymous'),
    ...invalid('refreshToken'),
  },
  {
    name: 'POST /auth/refresh: a live token with an unknown field is refused before it rotates',
    ...post(
      '/auth/refresh',
      later(() => ({ refreshToken: ids.refreshToken, userId: ids.user })),
      'anonymous',
    ),
    ...invalid('userId'),
  },

  // Bodies that are not JSON, not valid JSON, or too large
  { name: 'POST /cases: a 2 MB body', ...raw('post', '/cases', 'application/json', TWO_MB_JSON), ...tooLarge },
  { name: 'POST /cases: malformed JSON', ...raw('post', '/cases', 'application/json', BROKEN_JSON), ...malformedJson },
  {
    name: 'POST /cases: text/plain',
    ...raw('post', '/cases', 'text/plain', JSON.stringify(caseBody())),
    ...unsupported,
  },
  {
    name: 'POST /cases: form-encoded',
    ...raw('post', '/cases', 'application/x-www-form-urlencoded', 'category=immigration&summary=hi'),
    ...unsupported,
  },
  {
    name: 'PATCH /cases/:id: malformed JSON',
    ...raw('patch', '/cases/{case}', 'application/json', '{"summary": "x",}'),
    ...malformedJson,
  },
  {
    name: 'PATCH /cases/:id: form-encoded',
    ...raw('patch', '/cases/{case}', 'application/x-www-form-urlencoded', 'summary=x'),
    ...unsupported,
  },
  {
    name: 'POST /cases/:id/notes: text/plain',
    ...raw('post', '/cases/{case}/notes', 'text/plain', 'a note'),
    ...unsupported,
  },
  {
    name: 'POST /parties: application/xml',
    ...raw('post', '/parties', 'application/xml', '<party name="X"/>', 'admin'),
    ...unsupported,
  },
  {
    name: 'POST /auth/login: malformed JSON',
    ...raw('post', '/auth/login', 'application/json', '{"email": "a@example.org", "password": "x"', 'anonymous'),
    ...malformedJson,
  },
  {
    name: 'POST /auth/login: form-encoded',
    ...raw('post', '/auth/login', 'application/x-www-form-urlencoded', 'email=a%40example.org&password=x', 'anonymous'),
    ...unsupported,
  },
  {
    name: 'POST /auth/login: a 2 MB body',
    ...raw('post', '/auth/login', 'application/json', TWO_MB_JSON, 'anonymous'),
    ...tooLarge,
  },

  // List queries
  ...badQueries('/cases', 'assistant', [
    ...BAD_LIMITS,
    ['limit=10&limit=20', 'limit'],
    ['after=not%20a%20cursor!', 'after'],
    [`after=${cursor(['2024-01-01T00:00:00.000Z', 'not-a-uuid'])}`, 'after', 'after=<forged cursor, bad id>'],
    [`after=${cursor(['soon', randomUUID()])}`, 'after', 'after=<forged cursor, bad time>'],
    ['status=archived', 'status'],
    ['category=astrology', 'category'],
    ['urgency=urgent', 'urgency'],
    ['immigrationType=tourist', 'immigrationType'],
    ['scope=everyone', 'scope'],
    ['assigneeId=abc', 'assigneeId'],
    [`q=${long(201)}`, 'q', 'q=<201 characters>'],
    ['sort=summary', 'sort'],
  ]),
  ...badQueries('/offices', 'assistant', [
    ...BAD_LIMITS,
    ['after=%%%', 'after'],
    ['province=XX', 'province'],
    ['partyId=abc', 'partyId'],
  ]),
  ...badQueries('/audit', 'lead', [
    ...BAD_LIMITS,
    ['after=garbage', 'after'],
    [`after=${cursor(['abc'])}`, 'after', 'after=<forged cursor, text seq>'],
    [`after=${cursor([1e30])}`, 'after', 'after=<forged cursor, seq out of range>'],
    ['caseId=abc', 'caseId'],
    ['actorId=abc', 'actorId'],
    [`action=${encodeURIComponent('DROP TABLE')}`, 'action'],
    ['from=not-a-date', 'from'],
    ['to=2024-13-45', 'to'],
  ]),
];

// ---------------------------------------------------------------------------------------

describe('bad input', () => {
  let t: TestApp;
  const callers = {} as Record<Exclude<Caller, 'anonymous'>, Member>;
  let colleague: Member;

  beforeAll(async () => {
    t = await startTestApp();
    const world = new World(t);
    const party = await world.party();
    ids.office = (await world.office(party.id)).id;
    ids.otherOffice = (await world.office(party.id)).id;
    callers.admin = await world.admin();
    callers.lead = await world.member(ids.office, 'office_lead');
    callers.assistant = await world.member(ids.office);
    colleague = await world.member(ids.office);
    ids.user = colleague.id;
    ids.refreshToken = colleague.refreshToken;
    ids.outsider = (await world.member(ids.otherOffice)).id;
    ids.unknown = randomUUID();
    ids.case = (await as('assistant').post(`${API}/cases`).send(caseBody()).expect(201)).body.id as string;
  });
  afterAll(() => t.close());

  /** A request builder signed in as one of the callers. */
  function as(caller: Caller) {
    const token = caller === 'anonymous' ? undefined : callers[caller].token;
    const sign = (req: Test) => (token ? req.auth(token, { type: 'bearer' }) : req);
    return {
      get: (path: string) => sign(t.http().get(path)),
      post: (path: string) => sign(t.http().post(path)),
      patch: (path: string) => sign(t.http().patch(path)),
    };
  }

  function send(row: Bad): Test {
    const path = API + row.path.replace(/\{(\w+)\}/g, (_, key: keyof Ids) => ids[key]);
    const req = as(row.as)[row.method](path);
    for (const [name, value] of Object.entries(row.headers ?? {})) req.set(name, value);
    if (row.raw) return req.set('Content-Type', row.raw[0]).send(row.raw[1]);
    const body: unknown = typeof row.body === 'function' ? (row.body as () => unknown)() : row.body;
    return body === undefined ? req : req.send(body as object);
  }

  function expectProblem(res: Response, status: number, code: string, fields?: string[]) {
    // Status and code together, so a failure shows both.
    expect({ status: res.status, code: (res.body as { code?: string }).code }).toEqual({ status, code });
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    if (fields) {
      const errors = ((res.body as { errors?: { field: string }[] }).errors ?? []).map((error) => error.field);
      expect([...new Set(errors)].sort()).toEqual([...fields].sort());
    }
  }

  it.each(BAD)('$name → $status $code, database unchanged', async (row) => {
    const before = await snapshot(t.db);
    const res = await send(row);
    expectProblem(res, row.status, row.code, row.fields);
    expect(await snapshot(t.db)).toEqual(before);
  });

  describe('stored verbatim', () => {
    const TEXTS: [string, string][] = [
      ['SQL-looking', "'); DROP TABLE cases; --"],
      ['LIKE wildcards and a backslash', '%_\\'],
      ['French accents', 'Hélène Côté-Gagné, née à Trois-Rivières — « dossier prioritaire », œuvre'],
      ['decomposed accents (NFD, not normalized)', 'Ame\u0301lie Ce\u0301line'],
      ['Arabic', 'طلب لمّ شمل الأسرة'],
      ['Chinese', '学习许可被拒绝，申请复审'],
      ['emoji with joiners and a flag', 'Urgent 🚨 family 👨‍👩‍👧 arriving 🇨🇦'],
      ['a right-to-left mark', '\u200Fשלום\u200E ABC 123'],
    ];

    it.each(TEXTS)('accepts %s text and reads it back byte-identical', async (_, text) => {
      const created = await as('assistant')
        .post(`${API}/cases`)
        .send(caseBody({ summary: text, constituent: { fullName: text } }))
        .expect(201);
      const caseId = created.body.id as string;
      const note = await as('assistant').post(`${API}/cases/${caseId}/notes`).send({ body: text }).expect(201);
      const read = await as('assistant').get(`${API}/cases/${caseId}`).expect(200);
      const notes = await as('assistant').get(`${API}/cases/${caseId}/notes`).expect(200);

      expect(created.body).toMatchObject({ summary: text, constituent: { fullName: text } });
      expect(note.body.body).toBe(text);
      expect(read.body).toMatchObject({ summary: text, constituent: { fullName: text } });
      expect(notes.body.items.map((n: { body: string }) => n.body)).toEqual([text]);

      // And in the database itself, byte for byte.
      const { rows } = await t.db.query<{ summary: string; full_name: string; note: string }>(
        `SELECT c.summary, c.constituent->>'fullName' AS full_name, n.body AS note
         FROM cases c JOIN case_notes n ON n.case_id = c.id WHERE c.id = $1`,
        [caseId],
      );
      const bytes = Buffer.from(text, 'utf8');
      expect(rows).toHaveLength(1);
      for (const stored of [rows[0].summary, rows[0].full_name, rows[0].note]) {
        expect(Buffer.from(stored, 'utf8')).toEqual(bytes);
      }
    });

    it('searches with SQL-looking text: 200, finds the file that holds it, and no wildcard matches', async () => {
      const sql = "Robert'); DROP TABLE cases; --";
      const target = await as('assistant')
        .post(`${API}/cases`)
        .send(caseBody({ summary: `${sql} needs a passport` }))
        .expect(201);
      const control = await as('assistant')
        .post(`${API}/cases`)
        .send(caseBody({ summary: 'Pension cheque missing since March' }))
        .expect(201);

      const found = await as('assistant').get(`${API}/cases`).query({ q: sql }).expect(200);
      const foundIds = (found.body.items as { id: string }[]).map((item) => item.id);
      expect(foundIds).toContain(target.body.id);
      expect(foundIds).not.toContain(control.body.id);

      for (const q of ['%', '_', '%_\\', '\\', "' OR '1'='1", '*:', '!(', '<->', '"', ';--']) {
        const before = await snapshot(t.db);
        const res = await as('assistant').get(`${API}/cases`).query({ q });
        expect({ q, status: res.status }).toEqual({ q, status: 200 });
        const items = (res.body.items as { id: string }[]).map((item) => item.id);
        // A LIKE-style wildcard would match every file, the control included.
        expect({ q, matchesControl: items.includes(control.body.id as string) }).toEqual({ q, matchesControl: false });
        expect(await snapshot(t.db)).toEqual(before);
      }
    });
  });

  describe('Idempotency-Key', () => {
    const countBySummary = async (summary: string) =>
      (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases WHERE summary = $1`, [summary])).rows[0].n;

    it('same key and same body replays the first response and creates one file', async () => {
      const key = `replay-${randomUUID()}`;
      const body = caseBody({ summary: `Replay ${key}` });
      const first = await as('assistant').post(`${API}/cases`).set('Idempotency-Key', key).send(body);
      const again = await as('assistant').post(`${API}/cases`).set('Idempotency-Key', key).send(body);

      expect(first.status).toBe(201);
      expect(again.status).toBe(first.status);
      expect(again.body).toEqual(first.body);
      expect(await countBySummary(body.summary as string)).toBe(1);
    });

    it('same key with another body is 422 idempotency_key_reused and writes nothing', async () => {
      const key = `reuse-${randomUUID()}`;
      await as('assistant')
        .post(`${API}/cases`)
        .set('Idempotency-Key', key)
        .send(caseBody({ summary: `First ${key}` }))
        .expect(201);

      const before = await snapshot(t.db);
      const res = await as('assistant')
        .post(`${API}/cases`)
        .set('Idempotency-Key', key)
        .send(caseBody({ summary: `Second ${key}` }));
      expectProblem(res, 422, 'idempotency_key_reused');
      expect(await snapshot(t.db)).toEqual(before);
      expect(await countBySummary(`Second ${key}`)).toBe(0);
    });

    it('keys belong to one user: a colleague may use the same key', async () => {
      const key = `shared-${randomUUID()}`;
      await as('assistant')
        .post(`${API}/cases`)
        .set('Idempotency-Key', key)
        .send(caseBody({ summary: `Mine ${key}` }))
        .expect(201);
      await t
        .http()
        .post(`${API}/cases`)
        .auth(colleague.token, { type: 'bearer' })
        .set('Idempotency-Key', key)
        .send(caseBody({ summary: `Theirs ${key}` }))
        .expect(201);
      expect(await countBySummary(`Theirs ${key}`)).toBe(1);
    });

    it('accepts a 255-character key and refuses a 256-character one with 400, writing nothing', async () => {
      const ok = await as('assistant')
        .post(`${API}/cases`)
        .set('Idempotency-Key', 'k'.repeat(255))
        .send(caseBody({ summary: 'Key of 255 characters' }));
      expect(ok.status).toBe(201);

      const before = await snapshot(t.db);
      const res = await as('assistant')
        .post(`${API}/cases`)
        .set('Idempotency-Key', 'k'.repeat(256))
        .send(caseBody({ summary: 'Key of 256 characters' }));
      expectProblem(res, 400, 'validation_failed', ['Idempotency-Key']);
      expect(await snapshot(t.db)).toEqual(before);
    });
  });
});
