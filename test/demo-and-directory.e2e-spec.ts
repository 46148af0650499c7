import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import request from 'supertest';
import { freePort, ServerProcess } from '../scripts/server-process.js';
import { createTestDatabase } from './support/test-database.js';
import { ADMIN, AUDIT_KEY } from './support/test-app.js';

const API = '/api/v1';
const run = promisify(execFile);
const LOADING_MS = 120_000; // a start that loads 343 ridings, on a busy two-core machine
const BASE_ENV = {
  LOG_LEVEL: 'silent',
  JWT_SECRET: 'test-secret-that-is-long-enough-0123456789',
  AUDIT_KEY,
  ADMIN_EMAIL: ADMIN.email,
  ADMIN_PASSWORD: ADMIN.password,
  DB_POOL_SIZE: '3',
};

async function count(url: string, sql: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query(sql)).rows[0].n);
  } finally {
    await client.end();
  }
}

/** SEED_DEMO and the directory: no demo accounts in production, ridings without them. */
describe('demo accounts and the directory', () => {
  const databases: { drop(): Promise<void> }[] = [];
  const servers: ServerProcess[] = [];
  afterAll(async () => {
    for (const server of servers) await server.stop();
    for (const database of databases) await database.drop();
  });

  async function server(env: Record<string, string>): Promise<{ server: ServerProcess; url: string; appUrl: string }> {
    const database = await createTestDatabase();
    databases.push(database);
    // Production serves as the restricted role and migrates as the owner, as an operator sets it up.
    const urls: Record<string, string> =
      env.NODE_ENV === 'production'
        ? { DATABASE_URL: database.appUrl, MIGRATION_DATABASE_URL: database.url }
        : { DATABASE_URL: database.url };
    const node = new ServerProcess(await freePort(), { ...BASE_ENV, ...urls, ...env });
    servers.push(node);
    return { server: node, url: database.url, appUrl: database.appUrl };
  }

  it('refuses to start with SEED_DEMO=1 when NODE_ENV=production, naming the variable', async () => {
    const { server: node, url } = await server({ NODE_ENV: 'production', SEED_DEMO: '1' });
    await expect(node.start()).rejects.toThrow(/exited with 1[\s\S]*SEED_DEMO/);
    expect(await count(url, `SELECT count(*) AS n FROM users WHERE email LIKE '%@demo.riding-relay.ca'`)).toBe(0);
  }, 300_000);

  it('loads the ridings, borders and parties in production with LOAD_DIRECTORY=1, once, and no demo account', async () => {
    const { server: node, url, appUrl } = await server({ NODE_ENV: 'production', LOAD_DIRECTORY: '1' });
    await node.start(LOADING_MS);
    const login = await request(node.baseUrl).post(`${API}/auth/login`).send(ADMIN).expect(200);
    const page = await request(node.baseUrl)
      .get(`${API}/offices?q=Nepean`)
      .auth(login.body.accessToken, { type: 'bearer' })
      .expect(200);
    const nepean = (page.body.items as { code: string; name: string; neighbourIds: string[] }[]).find(
      (office) => office.code === '35067',
    );
    expect(nepean).toMatchObject({ name: 'Nepean' });
    expect(nepean!.neighbourIds.length).toBeGreaterThan(0);
    const tally = async () =>
      [
        await count(url, `SELECT count(*) AS n FROM offices`),
        await count(url, `SELECT count(*) AS n FROM office_neighbours`),
        await count(url, `SELECT count(*) AS n FROM parties`),
        await count(url, `SELECT count(*) AS n FROM channel_members`),
        await count(url, `SELECT count(*) AS n FROM users`),
      ] as const;
    const first = await tally();
    expect(first[0]).toBe(343);
    expect(first[1]).toBe(2 * 894);
    expect(first[2]).toBe(5);
    expect(first[4]).toBe(1); // the admin from ADMIN_EMAIL, nobody else
    // Each office's MP, who signs its letters, comes with the directory (no demo needed).
    expect(await count(url, `SELECT count(*) AS n FROM offices WHERE code = '35067' AND mp_name = 'Mark Carney'`)).toBe(
      1,
    );
    expect(await count(url, `SELECT count(*) AS n FROM offices WHERE mp_name IS NOT NULL`)).toBeGreaterThan(330);

    // Again at the next start, and by the npm script: nothing is added twice.
    await node.stop();
    await node.start(LOADING_MS);
    const script = await run(process.execPath, [resolve('dist/scripts/load-directory.js')], {
      env: {
        PATH: process.env.PATH ?? '',
        ...BASE_ENV,
        NODE_ENV: 'production',
        DATABASE_URL: appUrl,
        MIGRATION_DATABASE_URL: url,
      },
    });
    expect(script.stdout).toMatch(/0 parties, 0 offices, 0 borders added/);
    expect(await tally()).toEqual(first);
  }, 300_000);

  it('npm run load:directory loads a fresh database on its own', async () => {
    const { url } = await server({});
    const script = await run(process.execPath, [resolve('dist/scripts/load-directory.js')], {
      env: { PATH: process.env.PATH ?? '', ...BASE_ENV, NODE_ENV: 'test', DATABASE_URL: url },
    });
    expect(script.stdout).toMatch(/5 parties, 343 offices, 894 borders added/);
    expect(await count(url, `SELECT count(*) AS n FROM channels WHERE kind = 'party'`)).toBe(5);
  }, 300_000);

  it('gives the demo accounts a random password, printed at start, not the published one', async () => {
    const { server: node } = await server({ NODE_ENV: 'development', SEED_DEMO: '1' });
    await node.start(LOADING_MS);
    const password = /password \(random, shown this once\): (\S+)/.exec(node.log)?.[1];
    expect(password).toBeDefined();
    expect(password!.length).toBeGreaterThanOrEqual(16);
    for (const email of ['assistant.nepean@demo.riding-relay.ca', 'lead.carleton@demo.riding-relay.ca']) {
      expect(node.log).toContain(email);
      await request(node.baseUrl).post(`${API}/auth/login`).send({ email, password }).expect(200);
      await request(node.baseUrl)
        .post(`${API}/auth/login`)
        .send({ email, password: 'relay-demo-password' })
        .expect(401);
    }
  }, 300_000);
});
