import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from './support/test-app.js';
import { caseBody, World, type Member } from './support/world.js';

/**
 * Bad input to every assistant's-day route: each bad field is a 400 problem naming that
 * field, and nothing is stored (no row, no audit entry, no event).
 */
const API = '/api/v1';
const BEARER = { type: 'bearer' } as const;
const MINUTE = 60_000;
const DAY = 86_400_000;
const isoIn = (ms: number) => new Date(Date.now() + ms).toISOString();

type Method = 'get' | 'post' | 'patch';
interface Probe {
  name: string;
  method: Method;
  path: () => string;
  body?: Record<string, unknown>;
  headers?: Record<string, string>;
  field: string;
}

let t: TestApp;
let lead: Member;
let caseId: string;
let itemId: string;
let templateId: string;
let followUpId: string;

/** Row counts that a refused request must leave as they were. */
async function footprint() {
  const { rows } = await t.db.query(`SELECT
      (SELECT count(*) FROM follow_ups)::int AS follow_ups,
      (SELECT count(*) FROM follow_ups WHERE done_at IS NOT NULL)::int AS done,
      (SELECT count(*) FROM interactions)::int AS interactions,
      (SELECT count(*) FROM checklist_templates)::int AS templates,
      (SELECT string_agg(name || version, ',') FROM checklist_templates) AS template_state,
      (SELECT count(*) FROM case_checklist_items WHERE done_at IS NOT NULL OR note IS NOT NULL)::int AS ticked,
      (SELECT count(*) FROM audit_outbox)::int + (SELECT count(*) FROM audit_events)::int AS audit,
      (SELECT count(*) FROM events)::int AS events`);
  return rows[0] as Record<string, unknown>;
}

const followUp = { dueAt: isoIn(DAY), note: 'Call back' };
const interaction = { kind: 'call', direction: 'inbound', occurredAt: isoIn(-MINUTE), summary: 'Called in' };
const template = { name: 'Passport', category: 'passport', items: [{ text: 'Photos' }] };
const long = (n: number) => 'x'.repeat(n);

/** One probe per bad value: the route's valid body with `field` replaced (undefined: left out). */
function bad(
  name: string,
  method: Method,
  path: () => string,
  base: Record<string, unknown>,
  field: string,
  values: unknown[],
): Probe[] {
  return values.map((value) => {
    const body = { ...base };
    if (value === undefined) delete body[field];
    else body[field] = value;
    return { name: `${name} ${field}=${JSON.stringify(value) ?? 'missing'}`, method, path, body, field };
  });
}

const followUps = () => `/cases/${caseId}/follow-ups`;
const interactions = () => `/cases/${caseId}/interactions`;
const templates = () => '/checklist-templates';
const oneTemplate = () => `/checklist-templates/${templateId}`;
const item = () => `/cases/${caseId}/checklist/${itemId}`;

const PROBES: Probe[] = [
  ...bad('POST follow-up', 'post', followUps, followUp, 'dueAt', [
    undefined,
    null,
    12,
    'tomorrow',
    '2026-13-01T00:00:00Z',
    isoIn(-30 * DAY),
    isoIn(6 * 366 * DAY),
  ]),
  ...bad('POST follow-up', 'post', followUps, followUp, 'note', [undefined, null, '', 5, long(2001)]),
  ...bad('POST follow-up', 'post', followUps, followUp, 'assigneeId', [null, 'nope', randomUUID()]),
  ...bad('POST follow-up', 'post', followUps, followUp, 'extra', [1]),
  {
    name: 'POST follow-up bad case id',
    method: 'post',
    path: () => '/cases/nope/follow-ups',
    body: followUp,
    field: 'id',
  },
  { name: 'GET /follow-ups due', method: 'get', path: () => '/follow-ups?due=later', field: 'due' },
  { name: 'GET /follow-ups assigneeId', method: 'get', path: () => '/follow-ups?assigneeId=x', field: 'assigneeId' },
  { name: 'GET /follow-ups limit', method: 'get', path: () => '/follow-ups?limit=0', field: 'limit' },
  { name: 'GET /follow-ups after', method: 'get', path: () => '/follow-ups?after=Zm9v', field: 'after' },
  { name: 'GET case follow-ups after', method: 'get', path: () => `${followUps()}?after=Zm9v`, field: 'after' },
  { name: 'POST done bad id', method: 'post', path: () => '/follow-ups/nope/done', field: 'id' },

  ...bad('POST interaction', 'post', interactions, interaction, 'kind', [undefined, null, 'fax']),
  ...bad('POST interaction', 'post', interactions, interaction, 'direction', [undefined, 'sideways']),
  ...bad('POST interaction', 'post', interactions, interaction, 'occurredAt', [
    undefined,
    'yesterday',
    isoIn(2 * 3_600_000),
    '1999-12-31T00:00:00Z',
  ]),
  ...bad('POST interaction', 'post', interactions, interaction, 'durationMinutes', [0, 1441, '30', 2.5, null]),
  ...bad('POST mcmps', 'post', interactions, { ...interaction, kind: 'mcmps_appointment' }, 'durationMinutes', [
    undefined,
    20,
  ]),
  ...bad('POST mcmps', 'post', interactions, { ...interaction, kind: 'mcmps_appointment' }, 'occurredAt', [
    isoIn(400 * DAY),
  ]),
  ...bad('POST interaction', 'post', interactions, interaction, 'summary', [undefined, '', 7, long(4001)]),
  ...bad('POST interaction', 'post', interactions, interaction, 'irccReference', ['REF-1']),
  ...bad('POST enquiry', 'post', interactions, { ...interaction, kind: 'ircc_enquiry' }, 'irccReference', [
    'bad ref!',
    long(41),
  ]),
  ...bad('POST interaction', 'post', interactions, interaction, 'replyDueAt', [isoIn(DAY)]),
  ...bad('POST enquiry', 'post', interactions, { ...interaction, kind: 'ircc_enquiry' }, 'replyDueAt', [
    'soon',
    isoIn(-2 * MINUTE),
    isoIn(400 * DAY),
  ]),
  ...bad('POST interaction', 'post', interactions, interaction, 'extra', [true]),
  { name: 'GET /interactions kind', method: 'get', path: () => '/interactions?kind=fax', field: 'kind' },
  { name: 'GET /interactions from', method: 'get', path: () => '/interactions?from=yesterday', field: 'from' },
  {
    name: 'GET /interactions to before from',
    method: 'get',
    path: () => `/interactions?from=${isoIn(0)}&to=${isoIn(-DAY)}`,
    field: 'to',
  },

  ...bad('POST template', 'post', templates, template, 'name', [undefined, '', long(201)]),
  ...bad('POST template', 'post', templates, template, 'category', [undefined, 'food']),
  ...bad('POST template', 'post', templates, template, 'immigrationType', ['visa', 'study_permit', null]),
  ...bad('POST template', 'post', templates, template, 'items', [
    undefined,
    [],
    'Photos',
    ['Photos'],
    [{}],
    [{ text: '' }],
    [{ text: long(501) }],
    [{ text: 'a', done: true }],
    Array.from({ length: 101 }, () => ({ text: 'a' })),
  ]),
  ...bad('POST template', 'post', templates, template, 'sharedWithChannelIds', ['x', ['nope'], [randomUUID()], null]),
  {
    name: 'GET templates category',
    method: 'get',
    path: () => '/checklist-templates?category=food',
    field: 'category',
  },
  ...bad('PATCH template', 'patch', oneTemplate, {}, 'name', ['', null]),
  ...bad('PATCH template', 'patch', oneTemplate, {}, 'items', [[], [{ text: '' }]]),
  ...bad('PATCH template', 'patch', oneTemplate, {}, 'category', ['food']),
  ...bad('PATCH template', 'patch', oneTemplate, { category: 'passport' }, 'immigrationType', ['study_permit']),
  ...bad('PATCH template', 'patch', oneTemplate, {}, 'sharedWithChannelIds', [[randomUUID()]]),
  {
    name: 'PATCH template If-Match',
    method: 'patch',
    path: oneTemplate,
    body: { name: 'Renamed' },
    headers: { 'If-Match': 'abc' },
    field: 'If-Match',
  },
  { name: 'PATCH template bad id', method: 'patch', path: () => '/checklist-templates/x', body: {}, field: 'id' },

  ...bad('PATCH item', 'patch', item, { done: true }, 'done', [undefined, 'yes', 1, null]),
  ...bad('PATCH item', 'patch', item, { done: true }, 'note', [5, long(2001)]),
  ...bad('PATCH item', 'patch', item, { done: true }, 'extra', ['x']),
  {
    name: 'PATCH item bad id',
    method: 'patch',
    path: () => `/cases/${caseId}/checklist/x`,
    body: { done: true },
    field: 'itemId',
  },
];

describe("bad input to the assistant's day", () => {
  beforeAll(async () => {
    t = await startTestApp();
    const world = new World(t);
    const office = await world.office((await world.party()).id);
    lead = await world.member(office.id, 'office_lead');
    const as = (path: string, body: object) => t.http().post(`${API}${path}`).auth(lead.token, BEARER).send(body);
    templateId = (
      await as('/checklist-templates', {
        ...template,
        category: 'immigration',
        immigrationType: 'study_permit',
      }).expect(201)
    ).body.id;
    caseId = (await as('/cases', caseBody()).expect(201)).body.id;
    followUpId = (await as(`/cases/${caseId}/follow-ups`, followUp).expect(201)).body.id;
    const checklist = await t.http().get(`${API}/cases/${caseId}/checklist`).auth(lead.token, BEARER).expect(200);
    itemId = checklist.body.items[0].id;
    expect(followUpId).toBeDefined();
  });
  afterAll(() => t?.close());

  it.each(PROBES.map((probe) => [probe.name, probe] as const))('%s → 400', async (_name, probe) => {
    const before = await footprint();
    const req = t.http()[probe.method](`${API}${probe.path()}`).auth(lead.token, BEARER);
    for (const [key, value] of Object.entries(probe.headers ?? {})) req.set(key, value);
    const res = probe.body === undefined ? await req : await req.send(probe.body);
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code: 'validation_failed' });
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    // A nested field counts as its parent's: items.0.text is about items.
    const fields = (res.body.errors as { field: string }[]).map((e) => e.field.split('.')[0]);
    expect(fields).toContain(probe.field);
    expect(await footprint()).toEqual(before);
  });
});
