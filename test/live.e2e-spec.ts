import { createHmac } from 'node:crypto';
import { startTestApp, type TestApp } from './support/test-app.js';
import { caseBody, CONSTITUENT_SECRETS, World, type Member } from './support/world.js';
import { LiveClient } from './support/live-client.js';
import type { Ack, LiveEvent } from '../libs/platform/src/events/live-event.js';

const API = '/api/v1';
const BEARER = { type: 'bearer' } as const;
// The secret test/support/test-app.ts gives every test server.
const JWT_SECRET = 'test-secret-that-is-long-enough-0123456789';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
// The server's per-socket limit in this file (messages per 10 s).
const RATE_LIMIT = 20;

interface Post {
  id: string;
  channelId: string;
}
interface Channel {
  id: string;
  kind: 'party' | 'region' | 'custom';
}

// ---- tokens, for the handshake tests -------------------------------------------------

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** An HS256 JWT, signed as the server would (with its secret) or by a forger (with another). */
function signJwt(claims: object, secret = JWT_SECRET, header: object = { alg: 'HS256', typ: 'JWT' }): string {
  const unsigned = `${base64url(header)}.${base64url(claims)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

function claimsOf(token: string): { sub: string; sid: string; iat: number; exp: number } {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as ReturnType<typeof claimsOf>;
}

// ---- events --------------------------------------------------------------------------

const channelStream = (channelId: string) => `channel:${channelId}`;
const dataOf = (event: LiveEvent) => event.data as unknown as Record<string, unknown>;
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The events a client received on one channel's stream, of one type if given. */
function onChannel(client: LiveClient, channelId: string, type?: LiveEvent['type']): LiveEvent[] {
  return client.events.filter((e) => e.stream === channelStream(channelId) && (!type || e.type === type));
}

function errorCode(ack: Ack<object>): string | undefined {
  return ack.ok ? undefined : ack.error.code;
}

/** Resolves with the disconnect reason; fails if the socket is still up after `ms`. */
function disconnection(client: LiveClient, ms = 5_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the socket was still connected after ${ms} ms`)), ms);
    client.socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}

/**
 * `missed` is exactly the messages the writers posted, numbered after `lastSeq` with no gap
 * or duplicate; each writer's own messages (posted one after another) keep their order.
 */
function expectExactlyPosted(missed: LiveEvent[], channelId: string, lastSeq: number, idsByWriter: string[][]) {
  const all = idsByWriter.flat();
  expect(missed.map((e) => e.seq)).toEqual(range(lastSeq + 1, lastSeq + all.length));
  expect(new Set(missed.map((e) => e.stream))).toEqual(new Set([channelStream(channelId)]));
  expect(new Set(missed.map((e) => e.type))).toEqual(new Set(['message.posted']));
  const received = missed.map((e) => dataOf(e).id as string);
  expect([...received].sort()).toEqual([...all].sort());
  for (const ids of idsByWriter) {
    expect(received.filter((id) => ids.includes(id))).toEqual(ids);
  }
}

describe('live events (socket.io)', () => {
  let t: TestApp;
  let world: World;
  // Party P has offices A and B; party Q has office C.
  let A: string;
  let B: string;
  let C: string;
  let leadA: Member;
  let leadB: Member;
  let a1: Member;
  let b1: Member;
  let c1: Member;
  let partyChannel: string; // P's
  let otherPartyChannel: string; // Q's
  let writers: Member[]; // 10 in A, 10 in B
  const open: LiveClient[] = [];

  beforeAll(async () => {
    t = await startTestApp({ SOCKET_RATE_LIMIT: String(RATE_LIMIT) });
    world = new World(t);
    const p = await world.party();
    const q = await world.party();
    A = (await world.office(p.id)).id;
    B = (await world.office(p.id)).id;
    C = (await world.office(q.id)).id;
    [leadA, leadB, a1, b1, c1] = await Promise.all([
      world.member(A, 'office_lead'),
      world.member(B, 'office_lead'),
      world.member(A),
      world.member(B),
      world.member(C),
    ]);
    writers = await Promise.all(range(0, 19).map((i) => world.member(i % 2 === 0 ? A : B)));
    partyChannel = await partyChannelOf(a1);
    otherPartyChannel = await partyChannelOf(c1);
  }, 120_000);
  afterEach(() => {
    for (const client of open.splice(0)) client.close();
  });
  afterAll(async () => {
    for (const client of open.splice(0)) client.close();
    await t.close();
  });

  // ---- helpers ---------------------------------------------------------------------

  const as = (m: Member) => ({
    get: (path: string) => t.http().get(`${API}${path}`).auth(m.token, BEARER),
    post: (path: string, body: object = {}) => t.http().post(`${API}${path}`).auth(m.token, BEARER).send(body),
    patch: (path: string, body: object) => t.http().patch(`${API}${path}`).auth(m.token, BEARER).send(body),
    delete: (path: string) => t.http().delete(`${API}${path}`).auth(m.token, BEARER),
  });

  async function partyChannelOf(m: Member): Promise<string> {
    const res = await as(m).get('/channels?limit=200').expect(200);
    const party = (res.body as { items: Channel[] }).items.find((c) => c.kind === 'party');
    if (!party) throw new Error('the member has no party channel');
    return party.id;
  }

  async function customChannel(lead: Member, memberOfficeIds: string[]): Promise<string> {
    const res = await as(lead)
      .post('/channels', { name: `Custom ${Date.now()}`, kind: 'custom', memberOfficeIds })
      .expect(201);
    return (res.body as Channel).id;
  }

  async function postMessage(m: Member, channelId: string, body: string, extra: object = {}): Promise<string> {
    const res = await as(m)
      .post(`/channels/${channelId}/messages`, { body, ...extra })
      .expect(201);
    return (res.body as Post).id;
  }

  /** Each writer posts `perWriter` messages one after another, all writers at once. */
  function postConcurrently(group: Member[], channelId: string, perWriter: number, label: string) {
    return Promise.all(
      group.map(async (writer, w) => {
        const ids: string[] = [];
        for (let n = 0; n < perWriter; n++) ids.push(await postMessage(writer, channelId, `${label} w${w} #${n}`));
        return ids;
      }),
    );
  }

  async function connect(m: Member | string): Promise<LiveClient> {
    const client = new LiveClient(t.baseUrl, typeof m === 'string' ? m : m.token);
    open.push(client);
    await client.connected();
    return client;
  }

  function refusal(token: string | undefined): Promise<string> {
    const client = new LiveClient(t.baseUrl, token);
    open.push(client);
    return client.refused();
  }

  async function subscribed(m: Member, channelId: string): Promise<LiveClient> {
    const client = await connect(m);
    const ack = await client.send('subscribe', { channelId });
    expect(ack).toMatchObject({ ok: true, missed: [] });
    return client;
  }

  async function sync(client: LiveClient, wanted: Record<string, number>): Promise<LiveEvent[]> {
    const ack = await client.send('sync', { streams: wanted });
    if (!ack.ok) throw new Error(`sync refused: ${JSON.stringify(ack.error)}`);
    expect((ack as { hasMore?: boolean }).hasMore).toBe(false);
    return ack.missed;
  }

  // ---- the handshake -----------------------------------------------------------------

  it('refuses a missing, forged, garbage or expired token at the handshake with `unauthorized`', async () => {
    const m = await world.member(A);
    const { sub, sid } = claimsOf(m.token);
    const now = Math.floor(Date.now() / 1000);

    expect(await refusal(undefined)).toBe('unauthorized');
    expect(await refusal('')).toBe('unauthorized');
    // Same claims, signed with another secret; and an unsigned `alg: none` token.
    expect(await refusal(signJwt(claimsOf(m.token), 'a-forger-secret-that-is-long-enough-000000'))).toBe(
      'unauthorized',
    );
    expect(await refusal(`${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claimsOf(m.token))}.`)).toBe(
      'unauthorized',
    );
    expect(await refusal('garbage.not-a.jwt')).toBe('unauthorized');
    expect(await refusal('x'.repeat(10_000))).toBe('unauthorized');
    // A genuine signature over a real session whose token expired a minute ago.
    expect(await refusal(signJwt({ sub, sid, iat: now - 120, exp: now - 60 }))).toBe('unauthorized');

    // The same session with an unexpired token is let in: only the expiry was wrong above.
    const fresh = await connect(signJwt({ sub, sid, iat: now, exp: now + 300 }));
    expect(fresh.socket.connected).toBe(true);
  });

  // ---- delivery and confidentiality ---------------------------------------------------

  it("delivers an alert to every subscribed member office's sockets with the full envelope, and never to another party", async () => {
    const inA = await subscribed(leadA, partyChannel);
    const inB = await subscribed(b1, partyChannel);
    const outsider = await connect(c1);
    const refused = await outsider.send('subscribe', { channelId: partyChannel });
    expect(refused).toMatchObject({ ok: false, error: { code: 'not_found' } });

    // Cases with constituent details in all three offices, then a message linking one.
    const caseOf = async (m: Member) =>
      (await as(m).post('/cases', caseBody()).expect(201)).body as { id: string; reference: string };
    const [caseA, caseB] = [await caseOf(a1), await caseOf(b1), await caseOf(c1)];
    const messageId = await postMessage(a1, partyChannel, 'Linked file: see the case', { caseRef: caseA.reference });

    const alert = {
      title: 'Study permit caps change on Monday',
      body: 'IRCC lowers the provincial attestation caps.',
      severity: 'urgent',
      categories: ['immigration'],
      immigrationTypes: ['study_permit'],
      effectiveDate: '2026-12-01',
      sourceUrl: 'https://www.canada.ca/en/immigration-refugees-citizenship/news.html',
    };
    const posted = (await as(a1).post(`/channels/${partyChannel}/alerts`, alert).expect(201)).body as Post;

    const isAlert = (events: LiveEvent[]) =>
      events.some((e) => e.type === 'alert.posted' && dataOf(e).id === posted.id);
    await inA.waitFor(isAlert);
    await inB.waitFor(isAlert);
    const [seen] = onChannel(inB, partyChannel, 'alert.posted');
    expect(seen).toEqual({
      stream: channelStream(partyChannel),
      seq: expect.any(Number),
      id: expect.stringMatching(UUID),
      type: 'alert.posted',
      at: expect.stringMatching(ISO),
      actor: { userId: a1.id, officeId: A },
      data: expect.objectContaining({
        id: posted.id,
        channelId: partyChannel,
        kind: 'alert',
        authorId: a1.id,
        officeId: A,
        title: alert.title,
        body: alert.body,
        severity: 'urgent',
        categories: alert.categories,
        immigrationTypes: alert.immigrationTypes,
        effectiveDate: alert.effectiveDate,
        sourceUrl: alert.sourceUrl,
      }),
    });
    expect(seen.seq).toBeGreaterThanOrEqual(1);
    expect(onChannel(inA, partyChannel, 'alert.posted')).toEqual([seen]);

    // The linked message reaches B saying only that a case is linked.
    const message = onChannel(inB, partyChannel, 'message.posted').find((e) => dataOf(e).id === messageId);
    expect(message && dataOf(message)).toMatchObject({ hasCaseLink: true });
    expect(message && dataOf(message).caseRef).toBeFalsy();
    expect(message!.seq).toBe(seen.seq - 1);

    // Another party's office heard nothing of P's channel.
    await settle(300);
    expect(outsider.events.filter((e) => e.stream === channelStream(partyChannel))).toEqual([]);
    expect(outsider.events.some((e) => e.type === 'alert.posted')).toBe(false);

    // No event anywhere carries a constituent's details or another office's case reference.
    for (const client of [inA, inB, outsider]) {
      const json = JSON.stringify(client.events);
      for (const secret of CONSTITUENT_SECRETS) expect(json).not.toContain(secret);
    }
    expect(JSON.stringify(inB.events)).not.toContain(caseA.reference);
    for (const reference of [caseA.reference, caseB.reference]) {
      expect(JSON.stringify(outsider.events)).not.toContain(reference);
    }
  });

  // ---- bad input and flooding --------------------------------------------------------

  it('answers a malformed subscribe with validation_failed and keeps the socket up', async () => {
    const client = await connect(a1);
    const malformed: unknown[] = [
      {},
      { channelId: 'not-a-uuid' },
      { channelId: 42 },
      42,
      null,
      'subscribe',
      [partyChannel],
      { channelId: partyChannel, extra: true },
      { channelId: partyChannel, after: -1 },
    ];
    for (const payload of malformed) {
      const ack = await client.send('subscribe', payload);
      expect({ payload, code: errorCode(ack) }).toEqual({ payload, code: 'validation_failed' });
      expect(client.socket.connected).toBe(true);
    }
    expect(await client.send('subscribe', { channelId: partyChannel })).toMatchObject({ ok: true });
    const id = await postMessage(b1, partyChannel, 'still listening?');
    await client.waitFor(() => onChannel(client, partyChannel).some((e) => dataOf(e).id === id));
  });

  it('answers a flood past the rate limit with rate_limited acks, not a crash', async () => {
    const client = await subscribed(a1, partyChannel);
    const acks = await Promise.all(range(1, 60).map(() => client.send('presence', { channelId: partyChannel })));

    const limited = acks.filter((ack) => errorCode(ack) === 'rate_limited');
    const answered = acks.filter((ack) => ack.ok);
    expect(limited.length + answered.length).toBe(60);
    expect(answered.length).toBeGreaterThan(0);
    expect(answered.length).toBeLessThanOrEqual(RATE_LIMIT + 5); // a little refill while the burst lands
    expect(limited.length).toBeGreaterThanOrEqual(60 - RATE_LIMIT - 5);

    // The socket is still up and still hears its channel; the server is fine.
    expect(client.socket.connected).toBe(true);
    const id = await postMessage(b1, partyChannel, 'after the flood');
    await client.waitFor(() => onChannel(client, partyChannel).some((e) => dataOf(e).id === id));
    await t.http().get(`${API}/health`).expect(200);
  });

  // ---- resume --------------------------------------------------------------------------

  it('gives a reconnecting client exactly the events it missed, in order, also across a server restart', async () => {
    const channelId = await customChannel(leadA, [B]);
    const reader = b1;
    const five = writers.slice(0, 5);

    // The client sees one message, keeps its seq, and goes away.
    const first = await subscribed(reader, channelId);
    const firstId = await postMessage(leadA, channelId, 'before the laptop slept');
    await first.waitFor(() => onChannel(first, channelId).some((e) => dataOf(e).id === firstId));
    const lastSeq = Math.max(...onChannel(first, channelId).map((e) => e.seq));
    first.close();

    const missedIds = await postConcurrently(five, channelId, 20, 'away');
    expect(missedIds.flat()).toHaveLength(100);

    const back = await connect(reader);
    expectExactlyPosted(await sync(back, { [channelStream(channelId)]: lastSeq }), channelId, lastSeq, missedIds);
    // Subscribing with `after` answers the same.
    const resubscribed = await back.send('subscribe', { channelId, after: lastSeq });
    if (!resubscribed.ok) throw new Error(JSON.stringify(resubscribed.error));
    expectExactlyPosted(resubscribed.missed, channelId, lastSeq, missedIds);
    back.close();

    // Away again: some posted before the server restarts on the same database, some after.
    const seenUpTo = lastSeq + 100;
    const beforeRestart = await postConcurrently(five, channelId, 4, 'before restart');
    expect(await t.server.stop('SIGTERM')).toBe(0);
    await t.server.start();
    const afterRestart = await postConcurrently(five, channelId, 2, 'after restart');

    const again = await connect(reader);
    expectExactlyPosted(
      await sync(again, { [channelStream(channelId)]: seenUpTo }),
      channelId,
      seenUpTo,
      five.map((_, w) => [...beforeRestart[w], ...afterRestart[w]]),
    );
  }, 120_000);

  it('numbers 20 concurrent writers × 50 messages on one channel 1..1000 with no gap', async () => {
    const channelId = await customChannel(leadA, [B]);
    const listener = await subscribed(b1, channelId);

    const ids = await postConcurrently(writers, channelId, 50, 'burst');
    expect(ids.flat()).toHaveLength(1000);

    // Live: every seq arrives once.
    const posted = () => onChannel(listener, channelId, 'message.posted');
    await listener.waitFor(() => posted().length >= 1000, 30_000);
    await settle(200);
    expect(
      posted()
        .map((e) => e.seq)
        .sort((x, y) => x - y),
    ).toEqual(range(1, 1000));
    expect(new Set(posted().map((e) => e.id)).size).toBe(1000);

    // Durable: the log from 0 holds the same, in order.
    expectExactlyPosted(await sync(listener, { [channelStream(channelId)]: 0 }), channelId, 0, ids);

    // And live, a stream's events arrive in seq order: a client that keeps the last seq it
    // saw must not have skipped one that is still on its way.
    expect(posted().map((e) => e.seq)).toEqual(range(1, 1000));
  }, 180_000);

  it('numbers events at commit: a slow transaction on a channel does not hold up its other writers', async () => {
    const channelId = await customChannel(leadA, [B]);
    const listener = await subscribed(b1, channelId);
    const slow = await t.db.connect();
    try {
      // A transaction that has written its event but not committed yet.
      await slow.query('BEGIN');
      await slow.query(
        `INSERT INTO event_outbox (id, stream, type, data)
         VALUES (gen_random_uuid(), $1, 'message.deleted', jsonb_build_object('id', gen_random_uuid(), 'channelId', $2::text))`,
        [channelStream(channelId), channelId],
      );
      // Another writer of the same channel is answered meanwhile, and its event is seq 1.
      await postMessage(leadA, channelId, 'not held up');
      // Numbered events only: a presence change (seq 0, never logged) may arrive on the stream too.
      const numbered = () => onChannel(listener, channelId).filter((e) => e.seq > 0);
      await listener.waitFor(() => numbered().length >= 1);
      expect(numbered().map((e) => [e.seq, e.type])).toEqual([[1, 'message.posted']]);
      // The slow one takes the next seq when it commits.
      await slow.query('COMMIT');
    } finally {
      slow.release();
    }
    const log = await sync(listener, { [channelStream(channelId)]: 0 });
    expect(log.filter((e) => e.stream === channelStream(channelId)).map((e) => [e.seq, e.type])).toEqual([
      [1, 'message.posted'],
      [2, 'message.deleted'],
    ]);
  });

  // ---- acknowledgements, presence and membership -------------------------------------

  it("tells the alert's poster live when another office acknowledges it", async () => {
    const poster = await connect(a1);
    const alert = (
      await as(a1)
        .post(`/channels/${partyChannel}/alerts`, {
          title: 'Passport office hours',
          body: 'Shorter.',
          severity: 'info',
        })
        .expect(201)
    ).body as Post;

    await as(b1).post(`/alerts/${alert.id}/ack`).expect(200);
    await poster.waitFor(() => poster.ofType('alert.acknowledged').length > 0);
    const [ack] = poster.ofType('alert.acknowledged');
    expect(ack).toMatchObject({
      stream: `user:${a1.id}`,
      seq: expect.any(Number),
      type: 'alert.acknowledged',
      actor: { userId: b1.id, officeId: B },
      data: {
        alertId: alert.id,
        channelId: partyChannel,
        userId: b1.id,
        officeId: B,
        ackedAt: expect.stringMatching(ISO),
      },
    });
    expect(ack.seq).toBeGreaterThanOrEqual(1);

    // Acknowledging twice is told once.
    await as(b1).post(`/alerts/${alert.id}/ack`).expect(200);
    await settle(300);
    expect(poster.ofType('alert.acknowledged')).toHaveLength(1);
  });

  it('shows presence on connect and disconnect to the channel subscribers', async () => {
    const [watcherMember, arriving] = await Promise.all([world.member(A), world.member(B)]);
    const watcher = await subscribed(watcherMember, partyChannel);
    const presenceOf = (online: boolean) => (events: LiveEvent[]) =>
      events.some(
        (e) => e.type === 'presence.changed' && dataOf(e).userId === arriving.id && dataOf(e).online === online,
      );
    const onlineNow = async () => {
      const ack = await watcher.send('presence', { channelId: partyChannel });
      if (!ack.ok) throw new Error(JSON.stringify(ack.error));
      return ack.online.map((entry) => entry.userId);
    };

    const visitor = await connect(arriving);
    await watcher.waitFor(presenceOf(true));
    const [arrived] = watcher.ofType('presence.changed').filter((e) => e.data.userId === arriving.id);
    expect(arrived).toMatchObject({
      stream: channelStream(partyChannel),
      seq: 0,
      type: 'presence.changed',
      data: { channelId: partyChannel, userId: arriving.id, officeId: B, online: true },
    });
    expect(await onlineNow()).toEqual(expect.arrayContaining([arriving.id, watcherMember.id]));

    visitor.close();
    await watcher.waitFor(presenceOf(false));
    expect(await onlineNow()).not.toContain(arriving.id);

    // Ephemeral: presence is not in the durable log.
    const replay = await sync(watcher, { [channelStream(partyChannel)]: 0 });
    expect(replay.some((e) => e.type === 'presence.changed')).toBe(false);
  });

  it("evicts a removed office's live sockets from the channel at once", async () => {
    const channelId = await customChannel(leadA, [B]);
    const stays = await subscribed(a1, channelId);
    const removed = await subscribed(b1, channelId);
    const firstId = await postMessage(a1, channelId, 'hello both');
    await removed.waitFor(() => onChannel(removed, channelId).some((e) => dataOf(e).id === firstId));

    await as(leadA).delete(`/channels/${channelId}/members/${B}`).expect(204);
    await removed.waitFor((events) =>
      events.some((e) => e.type === 'channel.member_removed' && e.stream === `office:${B}`),
    );
    expect(removed.ofType('channel.member_removed').find((e) => e.stream === `office:${B}`)).toMatchObject({
      data: { channelId, officeId: B },
      actor: { userId: leadA.id, officeId: A },
    });
    await stays.waitFor(() => onChannel(stays, channelId, 'channel.member_removed').length === 1);

    // The channel goes on without B: A hears the next message, B's socket does not.
    const secondId = await postMessage(a1, channelId, 'only A now');
    await stays.waitFor(() => onChannel(stays, channelId).some((e) => dataOf(e).id === secondId));
    await settle(300);
    expect(onChannel(removed, channelId, 'message.posted').map((e) => dataOf(e).id)).toEqual([firstId]);
    expect(removed.socket.connected).toBe(true);

    // And it cannot come back in on its own.
    expect(await removed.send('subscribe', { channelId })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(errorCode(await removed.send('sync', { streams: { [channelStream(channelId)]: 0 } }))).toBe('not_found');
  });

  // ---- sessions ending -----------------------------------------------------------------

  it("closes a session's sockets at logout, and only that session's", async () => {
    const m = await world.member(A);
    const otherSession = await world.login(m.email);
    const loggingOut = await connect(m);
    const staying = await connect(otherSession);

    const gone = disconnection(loggingOut);
    await as(m).post('/auth/logout').expect(204);
    expect(await gone).toBe('io server disconnect');

    await settle(200);
    expect(staying.socket.connected).toBe(true);
    expect(await refusal(m.token)).toBe('unauthorized');
  });

  it("closes a deactivated user's sockets at once", async () => {
    const m = await world.member(B);
    const client = await connect(m);
    const gone = disconnection(client);
    await as(leadB).patch(`/users/${m.id}`, { active: false }).expect(200);
    expect(await gone).toBe('io server disconnect');
    expect(await refusal(m.token)).toBe('unauthorized');
  });

  // ---- what sync may read -------------------------------------------------------------

  it('refuses to sync a stream the caller may not read, and a malformed one', async () => {
    const client = await connect(a1);
    // Its own streams are fine.
    expect(await client.send('sync', { streams: { [`office:${A}`]: 0, [`user:${a1.id}`]: 0 } })).toMatchObject({
      ok: true,
    });

    const notYours = [
      `office:${C}`,
      `office:${B}`, // same party, still another office
      `user:${c1.id}`,
      `user:${leadA.id}`, // same office, still another user
      channelStream(otherPartyChannel),
      channelStream('00000000-0000-4000-8000-000000000000'),
    ];
    for (const stream of notYours) {
      const ack = await client.send('sync', { streams: { [stream]: 0 } });
      expect({ stream, code: errorCode(ack) }).toEqual({ stream, code: 'not_found' });
    }

    const malformed: unknown[] = [
      { streams: { 'channel:not-a-uuid': 0 } },
      { streams: { [`room:${A}`]: 0 } },
      { streams: { [`office:${A}`]: -1 } },
      { streams: { [`office:${A}`]: '0' } },
      { streams: 'office' },
    ];
    for (const payload of malformed) {
      const ack = await client.send('sync', payload);
      expect({ payload, code: errorCode(ack) }).toEqual({ payload, code: 'validation_failed' });
    }
    expect(client.socket.connected).toBe(true);
  });
});
