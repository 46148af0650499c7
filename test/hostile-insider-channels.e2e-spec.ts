import type { Response } from 'supertest';
import type { LiveEvent } from '../libs/platform/src/events/live-event.js';
import { NORMALIZE_UCIS } from '../migrations/1764400000000-removal-and-fixed-audiences.js';
import { LiveClient } from './support/live-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { caseBody, World, type Member } from './support/world.js';

/**
 * Issue 11, points 1, 3, 9 and 10, walked as a hostile insider would: a lead of another
 * office of the same party, and a member of another party. Each exploit is refused.
 */
const API = '/api/v1';
const BEARER = { type: 'bearer' } as const;
const DAY = 24 * 3600_000;
const SECRET = 'Zebulon Quixotic-Marchetti';

interface Offer {
  id: string;
  status: string;
}
interface Team {
  id: string;
  lead: Member;
  assistant: Member;
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('hostile insider: channels, replays, offers and trades', () => {
  let t: TestApp;
  let world: World;
  let partyId: string;
  let A: Team; // the victim office: posts, offers and holds files
  let B: Team; // another office of the same party: the hostile lead
  let X: Team; // an office of another party
  let partyChannelId: string;
  const sockets: LiveClient[] = [];

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

  async function team(party: string): Promise<Team> {
    const office = await world.office(party);
    return {
      id: office.id,
      lead: await world.member(office.id, 'office_lead'),
      assistant: await world.member(office.id),
    };
  }

  async function live(m: Member): Promise<LiveClient> {
    const client = await LiveClient.connect(t.baseUrl, m.token);
    sockets.push(client);
    return client;
  }

  /** A file of `m`'s office with a live consent. */
  async function shareableCase(m: Member): Promise<string> {
    const kase = (await as(m).post('/cases', caseBody()).expect(201)).body as { id: string };
    await as(m)
      .post(`/cases/${kase.id}/consents`, {
        scope: 'share_with_offices',
        evidence: 'IMM 5476 on file',
        grantedAt: new Date(Date.now() - DAY).toISOString(),
      })
      .expect(201);
    return kase.id;
  }

  beforeAll(async () => {
    t = await startTestApp();
    world = new World(t);
    partyId = (await world.party()).id;
    A = await team(partyId);
    B = await team(partyId);
    X = await team((await world.party()).id);
    const channels = (await as(A.assistant).get('/channels').expect(200)).body as { items: { id: string }[] };
    partyChannelId = channels.items[0].id;
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await t?.close();
  });

  describe('point 1: what is deleted or edited never comes back', () => {
    let deletedId: string;
    let editedId: string;

    beforeAll(async () => {
      const post = (body: string) =>
        as(A.assistant)
          .post(`/channels/${partyChannelId}/messages`, { body })
          .expect(201)
          .then((res) => res.body as { id: string; version: number });
      const deleted = await post(`Call about ${SECRET} tomorrow`);
      const edited = await post(`Draft mentioning ${SECRET}, first version`);
      deletedId = deleted.id;
      editedId = edited.id;
      await as(A.assistant)
        .patch(`/channels/${partyChannelId}/messages/${editedId}`, { body: `Second draft, still ${SECRET}` })
        .expect(200);
      await as(A.assistant)
        .patch(`/channels/${partyChannelId}/messages/${editedId}`, { body: 'See the linked file instead' })
        .expect(200);
      await as(A.assistant).delete(`/channels/${partyChannelId}/messages/${deletedId}`).expect(204);
    });

    const bodiesOf = (events: LiveEvent[], postId: string) =>
      events
        .filter((e) => (e.data as { id?: string }).id === postId)
        .map((e) => ({ type: e.type, body: (e.data as { body?: string | null }).body }));

    it('sync from another office replays the deleted message without its body and the edited one with its current text only', async () => {
      const client = await live(B.lead);
      const ack = await client.send('sync', { streams: { [`channel:${partyChannelId}`]: 0 } });
      if (!ack.ok) throw new Error(JSON.stringify(ack));
      expect(JSON.stringify(ack.missed)).not.toContain('Zebulon');
      expect(bodiesOf(ack.missed, deletedId)).toEqual([
        { type: 'message.posted', body: null },
        { type: 'message.deleted', body: undefined },
      ]);
      expect(
        ack.missed.find((e) => e.type === 'message.posted' && (e.data as { id: string }).id === deletedId)?.data,
      ).toMatchObject({ deleted: true });
      expect(bodiesOf(ack.missed, editedId)).toEqual([
        { type: 'message.posted', body: 'See the linked file instead' },
        { type: 'message.edited', body: 'See the linked file instead' },
        { type: 'message.edited', body: 'See the linked file instead' },
      ]);
    });

    it('subscribe with after: 0 replays nothing removed either', async () => {
      const client = await live(B.assistant);
      const ack = await client.send('subscribe', { channelId: partyChannelId, after: 0 });
      if (!ack.ok) throw new Error(JSON.stringify(ack));
      expect(ack.missed.length).toBeGreaterThanOrEqual(5);
      expect(JSON.stringify(ack.missed)).not.toContain('Zebulon');
    });

    it('the feed and the stored events hold no earlier text', async () => {
      const feed = await as(B.lead).get(`/channels/${partyChannelId}/feed`).expect(200);
      expect(JSON.stringify(feed.body)).not.toContain('Zebulon');
      const { rows } = await t.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM events WHERE data::text LIKE '%Zebulon%'`,
      );
      expect(rows[0].n).toBe(0);
    });

    it('a member of another party cannot replay the channel at all', async () => {
      const client = await live(X.lead);
      const sync = await client.send('sync', { streams: { [`channel:${partyChannelId}`]: 0 } });
      expect(sync).toMatchObject({ ok: false, error: { code: 'not_found' } });
      const sub = await client.send('subscribe', { channelId: partyChannelId, after: 0 });
      expect(sub).toMatchObject({ ok: false, error: { code: 'not_found' } });
    });
  });

  describe('point 3: the UCI in both of the forms IRCC prints', () => {
    it.each([
      ['12-3456-7890', '12-3456-7890'],
      ['1234567890', '12-3456-7890'],
      ['1234-5678-90', '12-3456-7890'],
      ['1234-5678', '1234-5678'],
      ['12345678', '1234-5678'],
    ])('accepts %s and stores %s', async (uci, stored) => {
      const res = await as(A.assistant)
        .post('/cases', caseBody({ constituent: { fullName: 'Test Person', uci } }))
        .expect(201);
      expect((res.body as { constituent: { uci: string } }).constituent.uci).toBe(stored);
      const id = (res.body as { id: string }).id;
      const patched = await as(A.assistant)
        .patch(`/cases/${id}`, { constituent: { uci: uci.replace(/-/g, '') } })
        .expect(200);
      expect((patched.body as { constituent: { uci: string } }).constituent.uci).toBe(stored);
    });

    it('the migration rewrites stored UCIs into the printed form and leaves others alone', async () => {
      const make = async (uci: string) => {
        const res = await as(A.assistant)
          .post('/cases', caseBody({ constituent: { fullName: 'Test Person' } }))
          .expect(201);
        const id = (res.body as { id: string }).id;
        // As an older server stored it, unnormalised.
        await t.db.query(
          `UPDATE cases SET constituent = jsonb_set(constituent, '{uci}', to_jsonb($2::text)) WHERE id = $1`,
          [id, uci],
        );
        return id;
      };
      const ids = [await make('1234-5678-90'), await make('1234567890'), await make('12345678'), await make('garbled')];
      await t.db.query(NORMALIZE_UCIS);
      const { rows } = await t.db.query<{ id: string; uci: string }>(
        `SELECT id, constituent ->> 'uci' AS uci FROM cases WHERE id = ANY($1::uuid[])`,
        [ids],
      );
      const byId = Object.fromEntries(rows.map((row) => [row.id, row.uci]));
      expect(ids.map((id) => byId[id])).toEqual(['12-3456-7890', '12-3456-7890', '1234-5678', 'garbled']);
    });

    it.each(['123-45678', '1234567', '123456789', '12345678901', '12-34-567890', 'abcd-efgh'])(
      'refuses %s with a 400 and changes nothing',
      async (uci) => {
        const before = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases`);
        expectProblem(
          await as(A.assistant).post('/cases', caseBody({ constituent: { fullName: 'Test Person', uci } })),
          400,
          'validation_failed',
        );
        const after = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM cases`);
        expect(after.rows[0].n).toBe(before.rows[0].n);
      },
    );
  });

  describe('point 10: a channel offer stays with the offices it was made to', () => {
    it('an office added to the channel after the offer neither sees, replays, receives nor accepts it', async () => {
      const late = await team(partyId);
      const channel = (
        await as(A.lead)
          .post('/channels', { name: `Custom ${Date.now()}`, kind: 'custom', memberOfficeIds: [A.id, B.id] })
          .expect(201)
      ).body as { id: string };
      const caseId = await shareableCase(A.assistant);
      const offer = (
        await as(A.assistant)
          .post('/handoffs', { caseId, channelId: channel.id, note: 'Needs a TRV expert' })
          .expect(201)
      ).body as Offer;
      await as(A.lead).post(`/channels/${channel.id}/members`, { officeId: late.id }).expect(200);

      // B, a member when it was made, sees it.
      await as(B.lead).get(`/handoffs/${offer.id}`).expect(200);
      // The late joiner: same 404 as an unknown offer, nothing in its lists, its feed or its replay.
      expectProblem(await as(late.lead).get(`/handoffs/${offer.id}`), 404, 'not_found');
      expectProblem(await as(late.lead).post(`/handoffs/${offer.id}/accept`), 404, 'not_found');
      const incoming = await as(late.lead).get('/handoffs?direction=incoming').expect(200);
      expect((incoming.body as { items: Offer[] }).items).toEqual([]);
      const feed = await as(late.lead).get(`/channels/${channel.id}/feed`).expect(200);
      expect((feed.body as { items: { kind: string }[] }).items.filter((i) => i.kind === 'handoff')).toEqual([]);
      const lateSocket = await live(late.assistant);
      const sub = await lateSocket.send('subscribe', { channelId: channel.id, after: 0 });
      if (!sub.ok) throw new Error(JSON.stringify(sub));
      expect(sub.missed.filter((e) => e.type.startsWith('handoff.'))).toEqual([]);
      const sync = await lateSocket.send('sync', { streams: { [`channel:${channel.id}`]: 0 } });
      if (!sync.ok) throw new Error(JSON.stringify(sync));
      expect(sync.missed.filter((e) => e.type.startsWith('handoff.'))).toEqual([]);

      // Live: B hears the withdrawal, the late joiner (subscribed) does not.
      const bSocket = await live(B.assistant);
      expect((await bSocket.send('subscribe', { channelId: channel.id })).ok).toBe(true);
      await as(A.assistant).post(`/handoffs/${offer.id}/withdraw`, {}).expect(200);
      await bSocket.waitFor((events) => events.some((e) => e.type === 'handoff.withdrawn'));
      await settle(300);
      expect(lateSocket.events.filter((e) => e.type.startsWith('handoff.'))).toEqual([]);

      // An offer made after it joined reaches it.
      const next = (
        await as(A.assistant)
          .post('/handoffs', { caseId: await shareableCase(A.assistant), channelId: channel.id, note: 'Another' })
          .expect(201)
      ).body as Offer;
      await lateSocket.waitFor((events) => events.some((e) => (e.data as { id?: string }).id === next.id));
      await as(late.lead).post(`/handoffs/${next.id}/accept`).expect(200);
    });
  });

  describe('point 9: a trade takes only what the other office put on the table', () => {
    const notFoundBody = (res: Response) => {
      const { type, title, status, detail, code } = res.body as Record<string, unknown>;
      return { type, title, status, detail, code };
    };
    const refusals = async () =>
      (
        await t.db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM audit_events WHERE action = 'trade.refused' AND actor_id = $1`,
          [B.lead.id],
        )
      ).rows[0].n;

    it("refuses any other office's file with one and the same 404, and audits each refusal", async () => {
      const give = await shareableCase(B.assistant);
      const unknown = '00000000-0000-4000-8000-000000000000';
      const withConsent = await shareableCase(A.assistant); // A's, never offered
      const noConsent = ((await as(A.assistant).post('/cases', caseBody()).expect(201)).body as { id: string }).id;
      const otherParty = await shareableCase(X.assistant); // not even the counterparty's
      const before = await refusals();
      const bodies = [];
      for (const take of [unknown, withConsent, noConsent, otherParty]) {
        const res = await as(B.lead).post('/trades', {
          counterpartyOfficeId: A.id,
          giveCaseIds: [give],
          takeCaseIds: [take],
          note: 'a fair swap',
        });
        expectProblem(res, 404, 'not_found');
        bodies.push(notFoundBody(res));
      }
      expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
      expect(await refusals()).toBe(before + 4);
      const { rows } = await t.db.query<{ data: unknown }>(
        `SELECT data FROM audit_events WHERE action = 'trade.refused' AND actor_id = $1`,
        [B.lead.id],
      );
      expect(JSON.stringify(rows)).not.toContain('Zebulon');
      expect(rows[0].data).toEqual({ give: 1, take: 1, code: 'not_found' });
      // Nothing was proposed, and nobody was told.
      const trades = await as(A.lead).get('/trades').expect(200);
      expect((trades.body as { items: unknown[] }).items).toEqual([]);
    });

    it('a member of another party cannot take a file offered in a channel it is not in', async () => {
      const offered = await shareableCase(A.assistant);
      await as(A.assistant).post('/handoffs', { caseId: offered, channelId: partyChannelId, note: 'x' }).expect(201);
      const give = await shareableCase(X.assistant);
      expectProblem(
        await as(X.lead).post('/trades', {
          counterpartyOfficeId: A.id,
          giveCaseIds: [give],
          takeCaseIds: [offered],
          note: 'swap',
        }),
        404,
        'not_found',
      );
      // B, in the channel, may name it: the file is on the table for B.
      const res = await as(B.lead)
        .post('/trades', {
          counterpartyOfficeId: A.id,
          giveCaseIds: [await shareableCase(B.assistant)],
          takeCaseIds: [offered],
          note: 'swap',
        })
        .expect(201);
      expect((res.body as { take: { caseId: string }[] }).take.map((f) => f.caseId)).toEqual([offered]);
    });

    it('a file marked available for trade may be taken, and the mark goes when the file moves', async () => {
      const marked = await shareableCase(A.assistant);
      const res = await as(A.assistant).patch(`/cases/${marked}`, { availableForTrade: true }).expect(200);
      expect((res.body as { availableForTrade: boolean }).availableForTrade).toBe(true);
      expectProblem(await as(B.lead).patch(`/cases/${marked}`, { availableForTrade: false }), 404, 'not_found');
      expectProblem(
        await as(A.assistant).patch(`/cases/${marked}`, { availableForTrade: 'yes' }),
        400,
        'validation_failed',
      );
      const trade = (
        await as(B.lead)
          .post('/trades', {
            counterpartyOfficeId: A.id,
            giveCaseIds: [await shareableCase(B.assistant)],
            takeCaseIds: [marked],
            note: 'swap',
          })
          .expect(201)
      ).body as { id: string };
      await as(A.lead).post(`/trades/${trade.id}/accept`).expect(200);
      const moved = await as(B.assistant).get(`/cases/${marked}`).expect(200);
      expect((moved.body as { availableForTrade: boolean }).availableForTrade).toBe(false);
    });
  });
});
