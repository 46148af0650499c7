import { randomBytes, randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { ADMIN, PASSWORD, startTestApp, type TestApp } from './support/test-app.js';
import { expectRow, type Expected as Cell, type MatrixRoute, matrixRows, OFFICE_REQUIRED } from './support/matrix.js';
import { castOfficePersonas, type OfficeCast, OFFICE_PERSONAS } from './support/office-personas.js';
import { caseBody, CONSTITUENT_SECRETS, World, type Member } from './support/world.js';

/**
 * Who may call what: every route of the foundation issue against every kind of caller (the
 * personas of support/office-personas.ts: the columns of the matrix).
 *
 * Offices: A and B belong to party P, C to party Q. The case files under test are handled
 * by office A; a "home case" is handled by A for a constituent of riding B. The admin, who
 * belongs to no office, gets 403 office_required on every case route.
 */
const API = '/api/v1';
const PERSONAS = OFFICE_PERSONAS;
type Persona = (typeof PERSONAS)[number];
type Method = 'get' | 'post' | 'patch' | 'delete';
type Expected = Record<Persona, Cell>;

type Route = MatrixRoute<Persona>;

const unique = () => randomBytes(4).toString('hex');

/** 401 without a valid token; `signedIn` for every signed-in persona unless overridden. */
function statuses(signedIn: Cell, overrides: Partial<Expected> = {}): Expected {
  const all = Object.fromEntries(PERSONAS.map((p) => [p, signedIn])) as Expected;
  return { ...all, none: 401, forged: 401, ...overrides };
}

let t: TestApp;
let world: World;
let offices: OfficeCast['offices'];
let partyP: string;
let members: OfficeCast['members'];
let forgedToken: string;

const isSignedIn = (p: Persona): p is keyof typeof members => p !== 'none' && p !== 'forged';
const tokenOf = (p: Persona) => (p === 'none' ? undefined : p === 'forged' ? forgedToken : members[p].token);
/** For routes about "someone": the persona itself, or A's assistant when there is no valid caller. */
const userOf = (p: Persona): Member => (isSignedIn(p) ? members[p] : members.owner);

function send(token: string | undefined, method: Method, path: string, body?: object) {
  const req = t.http()[method](`${API}${path}`);
  if (token !== undefined) req.set('Authorization', `Bearer ${token}`);
  return body === undefined ? req : req.send(body);
}
const call = (p: Persona, method: Method, path: string, body?: object) => send(tokenOf(p), method, path, body);

// ---- Fresh resources, made by someone allowed to, so no row depends on another. ----

async function newCase(homeOfficeId?: string): Promise<string> {
  const res = await call('owner', 'post', '/cases', caseBody(homeOfficeId ? { homeOfficeId } : {})).expect(201);
  return res.body.id as string;
}

const consentBody = () => ({
  scope: 'share_with_offices',
  grantedAt: new Date(Date.now() - 60_000).toISOString(),
  evidence: 'IMM 5476 signed, scanned to file',
});

async function newConsent(caseId: string): Promise<string> {
  const res = await call('owner', 'post', `/cases/${caseId}/consents`, consentBody()).expect(201);
  return res.body.id as string;
}

function memberBody(role: 'assistant' | 'office_lead' = 'assistant') {
  const email = `authz.${unique()}@test.riding-relay.ca`;
  return { email, displayName: `Member ${email}`, role, languages: ['en'] };
}

async function newUser(officeId: string): Promise<string> {
  const res = await call('admin', 'post', `/offices/${officeId}/members`, memberBody()).expect(201);
  return res.body.id as string;
}

/** A member as the admin sees it in its office's member list. */
async function memberView(officeId: string, userId: string) {
  const res = await call('admin', 'get', `/offices/${officeId}/members?limit=200`).expect(200);
  return (res.body.items as { id: string; displayName: string; active: boolean }[]).find((u) => u.id === userId);
}

/** A new account with the persona's role and office, for rows that could damage the persona itself. */
async function twinOf(p: Persona): Promise<Member> {
  const me = userOf(p);
  if (me.role === 'admin') return me;
  return world.member(me.officeId!, me.role);
}

/** A supertest parser that keeps a streamed body (NDJSON) as text. */
function collectText(res: Response, done: (error: Error | null, body: string) => void) {
  const stream = res as unknown as NodeJS.ReadableStream; // in Node, superagent hands over the raw message
  let text = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => (text += chunk));
  stream.on('end', () => done(null, text));
}

/** The handling office sees the whole file; the home office only its status fields. */
function checkCaseView(body: Record<string, unknown>, text: string, access: 'full' | 'status') {
  expect(body.access).toBe(access);
  if (access === 'full') {
    expect(body).toHaveProperty('constituent.fullName', caseBody().constituent.fullName);
    expect(body).toHaveProperty('summary');
    return;
  }
  for (const field of ['constituent', 'summary', 'consents', 'notes', 'assigneeId', 'createdBy']) {
    expect(body).not.toHaveProperty(field);
  }
  for (const secret of CONSTITUENT_SECRETS) expect(text).not.toContain(secret);
}

// ---- The routes. ----

const authAndDirectoryRoutes: Route[] = [
  {
    name: 'GET /me',
    expect: statuses(200),
    async run(p) {
      const res = await call(p, 'get', '/me');
      return { res, verify: (allowed) => void (allowed && expect(res.body.id).toBe(members[p as 'owner'].id)) };
    },
  },
  {
    name: 'POST /auth/logout',
    expect: statuses(204),
    async run(p) {
      // A fresh session, so logging out does not end the persona's own.
      const me = userOf(p);
      const token = isSignedIn(p)
        ? (await world.login(me.email, me.role === 'admin' ? ADMIN.password : PASSWORD)).token
        : tokenOf(p);
      const res = await send(token, 'post', '/auth/logout');
      return {
        res,
        verify: async (allowed) => {
          if (allowed) await send(token, 'get', '/me').expect(401);
        },
      };
    },
  },
  { name: 'GET /parties', expect: statuses(200), run: async (p) => ({ res: await call(p, 'get', '/parties') }) },
  {
    name: 'POST /parties',
    expect: statuses(403, { admin: 201 }),
    async run(p) {
      const name = `Party ${unique()}`;
      const res = await call(p, 'post', '/parties', { name, shortName: name.slice(-8) });
      return {
        res,
        verify: async (allowed) => {
          const list = await call('admin', 'get', '/parties?limit=200').expect(200);
          expect(list.body.items.some((party: { name: string }) => party.name === name)).toBe(allowed);
        },
      };
    },
  },
  { name: 'GET /offices', expect: statuses(200), run: async (p) => ({ res: await call(p, 'get', '/offices') }) },
  {
    name: 'GET /offices/:id',
    expect: statuses(200),
    run: async (p) => ({ res: await call(p, 'get', `/offices/${offices.A}`) }),
  },
  {
    name: 'POST /offices',
    expect: statuses(403, { admin: 201 }),
    async run(p) {
      const code = `Z${unique()}`;
      const body = { code, name: `Riding ${code}`, nameFr: `Circ. ${code}`, province: 'ON', level: 'federal' };
      const res = await call(p, 'post', '/offices', { ...body, partyId: partyP });
      return {
        res,
        verify: async (allowed) => {
          const list = await call('admin', 'get', `/offices?q=${code}`).expect(200);
          expect(list.body.items).toHaveLength(allowed ? 1 : 0);
        },
      };
    },
  },
  {
    name: 'PATCH /offices/:id',
    expect: statuses(403, { admin: 200 }),
    async run(p) {
      const office = await world.office(partyP);
      const res = await call(p, 'patch', `/offices/${office.id}`, { name: 'Renamed riding' });
      return {
        res,
        verify: async (allowed) => {
          const after = await call('admin', 'get', `/offices/${office.id}`).expect(200);
          expect(after.body.name === 'Renamed riding').toBe(allowed);
        },
      };
    },
  },
  {
    name: 'GET /offices/:id/members',
    expect: statuses(403, { lead: 200, admin: 200 }),
    run: async (p) => ({ res: await call(p, 'get', `/offices/${offices.A}/members`) }),
  },
  {
    name: 'POST /offices/:id/members',
    expect: statuses(403, { lead: 201, admin: 201 }),
    async run(p) {
      const body = memberBody();
      const res = await call(p, 'post', `/offices/${offices.A}/members`, body);
      return {
        res,
        verify: async (allowed) => {
          // Only the invitation sets a password: no one else can sign in as the member.
          const login = await t.http().post(`${API}/auth/login`).send({ email: body.email, password: PASSWORD });
          expect(login.status).toBe(401);
          if (!allowed) return;
          expect(res.body).not.toHaveProperty('passwordHash');
          await world.acceptInvitation(res.body.invitation.token);
          await t.http().post(`${API}/auth/login`).send({ email: body.email, password: PASSWORD }).expect(200);
        },
      };
    },
  },
  {
    // Colleagues see each other (403); other offices' users are not visible (404).
    name: "PATCH /users/:id rename one of A's assistants",
    expect: statuses(404, { owner: 403, colleague: 403, lead: 200, admin: 200 }),
    async run(p) {
      const userId = await newUser(offices.A);
      const res = await call(p, 'patch', `/users/${userId}`, { displayName: 'Renamed by someone' });
      return {
        res,
        verify: async (allowed) =>
          expect((await memberView(offices.A, userId))?.displayName === 'Renamed by someone').toBe(allowed),
      };
    },
  },
  {
    name: "PATCH /users/:id deactivate one of A's assistants",
    expect: statuses(404, { owner: 403, colleague: 403, lead: 200, admin: 200 }),
    async run(p) {
      const userId = await newUser(offices.A);
      const res = await call(p, 'patch', `/users/${userId}`, { active: false });
      return { res, verify: async (allowed) => expect((await memberView(offices.A, userId))?.active).toBe(!allowed) };
    },
  },
  {
    // A's lead manages A only: C's users are invisible to it.
    name: "PATCH /users/:id rename one of C's assistants",
    expect: statuses(404, { otherParty: 403, admin: 200 }),
    async run(p) {
      const userId = await newUser(offices.C);
      const res = await call(p, 'patch', `/users/${userId}`, { displayName: 'Renamed by someone' });
      return {
        res,
        verify: async (allowed) =>
          expect((await memberView(offices.C, userId))?.displayName === 'Renamed by someone').toBe(allowed),
      };
    },
  },
  {
    name: 'PATCH /users/:id rename yourself',
    expect: statuses(200),
    async run(p) {
      const res = await call(p, 'patch', `/users/${userOf(p).id}`, { displayName: `Self ${unique()}` });
      return { res };
    },
  },
  {
    // Nobody changes their own role: an assistant cannot promote, a lead cannot step down alone.
    name: 'PATCH /users/:id change your own role',
    expect: statuses(403),
    async run(p) {
      const me = isSignedIn(p) ? await twinOf(p) : members.owner;
      const role = me.role === 'assistant' ? 'office_lead' : 'assistant';
      const res = await send(isSignedIn(p) ? me.token : tokenOf(p), 'patch', `/users/${me.id}`, { role });
      return {
        res,
        verify: async () => {
          const after = await send(me.token, 'get', '/me').expect(200);
          expect(after.body.role).toBe(me.role);
        },
      };
    },
  },
];

const caseListRoutes: Route[] = [
  {
    // Admins manage the directory; case files belong to offices.
    name: 'POST /cases',
    expect: statuses(201, { admin: OFFICE_REQUIRED }),
    async run(p) {
      const res = await call(p, 'post', '/cases', caseBody());
      return {
        res,
        verify: (allowed) => void (allowed && expect(res.body.handlingOfficeId).toBe(userOf(p).officeId)),
      };
    },
  },
  {
    name: 'GET /cases',
    expect: statuses(200, { admin: OFFICE_REQUIRED }),
    run: async (p) => ({ res: await call(p, 'get', '/cases') }),
  },
];

/**
 * The case routes on a file handled by A. On the home case (constituent of riding B) B's
 * assistant keeps a read-only status view: 200 on GET, 403 on everything else.
 */
function caseRoutes(subject: 'handled' | 'home'): Route[] {
  const home = subject === 'home';
  const open = () => newCase(home ? offices.B : undefined);
  const label = (name: string) => (home ? `${name} (home case)` : name);
  const handlingOffice = (ok: number, forHome = 403) =>
    statuses(404, {
      owner: ok,
      colleague: ok,
      lead: ok,
      admin: OFFICE_REQUIRED,
      ...(home ? { sameParty: forHome } : {}),
    });
  const ownersView = async (id: string) => (await call('owner', 'get', `/cases/${id}`).expect(200)).body;

  return [
    {
      name: label('GET /cases/:id'),
      expect: handlingOffice(200, 200),
      async run(p) {
        const id = await open();
        const res = await call(p, 'get', `/cases/${id}`);
        const access = p === 'sameParty' ? 'status' : 'full';
        return { res, verify: (allowed) => void (allowed && checkCaseView(res.body, res.text, access)) };
      },
    },
    {
      name: label('PATCH /cases/:id'),
      expect: handlingOffice(200),
      async run(p) {
        const id = await open();
        const res = await call(p, 'patch', `/cases/${id}`, { urgency: 'emergency' });
        return {
          res,
          verify: async (allowed) => expect((await ownersView(id)).urgency).toBe(allowed ? 'emergency' : 'priority'),
        };
      },
    },
    {
      // Putting a file on the table for trades (issue 11): its handling office only.
      name: label('PATCH /cases/:id (availableForTrade)'),
      expect: handlingOffice(200),
      async run(p) {
        const id = await open();
        const res = await call(p, 'patch', `/cases/${id}`, { availableForTrade: true });
        return {
          res,
          verify: async (allowed) => expect((await ownersView(id)).availableForTrade).toBe(allowed),
        };
      },
    },
    {
      name: label('POST /cases/:id/notes'),
      expect: handlingOffice(201),
      async run(p) {
        const id = await open();
        const res = await call(p, 'post', `/cases/${id}/notes`, { body: 'Called the IRCC liaison line' });
        return {
          res,
          verify: async (allowed) => {
            const notes = await call('owner', 'get', `/cases/${id}/notes`).expect(200);
            expect(notes.body.items).toHaveLength(allowed ? 1 : 0);
          },
        };
      },
    },
    {
      name: label('GET /cases/:id/notes'),
      expect: handlingOffice(200),
      async run(p) {
        const id = await open();
        await call('owner', 'post', `/cases/${id}/notes`, { body: 'Private working note' }).expect(201);
        const res = await call(p, 'get', `/cases/${id}/notes`);
        return { res, verify: (allowed) => void (allowed && expect(res.body.items).toHaveLength(1)) };
      },
    },
    {
      name: label('POST /cases/:id/consents'),
      expect: handlingOffice(201),
      async run(p) {
        const id = await open();
        const res = await call(p, 'post', `/cases/${id}/consents`, consentBody());
        return {
          res,
          verify: async (allowed) => expect((await ownersView(id)).consents).toHaveLength(allowed ? 1 : 0),
        };
      },
    },
    {
      name: label('DELETE /cases/:id/consents/:consentId'),
      expect: handlingOffice(204),
      async run(p) {
        const id = await open();
        const consentId = await newConsent(id);
        const res = await call(p, 'delete', `/cases/${id}/consents/${consentId}`);
        return {
          res,
          verify: async (allowed) => expect((await ownersView(id)).consents[0].active).toBe(!allowed),
        };
      },
    },
    {
      name: label('GET /cases/:id/history'),
      expect: handlingOffice(200),
      async run(p) {
        const id = await open();
        const res = await call(p, 'get', `/cases/${id}/history`);
        return {
          res,
          verify: (allowed) => void (allowed && expect(res.body.items[0]).toMatchObject({ action: 'case.created' })),
        };
      },
    },
  ];
}

// Office leads read their office's trail, admins all of it, assistants none; only admins verify the whole chain.
const auditRoutes: Route[] = [
  ...['/audit', '/audit/export'].map((path) => ({ path, expect: statuses(403, { lead: 200, admin: 200 }) })),
  { path: '/audit/verify', expect: statuses(403, { admin: 200 }) },
].map(({ path, expect }) => ({
  name: `GET ${path}`,
  expect,
  run: async (p: Persona) => ({ res: await call(p, 'get', path) }),
}));

// Invitations (the token decides, whoever calls) and password changes (one's own only).
const passwordOf = (p: Persona) => (userOf(p).role === 'admin' ? ADMIN.password : PASSWORD);
const accountRoutes: Route[] = [
  {
    name: 'POST /auth/invitations/accept',
    expect: statuses(200, { none: 200, forged: 200 }),
    async run(p) {
      const body = memberBody();
      const invited = await call('lead', 'post', `/offices/${offices.A}/members`, body).expect(201);
      const res = await call(p, 'post', '/auth/invitations/accept', {
        token: invited.body.invitation.token,
        password: 'chosen-by-the-member',
      });
      return {
        res,
        verify: async () => {
          expect(res.body.user).toMatchObject({ id: invited.body.id, officeId: offices.A });
          await t
            .http()
            .post(`${API}/auth/login`)
            .send({ email: body.email, password: 'chosen-by-the-member' })
            .expect(200);
        },
      };
    },
  },
  {
    // Each caller changes its own password (to the same one, so later rows still sign in).
    name: 'POST /auth/password',
    expect: statuses(204),
    async run(p) {
      const me = userOf(p);
      const elsewhere = isSignedIn(p) ? await world.login(me.email, passwordOf(p)) : undefined;
      const res = await call(p, 'post', '/auth/password', {
        currentPassword: passwordOf(p),
        newPassword: passwordOf(p),
      });
      return {
        res,
        verify: async (allowed) => {
          if (!allowed) return;
          await send(tokenOf(p), 'get', '/me').expect(200);
          await send(elsewhere!.token, 'get', '/me').expect(401);
        },
      };
    },
  },
];

const ROUTES = [
  ...authAndDirectoryRoutes,
  ...accountRoutes,
  ...caseListRoutes,
  ...caseRoutes('handled'),
  ...caseRoutes('home'),
  ...auditRoutes,
];
const ROWS = matrixRows(ROUTES, PERSONAS);

describe('authorization matrix', () => {
  beforeAll(async () => {
    t = await startTestApp();
    world = new World(t);
    ({ partyP, offices, members, forgedToken } = await castOfficePersonas(world));
  });
  afterAll(() => t?.close());

  it.each(ROWS)('%s as %s → %s', (name, persona, status) => expectRow(ROUTES, name, persona, status));

  // The admin is told the same of both too: 403 office_required, before any file is looked up.
  describe('a file another office cannot see is indistinguishable from one that does not exist', () => {
    // Every row has all four cells: jest passes a `done` callback in place of a missing one.
    const probes: [string, Method, (id: string) => string, object | null][] = [
      ['GET /cases/:id', 'get', (id) => `/cases/${id}`, null],
      ['PATCH /cases/:id', 'patch', (id) => `/cases/${id}`, { urgency: 'emergency' }],
      ['PATCH /cases/:id (availableForTrade)', 'patch', (id) => `/cases/${id}`, { availableForTrade: true }],
      ['POST /cases/:id/notes', 'post', (id) => `/cases/${id}/notes`, { body: 'Probing' }],
      ['GET /cases/:id/notes', 'get', (id) => `/cases/${id}/notes`, null],
      ['POST /cases/:id/consents', 'post', (id) => `/cases/${id}/consents`, consentBody()],
      ['DELETE /cases/:id/consents/:consentId', 'delete', (id) => `/cases/${id}/consents/${randomUUID()}`, null],
      ['GET /cases/:id/history', 'get', (id) => `/cases/${id}/history`, null],
    ];
    const rows = probes.flatMap((probe) =>
      (['sameParty', 'otherParty', 'admin'] as const).map((p) => [p, ...probe] as const),
    );

    it.each(rows)('as %s: %s', async (persona, _name, method, path, body) => {
      const hidden = await call(persona, method, path(await newCase()), body ?? undefined);
      const absent = await call(persona, method, path(randomUUID()), body ?? undefined);
      expect({ status: hidden.status, code: hidden.body.code }).toEqual(
        persona === 'admin' ? { status: 403, code: OFFICE_REQUIRED } : { status: 404, code: 'not_found' },
      );
      expect(hidden.headers['content-type']).toBe(absent.headers['content-type']);
      expect(hidden.text).toBe(absent.text);
    });
  });

  it('an admin is told office_required before its input is looked at, and the API document says so', async () => {
    for (const [method, path, body] of [
      ['post', '/cases', { summary: 42 }],
      ['get', '/cases?limit=0', undefined],
      ['patch', '/cases/not-a-uuid', { urgency: 'whenever' }],
    ] as const) {
      const res = await call('admin', method, path, body);
      expect({ path, status: res.status, code: res.body.code }).toEqual({ path, status: 403, code: OFFICE_REQUIRED });
      expect(res.body.detail).toMatch(/belongs to no office/);
    }
    const docs = (await t.http().get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { responses: Record<string, { $ref?: string; description?: string }> }>>;
      components: { responses: Record<string, { description: string }> };
    };
    const forbidden = (method: string, path: string) => {
      const answer = docs.paths[`${API}${path}`][method].responses['403'];
      return answer?.$ref ? docs.components.responses[answer.$ref.split('/').pop()!].description : answer?.description;
    };
    const officeRoutes = [
      ['get', '/cases'],
      ['get', '/cases/{id}'],
      ['get', '/follow-ups'],
      ['get', '/channels/{id}/feed'],
      ['get', '/alerts'],
      ['get', '/handoffs'],
      ['get', '/trades'],
      ['get', '/offices/{id}/trade-table'],
      ['get', '/reports/caseload'],
      ['get', '/precedents'],
      ['get', '/letter-templates'],
      ['get', '/documents/{id}/content'],
    ];
    for (const [method, path] of officeRoutes)
      expect({ path, says: forbidden(method, path) }).toEqual({ path, says: expect.stringContaining(OFFICE_REQUIRED) });
    // The directory, members, audit, ledger, seat changes and channel membership remain the admin's.
    const adminRoutes = [
      ['post', '/parties'],
      ['get', '/offices/{id}/members'],
      ['get', '/audit'],
      ['post', '/channels'],
      ['post', '/channels/{id}/members'],
      ['get', '/offices/{id}/ledger'],
      ['post', '/offices/{id}/transitions'],
    ];
    for (const [method, path] of adminRoutes)
      expect({ path, says: forbidden(method, path) ?? '' }).toEqual({
        path,
        says: expect.not.stringContaining(OFFICE_REQUIRED),
      });
  });

  it('lists and searches show a file to its handling office only, and to its home office as status rows', async () => {
    const word = `marker${unique()}`;
    const handled = await newCase();
    const homeCase = await newCase(offices.B);
    await call('owner', 'post', `/cases/${homeCase}/notes`, { body: `Note with ${word}` }).expect(201);
    await call('owner', 'patch', `/cases/${handled}`, { summary: `Summary with ${word}` }).expect(200);

    const idsSeenBy = async (p: Persona, query: string) => {
      const res = await call(p, 'get', `/cases?limit=200&${query}`).expect(200);
      return (res.body.items as { id: string }[]).map((item) => item.id);
    };
    for (const p of ['owner', 'colleague', 'lead'] as const) {
      expect(await idsSeenBy(p, `q=${word}`)).toEqual(expect.arrayContaining([handled, homeCase]));
    }
    for (const p of ['sameParty', 'otherParty'] as const) {
      expect(await idsSeenBy(p, 'scope=handling')).not.toEqual(expect.arrayContaining([handled]));
      expect(await idsSeenBy(p, `q=${word}`)).toEqual([]);
    }
    expect(await idsSeenBy('otherParty', 'scope=home')).not.toContain(homeCase);

    // B, the home office, finds the file among its riding's files handled elsewhere: status only.
    const homeList = await call('sameParty', 'get', '/cases?scope=home&limit=200').expect(200);
    const row = homeList.body.items.find((item: { id: string }) => item.id === homeCase);
    expect(row).toBeDefined();
    checkCaseView(row, JSON.stringify(homeList.body), 'status');
    expect(homeList.body.items.map((item: { id: string }) => item.id)).not.toContain(handled);
  });

  it("an office lead's audit trail holds its own office's events, never another office's", async () => {
    const ours = await newCase();
    const theirs = await call('otherParty', 'post', '/cases', caseBody()).expect(201);
    const trailOf = async (caseId: string) => {
      const res = await call('lead', 'get', `/audit?caseId=${caseId}`).expect(200);
      return res.body.items as { action: string; officeId: string }[];
    };
    expect((await trailOf(ours)).map((e) => e.action)).toContain('case.created');
    expect(await trailOf(theirs.body.id)).toEqual([]);
    const all = await call('lead', 'get', '/audit?limit=200').expect(200);
    expect(all.body.items.length).toBeGreaterThan(0);
    for (const event of all.body.items) expect(event.officeId).toBe(offices.A);

    // The NDJSON export streams the same office-scoped trail.
    const exported = await call('lead', 'get', '/audit/export').buffer(true).parse(collectText).expect(200);
    const lines = (exported.body as string).trim().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(JSON.parse(line)).toMatchObject({ officeId: offices.A });
    expect(exported.body).not.toContain(theirs.body.id);
  });
});
