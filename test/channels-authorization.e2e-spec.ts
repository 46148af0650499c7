import { randomBytes, randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from './support/test-app.js';
import { expectRow, type Expected as Cell, type MatrixRoute, matrixRows, OFFICE_REQUIRED } from './support/matrix.js';
import { World, type Member } from './support/world.js';

/**
 * Who may call what on channels, messages and alerts.
 *
 * Offices: A and B belong to party P, C to party Q; D (party P) and E (no party) are other
 * offices. The channels under test are custom channels made by A's lead with A and D as
 * members, so B is an office of the same party that is not a member.
 *
 * Personas (the columns of the matrix):
 *   none        no Authorization header
 *   assistant   an assistant of A (a member office)
 *   lead        the office lead of A, the channel's creating office
 *   sameParty   an assistant of B (same party, not a member)
 *   otherParty  an assistant of C (another party)
 *   admin       the directory admin (no office): 403 office_required on a channel's feed, posts
 *               and alerts; it may still make channels and manage their member offices
 */
const API = '/api/v1';
const PERSONAS = ['none', 'assistant', 'lead', 'sameParty', 'otherParty', 'admin'] as const;
type Persona = (typeof PERSONAS)[number];
type SignedIn = Exclude<Persona, 'none'>;
type Method = 'get' | 'post' | 'patch' | 'delete';
type Expected = Record<Persona, Cell>;

type Route = MatrixRoute<Persona>;

const unique = () => randomBytes(4).toString('hex');

/** Members of A get `member` (the lead `lead`, default the same); other offices 404, the admin office_required. */
function statuses(member: number, overrides: Partial<Expected> = {}): Expected {
  return {
    none: 401,
    assistant: member,
    lead: member,
    sameParty: 404,
    otherParty: 404,
    admin: OFFICE_REQUIRED,
    ...overrides,
  };
}

let t: TestApp;
let world: World;
let offices: { A: string; B: string; C: string; D: string; E: string };
const members = {} as Record<SignedIn, Member>;
/** An assistant of D, the other member office, to look at channels from outside A. */
let dMember: Member;
/** Another assistant of A, who writes the messages that are "someone else's". */
let author: Member;
/** Shared read-only fixtures: a channel of A and D with a message and an alert in it. */
let shared: { channelId: string; alertId: string };

const isMemberPersona = (p: Persona) => p === 'assistant' || p === 'lead';

function send(member: Member | undefined, method: Method, path: string, body?: object) {
  const req = t.http()[method](`${API}${path}`);
  if (member) req.set('Authorization', `Bearer ${member.token}`);
  return body === undefined ? req : req.send(body);
}
const call = (p: Persona, method: Method, path: string, body?: object) =>
  send(p === 'none' ? undefined : members[p], method, path, body);

// ---- Fresh resources, made by someone allowed to, so no row depends on another. ----

async function newChannel(): Promise<string> {
  const res = await send(members.lead, 'post', '/channels', {
    name: `Authz ${unique()}`,
    kind: 'custom',
    memberOfficeIds: [offices.D],
  }).expect(201);
  return res.body.id as string;
}

async function newMessage(channelId: string, by: Member): Promise<string> {
  const res = await send(by, 'post', `/channels/${channelId}/messages`, { body: 'Original text' }).expect(201);
  return res.body.id as string;
}

const alertBody = () => ({ title: 'Policy change', body: 'Something changed', severity: 'important' });

async function newAlert(channelId: string): Promise<string> {
  const res = await send(members.assistant, 'post', `/channels/${channelId}/alerts`, alertBody()).expect(201);
  return res.body.id as string;
}

/** The channel's feed as D's assistant (a member office other than A) sees it. */
async function feedSeenByD(channelId: string): Promise<{ id: string; body: string | null; deleted: boolean }[]> {
  return (await send(dMember, 'get', `/channels/${channelId}/feed?limit=200`).expect(200)).body.items;
}

async function memberOffices(channelId: string): Promise<string[]> {
  return (await send(dMember, 'get', `/channels/${channelId}`).expect(200)).body.memberOfficeIds;
}

/** The author of a message for `p`: the persona itself when it is a member, else A's assistant. */
const ownAuthor = (p: Persona): Member => (isMemberPersona(p) ? members[p as 'assistant' | 'lead'] : members.assistant);

// ---- The routes. ----

const ROUTES: Route[] = [
  {
    name: 'GET /channels',
    expect: statuses(200, { sameParty: 200, otherParty: 200 }),
    async run(p) {
      const res = await call(p, 'get', '/channels?limit=200');
      return {
        res,
        verify: (allowed) => {
          if (!allowed) return;
          const ids = (res.body.items as { id: string }[]).map((c) => c.id);
          if (isMemberPersona(p)) expect(ids).toContain(shared.channelId);
          else expect(ids).not.toContain(shared.channelId);
        },
      };
    },
  },
  {
    // Office leads make channels for their office; admins may make one for any offices.
    name: 'POST /channels',
    expect: statuses(403, { lead: 201, sameParty: 403, otherParty: 403, admin: 201 }),
    async run(p) {
      const name = `Authz new ${unique()}`;
      const res = await call(p, 'post', '/channels', { name, kind: 'custom', memberOfficeIds: [offices.D] });
      return {
        res,
        verify: async (allowed) => {
          const list = await send(dMember, 'get', '/channels?limit=200').expect(200);
          expect((list.body.items as { name: string }[]).some((c) => c.name === name)).toBe(allowed);
        },
      };
    },
  },
  {
    name: 'GET /channels/:id',
    expect: statuses(200),
    async run(p) {
      const res = await call(p, 'get', `/channels/${shared.channelId}`);
      return { res, verify: (allowed) => void (allowed && expect(res.body.id).toBe(shared.channelId)) };
    },
  },
  {
    // The creating office's lead (or an admin) manages members; a member's assistant does not.
    name: 'POST /channels/:id/members',
    expect: statuses(200, { assistant: 403, admin: 200 }),
    async run(p) {
      const channelId = await newChannel();
      const res = await call(p, 'post', `/channels/${channelId}/members`, { officeId: offices.E });
      return {
        res,
        verify: async (allowed) => expect((await memberOffices(channelId)).includes(offices.E)).toBe(allowed),
      };
    },
  },
  {
    name: 'DELETE /channels/:id/members/:officeId (another office)',
    expect: statuses(204, { assistant: 403, admin: 204 }),
    async run(p) {
      const channelId = await newChannel();
      const res = await call(p, 'delete', `/channels/${channelId}/members/${offices.D}`);
      return {
        res,
        verify: async () => {
          const seen = await send(dMember, 'get', `/channels/${channelId}`);
          expect(seen.status).toBe(res.status === 204 ? 404 : 200);
        },
      };
    },
  },
  {
    name: 'GET /channels/:id/feed',
    expect: statuses(200),
    async run(p) {
      const res = await call(p, 'get', `/channels/${shared.channelId}/feed`);
      return { res, verify: (allowed) => void (allowed && expect(res.body.items.length).toBeGreaterThan(0)) };
    },
  },
  {
    name: 'POST /channels/:id/messages',
    expect: statuses(201),
    async run(p) {
      const channelId = await newChannel();
      const res = await call(p, 'post', `/channels/${channelId}/messages`, { body: 'Hello' });
      return { res, verify: async (allowed) => expect(await feedSeenByD(channelId)).toHaveLength(allowed ? 1 : 0) };
    },
  },
  {
    name: 'PATCH /channels/:id/messages/:messageId (own message)',
    expect: statuses(200),
    async run(p) {
      const channelId = await newChannel();
      const messageId = await newMessage(channelId, ownAuthor(p));
      const res = await call(p, 'patch', `/channels/${channelId}/messages/${messageId}`, { body: 'Edited' });
      return {
        res,
        verify: async (allowed) =>
          expect((await feedSeenByD(channelId))[0].body).toBe(allowed ? 'Edited' : 'Original text'),
      };
    },
  },
  {
    // Only the author edits: colleagues and the office lead included.
    name: "PATCH /channels/:id/messages/:messageId (someone else's message)",
    expect: statuses(403),
    async run(p) {
      const channelId = await newChannel();
      const messageId = await newMessage(channelId, author);
      const res = await call(p, 'patch', `/channels/${channelId}/messages/${messageId}`, { body: 'Edited' });
      return { res, verify: async () => expect((await feedSeenByD(channelId))[0].body).toBe('Original text') };
    },
  },
  {
    name: 'DELETE /channels/:id/messages/:messageId (own message)',
    expect: statuses(204),
    async run(p) {
      const channelId = await newChannel();
      const messageId = await newMessage(channelId, ownAuthor(p));
      const res = await call(p, 'delete', `/channels/${channelId}/messages/${messageId}`);
      return { res, verify: async (allowed) => expect((await feedSeenByD(channelId))[0].deleted).toBe(allowed) };
    },
  },
  {
    name: "DELETE /channels/:id/messages/:messageId (someone else's message)",
    expect: statuses(403),
    async run(p) {
      const channelId = await newChannel();
      const messageId = await newMessage(channelId, author);
      const res = await call(p, 'delete', `/channels/${channelId}/messages/${messageId}`);
      return { res, verify: async () => expect((await feedSeenByD(channelId))[0].deleted).toBe(false) };
    },
  },
  {
    name: 'POST /channels/:id/alerts',
    expect: statuses(201),
    async run(p) {
      const channelId = await newChannel();
      const res = await call(p, 'post', `/channels/${channelId}/alerts`, alertBody());
      return { res, verify: async (allowed) => expect(await feedSeenByD(channelId)).toHaveLength(allowed ? 1 : 0) };
    },
  },
  {
    name: 'GET /alerts',
    expect: statuses(200, { sameParty: 200, otherParty: 200 }),
    async run(p) {
      const res = await call(p, 'get', '/alerts?limit=200');
      return {
        res,
        verify: (allowed) => {
          if (!allowed) return;
          const ids = (res.body.items as { id: string }[]).map((a) => a.id);
          expect(ids.includes(shared.alertId)).toBe(isMemberPersona(p));
        },
      };
    },
  },
  {
    name: 'POST /alerts/:id/ack',
    expect: statuses(200),
    async run(p) {
      const alertId = await newAlert(await newChannel());
      const res = await call(p, 'post', `/alerts/${alertId}/ack`);
      return {
        res,
        verify: async (allowed) => {
          const acks = await send(dMember, 'get', `/alerts/${alertId}/acks`).expect(200);
          expect(acks.body.items).toHaveLength(allowed ? 1 : 0);
        },
      };
    },
  },
  {
    name: 'GET /alerts/:id/acks',
    expect: statuses(200),
    async run(p) {
      const res = await call(p, 'get', `/alerts/${shared.alertId}/acks`);
      return { res, verify: (allowed) => void (allowed && expect(res.body.items).toEqual(expect.any(Array))) };
    },
  },
];
const ROWS = matrixRows(ROUTES, PERSONAS);

describe('channels authorization matrix', () => {
  beforeAll(async () => {
    t = await startTestApp();
    world = new World(t);
    const partyP = (await world.party()).id;
    const partyQ = (await world.party()).id;
    offices = {
      A: (await world.office(partyP)).id,
      B: (await world.office(partyP)).id,
      C: (await world.office(partyQ)).id,
      D: (await world.office(partyP)).id,
      E: (await world.office(null)).id,
    };
    members.assistant = await world.member(offices.A);
    members.lead = await world.member(offices.A, 'office_lead');
    members.sameParty = await world.member(offices.B);
    members.otherParty = await world.member(offices.C);
    members.admin = await world.admin();
    dMember = await world.member(offices.D);
    author = await world.member(offices.A);
    const channelId = await newChannel();
    await newMessage(channelId, author);
    shared = { channelId, alertId: await newAlert(channelId) };
  });
  afterAll(() => t?.close());

  it.each(ROWS)('%s as %s → %s', (name, persona, status) => expectRow(ROUTES, name, persona, status));

  describe('a channel or alert the caller cannot see is indistinguishable from one that does not exist', () => {
    const probes: [string, Method, (channelId: string, alertId: string) => string, object | null][] = [
      ['GET /channels/:id', 'get', (c) => `/channels/${c}`, null],
      ['GET /channels/:id/feed', 'get', (c) => `/channels/${c}/feed`, null],
      ['POST /channels/:id/messages', 'post', (c) => `/channels/${c}/messages`, { body: 'Probing' }],
      ['POST /channels/:id/alerts', 'post', (c) => `/channels/${c}/alerts`, alertBody()],
      ['POST /alerts/:id/ack', 'post', (_c, a) => `/alerts/${a}/ack`, null],
      ['GET /alerts/:id/acks', 'get', (_c, a) => `/alerts/${a}/acks`, null],
    ];
    const rows = probes.flatMap((probe) =>
      (['sameParty', 'otherParty', 'admin'] as const).map((p) => [p, ...probe] as const),
    );

    it.each(rows)('as %s: %s', async (persona, _name, method, path, body) => {
      const hidden = await call(persona, method, path(shared.channelId, shared.alertId), body ?? undefined);
      const absent = await call(persona, method, path(randomUUID(), randomUUID()), body ?? undefined);
      expect({ status: hidden.status, code: hidden.body.code }).toEqual(
        persona === 'admin' ? { status: 403, code: OFFICE_REQUIRED } : { status: 404, code: 'not_found' },
      );
      expect(hidden.headers['content-type']).toBe(absent.headers['content-type']);
      expect(hidden.text).toBe(absent.text);
    });
  });

  it('an office removed from a channel loses it at once, its own lead may take it out, and it cannot rejoin alone', async () => {
    const channelId = await newChannel();
    const dLead = await world.member(offices.D, 'office_lead');
    await send(dLead, 'delete', `/channels/${channelId}/members/${offices.D}`).expect(204);
    for (const path of [`/channels/${channelId}`, `/channels/${channelId}/feed`]) {
      expect((await send(dMember, 'get', path)).status).toBe(404);
    }
    const rejoin = await send(dLead, 'post', `/channels/${channelId}/members`, { officeId: offices.D });
    expect(rejoin.status).toBe(404);
  });
});
