import request, { type Response } from 'supertest';
import { withDatabase } from '../libs/platform/src/database/database-url.js';
import type { HandoffPayload, LiveEvent, TradePayload } from '../libs/platform/src/events/live-event.js';
import { freePort, ServerProcess } from '../scripts/server-process.js';
import { LiveClient } from './support/live-client.js';
import { ADMIN, AUDIT_KEY, startTestApp, type TestApp } from './support/test-app.js';
import { caseBody, CONSTITUENT_SECRETS, World, type Member } from './support/world.js';

const API = '/api/v1';
const BEARER = { type: 'bearer' } as const;
// The secret test/support/test-app.ts gives every test server (a second node needs the same).
const JWT_SECRET = 'test-secret-that-is-long-enough-0123456789';
const HOUR = 3600_000;
const DAY = 24 * HOUR;

// The offer and trade shapes are the contract's, shared with the server.
type Offer = HandoffPayload;
type Trade = TradePayload;
interface Case {
  id: string;
  reference: string;
  access: 'full' | 'status';
  handlingOfficeId: string;
  homeOfficeId: string;
  assigneeId?: string | null;
  deadline: string | null;
  summary?: string;
  constituent?: Record<string, string>;
  consents?: { id: string; evidence: string; active: boolean }[];
}
interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
interface FeedItem {
  id: string;
  kind: 'message' | 'alert' | 'handoff';
  body: string | null;
  handoff?: Offer;
}
interface Ledger {
  officeId: string;
  offices: { officeId: string; given: number; taken: number; balance: number }[];
}
/** An office and one assistant working in it. */
interface Team {
  id: string;
  m: Member;
}

const isoIn = (ms: number) => new Date(Date.now() + ms).toISOString();
const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const dataOf = (event: LiveEvent) => event.data as unknown as Record<string, unknown>;

/** The constituent details (as in caseBody()) found anywhere in `value`. */
function secretsIn(value: unknown): string[] {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return CONSTITUENT_SECRETS.filter((secret) => text.includes(secret));
}

describe('handoffs and trades', () => {
  let t: TestApp;
  let world: World;
  let partyId: string;
  const sockets: LiveClient[] = [];

  beforeAll(async () => {
    // Jobs (offer expiry, deadline triage) every second so they can be watched.
    t = await startTestApp({ JOB_INTERVAL_SECONDS: '1' });
    world = new World(t);
    partyId = (await world.party()).id;
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await t?.close();
  });

  // ---- helpers ---------------------------------------------------------------------

  const as = (m: Member) => ({
    get: (path: string) => t.http().get(`${API}${path}`).auth(m.token, BEARER),
    post: (path: string, body: object = {}) => t.http().post(`${API}${path}`).auth(m.token, BEARER).send(body),
    patch: (path: string, body: object) => t.http().patch(`${API}${path}`).auth(m.token, BEARER).send(body),
    delete: (path: string) => t.http().delete(`${API}${path}`).auth(m.token, BEARER),
  });

  function expectProblem(res: Response, status: number, code: string) {
    expect({ status: res.status, code: (res.body as { code?: string }).code }).toEqual({ status, code });
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  }

  async function team(): Promise<Team> {
    const office = await world.office(partyId);
    return { id: office.id, m: await world.member(office.id) };
  }

  async function createCase(m: Member, overrides: Record<string, unknown> = {}): Promise<Case> {
    return (await as(m).post('/cases', caseBody(overrides)).expect(201)).body as Case;
  }

  async function addConsent(
    m: Member,
    caseId: string,
    when: { grantedAt: string; expiresAt?: string },
    evidence = 'IMM 5476 on file',
  ): Promise<string> {
    const res = await as(m)
      .post(`/cases/${caseId}/consents`, { scope: 'share_with_offices', evidence, ...when })
      .expect(201);
    return (res.body as { id: string }).id;
  }

  /** A file of `m`'s office with a consent granted yesterday. */
  async function shareableCase(m: Member, overrides: Record<string, unknown> = {}): Promise<Case> {
    const kase = await createCase(m, overrides);
    await addConsent(m, kase.id, { grantedAt: isoIn(-DAY) });
    return kase;
  }

  async function offer(m: Member, body: Record<string, unknown>): Promise<Offer> {
    return (
      await as(m)
        .post('/handoffs', { note: 'Complex study permit file', ...body })
        .expect(201)
    ).body as Offer;
  }

  async function listOffers(m: Member, query = ''): Promise<Offer[]> {
    return ((await as(m).get(`/handoffs?limit=200&${query}`).expect(200)).body as Page<Offer>).items;
  }

  async function createChannel(officeIds: string[]): Promise<string> {
    const admin = await world.admin();
    const res = await as(admin)
      .post('/channels', { name: `Handoffs ${Date.now()}`, kind: 'custom', memberOfficeIds: officeIds })
      .expect(201);
    return (res.body as { id: string }).id;
  }

  async function feed(m: Member, channelId: string): Promise<FeedItem[]> {
    return ((await as(m).get(`/channels/${channelId}/feed?limit=200`).expect(200)).body as Page<FeedItem>).items;
  }

  async function ledger(m: Member, officeId: string): Promise<Ledger> {
    return (await as(m).get(`/offices/${officeId}/ledger`).expect(200)).body as Ledger;
  }

  async function connect(m: Member, baseUrl = t.baseUrl): Promise<LiveClient> {
    const client = new LiveClient(baseUrl, m.token);
    sockets.push(client);
    await client.connected();
    return client;
  }

  const ids = (items: { id: string }[]) => items.map((item) => item.id);

  // ---- the consent gate ------------------------------------------------------------

  it('offers a file only with a live share_with_offices consent: missing, revoked, expired or stale → 409 consent_missing', async () => {
    const a = await team();
    const b = await team();
    const kase = await createCase(a.m);
    const offerIt = () =>
      as(a.m).post('/handoffs', { caseId: kase.id, toOfficeId: b.id, note: 'Complex study permit file' });

    expectProblem(await offerIt(), 409, 'consent_missing');

    const revoked = await addConsent(a.m, kase.id, { grantedAt: isoIn(-DAY) });
    await as(a.m).delete(`/cases/${kase.id}/consents/${revoked}`).expect(204);
    expectProblem(await offerIt(), 409, 'consent_missing');

    // Granted ten days ago, lapsed yesterday.
    await addConsent(a.m, kase.id, { grantedAt: isoIn(-10 * DAY), expiresAt: isoIn(-DAY) });
    expectProblem(await offerIt(), 409, 'consent_missing');

    // Granted 100 days ago without an end: older than CONSENT_MAX_AGE_DAYS (90), so stale.
    await addConsent(a.m, kase.id, { grantedAt: isoIn(-100 * DAY) });
    expectProblem(await offerIt(), 409, 'consent_missing');

    // None of the refusals left an offer behind, for either office.
    expect(await listOffers(a.m)).toEqual([]);
    expect(await listOffers(b.m)).toEqual([]);

    // A consent granted 89 days ago is still within the allowed age.
    await addConsent(a.m, kase.id, { grantedAt: isoIn(-89 * DAY), expiresAt: isoIn(30 * DAY) });
    const res = await offerIt().expect(201);
    expect(res.body).toMatchObject({
      caseId: kase.id,
      fromOfficeId: a.id,
      toOfficeId: b.id,
      channelId: null,
      note: 'Complex study permit file',
      status: 'offered',
      summary: {
        category: 'immigration',
        immigrationType: 'study_permit',
        urgency: 'priority',
        complexity: 'complex',
        deadline: null,
        languages: ['en'],
      },
      decidedAt: null,
      acceptedByOfficeId: null,
    });
    // The default lifetime: OFFER_TTL_HOURS (72).
    const lifetime = new Date((res.body as Offer).expiresAt).getTime() - Date.now();
    expect(lifetime).toBeGreaterThan(71 * HOUR);
    expect(lifetime).toBeLessThanOrEqual(72 * HOUR);
  });

  it('checks the consent again at accept: a consent revoked after the offer → 409 consent_missing, nothing moves', async () => {
    const a = await team();
    const b = await team();
    const kase = await createCase(a.m);
    const consentId = await addConsent(a.m, kase.id, { grantedAt: isoIn(-DAY) });
    const offered = await offer(a.m, { caseId: kase.id, toOfficeId: b.id });
    await as(a.m).delete(`/cases/${kase.id}/consents/${consentId}`).expect(204);

    expectProblem(await as(b.m).post(`/handoffs/${offered.id}/accept`), 409, 'consent_missing');
    expect((await as(a.m).get(`/cases/${kase.id}`).expect(200)).body).toMatchObject({
      access: 'full',
      handlingOfficeId: a.id,
    });
    expectProblem(await as(b.m).get(`/cases/${kase.id}`), 404, 'not_found');
    expect((await as(b.m).get(`/handoffs/${offered.id}`).expect(200)).body).toMatchObject({ status: 'offered' });
  });

  // ---- who may offer what ----------------------------------------------------------

  it('keeps one open offer per case, needs exactly one of toOfficeId and channelId, and refuses the home office (403) and a foreign office (404)', async () => {
    const a = await team();
    const b = await team();
    const c = await team();
    const channelId = await createChannel([a.id, b.id, c.id]);
    const kase = await shareableCase(a.m);

    const first = await offer(a.m, { caseId: kase.id, toOfficeId: b.id });
    expectProblem(
      await as(a.m).post('/handoffs', { caseId: kase.id, toOfficeId: c.id, note: 'Second try' }),
      409,
      'conflict',
    );
    expectProblem(await as(a.m).post('/handoffs', { caseId: kase.id, channelId, note: 'Second try' }), 409, 'conflict');
    expect(ids(await listOffers(a.m, 'direction=outgoing'))).toEqual([first.id]);

    // Once withdrawn, the file may be offered again.
    await as(a.m).post(`/handoffs/${first.id}/withdraw`).expect(200);
    const second = await offer(a.m, { caseId: kase.id, channelId });
    expect(second).toMatchObject({ caseId: kase.id, channelId, toOfficeId: null, status: 'offered' });

    // Exactly one target: both or neither is bad input.
    const other = await shareableCase(a.m);
    const both = await as(a.m).post('/handoffs', { caseId: other.id, toOfficeId: b.id, channelId, note: 'x' });
    expectProblem(both, 400, 'validation_failed');
    expectProblem(await as(a.m).post('/handoffs', { caseId: other.id, note: 'x' }), 400, 'validation_failed');
    expect((await listOffers(a.m, 'direction=outgoing')).filter((o) => o.caseId === other.id)).toEqual([]);

    // The home office (the file is handled by a) may not offer it; a foreign office is told nothing.
    const homedAtB = await shareableCase(a.m, { homeOfficeId: b.id });
    expectProblem(
      await as(b.m).post('/handoffs', { caseId: homedAtB.id, toOfficeId: c.id, note: 'x' }),
      403,
      'forbidden',
    );
    expectProblem(
      await as(c.m).post('/handoffs', { caseId: homedAtB.id, toOfficeId: b.id, note: 'x' }),
      404,
      'not_found',
    );
    expectProblem(await as(c.m).post('/handoffs', { caseId: other.id, channelId, note: 'x' }), 404, 'not_found');
    expect(await listOffers(c.m, 'direction=outgoing')).toEqual([]);

    // A closed file cannot be handed off.
    const closed = await shareableCase(a.m);
    await as(a.m).patch(`/cases/${closed.id}`, { status: 'closed', outcome: 'withdrawn' }).expect(200);
    expectProblem(
      await as(a.m).post('/handoffs', { caseId: closed.id, toOfficeId: b.id, note: 'x' }),
      409,
      'case_not_transferable',
    );
  });

  it('an offer lapses after 72 h by default, 8 h for an emergency file, or when asked; never in the past', async () => {
    const a = await team();
    const b = await team();
    const lifetime = (o: Offer) => new Date(o.expiresAt).getTime() - new Date(o.createdAt).getTime();
    const routine = await offer(a.m, { caseId: (await shareableCase(a.m)).id, toOfficeId: b.id });
    expect(Math.abs(lifetime(routine) - 72 * HOUR)).toBeLessThan(60_000);
    const emergency = await offer(a.m, {
      caseId: (await shareableCase(a.m, { urgency: 'emergency' })).id,
      toOfficeId: b.id,
    });
    expect(Math.abs(lifetime(emergency) - 8 * HOUR)).toBeLessThan(60_000);
    const asked = isoIn(5 * HOUR);
    const chosen = await offer(a.m, { caseId: (await shareableCase(a.m)).id, toOfficeId: b.id, expiresAt: asked });
    expect(chosen.expiresAt).toBe(asked);

    const late = await shareableCase(a.m);
    expectProblem(
      await as(a.m).post('/handoffs', { caseId: late.id, toOfficeId: b.id, note: 'x', expiresAt: isoIn(-HOUR) }),
      400,
      'validation_failed',
    );
    expectProblem(
      await as(a.m).post('/handoffs', { caseId: late.id, toOfficeId: a.id, note: 'to myself' }),
      400,
      'validation_failed',
    );
    expect((await listOffers(a.m)).filter((o) => o.caseId === late.id)).toEqual([]);
  });

  // ---- direct offers ---------------------------------------------------------------

  it('a direct offer: the named office sees and accepts it; the file, its notes and consents move; outsiders get 404', async () => {
    const a = await team();
    const b = await team();
    const home = await team();
    const outsider = await team();
    const kase = await createCase(a.m, { homeOfficeId: home.id, assigneeId: a.m.id });
    await as(a.m).post(`/cases/${kase.id}/notes`, { body: 'Refusal letter received; review requested' }).expect(201);
    const consentId = await addConsent(a.m, kase.id, { grantedAt: isoIn(-DAY) });
    const offered = await offer(a.m, { caseId: kase.id, toOfficeId: b.id });

    // The named office sees it, in its incoming list and alone.
    expect(ids(await listOffers(b.m, 'direction=incoming'))).toEqual([offered.id]);
    expect(await listOffers(b.m, 'direction=outgoing')).toEqual([]);
    expect(ids(await listOffers(a.m, 'direction=outgoing'))).toEqual([offered.id]);
    expect(await listOffers(a.m, 'direction=incoming')).toEqual([]);
    expect((await as(b.m).get(`/handoffs/${offered.id}`).expect(200)).body).toEqual(offered);

    // Outsiders (another office, the home office) get 404 everywhere; an admin, of no office, 403 office_required.
    for (const stranger of [outsider.m, home.m]) {
      expectProblem(await as(stranger).get(`/handoffs/${offered.id}`), 404, 'not_found');
      expectProblem(await as(stranger).post(`/handoffs/${offered.id}/accept`), 404, 'not_found');
      expectProblem(await as(stranger).post(`/handoffs/${offered.id}/decline`), 404, 'not_found');
      expectProblem(await as(stranger).post(`/handoffs/${offered.id}/withdraw`), 404, 'not_found');
      expect(await listOffers(stranger)).toEqual([]);
    }
    const admin = await world.admin();
    expectProblem(await as(admin).get(`/handoffs/${offered.id}`), 403, 'office_required');
    for (const action of ['accept', 'decline', 'withdraw']) {
      expectProblem(await as(admin).post(`/handoffs/${offered.id}/${action}`), 403, 'office_required');
    }
    expectProblem(await as(admin).get('/handoffs'), 403, 'office_required');
    // The offering office cannot take its own offer.
    expectProblem(await as(a.m).post(`/handoffs/${offered.id}/accept`), 403, 'forbidden');

    const accepted = await as(b.m).post(`/handoffs/${offered.id}/accept`).expect(200);
    expect(accepted.body).toMatchObject({ id: offered.id, status: 'accepted', acceptedByOfficeId: b.id });
    expect((accepted.body as Offer).decidedAt).not.toBeNull();

    // b now handles the whole file: constituent, consents and notes came along, assignee cleared.
    const moved = (await as(b.m).get(`/cases/${kase.id}`).expect(200)).body as Case;
    expect(moved).toMatchObject({
      access: 'full',
      handlingOfficeId: b.id,
      homeOfficeId: home.id,
      assigneeId: null,
      constituent: caseBody().constituent,
    });
    expect(moved.consents?.map((consent) => consent.id)).toEqual([consentId]);
    const notes = (await as(b.m).get(`/cases/${kase.id}/notes`).expect(200)).body as Page<{ body: string }>;
    expect(notes.items.map((note) => note.body)).toEqual(['Refusal letter received; review requested']);
    const history = (await as(b.m).get(`/cases/${kase.id}/history?limit=200`).expect(200)).body as Page<{
      action: string;
      data: Record<string, unknown>;
    }>;
    const transfers = history.items.filter((event) => event.action === 'case.transferred');
    expect(transfers).toHaveLength(1);
    expect(transfers[0].data).toMatchObject({ fromOfficeId: a.id, toOfficeId: b.id });
    expect(history.items.map((event) => event.action)).toContain('case.note_added');

    // a handled it but is not its home: it loses the file. The home office keeps its status view.
    expectProblem(await as(a.m).get(`/cases/${kase.id}`), 404, 'not_found');
    const status = (await as(home.m).get(`/cases/${kase.id}`).expect(200)).body as Case;
    expect(status).toMatchObject({ access: 'status', handlingOfficeId: b.id });
    expect(status.constituent).toBeUndefined();
    expect(status.summary).toBeUndefined();

    // It happened once.
    expectProblem(await as(b.m).post(`/handoffs/${offered.id}/accept`), 409, 'handoff_not_open');
    expectProblem(await as(outsider.m).post(`/handoffs/${offered.id}/accept`), 404, 'not_found');
    expect(ids(await listOffers(b.m, 'status=accepted'))).toEqual([offered.id]);
    expect(await listOffers(b.m, 'status=offered')).toEqual([]);
  });

  it('the offering office that is the home office keeps the status view after the move', async () => {
    const a = await team();
    const b = await team();
    const kase = await shareableCase(a.m); // home office: a
    await as(a.m).post(`/cases/${kase.id}/notes`, { body: 'Called the constituent' }).expect(201);
    const offered = await offer(a.m, { caseId: kase.id, toOfficeId: b.id });
    await as(b.m).post(`/handoffs/${offered.id}/accept`).expect(200);

    const view = (await as(a.m).get(`/cases/${kase.id}`).expect(200)).body as Case;
    expect(view).toMatchObject({ id: kase.id, access: 'status', handlingOfficeId: b.id, homeOfficeId: a.id });
    expect(view.constituent).toBeUndefined();
    expect(view.consents).toBeUndefined();
    expect(secretsIn(view)).toEqual([]);
    expect((await as(a.m).get(`/cases/${kase.id}/notes`)).status).toBe(403);
    // The home office no longer handles it, so it cannot offer it again.
    expectProblem(
      await as(a.m).post('/handoffs', { caseId: kase.id, toOfficeId: b.id, note: 'back' }),
      403,
      'forbidden',
    );
    // Its new handler can.
    const onward = await team();
    await offer(b.m, { caseId: kase.id, toOfficeId: onward.id });
  });

  it('decline by the named office and withdraw by the offering office close the offer; accept afterwards → 409', async () => {
    const a = await team();
    const b = await team();

    const declinedCase = await shareableCase(a.m);
    const toDecline = await offer(a.m, { caseId: declinedCase.id, toOfficeId: b.id });
    expectProblem(await as(a.m).post(`/handoffs/${toDecline.id}/decline`), 403, 'forbidden');
    expectProblem(await as(b.m).post(`/handoffs/${toDecline.id}/withdraw`), 403, 'forbidden');
    const declined = await as(b.m)
      .post(`/handoffs/${toDecline.id}/decline`, { reason: 'No capacity this month' })
      .expect(200);
    expect(declined.body).toMatchObject({
      id: toDecline.id,
      status: 'declined',
      reason: 'No capacity this month',
      acceptedByOfficeId: null,
    });
    expect((declined.body as Offer).decidedAt).not.toBeNull();
    expectProblem(await as(b.m).post(`/handoffs/${toDecline.id}/accept`), 409, 'handoff_not_open');
    expectProblem(await as(a.m).post(`/handoffs/${toDecline.id}/withdraw`), 409, 'handoff_not_open');
    expectProblem(await as(b.m).post(`/handoffs/${toDecline.id}/decline`), 409, 'handoff_not_open');

    const withdrawnCase = await shareableCase(a.m);
    const toWithdraw = await offer(a.m, { caseId: withdrawnCase.id, toOfficeId: b.id });
    const withdrawn = await as(a.m).post(`/handoffs/${toWithdraw.id}/withdraw`, {}).expect(200);
    expect(withdrawn.body).toMatchObject({ id: toWithdraw.id, status: 'withdrawn', acceptedByOfficeId: null });
    expectProblem(await as(b.m).post(`/handoffs/${toWithdraw.id}/accept`), 409, 'handoff_not_open');
    expectProblem(await as(b.m).post(`/handoffs/${toWithdraw.id}/decline`), 409, 'handoff_not_open');

    // Both files stayed at a.
    for (const kase of [declinedCase, withdrawnCase]) {
      expect((await as(a.m).get(`/cases/${kase.id}`).expect(200)).body).toMatchObject({
        access: 'full',
        handlingOfficeId: a.id,
      });
      expectProblem(await as(b.m).get(`/cases/${kase.id}`), 404, 'not_found');
    }
    expect(ids(await listOffers(b.m, 'direction=incoming&status=declined'))).toEqual([toDecline.id]);
    expect(ids(await listOffers(a.m, 'direction=outgoing&status=withdrawn'))).toEqual([toWithdraw.id]);
  });

  // ---- channel offers --------------------------------------------------------------

  it('a channel offer: member offices see it (and in the feed), any of them may accept; a non-member gets 404', async () => {
    const a = await team();
    const c = await team();
    const d = await team();
    const stranger = await team();
    const channelId = await createChannel([a.id, c.id, d.id]);
    const first = await shareableCase(a.m);
    const second = await shareableCase(a.m);
    const offerOne = await offer(a.m, { caseId: first.id, channelId, note: 'Asylum hearing prep, French' });
    const offerTwo = await offer(a.m, { caseId: second.id, channelId });
    expect(offerOne).toMatchObject({ channelId, toOfficeId: null, fromOfficeId: a.id, status: 'offered' });

    for (const member of [c.m, d.m]) {
      expect((await as(member).get(`/handoffs/${offerOne.id}`).expect(200)).body).toEqual(offerOne);
      expect(ids(await listOffers(member, 'direction=incoming')).sort()).toEqual([offerOne.id, offerTwo.id].sort());
      const items = (await feed(member, channelId)).filter((item) => item.kind === 'handoff');
      expect(items.map((item) => item.handoff?.id)).toEqual([offerOne.id, offerTwo.id]);
      expect(items[0].handoff).toEqual(offerOne);
    }
    // Not a member: nothing to see or take, and the feed itself is hidden.
    expectProblem(await as(stranger.m).get(`/handoffs/${offerOne.id}`), 404, 'not_found');
    expectProblem(await as(stranger.m).post(`/handoffs/${offerOne.id}/accept`), 404, 'not_found');
    expectProblem(await as(stranger.m).get(`/channels/${channelId}/feed`), 404, 'not_found');
    expect(await listOffers(stranger.m)).toEqual([]);
    // An office may only offer to a channel it belongs to.
    const strangersCase = await shareableCase(stranger.m);
    expectProblem(
      await as(stranger.m).post('/handoffs', { caseId: strangersCase.id, channelId, note: 'x' }),
      404,
      'not_found',
    );
    // A channel offer is not declined: it waits for another member.
    expectProblem(await as(c.m).post(`/handoffs/${offerOne.id}/decline`), 403, 'forbidden');

    // Any member office may take one.
    expect((await as(d.m).post(`/handoffs/${offerOne.id}/accept`).expect(200)).body).toMatchObject({
      status: 'accepted',
      acceptedByOfficeId: d.id,
    });
    expect((await as(c.m).post(`/handoffs/${offerTwo.id}/accept`).expect(200)).body).toMatchObject({
      status: 'accepted',
      acceptedByOfficeId: c.id,
    });
    expectProblem(await as(c.m).post(`/handoffs/${offerOne.id}/accept`), 409, 'handoff_not_open');
    expect((await as(d.m).get(`/cases/${first.id}`).expect(200)).body).toMatchObject({ handlingOfficeId: d.id });
    expect((await as(c.m).get(`/cases/${second.id}`).expect(200)).body).toMatchObject({ handlingOfficeId: c.id });
    expectProblem(await as(c.m).get(`/cases/${first.id}`), 404, 'not_found');

    // The feed shows each offer as it stands now.
    const after = (await feed(c.m, channelId)).filter((item) => item.kind === 'handoff');
    expect(after.map((item) => [item.handoff?.status, item.handoff?.acceptedByOfficeId])).toEqual([
      ['accepted', d.id],
      ['accepted', c.id],
    ]);
  });

  // ---- redaction -------------------------------------------------------------------

  it('never shows a constituent detail to another office: every response, socket event and feed item of every handoff and trade flow', async () => {
    const a = await team(); // owns the files
    const b = await team(); // direct offers, trades
    const c = await team(); // channel member
    const d = await team(); // channel member
    const e = await team(); // outsider; home of one file
    const channelId = await createChannel([a.id, b.id, c.id, d.id]);

    // Sockets of every office, subscribed to the channel where they may be.
    const clients = await Promise.all([a, b, c, d, e].map((x) => connect(x.m)));
    for (const client of clients.slice(0, 4)) {
      expect(await client.send('subscribe', { channelId })).toMatchObject({ ok: true });
    }
    expect(await clients[4].send('subscribe', { channelId })).toMatchObject({ ok: false });

    // Files whose summary, notes and consent evidence are full of the constituent's details.
    const secretFile = async (owner: Team, overrides: Record<string, unknown> = {}) => {
      const kase = await createCase(owner.m, {
        summary: 'Zebulon Quixotic-Marchetti (born 1990-02-14, UCI 9876-5432): study permit W308811223 refused',
        deadline: isoIn(20 * DAY),
        ...overrides,
      });
      await as(owner.m)
        .post(`/cases/${kase.id}/notes`, {
          body: 'Called Zebulon Quixotic-Marchetti on +1 613 555 0142; wrote to zebulon.quixotic@example.org',
        })
        .expect(201);
      await addConsent(
        owner.m,
        kase.id,
        { grantedAt: isoIn(-DAY) },
        'IMM 5476 signed by Zebulon Quixotic-Marchetti, UCI 9876-5432, application W308811223',
      );
      return kase;
    };
    const [declineMe, withdrawMe, acceptMe, channelWithdraw, channelAccept, give, giveDeclined, giveWithdrawn] =
      await Promise.all([
        secretFile(a),
        secretFile(a),
        secretFile(a),
        secretFile(a),
        secretFile(a, { homeOfficeId: e.id }),
        secretFile(a),
        secretFile(a),
        secretFile(a),
      ]);
    const [take, takeDeclined, takeWithdrawn] = await Promise.all([secretFile(b), secretFile(b), secretFile(b)]);

    // Everything an office is sent about these flows, as raw text.
    const seen: { what: string; text: string }[] = [];
    const look = async (what: string, pending: PromiseLike<Response>): Promise<Response> => {
      const res = await pending;
      expect(res.status).toBeLessThan(500);
      seen.push({ what, text: res.text });
      return res;
    };
    const open = async (what: string, m: Member, body: Record<string, unknown>) =>
      (await look(what, as(m).post('/handoffs', { note: 'Redaction test: complex study permit file', ...body })))
        .body as Offer;

    // Handoffs: offer direct and to the channel; read; list; decline; withdraw; accept.
    const h1 = await open('offer direct', a.m, { caseId: declineMe.id, toOfficeId: b.id });
    const h2 = await open('offer direct', a.m, { caseId: withdrawMe.id, toOfficeId: b.id });
    const h3 = await open('offer direct', a.m, { caseId: acceptMe.id, toOfficeId: b.id });
    const h4 = await open('offer channel', a.m, { caseId: channelWithdraw.id, channelId });
    const h5 = await open('offer channel', a.m, { caseId: channelAccept.id, channelId });
    const offers = [h1, h2, h3, h4, h5];
    const readAll = async (label: string) => {
      for (const x of [a, b, c, d, e]) {
        for (const h of offers) await look(`${label}: get`, as(x.m).get(`/handoffs/${h.id}`));
        for (const query of ['', 'direction=incoming', 'direction=outgoing', 'status=offered', 'status=accepted']) {
          await look(`${label}: list ${query}`, as(x.m).get(`/handoffs?${query}`));
        }
        await look(`${label}: feed`, as(x.m).get(`/channels/${channelId}/feed?limit=200`));
        await look(`${label}: ledger`, as(x.m).get(`/offices/${x.id}/ledger`));
      }
    };
    await readAll('offered');
    await look('suggestions', as(a.m).get(`/handoffs/suggestions?caseId=${acceptMe.id}`));
    await look('decline', as(b.m).post(`/handoffs/${h1.id}/decline`, { reason: 'Full this month' }));
    await look('withdraw', as(a.m).post(`/handoffs/${h2.id}/withdraw`, { reason: 'Kept it' }));
    await look('withdraw channel', as(a.m).post(`/handoffs/${h4.id}/withdraw`));
    await look('refused decline', as(c.m).post(`/handoffs/${h5.id}/decline`));
    await look('accept direct', as(b.m).post(`/handoffs/${h3.id}/accept`));
    await look('accept channel', as(c.m).post(`/handoffs/${h5.id}/accept`));
    await look('late accept', as(d.m).post(`/handoffs/${h5.id}/accept`));
    await look('outsider accept', as(e.m).post(`/handoffs/${h5.id}/accept`));
    await readAll('decided');
    // Offices that no longer handle a file, or only are its home.
    await look('home status view', as(a.m).get(`/cases/${acceptMe.id}`));
    await look('home status view', as(e.m).get(`/cases/${channelAccept.id}`));
    await look('former handler', as(a.m).get(`/cases/${channelAccept.id}`));
    await look('channel member', as(d.m).get(`/cases/${channelAccept.id}`));

    // Trades: propose, read, list, accept; and one declined, one withdrawn.
    const proposeTrade = async (giveId: string, takeId: string) => {
      await as(b.m).patch(`/cases/${takeId}`, { availableForTrade: true }).expect(200);
      return (
        await look(
          'propose trade',
          as(a.m).post('/trades', {
            counterpartyOfficeId: b.id,
            giveCaseIds: [giveId],
            takeCaseIds: [takeId],
            note: 'Redaction test trade',
          }),
        )
      ).body as Trade;
    };
    const trade = await proposeTrade(give.id, take.id);
    expect(trade).toMatchObject({ status: 'proposed', give: [{ caseId: give.id }], take: [{ caseId: take.id }] });
    const tradeDeclined = await proposeTrade(giveDeclined.id, takeDeclined.id);
    const tradeWithdrawn = await proposeTrade(giveWithdrawn.id, takeWithdrawn.id);
    const readTrades = async (label: string) => {
      for (const x of [a, b, c]) {
        for (const tr of [trade, tradeDeclined, tradeWithdrawn])
          await look(`${label}: get`, as(x.m).get(`/trades/${tr.id}`));
        for (const query of ['', 'direction=incoming', 'direction=outgoing', 'status=proposed', 'status=accepted']) {
          await look(`${label}: list ${query}`, as(x.m).get(`/trades?${query}`));
        }
        await look(`${label}: ledger`, as(x.m).get(`/offices/${x.id}/ledger`));
      }
    };
    await readTrades('proposed');
    await look('decline trade', as(b.m).post(`/trades/${tradeDeclined.id}/decline`, { reason: 'Not now' }));
    await look('withdraw trade', as(a.m).post(`/trades/${tradeWithdrawn.id}/withdraw`));
    const swapped = await look('accept trade', as(b.m).post(`/trades/${trade.id}/accept`));
    expect(swapped.status).toBe(200);
    await readTrades('decided');
    await look('home status view after trade', as(a.m).get(`/cases/${give.id}`));
    await look('home status view after trade', as(b.m).get(`/cases/${take.id}`));

    // Wait for the last events of each flow to reach the sockets.
    const has = (type: string, id: string) => (events: LiveEvent[]) =>
      events.some((event) => event.type === type && dataOf(event).id === id);
    await clients[0].waitFor(has('trade.accepted', trade.id));
    await clients[1].waitFor(has('trade.accepted', trade.id));
    for (const client of clients.slice(0, 4)) await client.waitFor(has('handoff.accepted', h5.id));
    await settle(300);

    // Every feed item, as each member office reads it.
    const feeds = await Promise.all([a, b, c, d].map((x) => feed(x.m, channelId)));
    expect(feeds[2].filter((item) => item.kind === 'handoff').map((item) => item.handoff?.id)).toEqual([h4.id, h5.id]);
    // Every event ever written, whoever it was for (the sockets' and any reconnecting client's).
    const { rows: logged } = await t.db.query<{ stream: string; type: string; data: unknown }>(
      'SELECT stream, type, data FROM events',
    );

    // The scan is meaningful: the files really hold the details, and the flows were observed.
    const full = (await as(b.m).get(`/cases/${give.id}`).expect(200)).body as Case;
    expect(secretsIn(full)).toEqual(CONSTITUENT_SECRETS);
    expect(seen.length).toBeGreaterThan(150);
    expect(seen.some((s) => s.text.includes('Redaction test: complex study permit file'))).toBe(true);
    const received = clients.flatMap((client) => client.events);
    for (const type of ['handoff.offered', 'handoff.declined', 'handoff.withdrawn', 'handoff.accepted']) {
      expect(received.map((event) => event.type)).toContain(type);
    }
    for (const type of ['trade.proposed', 'trade.declined', 'trade.withdrawn', 'trade.accepted']) {
      expect(received.map((event) => event.type)).toContain(type);
    }
    expect(received.map((event) => event.type)).toContain('case.transferred_in');
    expect(logged.length).toBeGreaterThan(received.length / 2);

    const leaks = [
      ...seen.filter((s) => secretsIn(s.text).length > 0).map((s) => `HTTP ${s.what}: ${secretsIn(s.text).join(', ')}`),
      ...received
        .filter((event) => secretsIn(event).length > 0)
        .map((event) => `socket ${event.stream} ${event.type}: ${secretsIn(event).join(', ')}`),
      ...feeds
        .flat()
        .filter((item) => secretsIn(item).length > 0)
        .map((item) => `feed ${item.kind} ${item.id}: ${secretsIn(item).join(', ')}`),
      ...logged
        .filter((row) => secretsIn(row.data).length > 0)
        .map((row) => `event log ${row.stream} ${row.type}: ${secretsIn(row.data).join(', ')}`),
    ];
    expect(leaks).toEqual([]);
  });

  // ---- contention ------------------------------------------------------------------

  it('20 channel offers, each accepted by 5 offices at once: exactly 20 winners, each file with its winner, the ledger consistent', async () => {
    const giver = await team();
    const takers = await Promise.all([1, 2, 3, 4, 5].map(() => team()));
    const lead = await world.member(giver.id, 'office_lead');
    const channelId = await createChannel([giver.id, ...takers.map((x) => x.id)]);
    const files = await Promise.all(Array.from({ length: 20 }, () => shareableCase(giver.m)));
    const offers = await Promise.all(files.map((kase) => offer(giver.m, { caseId: kase.id, channelId })));

    const attempts = offers.flatMap((o) => takers.map((taker) => ({ offer: o, taker })));
    const results = await Promise.all(
      attempts.map(async ({ offer: o, taker }) => {
        const res = await as(taker.m).post(`/handoffs/${o.id}/accept`);
        return { offer: o, taker, status: res.status, body: res.body as Offer & { code?: string } };
      }),
    );

    expect(results.filter((r) => r.status >= 500)).toEqual([]);
    const wins = results.filter((r) => r.status === 200);
    const losses = results.filter((r) => r.status !== 200);
    expect(wins).toHaveLength(20);
    expect(losses).toHaveLength(80);
    expect(new Set(losses.map((r) => `${r.status} ${r.body.code}`))).toEqual(new Set(['409 handoff_not_open']));
    expect(new Set(wins.map((r) => r.offer.id)).size).toBe(20);
    for (const win of wins) {
      expect(win.body).toMatchObject({ id: win.offer.id, status: 'accepted', acceptedByOfficeId: win.taker.id });
    }
    const winnerOf = new Map(wins.map((win) => [win.offer.caseId, win.taker]));

    // Each file is handled by its winner, moved once, and its offer records the same office.
    const { rows: cases } = await t.db.query<{ id: string; handling_office_id: string; assignee_id: string | null }>(
      'SELECT id, handling_office_id, assignee_id FROM cases WHERE id = ANY($1)',
      [files.map((kase) => kase.id)],
    );
    expect(cases).toHaveLength(20);
    for (const row of cases) expect(row.handling_office_id).toBe(winnerOf.get(row.id)!.id);
    const { rows: handoffs } = await t.db.query<{ case_id: string; status: string; accepted_by_office_id: string }>(
      'SELECT case_id, status, accepted_by_office_id FROM handoffs WHERE id = ANY($1)',
      [offers.map((o) => o.id)],
    );
    for (const row of handoffs) {
      expect(row).toMatchObject({ status: 'accepted', accepted_by_office_id: winnerOf.get(row.case_id)!.id });
    }
    const { rows: moves } = await t.db.query<{ case_id: string; n: number }>(
      'SELECT case_id, count(*)::int AS n FROM case_transfers WHERE case_id = ANY($1) GROUP BY case_id',
      [files.map((kase) => kase.id)],
    );
    expect(moves.map((row) => row.n)).toEqual(Array(20).fill(1));
    const reads = await Promise.all(files.map((kase) => as(winnerOf.get(kase.id)!.m).get(`/cases/${kase.id}`)));
    for (const [i, res] of reads.entries()) {
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ access: 'full', handlingOfficeId: winnerOf.get(files[i].id)!.id });
    }

    // The ledgers: the giver gave 20 in all, each taker took what it won.
    const winsOf = (taker: Team) => wins.filter((win) => win.taker.id === taker.id).length;
    const given = await ledger(giver.m, giver.id);
    expect(given.offices.reduce((sum, line) => sum + line.given, 0)).toBe(20);
    expect(given.offices.reduce((sum, line) => sum + line.taken, 0)).toBe(0);
    for (const taker of takers) {
      const towards = given.offices.find((line) => line.officeId === taker.id);
      expect(towards?.given ?? 0).toBe(winsOf(taker));
      const own = await ledger(taker.m, taker.id);
      const line = own.offices.find((l) => l.officeId === giver.id);
      expect({ taken: line?.taken ?? 0, given: line?.given ?? 0 }).toEqual({ taken: winsOf(taker), given: 0 });
      if (line) expect(line.balance).toBe(winsOf(taker));
    }
    expect((await as(lead).get(`/offices/${takers[0].id}/ledger`)).status).toBe(403);

    const verified = await as(await world.admin())
      .get('/audit/verify')
      .expect(200);
    expect(verified.body).toMatchObject({ ok: true, firstBadSeq: null });
  });

  it('accept racing withdraw, 15 times: exactly one wins each time and the file is where the winner says', async () => {
    const a = await team();
    const b = await team();
    const offers = await Promise.all(
      Array.from({ length: 15 }, async () => offer(a.m, { caseId: (await shareableCase(a.m)).id, toOfficeId: b.id })),
    );
    const outcomes: string[] = [];
    for (const o of offers) {
      const [accepted, withdrawn] = await Promise.all([
        as(b.m).post(`/handoffs/${o.id}/accept`),
        as(a.m).post(`/handoffs/${o.id}/withdraw`),
      ]);
      expect([accepted.status, withdrawn.status].sort()).toEqual([200, 409]);
      const loser = accepted.status === 200 ? withdrawn : accepted;
      expect((loser.body as { code: string }).code).toBe('handoff_not_open');
      const winner = accepted.status === 200 ? 'accepted' : 'withdrawn';
      outcomes.push(winner);

      expect((await as(a.m).get(`/handoffs/${o.id}`).expect(200)).body).toMatchObject({
        status: winner,
        acceptedByOfficeId: winner === 'accepted' ? b.id : null,
      });
      const kase = (await as(a.m).get(`/cases/${o.caseId}`).expect(200)).body as Case;
      expect({ handlingOfficeId: kase.handlingOfficeId, access: kase.access }).toEqual(
        winner === 'accepted'
          ? { handlingOfficeId: b.id, access: 'status' }
          : { handlingOfficeId: a.id, access: 'full' },
      );
      const { rows } = await t.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM case_transfers WHERE case_id = $1',
        [o.caseId],
      );
      expect(rows[0].n).toBe(winner === 'accepted' ? 1 : 0);
    }
    expect(outcomes).toHaveLength(15);
  });

  // ---- expiry and triage -----------------------------------------------------------

  it('expires an offer and a trade once, with two app instances on one database', async () => {
    const { rows } = await t.db.query<{ name: string }>('SELECT current_database() AS name');
    const serverUrl = process.env.RELAY_TEST_APP_SERVER_URL; // the restricted role, as the first server
    if (!serverUrl) throw new Error('RELAY_TEST_APP_SERVER_URL is not set');
    const second = new ServerProcess(await freePort(), {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: withDatabase(serverUrl, rows[0].name),
      AUDIT_KEY,
      JWT_SECRET,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      LOGIN_RATE_LIMIT: '1000',
      LOGIN_ADDRESS_RATE_LIMIT: '1000000',
      DB_POOL_SIZE: '5',
      JOB_INTERVAL_SECONDS: '1',
    });
    await second.start();
    try {
      const a = await team();
      const b = await team();
      const onFirst = await connect(a.m);
      const onSecond = await connect(b.m, second.baseUrl);
      const kase = await shareableCase(a.m);
      const [giveFile, takeFile] = [await shareableCase(a.m), await shareableCase(b.m)];
      await as(b.m).patch(`/cases/${takeFile.id}`, { availableForTrade: true }).expect(200);
      const offered = await offer(a.m, { caseId: kase.id, toOfficeId: b.id, expiresAt: isoIn(2000) });
      const proposed = (
        await as(a.m)
          .post('/trades', {
            counterpartyOfficeId: b.id,
            giveCaseIds: [giveFile.id],
            takeCaseIds: [takeFile.id],
            note: 'Short-lived trade',
            expiresAt: isoIn(2000),
          })
          .expect(201)
      ).body as Trade;

      // Both nodes see the same offer through the same database; it lapses at its time.
      const viaSecond = () =>
        request(second.baseUrl).get(`${API}/handoffs/${offered.id}`).auth(b.m.token, BEARER).expect(200);
      expect((await viaSecond()).body).toMatchObject({ status: 'offered' });
      const deadline = Date.now() + 10_000;
      while (((await viaSecond()).body as Offer).status !== 'expired') {
        if (Date.now() > deadline) throw new Error('the offer did not expire within 10 s');
        await settle(200);
      }
      // A few more runs of both nodes' jobs.
      await settle(3000);

      expect((await as(a.m).get(`/handoffs/${offered.id}`).expect(200)).body).toMatchObject({ status: 'expired' });
      expect((await as(a.m).get(`/trades/${proposed.id}`).expect(200)).body).toMatchObject({ status: 'expired' });
      expectProblem(await as(b.m).post(`/handoffs/${offered.id}/accept`), 409, 'handoff_not_open');
      expectProblem(await as(b.m).post(`/trades/${proposed.id}/accept`), 409, 'handoff_not_open');

      const perStream = async (type: string, id: string) =>
        (
          await t.db.query<{ stream: string; n: number }>(
            `SELECT stream, count(*)::int AS n FROM events WHERE type = $1 AND data->>'id' = $2
             GROUP BY stream ORDER BY stream`,
            [type, id],
          )
        ).rows;
      const byStream = (...streams: string[]) => streams.sort().map((stream) => ({ stream, n: 1 }));
      expect(await perStream('handoff.expired', offered.id)).toEqual(byStream(`office:${a.id}`, `office:${b.id}`));
      expect(await perStream('trade.expired', proposed.id)).toEqual(byStream(`office:${a.id}`, `office:${b.id}`));
      const audited = async (action: string, id: string) =>
        (
          await t.db.query<{ n: number }>(
            'SELECT count(*)::int AS n FROM audit_events WHERE action = $1 AND target_id = $2',
            [action, id],
          )
        ).rows[0].n;
      expect(await audited('handoff.expired', offered.id)).toBe(1);
      expect(await audited('trade.expired', proposed.id)).toBe(1);

      // Each office's socket, on either node, catches up on it once (live fan-out across nodes
      // needs REDIS_URL; the event log is shared).
      for (const [client, officeId] of [
        [onFirst, a.id],
        [onSecond, b.id],
      ] as const) {
        const ack = await client.send('sync', { streams: { [`office:${officeId}`]: 0 } });
        if (!ack.ok) throw new Error(`sync refused: ${JSON.stringify(ack.error)}`);
        const missed = [...ack.missed, ...client.events];
        const once = (type: string, id: string) =>
          new Set(missed.filter((event) => event.type === type && dataOf(event).id === id).map((event) => event.seq));
        expect(once('handoff.expired', offered.id).size).toBe(1);
        expect(once('trade.expired', proposed.id).size).toBe(1);
      }
      // The file never moved.
      expect((await as(a.m).get(`/cases/${kase.id}`).expect(200)).body).toMatchObject({ handlingOfficeId: a.id });
    } finally {
      for (const socket of sockets.splice(0)) socket.close();
      await second.stop();
    }
  });

  it('raises case.deadline_near to the handling office once per threshold (48 h and 4 h), without constituent details', async () => {
    const z = await team();
    const client = await connect(z.m);
    const soon = await createCase(z.m, { deadline: isoIn(3 * HOUR) });
    const tomorrow = await createCase(z.m, { deadline: isoIn(30 * HOUR) });
    const later = await createCase(z.m, { deadline: isoIn(72 * HOUR) });
    const noticesFor = (caseId: string) =>
      client
        .ofType('case.deadline_near')
        .filter((event) => event.data.caseId === caseId)
        .map((event) => event.data.thresholdHours)
        .sort((x, y) => x - y);

    await client.waitFor(() => noticesFor(soon.id).length >= 2 && noticesFor(tomorrow.id).length >= 1, 10_000);
    // Several more runs of the job (every second) raise nothing again.
    await settle(3500);
    expect(noticesFor(soon.id)).toEqual([4, 48]);
    expect(noticesFor(tomorrow.id)).toEqual([48]);
    expect(noticesFor(later.id)).toEqual([]);

    const notices = client.ofType('case.deadline_near');
    for (const notice of notices) {
      expect(notice.stream).toBe(`office:${z.id}`);
      expect(secretsIn(notice)).toEqual([]);
    }
    expect(notices.find((event) => event.data.caseId === soon.id)?.data).toMatchObject({
      reference: soon.reference,
      deadline: soon.deadline,
    });
  });
});
