import { randomBytes } from 'node:crypto';
import { PASSWORD, startTestApp, type TestApp } from './support/test-app.js';
import { caseBody, World, type Member } from './support/world.js';

const API = '/api/v1';
const BEARER = { type: 'bearer' } as const;
const unique = () => randomBytes(4).toString('hex');

/**
 * The account holes a hostile insider would use, walked as an admin, a lead of another
 * office and a member of another party, each shown refused (or, where an admin must still
 * be able to staff an office, shown to the office's lead).
 */
describe('a hostile insider and accounts', () => {
  let t: TestApp;
  let world: World;
  let admin: Member;
  let officeA: string;
  let leadA: Member;
  let assistantA: Member;
  let leadB: Member; // another office, same party
  let otherParty: Member;
  let fileOfA: string;

  beforeAll(async () => {
    t = await startTestApp({
      LOGIN_ADDRESS_RATE_LIMIT: '20',
      PASSWORD_HASH_CONCURRENCY: '1',
      PASSWORD_HASH_QUEUE: '2',
    });
    world = new World(t);
    admin = await world.admin();
    const party = (await world.party()).id;
    officeA = (await world.office(party)).id;
    const officeB = (await world.office(party)).id;
    const officeC = (await world.office((await world.party()).id)).id;
    leadA = await world.member(officeA, 'office_lead');
    assistantA = await world.member(officeA);
    leadB = await world.member(officeB, 'office_lead');
    otherParty = await world.member(officeC);
    fileOfA = (await as(assistantA).post('/cases', caseBody()).expect(201)).body.id;
  }, 180_000);
  afterAll(() => t.close());

  function as(m: Member) {
    return {
      get: (path: string) => t.http().get(`${API}${path}`).auth(m.token, BEARER),
      post: (path: string, body: object) => t.http().post(`${API}${path}`).auth(m.token, BEARER).send(body),
      patch: (path: string, body: object) => t.http().patch(`${API}${path}`).auth(m.token, BEARER).send(body),
    };
  }
  const login = (email: string, password: string, from = '198.51.100.1') =>
    t.http().post(`${API}/auth/login`).set('X-Forwarded-For', from).send({ email, password });
  const newMember = () => {
    const email = `insider.${unique()}@test.riding-relay.ca`;
    return { email, displayName: 'New member', role: 'assistant', languages: ['en'] };
  };

  describe('an admin making an assistant to read the files of an office', () => {
    it('cannot choose the password of a new member', async () => {
      const body = { ...newMember(), password: 'admin-chose-this-password' };
      const res = await as(admin).post(`/offices/${officeA}/members`, body);
      expect(res.status).toBe(400);
      await login(body.email, body.password).expect(401);
    }, 180_000);

    it('cannot set or reset the password of an existing assistant', async () => {
      const patch = await as(admin).patch(`/users/${assistantA.id}`, { password: 'admin-chose-this-password' });
      expect(patch.status).toBe(400);
      const again = await as(admin).post(`/offices/${officeA}/members`, { ...newMember(), email: assistantA.email });
      expect(again.status).toBe(409); // no second invitation for an existing account
      await login(assistantA.email, 'admin-chose-this-password').expect(401);
    }, 180_000);

    it("reads no file itself, and an assistant it invites is on the office's trail, seen by the lead", async () => {
      const read = await as(admin).get(`/cases/${fileOfA}`);
      expect({ status: read.status, code: read.body.code }).toEqual({ status: 403, code: 'office_required' });
      const invited = (await as(admin).post(`/offices/${officeA}/members`, newMember()).expect(201)).body;
      const trail = (await as(leadA).get('/audit?action=member.created_by_admin').expect(200)).body.items as {
        targetId: string;
      }[];
      expect(trail.filter((e) => e.targetId === invited.id)).toEqual([
        expect.objectContaining({ actorId: admin.id, officeId: officeA }),
      ]);
      // The lead ends it: the account is deactivated and its invitation no longer works.
      await as(leadA).patch(`/users/${invited.id}`, { active: false }).expect(200);
      const accept = await t
        .http()
        .post(`${API}/auth/invitations/accept`)
        .send({ token: invited.invitation.token, password: 'admin-now-reads-files' });
      expect(accept.status).toBe(401);
    }, 180_000);
  });

  describe('a lead signing in as one of its assistants', () => {
    it('never knows the password, cannot reuse the invitation, nor see its token again', async () => {
      const body = newMember();
      const key = `insider-${unique()}`;
      const created = await as(leadA).post(`/offices/${officeA}/members`, body).set('Idempotency-Key', key);
      expect(created.status).toBe(201);
      const token = created.body.invitation.token as string;
      await t
        .http()
        .post(`${API}/auth/invitations/accept`)
        .send({ token, password: 'only-the-assistant-knows' })
        .expect(200);

      // The used token, a replay of the creation, the member list: nothing lets the lead in.
      const reuse = await t
        .http()
        .post(`${API}/auth/invitations/accept`)
        .send({ token, password: 'the-lead-would-like-this' });
      expect(reuse.status).toBe(401);
      const replay = await as(leadA).post(`/offices/${officeA}/members`, body).set('Idempotency-Key', key);
      expect(replay.body.invitation.token).toBeNull();
      const list = await as(leadA).get(`/offices/${officeA}/members?limit=200`).expect(200);
      expect(JSON.stringify(list.body)).not.toMatch(/invitation|token|password/i);
      await login(body.email, 'the-lead-would-like-this').expect(401);
      expect((await as(leadA).patch(`/users/${created.body.id}`, { password: 'x'.repeat(16) })).status).toBe(400);
    }, 180_000);

    it('cannot change anyone but itself through POST /auth/password', async () => {
      const res = await as(leadA).post('/auth/password', {
        currentPassword: PASSWORD,
        newPassword: 'the-lead-would-like-this',
        userId: assistantA.id,
      });
      expect(res.status).toBe(400);
      await login(assistantA.email, PASSWORD).expect(200);
    }, 180_000);
  });

  describe('a lead of another office and a member of another party', () => {
    it('cannot add members to, or touch the accounts of, an office not theirs', async () => {
      expect((await as(leadB).post(`/offices/${officeA}/members`, newMember())).status).toBe(403);
      expect((await as(otherParty).post(`/offices/${officeA}/members`, newMember())).status).toBe(403);
      expect((await as(leadB).patch(`/users/${assistantA.id}`, { active: false })).status).toBe(404);
      expect((await as(otherParty).patch(`/users/${assistantA.id}`, { displayName: 'Mine' })).status).toBe(404);
    }, 180_000);
  });

  describe('a login flood', () => {
    it('is refused (429 with Retry-After) while a real sign-in from elsewhere still goes through', async () => {
      const flooder = '203.0.113.66';
      const flood = Array.from({ length: 40 }, (_, i) =>
        login(`flood.${i}.${unique()}@example.org`, 'guess-guess-guess', flooder).then((res) => res),
      );
      const answers = await Promise.all(flood);
      expect(answers.every((res) => res.status === 401 || res.status === 429)).toBe(true);
      const refused = answers.filter((res) => res.status === 429);
      expect(refused.length).toBeGreaterThanOrEqual(20); // the address limit (20 a minute) at the least
      for (const res of refused) expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      await login(assistantA.email, PASSWORD, '203.0.113.67').expect(200);
      // The flooding address stays refused, whatever e-mail it tries next.
      expect((await login(assistantA.email, PASSWORD, flooder)).status).toBe(429);
    }, 180_000);
  });
});
