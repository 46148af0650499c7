import { startTestApp, type TestApp } from './support/test-app.js';
import { expectRow, type Expected as Cell, type MatrixRoute, matrixRows, OFFICE_REQUIRED } from './support/matrix.js';
import { castOfficePersonas, type OfficeCast, OFFICE_PERSONAS } from './support/office-personas.js';
import { caseBody, World } from './support/world.js';

/**
 * Who may call the assistant's-day routes, against every kind of caller (as in
 * authorization.e2e-spec.ts): offices A and B belong to party P, C to party Q; the files
 * under test are handled by A; a "home case" is handled by A for a constituent of riding B,
 * whose office keeps the status view but never sees the work on the file (403, as for notes).
 * Every route here works on an office's data: the admin, who has none, gets 403 office_required.
 */
const API = '/api/v1';
const PERSONAS = OFFICE_PERSONAS;
type Persona = (typeof PERSONAS)[number];
type Method = 'get' | 'post' | 'patch';
type Expected = Record<Persona, Cell>;
type Route = MatrixRoute<Persona>;

const HOUR = 3_600_000;
const isoIn = (ms: number) => new Date(Date.now() + ms).toISOString();

function statuses(signedIn: number, overrides: Partial<Expected> = {}): Expected {
  const all = Object.fromEntries(PERSONAS.map((p) => [p, signedIn])) as Expected;
  return { ...all, none: 401, forged: 401, admin: OFFICE_REQUIRED, ...overrides };
}
/** Only the members of office A; for an office-wide route, every office member. */
const handlingOffice = (ok: number, home: boolean) =>
  statuses(404, { owner: ok, colleague: ok, lead: ok, ...(home ? { sameParty: 403 } : {}) });
const everyOffice = (ok: number) => statuses(ok);
const inA = (p: Persona) => p === 'owner' || p === 'colleague' || p === 'lead';

let t: TestApp;
let offices: OfficeCast['offices'];
let channelP: string;
let members: OfficeCast['members'];
let forgedToken: string;

const tokenOf = (p: Persona) => (p === 'none' ? undefined : p === 'forged' ? forgedToken : members[p].token);

function call(p: Persona, method: Method, path: string, body?: object) {
  const req = t.http()[method](`${API}${path}`);
  const token = tokenOf(p);
  if (token !== undefined) req.set('Authorization', `Bearer ${token}`);
  return body === undefined ? req : req.send(body);
}

const ids = (res: { body: { items?: { id: string }[] } }) => (res.body.items ?? []).map((item) => item.id);

async function newCase(home: boolean): Promise<string> {
  const res = await call('owner', 'post', '/cases', caseBody(home ? { homeOfficeId: offices.B } : {})).expect(201);
  return res.body.id as string;
}

async function newFollowUp(caseId: string): Promise<string> {
  const res = await call('owner', 'post', `/cases/${caseId}/follow-ups`, { dueAt: isoIn(HOUR), note: 'Call back' });
  return res.body.id as string;
}

const interaction = () => ({ kind: 'call', direction: 'inbound', occurredAt: isoIn(-60_000), summary: 'Called in' });

async function newTemplate(shared: boolean): Promise<string> {
  const res = await call('lead', 'post', '/checklist-templates', {
    name: `Passport ${shared ? 'shared' : 'own'}`,
    category: 'passport',
    items: [{ text: 'Photos' }],
    ...(shared ? { sharedWithChannelIds: [channelP] } : {}),
  }).expect(201);
  return res.body.id as string;
}

function caseRoutes(home: boolean): Route[] {
  const label = (name: string) => (home ? `${name} (home case)` : name);
  const expectFor = (ok: number) => handlingOffice(ok, home);
  return [
    {
      name: label('POST /cases/:id/follow-ups'),
      expect: expectFor(201),
      async run(p) {
        const id = await newCase(home);
        const res = await call(p, 'post', `/cases/${id}/follow-ups`, { dueAt: isoIn(HOUR), note: 'Chase IRCC' });
        return {
          res,
          verify: async (allowed) =>
            expect(ids(await call('owner', 'get', `/cases/${id}/follow-ups`).expect(200))).toHaveLength(
              allowed ? 1 : 0,
            ),
        };
      },
    },
    {
      name: label('GET /cases/:id/follow-ups'),
      expect: expectFor(200),
      async run(p) {
        const id = await newCase(home);
        await newFollowUp(id);
        const res = await call(p, 'get', `/cases/${id}/follow-ups`);
        return { res, verify: (allowed) => void (allowed && expect(ids(res)).toHaveLength(1)) };
      },
    },
    {
      name: label('POST /follow-ups/:id/done'),
      // The follow-up itself is invisible outside A, home office included.
      expect: statuses(404, { owner: 200, colleague: 200, lead: 200 }),
      async run(p) {
        const id = await newCase(home);
        const followUpId = await newFollowUp(id);
        const res = await call(p, 'post', `/follow-ups/${followUpId}/done`);
        return {
          res,
          verify: async (allowed) => {
            const [item] = (await call('owner', 'get', `/cases/${id}/follow-ups`).expect(200)).body.items;
            expect(item.doneAt !== null).toBe(allowed);
          },
        };
      },
    },
    {
      name: label('POST /cases/:id/interactions'),
      expect: expectFor(201),
      async run(p) {
        const id = await newCase(home);
        const res = await call(p, 'post', `/cases/${id}/interactions`, interaction());
        return {
          res,
          verify: async (allowed) =>
            expect(ids(await call('owner', 'get', `/cases/${id}/interactions`).expect(200))).toHaveLength(
              allowed ? 1 : 0,
            ),
        };
      },
    },
    {
      name: label('GET /cases/:id/interactions'),
      expect: expectFor(200),
      async run(p) {
        const id = await newCase(home);
        await call('owner', 'post', `/cases/${id}/interactions`, interaction()).expect(201);
        const res = await call(p, 'get', `/cases/${id}/interactions`);
        return { res, verify: (allowed) => void (allowed && expect(ids(res)).toHaveLength(1)) };
      },
    },
    {
      name: label('GET /cases/:id/checklist'),
      expect: expectFor(200),
      async run(p) {
        const id = await newCase(home);
        const res = await call(p, 'get', `/cases/${id}/checklist`);
        return { res, verify: (allowed) => void (allowed && expect(res.body.items).toHaveLength(2)) };
      },
    },
    {
      name: label('PATCH /cases/:id/checklist/:itemId'),
      expect: expectFor(200),
      async run(p) {
        const id = await newCase(home);
        const [item] = (await call('owner', 'get', `/cases/${id}/checklist`).expect(200)).body.items;
        const res = await call(p, 'patch', `/cases/${id}/checklist/${item.id}`, { done: true });
        return {
          res,
          verify: async (allowed) => {
            const [after] = (await call('owner', 'get', `/cases/${id}/checklist`).expect(200)).body.items;
            expect(after.doneAt !== null).toBe(allowed);
          },
        };
      },
    },
  ];
}

const officeRoutes: Route[] = [
  {
    name: 'GET /cases/queue',
    expect: everyOffice(200),
    async run(p) {
      const id = await newCase(true);
      const res = await call(p, 'get', '/cases/queue?limit=200');
      return { res, verify: (allowed) => void (allowed && expect(ids(res).includes(id)).toBe(inA(p))) };
    },
  },
  {
    name: 'GET /follow-ups',
    expect: everyOffice(200),
    async run(p) {
      const followUpId = await newFollowUp(await newCase(true));
      const res = await call(p, 'get', '/follow-ups?limit=200');
      return { res, verify: (allowed) => void (allowed && expect(ids(res).includes(followUpId)).toBe(inA(p))) };
    },
  },
  {
    name: 'GET /interactions',
    expect: everyOffice(200),
    async run(p) {
      const id = await newCase(true);
      const logged = await call('owner', 'post', `/cases/${id}/interactions`, interaction()).expect(201);
      const res = await call(p, 'get', '/interactions?limit=200');
      return { res, verify: (allowed) => void (allowed && expect(ids(res).includes(logged.body.id)).toBe(inA(p))) };
    },
  },
  {
    name: 'GET /liaison',
    expect: everyOffice(200),
    async run(p) {
      const id = await newCase(true);
      await call('owner', 'post', `/cases/${id}/interactions`, { ...interaction(), kind: 'ircc_enquiry' }).expect(201);
      const res = await call(p, 'get', '/liaison');
      return {
        res,
        verify: (allowed) =>
          void (
            allowed && expect(res.body.openEnquiries.some((e: { caseId: string }) => e.caseId === id)).toBe(inA(p))
          ),
      };
    },
  },
  {
    name: 'GET /checklist-templates',
    expect: everyOffice(200),
    async run(p) {
      const own = await newTemplate(false);
      const shared = await newTemplate(true);
      const res = await call(p, 'get', '/checklist-templates?limit=200');
      return {
        res,
        verify: (allowed) => {
          if (!allowed) return;
          expect(ids(res).includes(own)).toBe(inA(p));
          expect(ids(res).includes(shared)).toBe(inA(p) || p === 'sameParty');
        },
      };
    },
  },
  {
    name: 'POST /checklist-templates',
    expect: statuses(403, { lead: 201 }),
    async run(p) {
      const name = `Template by ${p} ${Math.random()}`;
      const res = await call(p, 'post', '/checklist-templates', { name, category: 'pensions', items: [{ text: 'x' }] });
      return {
        res,
        verify: async (allowed) => {
          const list = await call('lead', 'get', '/checklist-templates?limit=200&category=pensions').expect(200);
          expect(list.body.items.some((x: { name: string }) => x.name === name)).toBe(allowed);
        },
      };
    },
  },
  {
    name: "PATCH /checklist-templates/:id (A's own)",
    expect: statuses(404, { owner: 403, colleague: 403, lead: 200 }),
    async run(p) {
      const id = await newTemplate(false);
      const res = await call(p, 'patch', `/checklist-templates/${id}`, { name: 'Renamed' });
      return { res, verify: (allowed) => void (allowed && expect(res.body.name).toBe('Renamed')) };
    },
  },
  {
    name: "PATCH /checklist-templates/:id (A's, shared to party P)",
    expect: statuses(404, { owner: 403, colleague: 403, sameParty: 403, lead: 200 }),
    async run(p) {
      const id = await newTemplate(true);
      const res = await call(p, 'patch', `/checklist-templates/${id}`, { name: 'Renamed' });
      return {
        res,
        verify: async (allowed) => {
          const list = await call('lead', 'get', '/checklist-templates?limit=200&category=passport').expect(200);
          const template = list.body.items.find((x: { id: string }) => x.id === id);
          expect(template.name).toBe(allowed ? 'Renamed' : 'Passport shared');
        },
      };
    },
  },
];

const ROUTES: Route[] = [...officeRoutes, ...caseRoutes(false), ...caseRoutes(true)];
const ROWS = matrixRows(ROUTES, PERSONAS);

describe("authorization matrix: the assistant's day", () => {
  beforeAll(async () => {
    t = await startTestApp();
    ({ offices, members, forgedToken } = await castOfficePersonas(new World(t)));
    const channels = await call('lead', 'get', '/channels?limit=200').expect(200);
    channelP = channels.body.items.find((c: { kind: string }) => c.kind === 'party').id;
    // Every file under test (caseBody: a study permit) gets a two-item checklist.
    await call('lead', 'post', '/checklist-templates', {
      name: 'Study permit',
      category: 'immigration',
      immigrationType: 'study_permit',
      items: [{ text: 'Letter of acceptance' }, { text: 'Proof of funds' }],
    }).expect(201);
  });
  afterAll(() => t?.close());

  it.each(ROWS)('%s as %s → %s', (name, persona, status) => expectRow(ROUTES, name, persona, status));
});
