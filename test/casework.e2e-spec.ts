import type { Response } from 'supertest';
import { addBusinessDays } from '../libs/platform/src/calendar/business-days.js';
import { LiveClient } from './support/live-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { caseBody, World, type Member } from './support/world.js';

const API = '/api/v1';
const BEARER = { type: 'bearer' } as const;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

// Free text an assistant writes about a file: must never reach events or the audit trail.
const NOTE = 'Quokka-note: call the constituent back about the removal';
const SUMMARY = 'Quokka-summary: spoke with the constituent about the CBSA interview';

interface Item {
  id: string;
  caseId: string;
  [key: string]: unknown;
}
interface QueueItem {
  id: string;
  dueAt: string | null;
  dueReason: string | null;
  overdue: boolean;
}

const isoIn = (ms: number) => new Date(Date.now() + ms).toISOString();
const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the assistant's day: follow-ups, the contact log, liaison and checklists", () => {
  let t: TestApp;
  let world: World;
  let partyId: string;
  const sockets: LiveClient[] = [];

  beforeAll(async () => {
    t = await startTestApp({ JOB_INTERVAL_SECONDS: '1' });
    world = new World(t);
    partyId = (await world.party()).id;
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(() => t.close());

  const as = (m: Member) => ({
    get: (path: string) => t.http().get(`${API}${path}`).auth(m.token, BEARER),
    post: (path: string, body: object = {}) => t.http().post(`${API}${path}`).auth(m.token, BEARER).send(body),
    patch: (path: string, body: object, ifMatch?: string) => {
      const req = t.http().patch(`${API}${path}`).auth(m.token, BEARER);
      if (ifMatch) req.set('If-Match', ifMatch);
      return req.send(body);
    },
  });

  function expectProblem(res: Response, status: number, code: string) {
    expect({ status: res.status, code: (res.body as { code?: string }).code }).toEqual({ status, code });
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  }

  async function freshOffice() {
    const office = await world.office(partyId);
    return {
      id: office.id,
      a: await world.member(office.id),
      b: await world.member(office.id),
      lead: await world.member(office.id, 'office_lead'),
    };
  }

  const open = async (m: Member, overrides: Record<string, unknown> = {}) =>
    (await as(m).post('/cases', caseBody(overrides)).expect(201)).body as Item & {
      reference: string;
      createdAt: string;
    };

  async function queueItem(m: Member, caseId: string): Promise<QueueItem | undefined> {
    const res = await as(m).get('/cases/queue?limit=200').expect(200);
    return (res.body.items as QueueItem[]).find((item) => item.id === caseId);
  }

  const followUp = async (m: Member, caseId: string, body: Record<string, unknown> = {}) =>
    (
      await as(m)
        .post(`/cases/${caseId}/follow-ups`, { dueAt: isoIn(2 * DAY), note: NOTE, ...body })
        .expect(201)
    ).body as Item;

  const log = async (m: Member, caseId: string, body: Record<string, unknown>) =>
    (
      await as(m)
        .post(`/cases/${caseId}/interactions`, {
          direction: 'outbound',
          occurredAt: isoIn(-MINUTE),
          summary: SUMMARY,
          ...body,
        })
        .expect(201)
    ).body as Item;

  async function noFreeTextLeaked(): Promise<void> {
    const leaks = await t.db.query(
      `SELECT (SELECT count(*) FROM audit_events WHERE data::text LIKE '%Quokka%')::int AS audit,
              (SELECT count(*) FROM events WHERE data::text LIKE '%Quokka%')::int AS events`,
    );
    expect(leaks.rows[0]).toEqual({ audit: 0, events: 0 });
  }

  describe('follow-ups', () => {
    it('are created for the caller or a colleague, listed soonest first, and drive the queue', async () => {
      const o = await freshOffice();
      const kase = await open(o.a, { urgency: 'routine' });
      const later = await followUp(o.a, kase.id, { dueAt: isoIn(3 * DAY) });
      const sooner = await followUp(o.a, kase.id, { dueAt: isoIn(HOUR), assigneeId: o.b.id });
      expect(later).toMatchObject({ caseId: kase.id, note: NOTE, assigneeId: o.a.id, doneAt: null, createdBy: o.a.id });
      expect(sooner.assigneeId).toBe(o.b.id);
      const list = await as(o.b).get(`/cases/${kase.id}/follow-ups`).expect(200);
      expect(list.body.items.map((f: Item) => f.id)).toEqual([sooner.id, later.id]);
      // The follow-up in an hour comes before the 10-business-day intake window.
      expect(await queueItem(o.a, kase.id)).toMatchObject({ dueAt: sooner.dueAt, dueReason: 'follow_up' });

      // An assignee from another office is refused, and nothing is stored.
      const stranger = await world.member((await world.office(partyId)).id);
      expectProblem(
        await as(o.a).post(`/cases/${kase.id}/follow-ups`, { dueAt: isoIn(DAY), note: NOTE, assigneeId: stranger.id }),
        400,
        'validation_failed',
      );
      expect((await as(o.a).get(`/cases/${kase.id}/follow-ups`).expect(200)).body.items).toHaveLength(2);
    });

    it('lists the office’s open follow-ups by overdue, today and week, with the file’s reference', async () => {
      const o = await freshOffice();
      const kase = await open(o.a);
      const overdue = await followUp(o.a, kase.id, { dueAt: isoIn(-2 * DAY) });
      const soon = await followUp(o.a, kase.id, { dueAt: isoIn(4 * DAY), assigneeId: o.b.id });
      const far = await followUp(o.a, kase.id, { dueAt: isoIn(30 * DAY) });
      const ids = async (query: string) =>
        ((await as(o.a).get(`/follow-ups?${query}`).expect(200)).body.items as Item[]).map((f) => f.id);
      expect(await ids('')).toEqual([overdue.id, soon.id, far.id]);
      expect(await ids('due=overdue')).toEqual([overdue.id]);
      expect(await ids('due=week')).toEqual([soon.id]);
      expect(await ids(`assigneeId=${o.b.id}`)).toEqual([soon.id]);
      const [first] = (await as(o.a).get('/follow-ups').expect(200)).body.items;
      expect(first).toMatchObject({ caseReference: kase.reference, reference: kase.reference });
      // Another office's list does not show them.
      const other = await freshOffice();
      expect((await as(other.a).get('/follow-ups').expect(200)).body.items).toEqual([]);
    });

    it('is done once (409 already_done the second time) and leaves the queue', async () => {
      const o = await freshOffice();
      const kase = await open(o.a, { urgency: 'routine' });
      const f = await followUp(o.a, kase.id, { dueAt: isoIn(HOUR) });
      const done = await as(o.b).post(`/follow-ups/${f.id}/done`).expect(200);
      expect(done.body).toMatchObject({ id: f.id, doneBy: o.b.id });
      expect(done.body.doneAt).not.toBeNull();
      expectProblem(await as(o.a).post(`/follow-ups/${f.id}/done`), 409, 'already_done');
      expect((await queueItem(o.a, kase.id))?.dueReason).toBe('intake_window');
      expect((await as(o.a).get('/follow-ups').expect(200)).body.items).toEqual([]);
    });

    it('raises follow_up.due once, to the assignee and the office, without the note', async () => {
      const o = await freshOffice();
      const socket = await LiveClient.connect(t.baseUrl, o.b.token);
      sockets.push(socket);
      const kase = await open(o.a);
      const f = await followUp(o.a, kase.id, { dueAt: isoIn(1500), assigneeId: o.b.id });
      await socket.waitFor((events) => events.filter((e) => e.type === 'follow_up.due').length >= 2);
      await settle(2500); // two more job runs: nothing is raised again
      const due = socket.ofType('follow_up.due');
      expect(due.map((e) => e.stream).sort()).toEqual([`office:${o.id}`, `user:${o.b.id}`]);
      for (const event of due) {
        expect(event.data).toEqual({
          followUpId: f.id,
          caseId: kase.id,
          caseReference: kase.reference,
          dueAt: f.dueAt,
        });
      }
      await noFreeTextLeaked();
    });
  });

  describe('the contact log', () => {
    it('ends the intake window with any interaction', async () => {
      const o = await freshOffice();
      const kase = await open(o.a, { urgency: 'emergency' });
      expect((await queueItem(o.a, kase.id))?.dueReason).toBe('intake_window');
      const call = await log(o.a, kase.id, { kind: 'call', direction: 'inbound', durationMinutes: 12 });
      expect(call).toMatchObject({ kind: 'call', direction: 'inbound', durationMinutes: 12, summary: SUMMARY });
      expect(await queueItem(o.a, kase.id)).toMatchObject({ dueAt: null, dueReason: null });
    });

    it("gives an IRCC enquiry IRCC's service standard and closes it with its reply", async () => {
      const o = await freshOffice();
      const routine = await open(o.a, { urgency: 'routine' });
      const sentAt = new Date(Date.now() - MINUTE);
      const enquiry = await log(o.a, routine.id, {
        kind: 'ircc_enquiry',
        occurredAt: sentAt.toISOString(),
        irccReference: 'MCMPS-1',
      });
      expect(enquiry.replyDueAt).toBe(addBusinessDays(sentAt, 10).toISOString());
      expect(await queueItem(o.a, routine.id)).toMatchObject({ dueAt: enquiry.replyDueAt, dueReason: 'ircc_reply' });

      const emergency = await open(o.a, { urgency: 'emergency' });
      const urgent = await log(o.a, emergency.id, { kind: 'ircc_enquiry', occurredAt: sentAt.toISOString() });
      expect(urgent.replyDueAt).toBe(new Date(sentAt.getTime() + 48 * HOUR).toISOString());

      // A reply under another reference leaves it open; its own reference closes it.
      await log(o.a, routine.id, { kind: 'ircc_reply', direction: 'inbound', irccReference: 'MCMPS-2' });
      let liaison = (await as(o.a).get('/liaison').expect(200)).body;
      expect(liaison.openEnquiries.map((e: { caseId: string }) => e.caseId).sort()).toEqual(
        [routine.id, emergency.id].sort(),
      );
      const reply = await log(o.a, routine.id, { kind: 'ircc_reply', direction: 'inbound', irccReference: 'MCMPS-1' });
      const logged = (await as(o.a).get(`/cases/${routine.id}/interactions`).expect(200)).body.items as Item[];
      expect(logged[logged.length - 1]).toMatchObject({ id: enquiry.id, answeredById: reply.id, overdue: false });
      expect(logged[logged.length - 1].answeredAt).not.toBeNull();
      expect(await queueItem(o.a, routine.id)).toMatchObject({ dueAt: null, dueReason: null });
      // An enquiry without a reference is closed by any reply.
      await log(o.a, emergency.id, { kind: 'ircc_reply', direction: 'inbound', irccReference: 'ANY-9' });
      liaison = (await as(o.a).get('/liaison').expect(200)).body;
      expect(liaison.openEnquiries).toEqual([]);
    });

    it('uses a given replyDueAt and raises ircc.reply_overdue once, without the summary', async () => {
      const o = await freshOffice();
      const socket = await LiveClient.connect(t.baseUrl, o.a.token);
      sockets.push(socket);
      const kase = await open(o.a);
      const enquiry = await log(o.a, kase.id, {
        kind: 'ircc_enquiry',
        occurredAt: isoIn(-3 * HOUR),
        replyDueAt: isoIn(-HOUR),
      });
      expect(enquiry.overdue).toBe(true);
      await socket.waitFor((events) => events.some((e) => e.type === 'ircc.reply_overdue'));
      await settle(2500);
      const overdue = socket.ofType('ircc.reply_overdue');
      expect(overdue).toHaveLength(1);
      expect(overdue[0].stream).toBe(`office:${o.id}`);
      expect(overdue[0].data).toEqual({
        interactionId: enquiry.id,
        caseId: kase.id,
        caseReference: kase.reference,
        sentAt: enquiry.occurredAt,
        replyDueAt: enquiry.replyDueAt,
      });
      const liaison = (await as(o.a).get('/liaison').expect(200)).body;
      expect(liaison.openEnquiries).toEqual([
        {
          interactionId: enquiry.id,
          caseId: kase.id,
          caseReference: kase.reference,
          sentAt: enquiry.occurredAt,
          replyDueAt: enquiry.replyDueAt,
          overdue: true,
        },
      ]);
      expect((await queueItem(o.a, kase.id))?.overdue).toBe(true);
      await noFreeTextLeaked();
    });

    it('counts the MCMPS minutes of this week and the last four', async () => {
      const o = await freshOffice();
      const kase = await open(o.a);
      const slot = (occurredAt: string, durationMinutes: number) =>
        log(o.a, kase.id, { kind: 'mcmps_appointment', occurredAt, durationMinutes });
      await slot(isoIn(-MINUTE), 30);
      await slot(isoIn(-7 * DAY), 45); // last week
      await slot(isoIn(-36 * DAY), 60); // more than four weeks ago
      await log(o.a, kase.id, { kind: 'call', durationMinutes: 20 }); // not an MCMPS slot
      const liaison = (await as(o.a).get('/liaison').expect(200)).body;
      expect(liaison).toMatchObject({ mcmpsMinutesThisWeek: 30, mcmpsMinutesLast4Weeks: 75 });
      // The office log filters by kind and time.
      const slots = (
        await as(o.a)
          .get(`/interactions?kind=mcmps_appointment&from=${isoIn(-10 * DAY)}`)
          .expect(200)
      ).body.items as Item[];
      expect(slots.map((i) => i.durationMinutes)).toEqual([30, 45]);
      expect(slots[0].caseReference).toBe(kase.reference);
    });
  });

  describe('checklists', () => {
    const stayTemplate = (extra: Record<string, unknown> = {}) => ({
      name: 'Stay of removal request',
      category: 'immigration',
      immigrationType: 'stay_of_removal',
      items: [{ text: 'Confirm the removal date with CBSA' }, { text: 'Signed consent (IMM 5476) on file' }],
      ...extra,
    });

    async function partyChannelOf(m: Member): Promise<string> {
      const res = await as(m).get('/channels?limit=200').expect(200);
      return (res.body.items as { id: string; kind: string }[]).find((c) => c.kind === 'party')!.id;
    }

    it("a template shared to a channel gives a neighbour's new file its checklist", async () => {
      const mine = await freshOffice();
      const neighbour = await freshOffice();
      const channelId = await partyChannelOf(mine.lead);
      expectProblem(await as(mine.a).post('/checklist-templates', stayTemplate()), 403, 'forbidden');
      const created = await as(mine.lead)
        .post('/checklist-templates', stayTemplate({ sharedWithChannelIds: [channelId] }))
        .expect(201);
      expect(created.headers.etag).toBe('"1"');
      const template = created.body;
      const seen = (await as(neighbour.a).get('/checklist-templates').expect(200)).body.items as Item[];
      expect(seen.map((x) => x.id)).toContain(template.id);

      const kase = await open(neighbour.a, { immigrationType: 'stay_of_removal' });
      const checklist = (await as(neighbour.a).get(`/cases/${kase.id}/checklist`).expect(200)).body;
      expect(checklist.templateId).toBe(template.id);
      expect(checklist.items.map((i: { text: string }) => i.text)).toEqual([
        'Confirm the removal date with CBSA',
        'Signed consent (IMM 5476) on file',
      ]);
      const ticked = await as(neighbour.b)
        .patch(`/cases/${kase.id}/checklist/${checklist.items[0].id}`, { done: true, note: 'Quokka-check' })
        .expect(200);
      expect(ticked.body).toMatchObject({ id: checklist.items[0].id, doneBy: neighbour.b.id, note: 'Quokka-check' });
      const again = await as(neighbour.a)
        .patch(`/cases/${kase.id}/checklist/${checklist.items[0].id}`, { done: true })
        .expect(200);
      expect(again.body).toMatchObject({ doneBy: neighbour.b.id, doneAt: ticked.body.doneAt });
      const undone = await as(neighbour.a)
        .patch(`/cases/${kase.id}/checklist/${checklist.items[0].id}`, { done: false })
        .expect(200);
      expect(undone.body).toMatchObject({ doneAt: null, doneBy: null });

      // A file of another kind gets none; the neighbour's lead may read but not change the template.
      expect(
        (
          await as(neighbour.a)
            .get(`/cases/${(await open(neighbour.a)).id}/checklist`)
            .expect(200)
        ).body,
      ).toMatchObject({ templateId: null, items: [] });
      expectProblem(
        await as(neighbour.lead).patch(`/checklist-templates/${template.id}`, { name: 'Mine' }),
        403,
        'forbidden',
      );
      const stranger = await world.member((await world.office(null)).id, 'office_lead');
      expectProblem(
        await as(stranger).patch(`/checklist-templates/${template.id}`, { name: 'Mine' }),
        404,
        'not_found',
      );
      await noFreeTextLeaked();
    });

    it("prefers the office's own template, and its lead edits it with If-Match", async () => {
      const mine = await freshOffice();
      const channelId = await partyChannelOf(mine.lead);
      const neighbour = await freshOffice();
      await as(neighbour.lead)
        .post('/checklist-templates', stayTemplate({ sharedWithChannelIds: [channelId] }))
        .expect(201);
      const own = (
        await as(mine.lead)
          .post('/checklist-templates', stayTemplate({ name: 'Our way', items: [{ text: 'Call the MP' }] }))
          .expect(201)
      ).body;
      const kase = await open(mine.a, { immigrationType: 'stay_of_removal' });
      expect((await as(mine.a).get(`/cases/${kase.id}/checklist`).expect(200)).body.templateId).toBe(own.id);

      const edited = await as(mine.lead)
        .patch(`/checklist-templates/${own.id}`, { items: [{ text: 'Call the MP' }, { text: 'Write to CBSA' }] }, '"1"')
        .expect(200);
      expect(edited.body).toMatchObject({ version: 2, items: [{ text: 'Call the MP' }, { text: 'Write to CBSA' }] });
      expectProblem(
        await as(mine.lead).patch(`/checklist-templates/${own.id}`, { name: 'Stale' }, '"1"'),
        412,
        'version_mismatch',
      );
      // Files made before the edit keep their copy.
      expect((await as(mine.a).get(`/cases/${kase.id}/checklist`).expect(200)).body.items).toHaveLength(1);
    });
  });

  describe('everything moves with the file', () => {
    async function withWork(o: Awaited<ReturnType<typeof freshOffice>>, homeOfficeId?: string) {
      await as(o.lead).post('/checklist-templates', {
        name: 'Study permit',
        category: 'immigration',
        immigrationType: 'study_permit',
        items: [{ text: 'Letter of acceptance' }],
      });
      const kase = await open(o.a, {
        immigrationType: 'study_permit',
        urgency: 'routine',
        homeOfficeId: homeOfficeId ?? o.id,
      });
      await as(o.a)
        .post(`/cases/${kase.id}/consents`, {
          scope: 'share_with_offices',
          grantedAt: isoIn(-MINUTE),
          evidence: 'IMM 5476 on file',
        })
        .expect(201);
      const f = await followUp(o.a, kase.id, { dueAt: isoIn(HOUR) });
      const enquiry = await log(o.a, kase.id, { kind: 'ircc_enquiry' });
      return { kase, f, enquiry };
    }

    async function expectMoved(
      from: Awaited<ReturnType<typeof freshOffice>>,
      to: Awaited<ReturnType<typeof freshOffice>>,
      work: Awaited<ReturnType<typeof withWork>>,
      // The earlier handler loses the file (404) unless it is the constituent's riding: then,
      // as for notes, it keeps the status view and is refused the work on the file (403).
      fromIsHome: boolean,
    ) {
      const { kase, f, enquiry } = work;
      const followUps = (await as(to.a).get(`/cases/${kase.id}/follow-ups`).expect(200)).body.items;
      expect(followUps).toEqual([expect.objectContaining({ id: f.id, note: NOTE, assigneeId: null })]);
      expect((await as(to.a).get(`/cases/${kase.id}/interactions`).expect(200)).body.items[0].id).toBe(enquiry.id);
      expect((await as(to.a).get(`/cases/${kase.id}/checklist`).expect(200)).body.items).toHaveLength(1);
      expect((await as(to.a).get('/follow-ups').expect(200)).body.items.map((x: Item) => x.id)).toContain(f.id);
      expect((await as(to.a).get('/liaison').expect(200)).body.openEnquiries.map((e: Item) => e.caseId)).toContain(
        kase.id,
      );
      expect((await queueItem(to.a, kase.id))?.dueReason).toBe('follow_up');
      await as(to.a).post(`/follow-ups/${f.id}/done`).expect(200);
      for (const path of [
        `/cases/${kase.id}/follow-ups`,
        `/cases/${kase.id}/interactions`,
        `/cases/${kase.id}/checklist`,
      ]) {
        expectProblem(await as(from.a).get(path), fromIsHome ? 403 : 404, fromIsHome ? 'forbidden' : 'not_found');
      }
      const caseIdsOf = (items: Item[]) => items.map((x) => x.caseId);
      expect(caseIdsOf((await as(from.a).get('/follow-ups').expect(200)).body.items)).not.toContain(kase.id);
      expect(caseIdsOf((await as(from.a).get('/liaison').expect(200)).body.openEnquiries)).not.toContain(kase.id);
      expect(await queueItem(from.a, kase.id)).toBeUndefined();
    }

    it('on a handoff', async () => {
      const from = await freshOffice();
      const to = await freshOffice();
      const work = await withWork(from, to.id);
      const offer = await as(from.a)
        .post('/handoffs', { caseId: work.kase.id, toOfficeId: to.id, note: 'Study permit, complex' })
        .expect(201);
      await as(to.a).post(`/handoffs/${offer.body.id}/accept`).expect(200);
      await expectMoved(from, to, work, false);
    });

    it('on a trade, both ways', async () => {
      const left = await freshOffice();
      const right = await freshOffice();
      const leftWork = await withWork(left);
      const rightWork = await withWork(right);
      // A trade may take only what the other office has put on the table.
      await as(right.a).patch(`/cases/${rightWork.kase.id}`, { availableForTrade: true }).expect(200);
      const trade = await as(left.a)
        .post('/trades', {
          counterpartyOfficeId: right.id,
          giveCaseIds: [leftWork.kase.id],
          takeCaseIds: [rightWork.kase.id],
          note: 'Swap',
        })
        .expect(201);
      await as(right.a).post(`/trades/${trade.body.id}/accept`).expect(200);
      await expectMoved(left, right, leftWork, true);
      await expectMoved(right, left, rightWork, true);
    });
  });
});
