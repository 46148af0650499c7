import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { freePort, ServerProcess } from '../scripts/server-process.js';
import { ADMIN } from './support/test-app.js';

const API = '/api/v1';

// `npm start` with no DATABASE_URL: the embedded PostgreSQL under DATA_DIR, kept across restarts.
describe('the embedded database', () => {
  let dataDir: string;
  let server: ServerProcess;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'relay-data-'));
    server = new ServerProcess(await freePort(), {
      LOG_LEVEL: 'silent',
      DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: String(await freePort()),
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
    });
  });
  afterAll(async () => {
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps its data when the server is started twice on the same DATA_DIR', async () => {
    await server.start();
    const login = await request(server.baseUrl).post(`${API}/auth/login`).send(ADMIN).expect(200);
    const party = await request(server.baseUrl)
      .post(`${API}/parties`)
      .auth(login.body.accessToken, { type: 'bearer' })
      .send({ name: 'Persistence Party', shortName: 'PP' })
      .expect(201);
    expect(await server.stop('SIGTERM')).toBe(0);

    await server.start();
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
  });
});
