import { startTestApp, PASSWORD, type TestApp } from './support/test-app.js';
import { World, type Member } from './support/world.js';

const API = '/api/v1';

describe('sign-in', () => {
  let t: TestApp;
  let world: World;
  let officeId: string;
  let lead: Member;

  beforeAll(async () => {
    t = await startTestApp();
    world = new World(t);
    const party = await world.party();
    officeId = (await world.office(party.id)).id;
    lead = await world.member(officeId, 'office_lead');
  });
  afterAll(() => t.close());

  it('logs in with the right password and answers /me with the office', async () => {
    const member = await world.member(officeId);
    const res = await t.http().get(`${API}/me`).auth(member.token, { type: 'bearer' }).expect(200);
    expect(res.body).toMatchObject({ id: member.id, role: 'assistant', office: { id: officeId } });
    expect(JSON.stringify(res.body)).not.toMatch(/password|hash/i);
  });

  it('refuses a wrong password and an unknown e-mail with the same 401 problem', async () => {
    const member = await world.member(officeId);
    const wrong = await t.http().post(`${API}/auth/login`).send({ email: member.email, password: 'not-the-password' });
    const unknown = await t
      .http()
      .post(`${API}/auth/login`)
      .send({ email: 'nobody@test.riding-relay.ca', password: PASSWORD });
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.code).toBe('invalid_credentials');
    }
    expect(wrong.body.detail).toBe(unknown.body.detail);
  });

  it('rotates refresh tokens, and a reused old one revokes the whole family', async () => {
    const member = await world.member(officeId);
    const first = await t.http().post(`${API}/auth/refresh`).send({ refreshToken: member.refreshToken }).expect(200);
    expect(first.body.refreshToken).not.toBe(member.refreshToken);
    const second = await t
      .http()
      .post(`${API}/auth/refresh`)
      .send({ refreshToken: first.body.refreshToken })
      .expect(200);

    // The first token is presented again: someone copied it. The family dies.
    const reuse = await t.http().post(`${API}/auth/refresh`).send({ refreshToken: member.refreshToken });
    expect(reuse.status).toBe(401);
    expect(reuse.body.code).toBe('unauthenticated');
    await t.http().post(`${API}/auth/refresh`).send({ refreshToken: second.body.refreshToken }).expect(401);
    await t.http().get(`${API}/me`).auth(second.body.accessToken, { type: 'bearer' }).expect(401);
  });

  it('logout revokes the refresh family and the access token at once', async () => {
    const member = await world.member(officeId);
    await t.http().post(`${API}/auth/logout`).auth(member.token, { type: 'bearer' }).expect(204);
    await t.http().get(`${API}/me`).auth(member.token, { type: 'bearer' }).expect(401);
    await t.http().post(`${API}/auth/refresh`).send({ refreshToken: member.refreshToken }).expect(401);
  });

  it('locks a deactivated user out at once, tokens and password alike', async () => {
    const member = await world.member(officeId);
    await t.http().get(`${API}/me`).auth(member.token, { type: 'bearer' }).expect(200);
    await t
      .http()
      .patch(`${API}/users/${member.id}`)
      .auth(lead.token, { type: 'bearer' })
      .send({ active: false })
      .expect(200);
    await t.http().get(`${API}/me`).auth(member.token, { type: 'bearer' }).expect(401);
    await t.http().post(`${API}/auth/refresh`).send({ refreshToken: member.refreshToken }).expect(401);
    await t.http().post(`${API}/auth/login`).send({ email: member.email, password: PASSWORD }).expect(401);
  });

  it('still refuses a revoked session when the server lost its change notices meanwhile', async () => {
    const member = await world.member(officeId);
    await t.http().get(`${API}/me`).auth(member.token, { type: 'bearer' }).expect(200); // now cached
    // The server's connection for change notices drops (found by name: after its first 5 s it
    // has run a heartbeat, so its last query is no longer the LISTEN), and the session is revoked meanwhile.
    const { rowCount } = await t.db.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE datname = current_database() AND application_name = 'relay-session-notices'`,
    );
    expect(rowCount).toBe(1);
    await t.db.query(`UPDATE refresh_families SET revoked_at = now() WHERE user_id = $1`, [member.id]);
    let status = 0;
    for (const started = Date.now(); Date.now() - started < 1_000 && status !== 401;) {
      status = (await t.http().get(`${API}/me`).auth(member.token, { type: 'bearer' })).status;
    }
    expect(status).toBe(401);
  });

  it('refuses forged and malformed access tokens', async () => {
    const member = await world.member(officeId);
    const [header, payload] = member.token.split('.');
    const forged = `${header}.${payload}.${Buffer.from('not-the-signature').toString('base64url')}`;
    for (const token of [forged, 'garbage', '']) {
      const res = await t.http().get(`${API}/me`).set('Authorization', `Bearer ${token}`);
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('unauthenticated');
    }
  });

  it('limits how many requests one user makes per minute, across routes, without slowing another user', async () => {
    const limited = await startTestApp({ USER_RATE_LIMIT: '6' });
    try {
      const lw = new World(limited);
      const officeId = (await lw.office(null)).id;
      const [first, second] = [await lw.member(officeId), await lw.member(officeId)];
      const statuses: number[] = [];
      // Two routes, three requests each: one budget for the user, not one per route.
      for (const path of ['/me', '/me', '/me', '/channels', '/channels', '/channels']) {
        statuses.push((await limited.http().get(`${API}${path}`).auth(first.token, { type: 'bearer' })).status);
      }
      expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
      const refused = await limited.http().get(`${API}/cases`).auth(first.token, { type: 'bearer' });
      expect(refused.status).toBe(429);
      expect(refused.body.code).toBe('rate_limited');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      await limited.http().get(`${API}/me`).auth(second.token, { type: 'bearer' }).expect(200);
    } finally {
      await limited.close();
    }
  });

  it('throttles repeated login attempts for one address and e-mail', async () => {
    const throttled = await startTestApp({ LOGIN_RATE_LIMIT: '3' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await throttled
          .http()
          .post(`${API}/auth/login`)
          .send({ email: 'x@test.riding-relay.ca', password: 'wrong-password' });
        statuses.push(res.status);
      }
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await throttled.close();
    }
  });
});
