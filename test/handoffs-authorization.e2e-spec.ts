import { randomBytes, randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { startTestApp, type TestApp } from './support/test-app.js';
import { expectRow, type Expected as Cell, type MatrixRoute, matrixRows, OFFICE_REQUIRED } from './support/matrix.js';
import { caseBody, World, type Member } from './support/world.js';

/**
 * Who may call what on handoffs, trades, suggestions and ledgers.
 *
 * Offices: A (the offering / proposing office), B (the receiving office / counterparty) and
 * O belong to party P; Q belongs to party R. Offers under test are made by A to B directly,
 * or to a custom channel of A and B; trades are proposed by A to B.
 *
 * Personas (the columns of the matrix):
 *   none        no Authorization header
 *   assistant   an assistant of A
 *   lead        the office lead of A
 *   receiver    an assistant of B
 *   outsider    an assistant of O (same party, not part of the offer or trade)
 *   otherParty  an assistant of Q
 *   admin       the directory admin (no office): 403 office_required everywhere but the ledger
 */
const API = '/api/v1';
const PERSONAS = ['none', 'assistant', 'lead', 'receiver', 'outsider', 'otherParty', 'admin'] as const;
type Persona = (typeof PERSONAS)[number];
type SignedIn = Exclude<Persona, 'none'>;
type Method = 'get' | 'post';
type Expected = Record<Persona, Cell>;

type Route = MatrixRoute<Persona>;

const unique = () => randomBytes(4).toString('hex');

/**
 * A's members get `offering`, B's assistant `receiving`; the outsider and the other party
 * 404 (the offer or trade is not theirs to see), the admin office_required, unless overridden.
 */
function statuses(offering: number, receiving: number, overrides: Partial<Expected> = {}): Expected {
  return {
    none: 401,
    assistant: offering,
    lead: offering,
    receiver: receiving,
    outsider: 404,
    otherParty: 404,
    admin: OFFICE_REQUIRED,
    ...overrides,
  };
}

let t: TestApp;
let offices: { A: string; B: string; O: string; Q: string };
const members = {} as Record<SignedIn, Member>;
/** Read-only fixtures: an open direct offer, an open channel offer and a proposed trade. */
let shared: { offerId: string; channelOfferId: string; tradeId: string; caseId: string };
let channelId: string;

const isOffering = (p: Persona) => p === 'assistant' || p === 'lead';
const seesShared = (p: Persona) => isOffering(p) || p === 'receiver';

function send(member: Member | undefined, method: Method, path: string, body?: object) {
  const req = t.http()[method](`${API}${path}`);
  if (member) req.set('Authorization', `Bearer ${member.token}`);
  return body === undefined ? req : req.send(body);
}
const call = (p: Persona, method: Method, path: string, body?: object) =>
  send(p === 'none' ? undefined : members[p], method, path, body);

// ---- Fresh resources, made by someone allowed to, so no row depends on another. ----

/** A file of `m`'s office with a live share_with_offices consent. */
async function newFile(m: Member, overrides: Record<string, unknown> = {}): Promise<string> {
  const created = await send(m, 'post', '/cases', caseBody(overrides)).expect(201);
  await send(m, 'post', `/cases/${created.body.id}/consents`, {
    scope: 'share_with_offices',
    grantedAt: new Date().toISOString(),
    evidence: 'IMM 5476 on file',
  }).expect(201);
  return created.body.id as string;
}

/** An open offer of a fresh file of A: to B directly, or to the channel of A and B. */
async function newOffer(to: 'direct' | 'channel' = 'direct'): Promise<{ offerId: string; caseId: string }> {
  const caseId = await newFile(members.assistant);
  const res = await send(members.assistant, 'post', '/handoffs', {
    caseId,
    ...(to === 'direct' ? { toOfficeId: offices.B } : { channelId }),
    note: 'Complex file; we are short-staffed',
  }).expect(201);
  return { offerId: res.body.id as string, caseId };
}

/** A proposed trade: a fresh file of A for a fresh file of B. */
async function newTrade(): Promise<{ tradeId: string; give: string; take: string }> {
  const give = await newFile(members.assistant, { category: 'passport', immigrationType: undefined });
  const take = await newFile(members.receiver);
  await t
    .http()
    .patch(`${API}/cases/${take}`)
    .set('Authorization', `Bearer ${members.receiver.token}`)
    .send({ availableForTrade: true })
    .expect(200);
  const res = await send(members.assistant, 'post', '/trades', {
    counterpartyOfficeId: offices.B,
    giveCaseIds: [give],
    takeCaseIds: [take],
    note: 'Our passport file for your study permit',
  }).expect(201);
  return { tradeId: res.body.id as string, give, take };
}

async function handlingOffice(caseId: string): Promise<string> {
  const { rows } = await t.db.query<{ handling_office_id: string }>(
    'SELECT handling_office_id FROM cases WHERE id = $1',
    [caseId],
  );
  return rows[0].handling_office_id;
}

async function offerStatus(offerId: string): Promise<string> {
  return (await send(members.assistant, 'get', `/handoffs/${offerId}`).expect(200)).body.status as string;
}

async function tradeStatus(tradeId: string): Promise<string> {
  return (await send(members.assistant, 'get', `/trades/${tradeId}`).expect(200)).body.status as string;
}

const ids = (res: Response) => (res.body.items as { id: string }[]).map((item) => item.id);

// ---- The routes. ----

/** accept / decline / withdraw of an offer, on a fresh offer for each row. */
function offerDecision(
  action: 'accept' | 'decline' | 'withdraw',
  to: 'direct' | 'channel',
  expected: Expected,
  status: string,
): Route {
  return {
    name: `POST /handoffs/:id/${action}${to === 'channel' ? ' (channel offer)' : ''}`,
    expect: expected,
    async run(p) {
      const { offerId, caseId } = await newOffer(to);
      const res = await call(p, 'post', `/handoffs/${offerId}/${action}`, {});
      return {
        res,
        verify: async (allowed) => {
          expect(await offerStatus(offerId)).toBe(allowed ? status : 'offered');
          const winner = action === 'accept' && allowed ? members[p as SignedIn].officeId : offices.A;
          expect(await handlingOffice(caseId)).toBe(winner);
        },
      };
    },
  };
}

/** accept / decline / withdraw of a trade, on a fresh trade for each row. */
function tradeDecision(action: 'accept' | 'decline' | 'withdraw', expected: Expected, status: string): Route {
  return {
    name: `POST /trades/:id/${action}`,
    expect: expected,
    async run(p) {
      const { tradeId, give, take } = await newTrade();
      const res = await call(p, 'post', `/trades/${tradeId}/${action}`, {});
      return {
        res,
        verify: async (allowed) => {
          expect(await tradeStatus(tradeId)).toBe(allowed ? status : 'proposed');
          const swapped = action === 'accept' && allowed;
          expect([await handlingOffice(give), await handlingOffice(take)]).toEqual(
            swapped ? [offices.B, offices.A] : [offices.A, offices.B],
          );
        },
      };
    },
  };
}

const ROUTES: Route[] = [
  {
    // Only the handling office offers its file; to anyone else the file does not exist.
    name: 'POST /handoffs',
    expect: statuses(201, 404),
    async run(p) {
      const caseId = await newFile(members.assistant);
      const res = await call(p, 'post', '/handoffs', { caseId, toOfficeId: offices.B, note: 'Please take it' });
      return {
        res,
        verify: async (allowed) => {
          const outgoing = await send(members.assistant, 'get', '/handoffs?direction=outgoing&limit=200').expect(200);
          const offered = (outgoing.body.items as { caseId: string }[]).filter((o) => o.caseId === caseId);
          expect(offered).toHaveLength(allowed ? 1 : 0);
        },
      };
    },
  },
  {
    name: 'GET /handoffs',
    expect: statuses(200, 200, { outsider: 200, otherParty: 200 }),
    async run(p) {
      const res = await call(p, 'get', '/handoffs?limit=200');
      return {
        res,
        verify: (allowed) => {
          if (!allowed) return;
          expect(ids(res).includes(shared.offerId)).toBe(seesShared(p));
          expect(ids(res).includes(shared.channelOfferId)).toBe(seesShared(p));
        },
      };
    },
  },
  {
    name: 'GET /handoffs/:id',
    expect: statuses(200, 200),
    async run(p) {
      const res = await call(p, 'get', `/handoffs/${shared.offerId}`);
      return { res, verify: (allowed) => void (allowed && expect(res.body.id).toBe(shared.offerId)) };
    },
  },
  {
    name: 'GET /handoffs/:id (channel offer)',
    expect: statuses(200, 200),
    async run(p) {
      const res = await call(p, 'get', `/handoffs/${shared.channelOfferId}`);
      return { res, verify: (allowed) => void (allowed && expect(res.body.id).toBe(shared.channelOfferId)) };
    },
  },
  offerDecision('accept', 'direct', statuses(403, 200), 'accepted'),
  offerDecision('accept', 'channel', statuses(403, 200), 'accepted'),
  offerDecision('decline', 'direct', statuses(403, 200), 'declined'),
  // A channel offer is not declined: it waits for another member office.
  offerDecision('decline', 'channel', statuses(403, 403), 'declined'),
  offerDecision('withdraw', 'direct', statuses(200, 403), 'withdrawn'),
  offerDecision('withdraw', 'channel', statuses(200, 403), 'withdrawn'),
  {
    name: 'GET /handoffs/suggestions',
    expect: statuses(200, 404),
    async run(p) {
      const res = await call(p, 'get', `/handoffs/suggestions?caseId=${shared.caseId}`);
      return {
        res,
        verify: (allowed) => {
          if (!allowed) return;
          expect(res.body.caseId).toBe(shared.caseId);
          // A shares the party channel with B and O, and a custom channel with B; Q shares none.
          const suggested = (res.body.items as { officeId: string }[]).map((item) => item.officeId);
          expect(suggested.sort()).toEqual([offices.B, offices.O].sort());
        },
      };
    },
  },
  {
    // Only A may give A's file: to anyone else it is not theirs (400, naming no file);
    // B naming itself as counterparty is 400 too.
    name: 'POST /trades',
    expect: statuses(201, 400, { outsider: 400, otherParty: 400 }),
    async run(p) {
      const give = await newFile(members.assistant);
      const res = await call(p, 'post', '/trades', {
        counterpartyOfficeId: offices.B,
        giveCaseIds: [give],
        takeCaseIds: [],
        note: 'Would you take this one?',
      });
      return {
        res,
        verify: async (allowed) => {
          const incoming = await send(members.receiver, 'get', '/trades?direction=incoming&limit=200').expect(200);
          const named = (incoming.body.items as { give: { caseId: string }[] }[]).filter((trade) =>
            trade.give.some((file) => file.caseId === give),
          );
          expect(named).toHaveLength(allowed ? 1 : 0);
        },
      };
    },
  },
  {
    name: 'GET /trades',
    expect: statuses(200, 200, { outsider: 200, otherParty: 200 }),
    async run(p) {
      const res = await call(p, 'get', '/trades?limit=200');
      return {
        res,
        verify: (allowed) => {
          if (!allowed) return;
          expect(ids(res).includes(shared.tradeId)).toBe(seesShared(p));
        },
      };
    },
  },
  {
    name: 'GET /trades/:id',
    expect: statuses(200, 200),
    async run(p) {
      const res = await call(p, 'get', `/trades/${shared.tradeId}`);
      return { res, verify: (allowed) => void (allowed && expect(res.body.id).toBe(shared.tradeId)) };
    },
  },
  tradeDecision('accept', statuses(403, 200), 'accepted'),
  tradeDecision('decline', statuses(403, 200), 'declined'),
  tradeDecision('withdraw', statuses(200, 403), 'withdrawn'),
  {
    // Its own members and the admin; another office's member is told it is not theirs.
    name: 'GET /offices/:id/ledger',
    expect: statuses(200, 403, { outsider: 403, otherParty: 403, admin: 200 }),
    async run(p) {
      const res = await call(p, 'get', `/offices/${offices.A}/ledger`);
      return { res, verify: (allowed) => void (allowed && expect(res.body.officeId).toBe(offices.A)) };
    },
  },
  {
    // What B has put on the table: any office may read it to propose a trade (redacted summaries); the admin has no office.
    name: 'GET /offices/:id/trade-table',
    expect: statuses(200, 200, { outsider: 200, otherParty: 200 }),
    async run(p) {
      const res = await call(p, 'get', `/offices/${offices.B}/trade-table`);
      return {
        res,
        verify: (allowed) => {
          if (!allowed) return;
          expect(res.body.items.length).toBeGreaterThan(0);
          for (const file of res.body.items) expect(Object.keys(file).sort()).toEqual(TABLE_FIELDS);
        },
      };
    },
  },
  {
    name: 'GET /offices/:id/trade-table (unknown office)',
    expect: statuses(404, 404, { outsider: 404, otherParty: 404 }),
    run: async (p) => ({ res: await call(p, 'get', `/offices/${randomUUID()}/trade-table`) }),
  },
  {
    name: 'GET /offices/:id/ledger (unknown office)',
    expect: statuses(404, 404, { admin: 404 }),
    run: async (p) => ({ res: await call(p, 'get', `/offices/${randomUUID()}/ledger`) }),
  },
];
const ROWS = matrixRows(ROUTES, PERSONAS);
/** A file on the table shows its redacted summary and nothing of the constituent. */
const TABLE_FIELDS = ['caseId', 'category', 'complexity', 'deadline', 'immigrationType', 'languages', 'urgency'];

describe('handoffs and trades authorization matrix', () => {
  beforeAll(async () => {
    t = await startTestApp();
    const world = new World(t);
    const partyP = (await world.party()).id;
    const partyR = (await world.party()).id;
    offices = {
      A: (await world.office(partyP)).id,
      B: (await world.office(partyP)).id,
      O: (await world.office(partyP)).id,
      Q: (await world.office(partyR)).id,
    };
    members.assistant = await world.member(offices.A);
    members.lead = await world.member(offices.A, 'office_lead');
    members.receiver = await world.member(offices.B);
    members.outsider = await world.member(offices.O);
    members.otherParty = await world.member(offices.Q);
    members.admin = await world.admin();
    const channel = await send(members.lead, 'post', '/channels', {
      name: `A and B ${unique()}`,
      kind: 'custom',
      memberOfficeIds: [offices.B],
    }).expect(201);
    channelId = channel.body.id as string;
    const direct = await newOffer('direct');
    shared = {
      offerId: direct.offerId,
      caseId: direct.caseId,
      channelOfferId: (await newOffer('channel')).offerId,
      tradeId: (await newTrade()).tradeId,
    };
  });
  afterAll(() => t?.close());

  it.each(ROWS)('%s as %s → %s', (name, persona, status) => expectRow(ROUTES, name, persona, status));

  describe('an offer or trade the caller cannot see is indistinguishable from one that does not exist', () => {
    const probes: [string, Method, () => string, (id: string) => string][] = [
      ['GET /handoffs/:id', 'get', () => shared.offerId, (id) => `/handoffs/${id}`],
      ['POST /handoffs/:id/accept', 'post', () => shared.offerId, (id) => `/handoffs/${id}/accept`],
      ['POST /handoffs/:id/decline', 'post', () => shared.offerId, (id) => `/handoffs/${id}/decline`],
      ['POST /handoffs/:id/withdraw', 'post', () => shared.offerId, (id) => `/handoffs/${id}/withdraw`],
      ['GET /handoffs/:id (channel offer)', 'get', () => shared.channelOfferId, (id) => `/handoffs/${id}`],
      ['GET /handoffs/suggestions', 'get', () => shared.caseId, (id) => `/handoffs/suggestions?caseId=${id}`],
      ['GET /trades/:id', 'get', () => shared.tradeId, (id) => `/trades/${id}`],
      ['POST /trades/:id/accept', 'post', () => shared.tradeId, (id) => `/trades/${id}/accept`],
      ['POST /trades/:id/decline', 'post', () => shared.tradeId, (id) => `/trades/${id}/decline`],
      ['POST /trades/:id/withdraw', 'post', () => shared.tradeId, (id) => `/trades/${id}/withdraw`],
    ];
    const rows = probes.flatMap((probe) =>
      (['outsider', 'otherParty', 'admin'] as const).map((p) => [p, ...probe] as const),
    );

    it.each(rows)('as %s: %s', async (persona, _name, method, target, path) => {
      const hidden = await call(persona, method, path(target()), method === 'post' ? {} : undefined);
      const absent = await call(persona, method, path(randomUUID()), method === 'post' ? {} : undefined);
      expect({ status: hidden.status, code: hidden.body.code }).toEqual(
        persona === 'admin' ? { status: 403, code: OFFICE_REQUIRED } : { status: 404, code: 'not_found' },
      );
      expect(hidden.headers['content-type']).toBe(absent.headers['content-type']);
      expect(hidden.text).toBe(absent.text);
    });

    it('the shared offer and trade are still open after every probe', async () => {
      expect(await offerStatus(shared.offerId)).toBe('offered');
      expect(await offerStatus(shared.channelOfferId)).toBe('offered');
      expect(await tradeStatus(shared.tradeId)).toBe('proposed');
      expect(await handlingOffice(shared.caseId)).toBe(offices.A);
    });
  });
});
