import { startTestApp, type TestApp } from './support/test-app.js';
import { caseBody, World, type Member } from './support/world.js';

const API = '/api/v1';
const BEARER = { type: 'bearer' } as const;
const HOUR = 3_600_000;

interface QueueItem {
  id: string;
  reference: string;
  urgency: string;
  createdAt: string;
  deadline: string | null;
  dueAt: string | null;
  dueReason: string | null;
  overdue: boolean;
}

/**
 * The triage queue on hand-built files: each test makes a fresh office, so its queue holds
 * only the files the test put there.
 */
describe('the triage queue', () => {
  let t: TestApp;
  let world: World;
  let partyId: string;

  beforeAll(async () => {
    t = await startTestApp();
    world = new World(t);
    partyId = (await world.party()).id;
  });
  afterAll(() => t.close());

  const as = (m: Member) => ({
    get: (path: string) => t.http().get(`${API}${path}`).auth(m.token, BEARER),
    post: (path: string, body: object) => t.http().post(`${API}${path}`).auth(m.token, BEARER).send(body),
    patch: (path: string, body: object) => t.http().patch(`${API}${path}`).auth(m.token, BEARER).send(body),
  });

  async function freshOffice() {
    const office = await world.office(partyId);
    return { office, a: await world.member(office.id), b: await world.member(office.id) };
  }

  async function open(m: Member, overrides: Record<string, unknown> = {}): Promise<QueueItem> {
    return (await as(m).post('/cases', caseBody(overrides)).expect(201)).body as QueueItem;
  }

  /** Ends a file's intake window without changing anything else. */
  const actOn = (m: Member, id: string) => as(m).post(`/cases/${id}/notes`, { body: 'Called back' }).expect(201);

  async function queue(m: Member, query = ''): Promise<QueueItem[]> {
    const res = await as(m).get(`/cases/queue?limit=200${query}`).expect(200);
    return res.body.items as QueueItem[];
  }

  const inHours = (h: number) => new Date(Date.now() + h * HOUR).toISOString();

  it('orders a deadline, intake windows and files with nothing due, and says why each is due', async () => {
    const { a } = await freshOffice();
    const routine = await open(a, { urgency: 'routine' }); // 10 business days
    const quiet = await open(a, { urgency: 'emergency' }); // acted on: nothing due
    await actOn(a, quiet.id);
    const emergency = await open(a, { urgency: 'emergency' }); // 4 hours
    const removal = await open(a, { urgency: 'priority', deadline: inHours(1) });
    const priority = await open(a, { urgency: 'priority' }); // 2 business days

    const items = await queue(a);
    expect(items.map((i) => i.id)).toEqual([removal.id, emergency.id, priority.id, routine.id, quiet.id]);
    const byId = new Map(items.map((i) => [i.id, i]));
    expect(byId.get(removal.id)).toMatchObject({ dueReason: 'deadline', dueAt: removal.deadline, overdue: false });
    expect(byId.get(emergency.id)).toMatchObject({ dueReason: 'intake_window', overdue: false });
    expect(Date.parse(byId.get(emergency.id)!.dueAt!)).toBe(Date.parse(emergency.createdAt) + 4 * HOUR);
    expect(byId.get(quiet.id)).toMatchObject({ dueAt: null, dueReason: null, overdue: false });
    // The list view's fields are all there.
    expect(byId.get(routine.id)).toMatchObject({ reference: routine.reference, access: 'full', status: 'open' });
  });

  it('weighs follow-ups and IRCC replies against deadlines and intake windows', async () => {
    const { a } = await freshOffice();
    const withFollowUp = await open(a, { urgency: 'routine' });
    await as(a)
      .post(`/cases/${withFollowUp.id}/follow-ups`, { dueAt: inHours(1), note: 'Chase the biometrics letter' })
      .expect(201);
    const awaitingIrcc = await open(a, { urgency: 'routine' });
    const enquiry = await as(a)
      .post(`/cases/${awaitingIrcc.id}/interactions`, {
        kind: 'ircc_enquiry',
        direction: 'outbound',
        occurredAt: inHours(-1),
        replyDueAt: inHours(0.5),
        summary: 'Asked MCMPS for the file status',
      })
      .expect(201);
    const removal = await open(a, { urgency: 'routine', deadline: inHours(2) });
    const emergency = await open(a, { urgency: 'emergency' });
    const quiet = await open(a, { urgency: 'emergency' });
    await actOn(a, quiet.id);
    // A follow-up at the very time of the deadline: the deadline names the reason.
    const tied = await open(a, { urgency: 'routine', deadline: inHours(3) });
    await as(a).post(`/cases/${tied.id}/follow-ups`, { dueAt: tied.deadline, note: 'Same time' }).expect(201);

    const items = await queue(a);
    expect(items.map((i) => [i.id, i.dueReason])).toEqual([
      [awaitingIrcc.id, 'ircc_reply'],
      [withFollowUp.id, 'follow_up'],
      [removal.id, 'deadline'],
      [tied.id, 'deadline'],
      [emergency.id, 'intake_window'],
      [quiet.id, null],
    ]);
    expect(items[0].dueAt).toBe(enquiry.body.replyDueAt);
  });

  it('breaks ties of due time by urgency, then age, and marks what is overdue', async () => {
    const { a } = await freshOffice();
    const due = inHours(-2);
    const olderRoutine = await open(a, { urgency: 'routine', deadline: due });
    const newerRoutine = await open(a, { urgency: 'routine', deadline: due });
    const emergency = await open(a, { urgency: 'emergency', deadline: due });
    const items = await queue(a);
    expect(items.map((i) => i.id)).toEqual([emergency.id, olderRoutine.id, newerRoutine.id]);
    expect(items.every((i) => i.overdue && i.dueReason === 'deadline')).toBe(true);
  });

  it('leaves resolved and closed files out, and a status change ends the intake window', async () => {
    const { a } = await freshOffice();
    const resolved = await open(a);
    await as(a).patch(`/cases/${resolved.id}`, { status: 'resolved', outcome: 'approved' }).expect(200);
    const waiting = await open(a, { urgency: 'emergency' });
    await as(a).patch(`/cases/${waiting.id}`, { status: 'awaiting_ircc' }).expect(200);
    const items = await queue(a);
    expect(items.map((i) => i.id)).toEqual([waiting.id]);
    expect(items[0]).toMatchObject({ dueAt: null, dueReason: null });
  });

  it('recomputes an open intake window when the urgency changes', async () => {
    const { a } = await freshOffice();
    const file = await open(a, { urgency: 'routine' });
    await as(a).patch(`/cases/${file.id}`, { urgency: 'emergency' }).expect(200);
    const [item] = await queue(a);
    expect(Date.parse(item.dueAt!)).toBe(Date.parse(file.createdAt) + 4 * HOUR);
  });

  it('pages with cursors through the same order, and filters by urgency and assignee', async () => {
    const { a, b } = await freshOffice();
    const made = [];
    for (const [i, urgency] of ['routine', 'emergency', 'priority', 'routine', 'emergency'].entries()) {
      made.push(
        await open(a, { urgency, assigneeId: i % 2 ? b.id : a.id, ...(i === 3 ? { deadline: inHours(2) } : {}) }),
      );
    }
    await actOn(a, made[0].id); // one with nothing due, so a page boundary crosses the nulls
    const all = (await queue(a)).map((i) => i.id);
    const paged: string[] = [];
    let after: string | null = null;
    do {
      const res: { body: { items: QueueItem[]; nextCursor: string | null } } = await as(a)
        .get(`/cases/queue?limit=2${after ? `&after=${after}` : ''}`)
        .expect(200);
      paged.push(...(res.body.items as QueueItem[]).map((i) => i.id));
      after = res.body.nextCursor;
    } while (after);
    expect(paged).toEqual(all);
    expect(all).toHaveLength(5);
    expect((await queue(a, '&urgency=emergency')).map((i) => i.id)).toEqual([made[1].id, made[4].id]);
    expect((await queue(a, `&assigneeId=${b.id}`)).map((i) => i.id).sort()).toEqual([made[1].id, made[3].id].sort());
  });

  it("shows only the caller's office's files; admins and bad queries are refused", async () => {
    const mine = await freshOffice();
    const theirs = await freshOffice();
    const file = await open(mine.a);
    expect((await queue(theirs.a)).map((i) => i.id)).not.toContain(file.id);
    const admin = await as(await world.admin()).get('/cases/queue');
    expect({ status: admin.status, code: admin.body.code }).toEqual({ status: 403, code: 'office_required' });
    await t.http().get(`${API}/cases/queue`).expect(401);
    for (const query of ['limit=0', 'limit=201', 'urgency=urgent', 'assigneeId=nope', 'after=bm9wZQ', 'extra=1']) {
      const res = await as(mine.a).get(`/cases/queue?${query}`);
      expect({ query, status: res.status, code: res.body.code }).toEqual({
        query,
        status: 400,
        code: 'validation_failed',
      });
    }
    // A forged cursor of the right shape whose due key is no time is a 400, not a 500.
    const forged = Buffer.from(JSON.stringify(['soon', 0, new Date().toISOString(), file.id])).toString('base64url');
    expect((await as(mine.a).get(`/cases/queue?after=${forged}`)).status).toBe(400);
  });
});

/**
 * A request holds one pooled connection for its transaction. The queue once read its page on
 * a second one: with every connection held by a transaction waiting for another, the pool
 * deadlocked and every request timed out (the bench: 100 of 100, on a pool of 10).
 */
describe('the triage queue under more concurrent requests than pooled connections', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ DB_POOL_SIZE: '2' });
  });
  afterAll(() => t.close());

  it('answers every request, well within the pool timeout', async () => {
    const world = new World(t);
    const office = await world.office((await world.party()).id);
    const members = [await world.member(office.id), await world.member(office.id)];
    await t.http().post(`${API}/cases`).auth(members[0].token, BEARER).send(caseBody()).expect(201);
    const started = Date.now();
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        t
          .http()
          .get(`${API}/cases/queue`)
          .auth(members[i % 2].token, BEARER)
          .timeout(10_000)
          .then((res) => res.status),
      ),
    );
    expect(answers).toEqual(Array(8).fill(200));
    // A connection waited for times out at 5 s.
    expect(Date.now() - started).toBeLessThan(4_000);
  });
});
