import { PASSWORD, startTestApp, type TestApp } from './support/test-app.js';
import { caseBody, World, type Member } from './support/world.js';
import { LiveClient } from './support/live-client.js';

const API = '/api/v1';
const BEARER = { type: 'bearer' } as const;

interface Case {
  id: string;
  status: string;
  outcome: string | null;
  transitionReview: boolean;
}

function disconnection(client: LiveClient, ms: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the socket was still connected after ${ms} ms`)), ms);
    client.socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}

async function eventually<T>(what: string, probe: () => Promise<T>, done: (value: T) => boolean, ms = 15_000) {
  const deadline = Date.now() + ms;
  let value = await probe();
  while (!done(value)) {
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    value = await probe();
  }
  return value;
}

describe('a seat changes hands', () => {
  let t: TestApp;
  let world: World;
  let admin: Member;
  let oldParty: { id: string };
  let newParty: { id: string };
  let office: { id: string };
  let lead: Member;
  let assistant: Member;
  let neighbour: Member;
  let files: { open: string; waiting: string; resolved: string };

  const as = (m: Member) => ({
    get: (path: string) => t.http().get(`${API}${path}`).auth(m.token, BEARER),
    post: (path: string, body: object = {}) => t.http().post(`${API}${path}`).auth(m.token, BEARER).send(body),
    patch: (path: string, body: object) => t.http().patch(`${API}${path}`).auth(m.token, BEARER).send(body),
  });
  const consent = (m: Member, caseId: string) =>
    as(m)
      .post(`/cases/${caseId}/consents`, {
        scope: 'share_with_offices',
        grantedAt: new Date(Date.now() - 1000).toISOString(),
        evidence: 'IMM 5476 signed',
      })
      .expect(201);
  const partyChannel = async (partyId: string) =>
    (await t.db.query(`SELECT id FROM channels WHERE kind = 'party' AND party_id = $1`, [partyId])).rows[0]
      .id as string;
  const members = async (channelId: string) =>
    (await t.db.query(`SELECT office_id FROM channel_members WHERE channel_id = $1`, [channelId])).rows.map(
      (r: { office_id: string }) => r.office_id,
    );
  const auditCount = async (action: string, officeId = office.id) =>
    Number(
      (await t.db.query(`SELECT count(*) FROM audit_events WHERE action = $1 AND office_id = $2`, [action, officeId]))
        .rows[0].count,
    );

  beforeAll(async () => {
    t = await startTestApp({ JOB_INTERVAL_SECONDS: '1' });
    world = new World(t);
    admin = await world.admin();
    oldParty = await world.party();
    newParty = await world.party();
    office = await world.office(oldParty.id);
    lead = await world.member(office.id, 'office_lead');
    assistant = await world.member(office.id);
    neighbour = await world.member((await world.office(oldParty.id)).id);
    const create = async () => ((await as(assistant).post('/cases', caseBody()).expect(201)).body as Case).id;
    files = { open: await create(), waiting: await create(), resolved: await create() };
    await as(assistant).patch(`/cases/${files.waiting}`, { status: 'awaiting_ircc' }).expect(200);
    await as(assistant).patch(`/cases/${files.resolved}`, { status: 'resolved', outcome: 'approved' }).expect(200);
    await consent(assistant, files.open); // recorded before the transition: it will not do
  });
  afterAll(() => t.close());

  it('is scheduled by an admin only, with valid input', async () => {
    const effectiveAt = new Date(Date.now() + 60_000).toISOString();
    for (const m of [lead, assistant]) {
      expect((await as(m).post(`/offices/${office.id}/transitions`, { effectiveAt }).expect(403)).body.code).toBe(
        'forbidden',
      );
    }
    for (const body of [{}, { effectiveAt: 'tomorrow' }, { effectiveAt, partyId: 'x' }, { effectiveAt, extra: 1 }]) {
      await as(admin).post(`/offices/${office.id}/transitions`, body).expect(400);
    }
    const noParty = await as(admin)
      .post(`/offices/${office.id}/transitions`, { effectiveAt, partyId: '00000000-0000-4000-8000-000000000000' })
      .expect(400);
    expect(noParty.body.errors).toEqual([expect.objectContaining({ field: 'partyId' })]);
    await as(admin).post(`/offices/00000000-0000-4000-8000-000000000000/transitions`, { effectiveAt }).expect(404);
    expect(Number((await t.db.query(`SELECT count(*) FROM office_transitions`)).rows[0].count)).toBe(0);
  });

  it('at its time: accounts and sockets cut, the party channel switched, open files under review', async () => {
    const socket = await LiveClient.connect(t.baseUrl, assistant.token);
    const gone = disconnection(socket, 20_000);
    const oldChannel = await partyChannel(oldParty.id);
    const newChannel = await partyChannel(newParty.id);
    const watcher = await LiveClient.connect(t.baseUrl, neighbour.token);
    await watcher.send('subscribe', { channelId: oldChannel });

    const effectiveAt = new Date(Date.now() + 2000).toISOString();
    const created = await as(admin)
      .post(`/offices/${office.id}/transitions`, { effectiveAt, partyId: newParty.id })
      .expect(201);
    expect(created.body).toMatchObject({ officeId: office.id, effectiveAt, partyId: newParty.id, status: 'scheduled' });
    await as(admin).post(`/offices/${office.id}/transitions`, { effectiveAt }).expect(409); // one at a time

    const applied = await eventually(
      'the transition',
      async () => (await as(admin).get(`/offices/${office.id}/transitions`).expect(200)).body.items[0],
      (row: { status: string; appliedAt: string }) => row.status === 'applied',
    );
    expect(applied).toMatchObject({ fromPartyId: oldParty.id, deactivatedAccounts: 2, filesUnderReview: 2 });
    expect(new Date(applied.appliedAt).getTime()).toBeGreaterThanOrEqual(new Date(effectiveAt).getTime());

    // Accounts: tokens refused at once, refresh and sign-in too, the socket closed.
    await gone;
    for (const m of [lead, assistant]) {
      await as(m).get('/me').expect(401);
      await t.http().post(`${API}/auth/refresh`).send({ refreshToken: m.refreshToken }).expect(401);
      await t.http().post(`${API}/auth/login`).send({ email: m.email, password: PASSWORD }).expect(401);
    }
    // The office follows its new party into that party's channel.
    expect((await as(admin).get(`/offices/${office.id}`).expect(200)).body.partyId).toBe(newParty.id);
    expect(await members(oldChannel)).not.toContain(office.id);
    expect(await members(newChannel)).toContain(office.id);
    await watcher.waitFor((events) =>
      events.some(
        (e) => e.type === 'channel.member_removed' && (e.data as { officeId: string }).officeId === office.id,
      ),
    );
    watcher.close();
    // Every step is in the audit trail, once.
    expect(await auditCount('office.transition_scheduled')).toBe(1);
    expect(await auditCount('office.transition_applied')).toBe(1);
    expect(await auditCount('user.deactivated')).toBe(2);
    expect(await auditCount('case.transition_review')).toBe(2);
    expect(await auditCount('channel.member_removed')).toBe(1);
    expect(await auditCount('channel.member_added')).toBeGreaterThanOrEqual(1);
  });

  it('the new team keeps a file only with a fresh consent, or refers it', async () => {
    const newcomer = await world.member(office.id);
    const list = (await as(newcomer).get('/cases').expect(200)).body.items as Case[];
    const review = Object.fromEntries(list.map((c) => [c.id, c.transitionReview]));
    expect(review).toEqual({ [files.open]: true, [files.waiting]: true, [files.resolved]: false });
    // The office's report counts them.
    const report = (await as(newcomer).get('/reports/caseload?groupBy=category').expect(200)).body;
    expect(report.groups.find((g: { key: string }) => g.key === 'immigration')).toMatchObject({
      open: 2,
      underReview: 2,
    });

    // The consent recorded by the old team does not carry over; nor can the file be worked on meanwhile.
    expect((await as(newcomer).post(`/cases/${files.open}/continue`).expect(409)).body.code).toBe('consent_missing');
    expect((await as(newcomer).patch(`/cases/${files.open}`, { summary: 'x' }).expect(409)).body.code).toBe(
      'consent_missing',
    );
    await as(newcomer).post(`/cases/${files.open}/continue`, { decision: 'later' }).expect(400);
    await consent(newcomer, files.open);
    const kept = (await as(newcomer).post(`/cases/${files.open}/continue`).expect(200)).body as Case;
    expect(kept).toMatchObject({ status: 'open', transitionReview: false });
    await as(newcomer).post(`/cases/${files.open}/continue`).expect(409); // no longer under review

    const referred = (await as(newcomer).post(`/cases/${files.waiting}/continue`, { decision: 'refer' }).expect(200))
      .body as Case;
    expect(referred).toMatchObject({ status: 'closed', outcome: 'referred', transitionReview: false });
    expect(await auditCount('case.transition_reviewed')).toBe(2);

    // Another office's member sees none of it.
    await as(neighbour).post(`/cases/${files.open}/continue`).expect(404);
    expect((await as(admin).get(`/offices/${office.id}/transitions`).expect(200)).body.items).toHaveLength(1);
    await as(neighbour).get(`/offices/${office.id}/transitions`).expect(404);
  });
});
