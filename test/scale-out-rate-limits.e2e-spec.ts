import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import request from 'supertest';
import { withDatabase } from '../libs/platform/src/database/database-url.js';
import { freePort, ServerProcess } from '../scripts/server-process.js';
import { redisAnswers } from './support/faults.js';
import { ADMIN, AUDIT_KEY, startTestApp, type TestApp } from './support/test-app.js';
import { World } from './support/world.js';

/**
 * Rate limits across two nodes on one Redis: a client that spreads its requests over the
 * nodes gets no more than the limit. Run under `flock /tmp/scaleout.lock` (it uses the
 * machine's Redis at 127.0.0.1:6379, as the scale-out tests do); skipped without it.
 */
const API = '/api/v1';
// A database of its own on the machine's Redis, emptied first: no count left by another run.
const REDIS_DB = 7;
const REDIS_URL = `redis://127.0.0.1:6379/${REDIS_DB}`;
const redisUp = await redisAnswers(6379);
if (!redisUp) console.warn('scale-out rate limits: no Redis answers on 127.0.0.1:6379, so these tests are SKIPPED');
const withRedis = redisUp ? describe : describe.skip;
const unique = () => randomBytes(4).toString('hex');

function flushRedisDb(): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect(6379, '127.0.0.1');
    let reply = '';
    socket.once('connect', () => socket.write(`SELECT ${REDIS_DB}\r\nFLUSHDB\r\n`));
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (reply.split('\r\n').length > 2) {
        socket.destroy();
        if (reply === '+OK\r\n+OK\r\n') resolve();
        else reject(new Error(`redis: ${reply}`));
      }
    });
    socket.once('error', reject);
  });
}

withRedis('rate limits across nodes', () => {
  let t: TestApp;
  let second: ServerProcess;
  const LIMITS = { REDIS_URL, LOGIN_ADDRESS_RATE_LIMIT: '4', USER_RATE_LIMIT: '8' };

  beforeAll(async () => {
    await flushRedisDb();
    t = await startTestApp(LIMITS);
    const { rows } = await t.db.query<{ name: string }>('SELECT current_database() AS name');
    second = new ServerProcess(await freePort(), {
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATABASE_URL: withDatabase(process.env.RELAY_TEST_SERVER_URL!, rows[0].name),
      JWT_SECRET: 'test-secret-that-is-long-enough-0123456789',
      AUDIT_KEY,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      LOGIN_ACCOUNT_RATE_LIMIT: '1000',
      PASSWORD_HASH_QUEUE: '100000',
      DB_POOL_SIZE: '3',
      ...LIMITS,
    });
    await second.start();
  }, 180_000);
  afterAll(async () => {
    await second?.stop();
    await t?.close();
  });

  const nodes = () => [t.baseUrl, second.baseUrl];

  it('counts one address against one login limit on both nodes', async () => {
    // A fresh address each run: the machine's Redis outlives this test.
    const from = `2001:db8:${unique()}::1`;
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await request(nodes()[i % 2])
        .post(`${API}/auth/login`)
        .set('X-Forwarded-For', from)
        .send({ email: `spray.${i}.${unique()}@example.org`, password: 'wrong-password-here' });
      statuses.push(res.status);
    }
    // Counted per node, each would have allowed 4 (8 in all).
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
  }, 180_000);

  it('counts one user against USER_RATE_LIMIT on both nodes and every route', async () => {
    const world = new World(t);
    const member = await world.member((await world.office(null)).id);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await request(nodes()[i % 2])
        .get(`${API}${i % 3 === 0 ? '/me' : '/channels'}`)
        .auth(member.token, { type: 'bearer' });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 8)).toEqual([200, 200, 200, 200, 200, 200, 200, 200]);
    expect(statuses.slice(8)).toEqual([429, 429]);
  }, 180_000);
});
