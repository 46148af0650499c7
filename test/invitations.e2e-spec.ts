import { randomBytes } from 'node:crypto';
import { LiveClient } from './support/live-client.js';
import { PASSWORD, startTestApp, type TestApp } from './support/test-app.js';
import { World, type Member } from './support/world.js';

const API = '/api/v1';
const BEARER = { type: 'bearer' } as const;
const unique = () => randomBytes(4).toString('hex');
const newMember = () => {
  const email = `invited.${unique()}@test.riding-relay.ca`;
  return { email, displayName: `Invited ${email}`, role: 'assistant', languages: ['fr'] };
};

/** Accounts: members are invited and set their own password; users change theirs. */
describe('invitations and password changes', () => {
  let t: TestApp;
  let world: World;
  let officeId: string;
  let lead: Member;

  beforeAll(async () => {
    t = await startTestApp();
    world = new World(t);
    officeId = (await world.office((await world.party()).id)).id;
    lead = await world.member(officeId, 'office_lead');
  }, 180_000);
  afterAll(() => t.close());

  const invite = (by: Member, body: object = newMember(), office = officeId) =>
    t.http().post(`${API}/offices/${office}/members`).auth(by.token, BEARER).send(body);
  const login = (email: string, password: string) => t.http().post(`${API}/auth/login`).send({ email, password });
  const accept = (token: string, password: string) =>
    t.http().post(`${API}/auth/invitations/accept`).send({ token, password });

  it('answers the member and a one-time token, stores only its hash, and refuses a chosen password', async () => {
    const body = newMember();
    const res = await invite(lead, body).expect(201);
    expect(res.body).toMatchObject({ email: body.email, role: 'assistant', officeId, languages: ['fr'], active: true });
    expect(res.body).not.toHaveProperty('password');
    expect(res.body).not.toHaveProperty('passwordHash');
    const { token, expiresAt } = res.body.invitation as { token: string; expiresAt: string };
    expect(token).toMatch(/^[\w-]{40,}$/);
    // 72 hours by default.
    expect(Math.abs(Date.parse(expiresAt) - Date.now() - 72 * 3600_000)).toBeLessThan(60_000);
    const { rows } = await t.db.query(`SELECT token_hash FROM invitations WHERE user_id = $1`, [res.body.id]);
    expect(rows).toHaveLength(1);
    expect(rows[0].token_hash).not.toContain(token);
    const everywhere = await t.db.query(
      `SELECT 1 FROM invitations i WHERE i::text LIKE $1
       UNION ALL SELECT 1 FROM audit_events a WHERE a::text LIKE $1
       UNION ALL SELECT 1 FROM users u WHERE u::text LIKE $1`,
      [`%${token}%`],
    );
    expect(everywhere.rows).toEqual([]);

    // Whoever invites never chooses the password.
    const chosen = await invite(lead, { ...newMember(), password: 'chosen-by-the-lead' });
    expect(chosen.status).toBe(400);
    expect(chosen.body.errors).toEqual([expect.objectContaining({ field: 'password' })]);
  }, 180_000);

  it('lets the member set a password once; the account cannot sign in before', async () => {
    const body = newMember();
    const { token } = (await invite(lead, body).expect(201)).body.invitation;
    expect((await login(body.email, PASSWORD)).status).toBe(401);
    expect((await accept(token, 'short')).status).toBe(400);

    const session = await accept(token, 'my-own-password-123').expect(200);
    expect(session.body).toMatchObject({ user: { email: body.email }, expiresIn: expect.any(Number) });
    await t.http().get(`${API}/me`).auth(session.body.accessToken, BEARER).expect(200);
    await login(body.email, 'my-own-password-123').expect(200);

    const again = await accept(token, 'another-password-456');
    expect(again.status).toBe(401);
    expect(again.body.code).toBe('invalid_credentials');
    await login(body.email, 'another-password-456').expect(401);
    const unknown = await accept(randomBytes(32).toString('base64url'), 'another-password-456');
    expect(unknown.status).toBe(401);
  }, 180_000);

  it('refuses an expired invitation, and one whose account was deactivated', async () => {
    const expired = newMember();
    const first = (await invite(lead, expired).expect(201)).body;
    await t.db.query(`UPDATE invitations SET expires_at = now() - interval '1 second' WHERE user_id = $1`, [first.id]);
    expect((await accept(first.invitation.token, 'my-own-password-123')).status).toBe(401);
    await login(expired.email, 'my-own-password-123').expect(401);

    const second = (await invite(lead).expect(201)).body;
    await t.http().patch(`${API}/users/${second.id}`).auth(lead.token, BEARER).send({ active: false }).expect(200);
    expect((await accept(second.invitation.token, 'my-own-password-123')).status).toBe(401);
  }, 180_000);

  it('never shows the token again on an idempotent replay', async () => {
    const body = newMember();
    const key = `invite-${unique()}`;
    const first = await invite(lead, body).set('Idempotency-Key', key).expect(201);
    const replay = await invite(lead, body).set('Idempotency-Key', key).expect(201);
    expect(replay.body.id).toBe(first.body.id);
    expect(replay.body.invitation).toEqual({ token: null, expiresAt: first.body.invitation.expiresAt });
    const stored = await t.db.query(`SELECT 1 FROM idempotency_keys WHERE body::text LIKE $1`, [
      `%${first.body.invitation.token}%`,
    ]);
    expect(stored.rows).toEqual([]);
  }, 180_000);

  it('an admin adding a member to an office with a lead is on that office trail as member.created_by_admin', async () => {
    const admin = await world.admin();
    const added = (await invite(admin).expect(201)).body;
    const byLead = (await invite(lead).expect(201)).body;
    const trail = (await t.http().get(`${API}/audit?limit=200`).auth(lead.token, BEARER).expect(200)).body.items as {
      action: string;
      targetId: string;
      actorId: string;
    }[];
    expect(trail.filter((e) => e.targetId === added.id).map((e) => [e.action, e.actorId])).toEqual([
      ['member.created_by_admin', admin.id],
    ]);
    expect(trail.filter((e) => e.targetId === byLead.id).map((e) => e.action)).toEqual(['user.created']);
    // An office without a lead: an ordinary user.created.
    const empty = (await world.office(null)).id;
    const alone = (await invite(admin, newMember(), empty).expect(201)).body;
    const { rows } = await t.db.query(`SELECT action FROM audit_events WHERE target_id = $1`, [alone.id]);
    expect(rows.map((r) => r.action)).toEqual(['user.created']);
  }, 180_000);

  it('changes the password with the current one, and ends every other session, sockets included', async () => {
    const me = await world.member(officeId);
    const other = await world.login(me.email); // a second device
    const socket = await LiveClient.connect(t.baseUrl, other.token);
    const closed = new Promise<void>((done) => socket.socket.once('disconnect', () => done()));
    try {
      const change = (currentPassword: string, newPassword: string) =>
        t.http().post(`${API}/auth/password`).auth(me.token, BEARER).send({ currentPassword, newPassword });
      const wrong = await change('not-my-password', 'a-brand-new-password');
      expect(wrong.status).toBe(400);
      await login(me.email, 'a-brand-new-password').expect(401);
      await t.http().get(`${API}/me`).auth(other.token, BEARER).expect(200);

      await change(PASSWORD, 'a-brand-new-password').expect(204);
      await t.http().get(`${API}/me`).auth(me.token, BEARER).expect(200); // this session goes on
      await t.http().get(`${API}/me`).auth(other.token, BEARER).expect(401);
      await t.http().post(`${API}/auth/refresh`).send({ refreshToken: other.refreshToken }).expect(401);
      await closed;
      await login(me.email, PASSWORD).expect(401);
      await login(me.email, 'a-brand-new-password').expect(200);
      const { rows } = await t.db.query(`SELECT data FROM audit_events WHERE action = 'auth.password_changed'`);
      // The second device, and the session the invitation opened.
      expect(rows).toEqual([{ data: { sessionsEnded: 2 } }]);
    } finally {
      socket.close();
    }
  }, 180_000);

  it('needs a signed-in user to change a password', async () => {
    const res = await t
      .http()
      .post(`${API}/auth/password`)
      .send({ currentPassword: PASSWORD, newPassword: 'a-brand-new-password' });
    expect(res.status).toBe(401);
  }, 180_000);
});
