import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp } from './support/test-app.js';
import { caseBody, CONSTITUENT_SECRETS, World, type Member } from './support/world.js';
import { LiveClient } from './support/live-client.js';
import type { LiveEvent, TradePayload } from '../libs/platform/src/events/live-event.js';

const API = '/api/v1';
const BEARER = { type: 'bearer' } as const;
// Exactly what another office may see of a file in a trade: a redacted summary and its id.
const TRADE_FILE_KEYS = ['caseId', 'category', 'complexity', 'deadline', 'immigrationType', 'languages', 'urgency'];

interface Case {
  id: string;
  reference: string;
  handlingOfficeId: string;
  consentId: string;
}
interface Problem {
  status: number;
  code: string;
  detail: string;
  errors?: { field: string; message: string }[];
}
interface LedgerOffice {
  officeId: string;
  given: number;
  taken: number;
  balance: number;
  byCategory: { direction: string; category: string; complexity: string; files: number }[];
}

const simpleFile = (overrides: Record<string, unknown> = {}) =>
  caseBody({ category: 'employment_insurance', immigrationType: undefined, complexity: 'simple', ...overrides });
const complexImmigration = (overrides: Record<string, unknown> = {}) =>
  caseBody({
    category: 'immigration',
    immigrationType: 'humanitarian_compassionate',
    complexity: 'complex',
    ...overrides,
  });

describe('trades', () => {
  let t: TestApp;
  let world: World;
  let partyId: string;

  beforeAll(async () => {
    t = await startTestApp({ JOB_INTERVAL_SECONDS: '1', CONSENT_MAX_AGE_DAYS: '90' });
    world = new World(t);
    partyId = (await world.party()).id;
  });
  afterAll(() => t?.close());

  const as = (m: Member) => ({
    get: (path: string) => t.http().get(`${API}${path}`).auth(m.token, BEARER),
    post: (path: string, body: object = {}) => t.http().post(`${API}${path}`).auth(m.token, BEARER).send(body),
    patch: (path: string, body: object) => t.http().patch(`${API}${path}`).auth(m.token, BEARER).send(body),
    delete: (path: string) => t.http().delete(`${API}${path}`).auth(m.token, BEARER),
  });

  /** A fresh office of the party with one assistant, so its files and ledger hold only this test's. */
  async function freshOffice(extra: Record<string, unknown> = {}, languages = ['en'], pid: string | null = partyId) {
    const office = await world.office(pid, extra);
    return { id: office.id, code: office.code, member: await world.member(office.id, 'assistant', languages) };
  }

  /** A file of `m`'s office with a live share_with_offices consent, on the table for trades. */
  async function fileWithConsent(m: Member, body: object): Promise<Case> {
    const created = await as(m).post('/cases', body).expect(201);
    await as(m).patch(`/cases/${created.body.id}`, { availableForTrade: true }).expect(200);
    const consent = await as(m)
      .post(`/cases/${created.body.id}/consents`, {
        scope: 'share_with_offices',
        grantedAt: new Date().toISOString(),
        evidence: 'IMM 5476 on file',
      })
      .expect(201);
    return { ...(created.body as Omit<Case, 'consentId'>), consentId: consent.body.id as string };
  }

  async function handlingOffices(caseIds: string[]): Promise<Record<string, string>> {
    const { rows } = await t.db.query<{ id: string; handling_office_id: string }>(
      'SELECT id, handling_office_id FROM cases WHERE id = ANY($1::uuid[])',
      [caseIds],
    );
    return Object.fromEntries(rows.map((row) => [row.id, row.handling_office_id]));
  }

  const propose = (m: Member, body: { counterpartyOfficeId: string; giveCaseIds: string[]; takeCaseIds: string[] }) =>
    as(m).post('/trades', { note: 'A standing exchange between neighbours', ...body });

  function expectProblem(
    res: { status: number; headers: Record<string, string>; body: unknown },
    status: number,
    code: string,
  ) {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status, code });
  }

  function expectNoSecrets(value: unknown) {
    const text = JSON.stringify(value);
    for (const secret of CONSTITUENT_SECRETS) expect(text).not.toContain(secret);
  }

  const transfers = (client: LiveClient, type: 'case.transferred_in' | 'case.transferred_out', viaId: string) =>
    client
      .ofType(type)
      .filter((e) => e.data.viaId === viaId)
      .map((e) => e.data.caseId)
      .sort();

  it('swaps the files both ways in one accept, tells both offices, and both ledgers show the balance', async () => {
    const A = await freshOffice();
    const B = await freshOffice();
    const g1 = await fileWithConsent(A.member, simpleFile());
    const g2 = await fileWithConsent(A.member, simpleFile({ urgency: 'routine' }));
    const k1 = await fileWithConsent(B.member, complexImmigration({ languages: ['en', 'fr'] }));
    const aLive = await LiveClient.connect(t.baseUrl, A.member.token);
    const bLive = await LiveClient.connect(t.baseUrl, B.member.token);
    try {
      const proposed = await propose(A.member, {
        counterpartyOfficeId: B.id,
        giveCaseIds: [g1.id, g2.id],
        takeCaseIds: [k1.id],
      }).expect(201);
      const trade = proposed.body as TradePayload;
      expect(trade).toMatchObject({
        proposerOfficeId: A.id,
        counterpartyOfficeId: B.id,
        status: 'proposed',
        decidedAt: null,
      });
      expect(trade.give.map((f) => f.caseId).sort()).toEqual([g1.id, g2.id].sort());
      expect(trade.take).toEqual([
        {
          caseId: k1.id,
          category: 'immigration',
          immigrationType: 'humanitarian_compassionate',
          urgency: 'priority',
          complexity: 'complex',
          deadline: null,
          languages: ['en', 'fr'],
        },
      ]);

      // The counterparty sees the proposal with redacted summaries only, and not the files themselves.
      const incoming = await as(B.member).get('/trades?direction=incoming').expect(200);
      expect((incoming.body.items as TradePayload[]).map((x) => x.id)).toEqual([trade.id]);
      const outgoing = await as(B.member).get('/trades?direction=outgoing').expect(200);
      expect(outgoing.body.items).toEqual([]);
      const seen = await as(B.member).get(`/trades/${trade.id}`).expect(200);
      expect(seen.body).toMatchObject({ id: trade.id, status: 'proposed' });
      for (const file of [...seen.body.give, ...seen.body.take] as object[]) {
        expect(Object.keys(file).sort()).toEqual(TRADE_FILE_KEYS);
      }
      expect((seen.body.give as { category: string; complexity: string }[]).map((f) => f.category)).toEqual([
        'employment_insurance',
        'employment_insurance',
      ]);
      expectNoSecrets([incoming.body, seen.body]);
      expectProblem(await as(B.member).get(`/cases/${g1.id}`), 404, 'not_found');

      const accepted = await as(B.member).post(`/trades/${trade.id}/accept`).expect(200);
      expect(accepted.body).toMatchObject({ id: trade.id, status: 'accepted', decidedAt: expect.any(String) });

      // A's two files are now B's (full view); B's file is now A's.
      expect(await handlingOffices([g1.id, g2.id, k1.id])).toEqual({ [g1.id]: B.id, [g2.id]: B.id, [k1.id]: A.id });
      for (const file of [g1, g2]) {
        const full = await as(B.member).get(`/cases/${file.id}`).expect(200);
        expect(full.body).toMatchObject({ handlingOfficeId: B.id, constituent: caseBody().constituent });
        // A is the file's home office: a status view only, no constituent.
        const status = await as(A.member).get(`/cases/${file.id}`).expect(200);
        expect(status.body.constituent).toBeUndefined();
      }
      const taken = await as(A.member).get(`/cases/${k1.id}`).expect(200);
      expect(taken.body).toMatchObject({ handlingOfficeId: A.id, constituent: caseBody().constituent });

      // Both offices hear of the proposal, the accept, and every file in and out.
      const done = (events: LiveEvent[], outs: number, ins: number) =>
        events.some((e) => e.type === 'trade.proposed' && (e.data as TradePayload).id === trade.id) &&
        events.some((e) => e.type === 'trade.accepted' && (e.data as TradePayload).id === trade.id) &&
        events.filter((e) => e.type === 'case.transferred_out').length >= outs &&
        events.filter((e) => e.type === 'case.transferred_in').length >= ins;
      await aLive.waitFor((events) => done(events, 2, 1));
      await bLive.waitFor((events) => done(events, 1, 2));
      expect(transfers(aLive, 'case.transferred_out', trade.id)).toEqual([g1.id, g2.id].sort());
      expect(transfers(aLive, 'case.transferred_in', trade.id)).toEqual([k1.id]);
      expect(transfers(bLive, 'case.transferred_in', trade.id)).toEqual([g1.id, g2.id].sort());
      expect(transfers(bLive, 'case.transferred_out', trade.id)).toEqual([k1.id]);
      for (const client of [aLive, bLive]) {
        expect(client.ofType('trade.accepted')[0].data).toMatchObject({ id: trade.id, status: 'accepted' });
        expect(client.ofType('trade.accepted')[0].stream).toBe(`office:${client === aLive ? A.id : B.id}`);
        expectNoSecrets(client.events);
      }

      const aLedger = await as(A.member).get(`/offices/${A.id}/ledger`).expect(200);
      expect(aLedger.body.officeId).toBe(A.id);
      expect(aLedger.body.offices).toHaveLength(1);
      const withB = aLedger.body.offices[0] as LedgerOffice;
      expect(withB).toMatchObject({ officeId: B.id, given: 2, taken: 1, balance: -1 });
      expect(withB.byCategory).toEqual(
        expect.arrayContaining([
          { direction: 'given', category: 'employment_insurance', complexity: 'simple', files: 2 },
          { direction: 'taken', category: 'immigration', complexity: 'complex', files: 1 },
        ]),
      );
      expect(withB.byCategory).toHaveLength(2);

      const bLedger = await as(B.member).get(`/offices/${B.id}/ledger`).expect(200);
      expect(bLedger.body.offices).toHaveLength(1);
      const withA = bLedger.body.offices[0] as LedgerOffice;
      expect(withA).toMatchObject({ officeId: A.id, given: 1, taken: 2, balance: 1 });
      expect(withA.byCategory).toEqual(
        expect.arrayContaining([
          { direction: 'given', category: 'immigration', complexity: 'complex', files: 1 },
          { direction: 'taken', category: 'employment_insurance', complexity: 'simple', files: 2 },
        ]),
      );
      expect(withA.byCategory).toHaveLength(2);
    } finally {
      aLive.close();
      bLive.close();
    }
  });

  it('a file handed elsewhere before the accept makes the swap impossible, and nothing moves', async () => {
    const A = await freshOffice();
    const B = await freshOffice();
    const C = await freshOffice();
    const g1 = await fileWithConsent(A.member, simpleFile());
    const g2 = await fileWithConsent(A.member, simpleFile());
    const k1 = await fileWithConsent(B.member, complexImmigration());
    const trade = (
      await propose(A.member, { counterpartyOfficeId: B.id, giveCaseIds: [g1.id, g2.id], takeCaseIds: [k1.id] }).expect(
        201,
      )
    ).body as TradePayload;

    // g1 goes to C first, by a direct offer that C accepts.
    const offer = await as(A.member)
      .post('/handoffs', { caseId: g1.id, toOfficeId: C.id, note: 'Could you take this one?' })
      .expect(201);
    await as(C.member).post(`/handoffs/${offer.body.id}/accept`).expect(200);

    const refused = await as(B.member).post(`/trades/${trade.id}/accept`);
    expectProblem(refused, 409, 'case_not_transferable');
    const problem = refused.body as Problem;
    expect(problem.detail).toContain(g1.id);
    expect(problem.errors?.[0]?.field).toBe(g1.id);
    expect(problem.errors?.[0]?.message).toEqual(expect.any(String));

    expect(await handlingOffices([g1.id, g2.id, k1.id])).toEqual({ [g1.id]: C.id, [g2.id]: A.id, [k1.id]: B.id });
    expect((await as(B.member).get(`/trades/${trade.id}`).expect(200)).body.status).toBe('proposed');
    expect((await as(B.member).get(`/offices/${B.id}/ledger`).expect(200)).body.offices).toEqual([]);
    const { rows } = await t.db.query('SELECT 1 FROM case_transfers WHERE via_id = $1', [trade.id]);
    expect(rows).toEqual([]);
  });

  it('refuses a trade while one of its files has an open handoff offer, and accepts once it is withdrawn', async () => {
    const A = await freshOffice();
    const B = await freshOffice();
    const C = await freshOffice();
    const g1 = await fileWithConsent(A.member, simpleFile());
    const k1 = await fileWithConsent(B.member, complexImmigration());
    const trade = (
      await propose(A.member, { counterpartyOfficeId: B.id, giveCaseIds: [g1.id], takeCaseIds: [k1.id] }).expect(201)
    ).body as TradePayload;
    // B also offered its own file to C, and the offer is still open.
    const offer = await as(B.member)
      .post('/handoffs', { caseId: k1.id, toOfficeId: C.id, note: 'Or would you take it?' })
      .expect(201);

    const refused = await as(B.member).post(`/trades/${trade.id}/accept`);
    expectProblem(refused, 409, 'case_not_transferable');
    expect((refused.body as Problem).detail).toContain(k1.id);
    expect((refused.body as Problem).errors?.[0]?.field).toBe(k1.id);
    expect(await handlingOffices([g1.id, k1.id])).toEqual({ [g1.id]: A.id, [k1.id]: B.id });
    expect((await as(A.member).get(`/trades/${trade.id}`).expect(200)).body.status).toBe('proposed');

    await as(B.member).post(`/handoffs/${offer.body.id}/withdraw`).expect(200);
    const accepted = await as(B.member).post(`/trades/${trade.id}/accept`).expect(200);
    expect(accepted.body.status).toBe('accepted');
    expect(await handlingOffices([g1.id, k1.id])).toEqual({ [g1.id]: B.id, [k1.id]: A.id });
  });

  it('refuses a trade whose file lost its consent after the proposal, naming the file and the reason', async () => {
    const A = await freshOffice();
    const B = await freshOffice();
    const g1 = await fileWithConsent(A.member, simpleFile());
    const g2 = await fileWithConsent(A.member, simpleFile());
    const k1 = await fileWithConsent(B.member, complexImmigration());
    const trade = (
      await propose(A.member, { counterpartyOfficeId: B.id, giveCaseIds: [g1.id, g2.id], takeCaseIds: [k1.id] }).expect(
        201,
      )
    ).body as TradePayload;
    await as(A.member).delete(`/cases/${g2.id}/consents/${g2.consentId}`).expect(204);

    const refused = await as(B.member).post(`/trades/${trade.id}/accept`);
    expectProblem(refused, 409, 'case_not_transferable');
    const problem = refused.body as Problem;
    expect(problem.detail).toContain(g2.id);
    expect(problem.errors).toEqual([{ field: g2.id, message: expect.stringMatching(/consent/i) }]);
    expect(await handlingOffices([g1.id, g2.id, k1.id])).toEqual({ [g1.id]: A.id, [g2.id]: A.id, [k1.id]: B.id });
    expect((await as(B.member).get(`/trades/${trade.id}`).expect(200)).body.status).toBe('proposed');
  });

  describe('proposals, decisions and who may make them', () => {
    let A: Awaited<ReturnType<typeof freshOffice>>;
    let B: Awaited<ReturnType<typeof freshOffice>>;
    let outsider: Member;
    let mine: Case;
    let theirs: Case;
    let elsewhere: Case;

    beforeAll(async () => {
      A = await freshOffice();
      B = await freshOffice();
      const C = await freshOffice();
      outsider = C.member;
      mine = await fileWithConsent(A.member, simpleFile());
      theirs = await fileWithConsent(B.member, complexImmigration());
      elsewhere = await fileWithConsent(C.member, complexImmigration());
    });

    const fields = (res: { body: Problem }) => res.body.errors?.map((e) => e.field);

    it('refuses to give a file that is not yours', async () => {
      for (const give of [theirs.id, elsewhere.id]) {
        const res = await propose(A.member, { counterpartyOfficeId: B.id, giveCaseIds: [give], takeCaseIds: [] });
        expectProblem(res, 400, 'validation_failed');
        expect(fields(res)).toEqual(['giveCaseIds']);
      }
    });

    it("refuses to take a file that is not the counterparty's, without revealing whether it exists", async () => {
      const probe = async (take: string) => {
        const res = await propose(A.member, { counterpartyOfficeId: B.id, giveCaseIds: [], takeCaseIds: [take] });
        expectProblem(res, 404, 'not_found'); // one plain 404, whatever the reason (issue 11)
        return JSON.stringify(res.body).replaceAll(take, '<id>');
      };
      const unknown = await probe(randomUUID());
      expect(await probe(elsewhere.id)).toBe(unknown);
      expect(await probe(mine.id)).toBe(unknown);
      expect((await as(A.member).get('/trades').expect(200)).body.items).toEqual([]);
    });

    it('refuses a trade with your own office or with no files', async () => {
      const own = await propose(A.member, { counterpartyOfficeId: A.id, giveCaseIds: [mine.id], takeCaseIds: [] });
      expectProblem(own, 400, 'validation_failed');
      expect(fields(own)).toEqual(['counterpartyOfficeId']);
      expectProblem(
        await propose(A.member, { counterpartyOfficeId: B.id, giveCaseIds: [], takeCaseIds: [] }),
        400,
        'validation_failed',
      );
      expect((await as(A.member).get('/trades').expect(200)).body.items).toEqual([]);
    });

    it('the counterparty declines; the proposer may not accept; a declined trade cannot be accepted', async () => {
      const trade = (
        await propose(A.member, {
          counterpartyOfficeId: B.id,
          giveCaseIds: [mine.id],
          takeCaseIds: [theirs.id],
        }).expect(201)
      ).body as TradePayload;
      expectProblem(await as(A.member).post(`/trades/${trade.id}/accept`), 403, 'forbidden');
      expectProblem(await as(A.member).post(`/trades/${trade.id}/decline`), 403, 'forbidden');
      expectProblem(await as(B.member).post(`/trades/${trade.id}/withdraw`), 403, 'forbidden');
      const declined = await as(B.member)
        .post(`/trades/${trade.id}/decline`, { reason: 'Too busy this month' })
        .expect(200);
      expect(declined.body).toMatchObject({ id: trade.id, status: 'declined', reason: 'Too busy this month' });
      expectProblem(await as(B.member).post(`/trades/${trade.id}/accept`), 409, 'handoff_not_open');
      expect(await handlingOffices([mine.id, theirs.id])).toEqual({ [mine.id]: A.id, [theirs.id]: B.id });
    });

    it('the proposer withdraws, and a withdrawn trade cannot be accepted', async () => {
      const trade = (
        await propose(A.member, {
          counterpartyOfficeId: B.id,
          giveCaseIds: [mine.id],
          takeCaseIds: [theirs.id],
        }).expect(201)
      ).body as TradePayload;
      const withdrawn = await as(A.member).post(`/trades/${trade.id}/withdraw`).expect(200);
      expect(withdrawn.body).toMatchObject({ id: trade.id, status: 'withdrawn' });
      expectProblem(await as(B.member).post(`/trades/${trade.id}/accept`), 409, 'handoff_not_open');
      expect(await handlingOffices([mine.id, theirs.id])).toEqual({ [mine.id]: A.id, [theirs.id]: B.id });
    });

    it('an office outside the trade gets 404 on it, as for a trade that does not exist', async () => {
      const trade = (
        await propose(A.member, {
          counterpartyOfficeId: B.id,
          giveCaseIds: [mine.id],
          takeCaseIds: [theirs.id],
        }).expect(201)
      ).body as TradePayload;
      const probes = [
        (id: string) => as(outsider).get(`/trades/${id}`),
        (id: string) => as(outsider).post(`/trades/${id}/accept`),
        (id: string) => as(outsider).post(`/trades/${id}/decline`),
        (id: string) => as(outsider).post(`/trades/${id}/withdraw`),
      ];
      for (const probe of probes) {
        const hidden = await probe(trade.id);
        expectProblem(hidden, 404, 'not_found');
        expect(hidden.text).toBe((await probe(randomUUID())).text);
      }
      expect((await as(outsider).get('/trades').expect(200)).body.items).toEqual([]);
      expect((await as(A.member).get(`/trades/${trade.id}`).expect(200)).body.status).toBe('proposed');
      await as(A.member).post(`/trades/${trade.id}/withdraw`).expect(200);
    });
  });

  describe('suggestions', () => {
    it('ranks the offices sharing a channel with the caller, with reasons, and reveals no other office’s files', async () => {
      const partyP = (await world.party()).id;
      const partyQ = (await world.party()).id;
      const A = await freshOffice({}, ['en'], partyP);
      const aLead = await world.member(A.id, 'office_lead');
      // B: neighbour, same party, speaks the file's language, 2 resolved files of its type.
      const B = await freshOffice({ neighbourIds: [A.id] }, ['en', 'es'], partyP);
      // C: same party, not a neighbour. D: another party, a neighbour, in a custom channel with A.
      const C = await freshOffice({}, ['en'], partyP);
      const D = await freshOffice({ neighbourIds: [A.id] }, ['en'], partyQ);
      // E: a neighbour sharing no channel with A.
      const E = await freshOffice({ neighbourIds: [A.id] }, ['es'], null);
      await as(aLead)
        .post('/channels', { name: `A and D ${randomUUID().slice(0, 8)}`, kind: 'custom', memberOfficeIds: [D.id] })
        .expect(201);

      const hidden: string[] = [];
      for (let i = 0; i < 2; i++) {
        const resolved = (
          await as(B.member)
            .post('/cases', complexImmigration({ summary: `Resolved H&C file ${i} of office B, Wolfgang Peregrine` }))
            .expect(201)
        ).body as Case;
        await as(B.member).patch(`/cases/${resolved.id}`, { status: 'resolved', outcome: 'approved' }).expect(200);
        hidden.push(resolved.id, resolved.reference);
      }
      const cOpen = (await as(C.member).post('/cases', complexImmigration()).expect(201)).body as Case;
      hidden.push(cOpen.id, cOpen.reference, 'Wolfgang Peregrine');

      const file = await fileWithConsent(A.member, complexImmigration({ languages: ['es'] }));
      const res = await as(A.member).get(`/handoffs/suggestions?caseId=${file.id}`).expect(200);
      expect(res.body.caseId).toBe(file.id);
      const items = res.body.items as {
        officeId: string;
        reasons: string[];
        neighbour: boolean;
        sameParty: boolean;
        expertise: number;
        languages: string[];
        openLoad: number;
        score: number;
      }[];
      expect(items.map((i) => i.officeId).sort()).toEqual([B.id, C.id, D.id].sort());
      expect(items.map((i) => i.officeId)).not.toContain(E.id);
      expect(items[0]).toMatchObject({
        officeId: B.id,
        code: B.code,
        neighbour: true,
        sameParty: true,
        expertise: 2,
        languages: ['es'],
        openLoad: 0,
      });
      const reasons = items[0].reasons.join(' | ');
      expect(reasons).toMatch(/neighbour/i);
      expect(reasons).toMatch(/same party/i);
      expect(reasons).toMatch(/2 .*resolved/i);
      expect(reasons).toMatch(/\bes\b/);
      expect(items.find((i) => i.officeId === C.id)).toMatchObject({
        neighbour: false,
        sameParty: true,
        expertise: 0,
        openLoad: 1,
      });
      expect(items.find((i) => i.officeId === D.id)).toMatchObject({
        neighbour: true,
        sameParty: false,
        languages: [],
      });
      const scores = items.map((i) => i.score);
      expect(scores).toEqual([...scores].sort((x, y) => y - x));

      // Counts only: no other office's file, reference, summary or constituent.
      for (const item of items) {
        expect(Object.keys(item).sort()).toEqual(
          [
            'code',
            'expertise',
            'languages',
            'name',
            'neighbour',
            'officeId',
            'openLoad',
            'reasons',
            'sameParty',
            'score',
          ].sort(),
        );
      }
      const text = JSON.stringify(res.body);
      for (const secret of [...hidden, ...CONSTITUENT_SECRETS]) expect(text).not.toContain(secret);

      // Another office's file: 404, like a file that does not exist.
      const foreign = await as(A.member).get(`/handoffs/suggestions?caseId=${cOpen.id}`);
      expectProblem(foreign, 404, 'not_found');
      expect(foreign.text).toBe((await as(A.member).get(`/handoffs/suggestions?caseId=${randomUUID()}`)).text);
    });
  });
});
