import { LiveClient } from './support/live-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { World, type Member } from './support/world.js';

/**
 * Issue 11, point 8: sockets are re-checked. A removal whose notice never reached the node
 * (here: made directly in the database, so no event and no command is sent) still takes
 * effect within the re-check interval; sockets per user and catch-ups per minute are capped.
 */
const API = '/api/v1';
const BEARER = { type: 'bearer' } as const;
const RECHECK_SECONDS = 1;
const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('sockets are re-checked and capped', () => {
  let t: TestApp;
  let world: World;
  let poster: Member;
  let listener: Member;
  let listenerOfficeId: string;
  let channelId: string;
  const sockets: LiveClient[] = [];

  const live = async (m: Member) => {
    const client = await LiveClient.connect(t.baseUrl, m.token);
    sockets.push(client);
    return client;
  };
  const post = (body: string) =>
    t.http().post(`${API}/channels/${channelId}/messages`).auth(poster.token, BEARER).send({ body }).expect(201);

  beforeAll(async () => {
    t = await startTestApp({
      SOCKET_RECHECK_SECONDS: String(RECHECK_SECONDS),
      SOCKETS_PER_USER: '3',
      SOCKET_CATCH_UP_PER_MINUTE: '3',
    });
    world = new World(t);
    const party = await world.party();
    const a = await world.office(party.id);
    const b = await world.office(party.id);
    listenerOfficeId = b.id;
    poster = await world.member(a.id);
    listener = await world.member(b.id);
    const channels = await t.http().get(`${API}/channels`).auth(poster.token, BEARER).expect(200);
    channelId = (channels.body as { items: { id: string }[] }).items[0].id;
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await t?.close();
  });

  it('a socket whose channel removal notice was lost stops receiving the channel within the interval', async () => {
    const control = await live(poster);
    const removed = await live(listener);
    for (const client of [control, removed]) expect((await client.send('subscribe', { channelId })).ok).toBe(true);
    await post('before');
    await removed.waitFor((events) => events.some((e) => e.type === 'message.posted'));

    // Removed behind the server's back: no channel.member_removed event, no notice to any node.
    await t.db.query(`DELETE FROM channel_members WHERE channel_id = $1 AND office_id = $2`, [
      channelId,
      listenerOfficeId,
    ]);
    await settle(RECHECK_SECONDS * 1000 * 2 + 500);
    await post('after');
    await control.waitFor((events) => events.filter((e) => e.type === 'message.posted').length === 2);
    await settle(300);
    expect(removed.events.filter((e) => e.type === 'message.posted')).toHaveLength(1);
    expect(removed.socket.connected).toBe(true); // its session is fine: it only left the channel
    await t.db.query(`INSERT INTO channel_members (channel_id, office_id) VALUES ($1, $2)`, [
      channelId,
      listenerOfficeId,
    ]);
  });

  it('a socket whose session ended without a notice is closed within the interval', async () => {
    const member = await world.member(listenerOfficeId);
    const client = await live(member);
    const closed = new Promise<string>((resolve) => client.socket.once('disconnect', (reason) => resolve(reason)));
    // The refresh family is the session; revoked directly, so no disconnect command is sent.
    await t.db.query(`UPDATE refresh_families SET revoked_at = now() WHERE user_id = $1`, [member.id]);
    const started = Date.now();
    expect(await closed).toBe('io server disconnect');
    expect(Date.now() - started).toBeLessThan(RECHECK_SECONDS * 1000 * 3 + 1000);
  });

  it('refuses a user socket over SOCKETS_PER_USER with too_many_sockets, and takes one again when a slot frees', async () => {
    const member = await world.member(listenerOfficeId);
    const open = [await live(member), await live(member), await live(member)];
    const extra = new LiveClient(t.baseUrl, member.token, { autoConnect: false });
    sockets.push(extra);
    const refused = extra.refused();
    extra.socket.connect();
    expect(await refused).toBe('too_many_sockets');
    // Another user is not affected.
    await live(await world.member(listenerOfficeId));
    open[0].close();
    await settle(200);
    await live(member);
  });

  it('caps the catch-ups a socket may ask for per minute with rate_limited acks', async () => {
    const client = await live(listener);
    const stream = { streams: { [`channel:${channelId}`]: 0 } };
    for (let i = 0; i < 2; i++) expect((await client.send('sync', stream)).ok).toBe(true);
    expect((await client.send('subscribe', { channelId, after: 0 })).ok).toBe(true);
    expect(await client.send('sync', stream)).toMatchObject({ ok: false, error: { code: 'rate_limited' } });
    expect(await client.send('subscribe', { channelId, after: 0 })).toMatchObject({
      ok: false,
      error: { code: 'rate_limited' },
    });
    // A plain subscribe (no catch-up) and presence are still answered.
    expect((await client.send('subscribe', { channelId })).ok).toBe(true);
    expect((await client.send('presence', { channelId })).ok).toBe(true);
  });
});
