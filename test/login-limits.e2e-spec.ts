import { randomBytes } from 'node:crypto';
import { freePort, ServerProcess } from '../scripts/server-process.js';
import { PASSWORD, startTestApp, type TestApp } from './support/test-app.js';
import { World } from './support/world.js';

const API = '/api/v1';
const unique = () => randomBytes(4).toString('hex');
const address = () => `203.0.113.${1 + Math.floor(Math.random() * 250)}`;

/** Login limits: per address, per account, a bounded hashing queue, and client addresses behind a proxy. */
describe('login limits', () => {
  const apps: TestApp[] = [];
  afterAll(async () => {
    for (const app of apps) await app.close();
  });
  async function app(env: Record<string, string>): Promise<TestApp> {
    const started = await startTestApp(env);
    apps.push(started);
    return started;
  }
  const attempt = (t: TestApp, email: string, from?: string, password = 'wrong-password-here') => {
    const req = t.http().post(`${API}/auth/login`);
    if (from) req.set('X-Forwarded-For', from);
    return req.send({ email, password });
  };

  it('limits one address spraying many e-mails, and only that address', async () => {
    const t = await app({ LOGIN_ADDRESS_RATE_LIMIT: '4' });
    const sprayer = '198.51.100.7';
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await attempt(t, `spray.${i}.${unique()}@example.org`, sprayer)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    const refused = await attempt(t, `spray.last.${unique()}@example.org`, sprayer);
    expect(refused.body.code).toBe('rate_limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await attempt(t, `other.${unique()}@example.org`, '198.51.100.8')).status).toBe(401);
  }, 180_000);

  it('limits many addresses trying one account', async () => {
    const t = await app({ LOGIN_ACCOUNT_RATE_LIMIT: '3' });
    const world = new World(t);
    const officeId = (await world.office(null)).id;
    const victim = await world.member(officeId); // one sign-in already counted
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await attempt(t, victim.email, `192.0.2.${10 + i}`)).status);
    expect(statuses).toEqual([401, 401, 429, 429]);
    // Another account from the same addresses is not affected.
    const other = await world.member(officeId);
    await attempt(t, other.email, '192.0.2.10', PASSWORD).expect(200);
  }, 180_000);

  it('bounds concurrent password hashing: a flood gets 429 with Retry-After, the event loop keeps answering', async () => {
    const t = await app({ PASSWORD_HASH_CONCURRENCY: '1', PASSWORD_HASH_QUEUE: '2' });
    const world = new World(t);
    const member = await world.member((await world.office(null)).id);
    // Sent at once (a supertest request leaves when it is awaited or then-ed).
    const flood = Array.from({ length: 40 }, (_, i) =>
      attempt(t, `flood.${i}.${unique()}@example.org`, address()).then((res) => res),
    );
    // While the flood is being hashed, the server answers other requests at once.
    const started = Date.now();
    await t.http().get(`${API}/health`).expect(200);
    const healthMs = Date.now() - started;
    const answers = await Promise.all(flood);
    const statuses = answers.map((res) => res.status);
    expect(statuses.every((status) => status === 401 || status === 429)).toBe(true);
    const refused = answers.filter((res) => res.status === 429);
    expect(refused.length).toBeGreaterThan(10);
    for (const res of refused) {
      expect(res.body.code).toBe('rate_limited');
      expect(res.headers['retry-after']).toBe('1');
    }
    // Hashing runs off the event loop and is bounded; on a busy shared machine only a loose bound is fair.
    expect(healthMs).toBeLessThan(10_000);
    // Once it has passed, a real sign-in goes through.
    await attempt(t, member.email, address(), PASSWORD).expect(200);
  }, 180_000);

  describe('client addresses behind a proxy (TRUST_PROXY)', () => {
    it('gives clients behind a trusted proxy their own login buckets', async () => {
      const t = await app({ LOGIN_ADDRESS_RATE_LIMIT: '3' }); // TRUST_PROXY defaults to loopback: the test client
      for (let i = 0; i < 3; i++) await attempt(t, `a.${i}.${unique()}@example.org`, '203.0.113.1').expect(401);
      await attempt(t, `a.x.${unique()}@example.org`, '203.0.113.1').expect(429);
      await attempt(t, `b.${unique()}@example.org`, '203.0.113.2').expect(401);
    }, 180_000);

    it("ignores an untrusted peer's X-Forwarded-For", async () => {
      const t = await app({ LOGIN_ADDRESS_RATE_LIMIT: '3', TRUST_PROXY: '10.0.0.1' });
      // Every request comes from 127.0.0.1, which is not the trusted proxy: one bucket, whatever the header says.
      for (let i = 0; i < 3; i++) await attempt(t, `c.${i}.${unique()}@example.org`, `203.0.113.${20 + i}`).expect(401);
      await attempt(t, `c.x.${unique()}@example.org`, '203.0.113.99').expect(429);
    }, 180_000);

    it('refuses a TRUST_PROXY that is not a valid setting, naming it', async () => {
      for (const value of ['true', 'every-proxy', '10.0.0.0/33']) {
        const server = new ServerProcess(await freePort(), {
          NODE_ENV: 'test',
          LOG_LEVEL: 'silent',
          JWT_SECRET: 'test-secret-that-is-long-enough-0123456789',
          DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
          TRUST_PROXY: value,
        });
        await expect(server.start()).rejects.toThrow(/exited with 1[\s\S]*TRUST_PROXY/);
      }
    }, 180_000);
  });
});
