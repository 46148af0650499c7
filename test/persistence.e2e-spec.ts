import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import request from 'supertest';
import { freePort, ServerProcess } from '../scripts/server-process.js';
import { ADMIN } from './support/test-app.js';

const API = '/api/v1';
const LEGACY = 'relay-local-only'; // the fixed password of clusters made before this release

async function connects(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

// `npm start` with no DATABASE_URL: the embedded PostgreSQL under DATA_DIR, kept across restarts.
describe('the embedded database', () => {
  let dataDir: string;
  let server: ServerProcess;
  let port: number;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'relay-data-'));
    port = await freePort();
    server = new ServerProcess(await freePort(), {
      LOG_LEVEL: 'silent',
      DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(port),
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
    });
  });
  afterAll(async () => {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps its data when the server is started twice on the same DATA_DIR', async () => {
    await server.start(120_000);
    const login = await request(server.baseUrl).post(`${API}/auth/login`).send(ADMIN).expect(200);
    const party = await request(server.baseUrl)
      .post(`${API}/parties`)
      .auth(login.body.accessToken, { type: 'bearer' })
      .send({ name: 'Persistence Party', shortName: 'PP' })
      .expect(201);
    expect(await server.stop('SIGTERM')).toBe(0);

    await server.start(120_000);
    // The session survives too: the development JWT secret is kept in DATA_DIR.
    const parties = await request(server.baseUrl)
      .get(`${API}/parties`)
      .auth(login.body.accessToken, { type: 'bearer' })
      .expect(200);
    expect(parties.body.items).toEqual([expect.objectContaining({ id: party.body.id, name: 'Persistence Party' })]);
    // Only one admin: the second start found one and created none.
    const audit = await request(server.baseUrl)
      .get(`${API}/audit?action=user.created`)
      .auth(login.body.accessToken, { type: 'bearer' })
      .expect(200);
    expect(audit.body.items).toHaveLength(1);
  }, 300_000);

  it("generates the embedded superuser's password, and gives one to a cluster still on the old fixed string", async () => {
    const saved = (await readFile(join(dataDir, 'pg-password'), 'utf8')).trim();
    expect(saved).toMatch(/^[\w-]{32}$/);
    const signIn = (password: string) => connects(`postgres://relay:${password}@127.0.0.1:${port}/relay`);
    expect(await signIn(LEGACY)).toBe(false);
    expect(await signIn(saved)).toBe(true);

    // A cluster made before passwords were generated: the fixed password, no file.
    const db = new pg.Client({ connectionString: `postgres://relay:${saved}@127.0.0.1:${port}/relay` });
    await db.connect();
    await db.query(`ALTER ROLE relay PASSWORD '${LEGACY}'`);
    await db.end();
    await rm(join(dataDir, 'pg-password'));
    expect(await server.stop('SIGTERM')).toBe(0);

    await server.start(120_000);
    const fresh = (await readFile(join(dataDir, 'pg-password'), 'utf8')).trim();
    expect(fresh).not.toBe(saved);
    expect(await signIn(LEGACY)).toBe(false);
    expect(await signIn(fresh)).toBe(true);
    await request(server.baseUrl).post(`${API}/auth/login`).send(ADMIN).expect(200);
  }, 300_000);
});
