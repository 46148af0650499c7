import { randomBytes, randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { LiveClient } from './support/live-client.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { caseBody, World, type Member } from './support/world.js';

const API = '/api/v1';
const BEARER = { type: 'bearer' } as const;
const unique = () => randomBytes(4).toString('hex');

interface Channel {
  id: string;
  kind: 'party' | 'region' | 'custom';
  name: string;
  partyId: string | null;
  memberOfficeIds: string[];
}
interface Post {
  id: string;
  channelId: string;
  kind: 'message' | 'alert';
  authorId: string;
  officeId: string;
  body: string | null;
  replyToId: string | null;
  hasCaseLink: boolean;
  caseRef: string | null;
  createdAt: string;
  editedAt: string | null;
  deleted: boolean;
  title?: string;
  severity?: string;
}
interface Alert extends Post {
  affectedOpenCases: number;
  acknowledged: boolean;
}
interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
interface AuditEvent {
  action: string;
  actorId: string | null;
  targetId: string | null;
  data: unknown;
}

describe('channels, messages and alerts', () => {
  let t: TestApp;
  let world: World;
  const sockets: LiveClient[] = [];

  beforeAll(async () => {
    // Short reminder settings so the urgent-alert reminder can be watched; harmless elsewhere.
    t = await startTestApp({ ALERT_REMINDER_SECONDS: '1', JOB_INTERVAL_SECONDS: '1' });
    world = new World(t);
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(() => t?.close());

  // Requests as one member.
  const as = (m: Member) => ({
    get: (path: string) => t.http().get(`${API}${path}`).auth(m.token, BEARER),
    post: (path: string, body: object = {}) => t.http().post(`${API}${path}`).auth(m.token, BEARER).send(body),
    patch: (path: string, body: object) => t.http().patch(`${API}${path}`).auth(m.token, BEARER).send(body),
    delete: (path: string) => t.http().delete(`${API}${path}`).auth(m.token, BEARER),
  });

  function expectProblem(res: Response, status: number, code: string, fields?: string[]) {
    expect({ status: res.status, code: res.body?.code }).toEqual({ status, code });
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    if (fields) expect([...new Set((res.body.errors as { field: string }[]).map((e) => e.field))]).toEqual(fields);
  }

  const sorted = (ids: string[]) => [...ids].sort();

  async function channelsOf(m: Member): Promise<Channel[]> {
    return ((await as(m).get('/channels?limit=200').expect(200)).body as Page<Channel>).items;
  }

  async function channel(m: Member, id: string): Promise<Channel> {
    return (await as(m).get(`/channels/${id}`).expect(200)).body as Channel;
  }

  async function feed(m: Member, channelId: string): Promise<Post[]> {
    return ((await as(m).get(`/channels/${channelId}/feed?limit=200`).expect(200)).body as Page<Post>).items;
  }

  async function createChannel(lead: Member, memberOfficeIds: string[], kind: 'region' | 'custom' = 'custom') {
    const name = `Channel ${unique()}`;
    const res = await as(lead).post('/channels', { name, kind, memberOfficeIds }).expect(201);
    return res.body as Channel;
  }

  async function postMessage(m: Member, channelId: string, body: string, extra: object = {}): Promise<Post> {
    return (
      await as(m)
        .post(`/channels/${channelId}/messages`, { body, ...extra })
        .expect(201)
    ).body as Post;
  }

  const alertBody = (extra: object = {}) => ({
    title: 'Study permit cap for 2027',
    body: 'IRCC announced a new cap on study permits; provincial attestation letters are required.',
    severity: 'important',
    categories: ['immigration'],
    immigrationTypes: ['study_permit'],
    ...extra,
  });

  async function postAlert(m: Member, channelId: string, extra: object = {}): Promise<Post> {
    return (await as(m).post(`/channels/${channelId}/alerts`, alertBody(extra)).expect(201)).body as Post;
  }

  async function alertsOf(m: Member, query = ''): Promise<Alert[]> {
    return ((await as(m).get(`/alerts?limit=200${query}`).expect(200)).body as Page<Alert>).items;
  }

  /** A fresh party with `n` offices, each with an assistant and a lead. */
  async function partyWithOffices(n: number) {
    const party = await world.party();
    const offices = [];
    for (let i = 0; i < n; i++) {
      const office = await world.office(party.id);
      offices.push({
        id: office.id,
        code: office.code,
        assistant: await world.member(office.id),
        lead: await world.member(office.id, 'office_lead'),
      });
    }
    return { party, offices };
  }

  describe('the party channel follows the party', () => {
    it('POST /parties creates exactly one party channel, and offices of that party are its members', async () => {
      const { party, offices } = await partyWithOffices(2);
      const [a, b] = offices;

      const { rows } = await t.db.query(
        `SELECT count(*)::int AS n FROM channels WHERE kind = 'party' AND party_id = $1`,
        [party.id],
      );
      expect(rows[0].n).toBe(1);

      const seen = await channelsOf(a.assistant);
      expect(seen).toHaveLength(1);
      expect(seen[0]).toMatchObject({ kind: 'party', partyId: party.id, name: party.name });
      expect(sorted(seen[0].memberOfficeIds)).toEqual(sorted([a.id, b.id]));
      expect((await channelsOf(b.assistant)).map((c) => c.id)).toEqual([seen[0].id]);
    });

    it('an office that changes party leaves the old party channel and joins the new one at once', async () => {
      const old = await partyWithOffices(2);
      const next = await partyWithOffices(1);
      const [mover, stayer] = old.offices;
      const oldChannel = (await channelsOf(stayer.assistant))[0];
      const newChannel = (await channelsOf(next.offices[0].assistant))[0];
      expect(oldChannel.memberOfficeIds).toContain(mover.id);

      const admin = await world.admin();
      await as(admin).patch(`/offices/${mover.id}`, { partyId: next.party.id }).expect(200);

      const now = await channelsOf(mover.assistant);
      expect(now.map((c) => c.id)).toEqual([newChannel.id]);
      expectProblem(await as(mover.assistant).get(`/channels/${oldChannel.id}`), 404, 'not_found');
      expectProblem(await as(mover.assistant).get(`/channels/${oldChannel.id}/feed`), 404, 'not_found');
      expect((await channel(stayer.assistant, oldChannel.id)).memberOfficeIds).toEqual([stayer.id]);
      expect(sorted((await channel(mover.assistant, newChannel.id)).memberOfficeIds)).toEqual(
        sorted([next.offices[0].id, mover.id]),
      );
    });

    it("nobody adds or removes a party channel's members by hand (409), admins included", async () => {
      const { offices } = await partyWithOffices(2);
      const [a, b] = offices;
      const outsider = await world.office(null);
      const partyChannel = (await channelsOf(a.lead))[0];
      const admin = await world.admin();

      for (const who of [a.lead, admin]) {
        expectProblem(
          await as(who).post(`/channels/${partyChannel.id}/members`, { officeId: outsider.id }),
          409,
          'conflict',
        );
        expectProblem(await as(who).delete(`/channels/${partyChannel.id}/members/${b.id}`), 409, 'conflict');
      }
      // Not even to leave it.
      expectProblem(await as(a.lead).delete(`/channels/${partyChannel.id}/members/${a.id}`), 409, 'conflict');
      expect(sorted((await channel(a.lead, partyChannel.id)).memberOfficeIds)).toEqual(sorted([a.id, b.id]));
    });
  });

  describe('region and custom channels', () => {
    it("an office lead makes a region channel of its riding's neighbours, its own office included", async () => {
      const party = await world.party();
      const north = await world.office(party.id);
      const south = await world.office(party.id);
      const far = await world.office(party.id);
      const home = await world.office(party.id, { neighbourIds: [north.id, south.id] });
      const lead = await world.member(home.id, 'office_lead');
      const assistant = await world.member(home.id);

      const region = await createChannel(lead, [north.id, south.id], 'region');
      expect(region).toMatchObject({ kind: 'region', partyId: null });
      expect(sorted(region.memberOfficeIds)).toEqual(sorted([home.id, north.id, south.id]));
      const northMember = await world.member(north.id);
      expect((await channelsOf(northMember)).map((c) => c.id)).toContain(region.id);

      const name = `Not a region ${unique()}`;
      const tooFar = await as(lead).post('/channels', { name, kind: 'region', memberOfficeIds: [north.id, far.id] });
      expectProblem(tooFar, 400, 'validation_failed', ['memberOfficeIds']);
      const byAssistant = await as(assistant).post('/channels', { name, kind: 'region', memberOfficeIds: [north.id] });
      expectProblem(byAssistant, 403, 'forbidden');
      expect((await channelsOf(lead)).map((c) => c.name)).not.toContain(name);
    });

    it('a custom channel takes any offices, of any party', async () => {
      const { offices } = await partyWithOffices(1);
      const other = await partyWithOffices(1);
      const noParty = await world.office(null);
      const custom = await createChannel(offices[0].lead, [other.offices[0].id, noParty.id]);
      expect(custom.kind).toBe('custom');
      expect(sorted(custom.memberOfficeIds)).toEqual(sorted([offices[0].id, other.offices[0].id, noParty.id]));
      expect((await channelsOf(other.offices[0].assistant)).map((c) => c.id)).toContain(custom.id);
    });
  });

  describe('membership', () => {
    it("the creating office's lead adds and removes offices; a member office's lead may only leave", async () => {
      const { offices } = await partyWithOffices(4);
      const [owner, b, c, d] = offices;
      const custom = await createChannel(owner.lead, [b.id, c.id]);

      const added = await as(owner.lead).post(`/channels/${custom.id}/members`, { officeId: d.id }).expect(200);
      expect(sorted(added.body.memberOfficeIds)).toEqual(sorted([owner.id, b.id, c.id, d.id]));
      expect((await channel(d.assistant, custom.id)).id).toBe(custom.id);

      await as(owner.lead).delete(`/channels/${custom.id}/members/${c.id}`).expect(204);
      expectProblem(await as(c.assistant).get(`/channels/${custom.id}`), 404, 'not_found');
      expectProblem(await as(c.assistant).get(`/channels/${custom.id}/feed`), 404, 'not_found');
      expect((await channelsOf(c.assistant)).map((ch) => ch.id)).not.toContain(custom.id);

      // b's lead neither adds an office nor removes a third one...
      const outsider = await world.office(null);
      expectProblem(
        await as(b.lead).post(`/channels/${custom.id}/members`, { officeId: outsider.id }),
        403,
        'forbidden',
      );
      expectProblem(await as(b.lead).delete(`/channels/${custom.id}/members/${d.id}`), 403, 'forbidden');
      expect((await channel(d.assistant, custom.id)).memberOfficeIds).toContain(d.id);
      // ...but can take its own office out.
      await as(b.lead).delete(`/channels/${custom.id}/members/${b.id}`).expect(204);
      expectProblem(await as(b.assistant).get(`/channels/${custom.id}`), 404, 'not_found');
      expectProblem(await as(b.lead).get(`/channels/${custom.id}/feed`), 404, 'not_found');
      expect(sorted((await channel(owner.lead, custom.id)).memberOfficeIds)).toEqual(sorted([owner.id, d.id]));
    });

    it('refuses an office that does not exist with 400, adding nothing', async () => {
      const { offices } = await partyWithOffices(1);
      const [owner] = offices;
      const custom = await createChannel(owner.lead, []);
      const added = await as(owner.lead).post(`/channels/${custom.id}/members`, { officeId: randomUUID() });
      expectProblem(added, 400, 'validation_failed');
      const name = `Ghosts ${unique()}`;
      const created = await as(owner.lead).post('/channels', { name, kind: 'custom', memberOfficeIds: [randomUUID()] });
      expectProblem(created, 400, 'validation_failed');
      expect((await channel(owner.lead, custom.id)).memberOfficeIds).toEqual([owner.id]);
      expect((await channelsOf(owner.lead)).map((c) => c.name)).not.toContain(name);
    });
  });

  describe('messages', () => {
    it('posts, replies one level deep, and refuses replies elsewhere', async () => {
      const { offices } = await partyWithOffices(2);
      const [a, b] = offices;
      const custom = await createChannel(a.lead, [b.id]);
      const elsewhere = await createChannel(a.lead, [b.id]);

      const top = await postMessage(a.assistant, custom.id, 'Anyone seen delays at the Vegreville office?');
      expect(top).toMatchObject({
        channelId: custom.id,
        kind: 'message',
        authorId: a.assistant.id,
        officeId: a.id,
        body: 'Anyone seen delays at the Vegreville office?',
        replyToId: null,
        hasCaseLink: false,
        caseRef: null,
        editedAt: null,
        deleted: false,
      });
      const reply = await postMessage(b.assistant, custom.id, 'Yes, about six weeks.', { replyToId: top.id });
      expect(reply).toMatchObject({ replyToId: top.id, officeId: b.id });

      const deeper = await as(a.assistant).post(`/channels/${custom.id}/messages`, {
        body: 'Thanks!',
        replyToId: reply.id,
      });
      expectProblem(deeper, 400, 'validation_failed', ['replyToId']);
      const foreign = await postMessage(a.assistant, elsewhere.id, 'In another channel');
      const crossed = await as(a.assistant).post(`/channels/${custom.id}/messages`, {
        body: 'Crossing channels',
        replyToId: foreign.id,
      });
      expectProblem(crossed, 400, 'validation_failed', ['replyToId']);
      expect((await feed(a.assistant, custom.id)).map((p) => p.id)).toEqual([top.id, reply.id]);
    });

    it('accepts bodies of 1 to 8000 characters only', async () => {
      const { offices } = await partyWithOffices(1);
      const custom = await createChannel(offices[0].lead, []);
      const m = offices[0].assistant;
      for (const body of ['', 'x'.repeat(8001)]) {
        expectProblem(await as(m).post(`/channels/${custom.id}/messages`, { body }), 400, 'validation_failed', [
          'body',
        ]);
      }
      const longest = await postMessage(m, custom.id, 'y'.repeat(8000));
      expect(longest.body).toHaveLength(8000);
      const items = await feed(m, custom.id);
      expect(items.map((p) => p.id)).toEqual([longest.id]);
    });

    it('only the author edits or deletes, the feed shows it, and the audit trail keeps no body text', async () => {
      const { offices } = await partyWithOffices(2);
      const [a, b] = offices;
      const colleague = await world.member(a.id);
      const custom = await createChannel(a.lead, [b.id]);
      const original = `Original wording ${unique()}`;
      const edited = `Edited wording ${unique()}`;
      const message = await postMessage(a.assistant, custom.id, original);
      const path = `/channels/${custom.id}/messages/${message.id}`;

      const res = await as(a.assistant).patch(path, { body: edited }).expect(200);
      expect(res.body).toMatchObject({ id: message.id, body: edited, deleted: false });
      expect(res.body.editedAt).toEqual(expect.any(String));
      expect(Date.parse(res.body.editedAt)).toBeGreaterThanOrEqual(Date.parse(message.createdAt));
      const [shown] = await feed(b.assistant, custom.id);
      expect(shown).toMatchObject({ id: message.id, body: edited, editedAt: res.body.editedAt });

      for (const someoneElse of [b.assistant, colleague, a.lead]) {
        expectProblem(await as(someoneElse).patch(path, { body: 'Not yours' }), 403, 'forbidden');
        expectProblem(await as(someoneElse).delete(path), 403, 'forbidden');
      }
      expect((await feed(a.assistant, custom.id))[0]).toMatchObject({ body: edited, deleted: false });

      await as(a.assistant).delete(path).expect(204);
      const [gone] = await feed(b.assistant, custom.id);
      expect(gone).toMatchObject({ id: message.id, deleted: true, body: null });
      expect(JSON.stringify(gone)).not.toContain('wording');

      const admin = await world.admin();
      for (const action of ['message.edited', 'message.deleted']) {
        const trail = await as(admin).get(`/audit?action=${action}&actorId=${a.assistant.id}&limit=200`).expect(200);
        const events = (trail.body as Page<AuditEvent>).items.filter((e) => e.targetId === message.id);
        expect(events).toHaveLength(1);
        expect(events[0]).toMatchObject({ action, actorId: a.assistant.id });
        expect(trail.text).not.toContain(original);
        expect(trail.text).not.toContain(edited);
      }
    });
    it('a message carries its version as an ETag, and an edit with a stale If-Match is refused with 412', async () => {
      const { offices } = await partyWithOffices(1);
      const m = offices[0].assistant;
      const custom = await createChannel(offices[0].lead, []);
      const posted = await as(m).post(`/channels/${custom.id}/messages`, { body: 'Version one' }).expect(201);
      expect(posted.body.version).toBe(1);
      expect(posted.headers.etag).toBe('"1"');
      const path = `/channels/${custom.id}/messages/${posted.body.id}`;

      const stale = await as(m).patch(path, { body: 'Lost update' }).set('If-Match', '"7"');
      expectProblem(stale, 412, 'version_mismatch');
      expect((await feed(m, custom.id))[0].body).toBe('Version one');

      const edited = await as(m).patch(path, { body: 'Version two' }).set('If-Match', '"1"').expect(200);
      expect(edited.body.version).toBe(2);
      expect(edited.headers.etag).toBe('"2"');
    });
  });

  describe('caseRef', () => {
    it("links one of the office's own cases: its office sees the reference, others only that a case is linked", async () => {
      const { offices } = await partyWithOffices(2);
      const [a, b] = offices;
      const custom = await createChannel(a.lead, [b.id]);
      const kase = (await as(a.assistant).post('/cases', caseBody()).expect(201)).body as { reference: string };

      const posted = await postMessage(a.assistant, custom.id, 'Has anyone escalated one like this?', {
        caseRef: kase.reference,
      });
      expect(posted).toMatchObject({ hasCaseLink: true, caseRef: kase.reference });

      const ours = (await feed(a.assistant, custom.id)).find((p) => p.id === posted.id);
      expect(ours).toMatchObject({ hasCaseLink: true, caseRef: kase.reference });
      const theirsRes = await as(b.assistant).get(`/channels/${custom.id}/feed`).expect(200);
      const theirs = (theirsRes.body as Page<Post>).items.find((p) => p.id === posted.id);
      expect(theirs).toMatchObject({ hasCaseLink: true, caseRef: null });
      expect(theirsRes.text).not.toContain(kase.reference);
    });

    it("refuses another office's case and an unknown reference with the same 400", async () => {
      const { offices } = await partyWithOffices(2);
      const [a, b] = offices;
      const custom = await createChannel(a.lead, [b.id]);
      const theirs = (await as(b.assistant).post('/cases', caseBody()).expect(201)).body as { reference: string };
      const yy = String(new Date().getUTCFullYear()).slice(2);

      const post = (caseRef: string) =>
        as(a.assistant).post(`/channels/${custom.id}/messages`, { body: 'About this file', caseRef });
      const foreign = await post(theirs.reference);
      const unknown = await post(`${b.code}-${yy}-99999`);
      expectProblem(foreign, 400, 'validation_failed', ['caseRef']);
      expectProblem(unknown, 400, 'validation_failed', ['caseRef']);
      expect(foreign.text).toBe(unknown.text);
      expect(await feed(a.assistant, custom.id)).toEqual([]);
    });
  });

  describe('feed', () => {
    it('pages messages and alerts together, oldest first, each once', async () => {
      const { offices } = await partyWithOffices(2);
      const [a, b] = offices;
      const custom = await createChannel(a.lead, [b.id]);
      const posted = [
        await postMessage(a.assistant, custom.id, 'first'),
        await postAlert(b.assistant, custom.id, { title: 'second' }),
        await postMessage(b.assistant, custom.id, 'third'),
        await postAlert(a.assistant, custom.id, { title: 'fourth' }),
        await postMessage(a.assistant, custom.id, 'fifth'),
      ];

      const seen: Post[] = [];
      const pages: number[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `&after=${encodeURIComponent(cursor)}` : '';
        const res = await as(b.assistant).get(`/channels/${custom.id}/feed?limit=2${query}`).expect(200);
        const page = res.body as Page<Post>;
        seen.push(...page.items);
        pages.push(page.items.length);
        cursor = page.nextCursor;
      } while (cursor && pages.length < 10);

      expect(pages).toEqual([2, 2, 1]);
      expect(seen.map((p) => p.id)).toEqual(posted.map((p) => p.id));
      expect(seen.map((p) => p.kind)).toEqual(['message', 'alert', 'message', 'alert', 'message']);
      expect(seen.map((p) => p.body ?? '')).toEqual(posted.map((p) => p.body ?? ''));

      // ?latest=true: the newest page, still oldest first; its cursor continues after it.
      const latest = (await as(b.assistant).get(`/channels/${custom.id}/feed?limit=2&latest=true`).expect(200))
        .body as Page<Post>;
      expect(latest.items.map((p) => p.id)).toEqual(posted.slice(3).map((p) => p.id));
      const later = await postMessage(b.assistant, custom.id, 'sixth');
      const after = (
        await as(b.assistant)
          .get(`/channels/${custom.id}/feed?after=${encodeURIComponent(latest.nextCursor!)}`)
          .expect(200)
      ).body as Page<Post>;
      expect(after.items.map((p) => p.id)).toEqual([later.id]);
    });
  });

  describe('alerts', () => {
    it('posts an alert with every field and refuses bad ones', async () => {
      const { offices } = await partyWithOffices(1);
      const m = offices[0].assistant;
      const partyChannel = (await channelsOf(m))[0];
      const body = {
        title: 'Parents and grandparents: new intake',
        body: 'Invitations open on 1 December; sponsors must confirm income for three years.',
        severity: 'urgent',
        categories: ['immigration'],
        immigrationTypes: ['family_reunification', 'permanent_residence'],
        effectiveDate: '2026-12-01',
        sourceUrl: 'https://www.canada.ca/en/immigration-refugees-citizenship/news.html',
      };
      const res = await as(m).post(`/channels/${partyChannel.id}/alerts`, body).expect(201);
      expect(res.body).toMatchObject({ ...body, kind: 'alert', channelId: partyChannel.id, authorId: m.id });

      const bad: [string, object][] = [
        ['severity', { severity: 'critical' }],
        ['categories', { categories: ['immigration', 'astrology'] }],
        ['immigrationTypes', { immigrationTypes: ['time_travel'] }],
        ['sourceUrl', { sourceUrl: 'not a link' }],
        ['effectiveDate', { effectiveDate: '2026-13-45' }],
        ['effectiveDate', { effectiveDate: '01/12/2026' }],
      ];
      for (const [field, change] of bad) {
        const refused = await as(m).post(`/channels/${partyChannel.id}/alerts`, { ...body, ...change });
        expectProblem(refused, 400, 'validation_failed', [field]);
      }
      expect((await feed(m, partyChannel.id)).map((p) => p.id)).toEqual([res.body.id]);
    });

    it("lists the caller's alerts newest first with affectedOpenCases counted per office", async () => {
      const { offices } = await partyWithOffices(2);
      const [a, b] = offices;
      const stranger = (await partyWithOffices(1)).offices[0].assistant;
      const partyChannel = (await channelsOf(a.assistant))[0];

      const open = async (m: Member, overrides: Record<string, unknown> = {}, status?: string) => {
        const kase = (await as(m).post('/cases', caseBody(overrides)).expect(201)).body as { id: string };
        const outcome = ['resolved', 'closed'].includes(status ?? '') ? { outcome: 'other' } : {};
        if (status)
          await as(m)
            .patch(`/cases/${kase.id}`, { status, ...outcome })
            .expect(200);
      };
      // Office a: three open study permits (open, awaiting_ircc, escalated) count; the rest do not.
      await open(a.assistant);
      await open(a.assistant, {}, 'awaiting_ircc');
      await open(a.assistant, {}, 'escalated');
      await open(a.assistant, {}, 'resolved');
      await open(a.assistant, {}, 'closed');
      await open(a.assistant, { immigrationType: 'asylum' });
      await open(a.assistant, { category: 'employment_insurance', immigrationType: undefined });
      // Office b: one open study permit, one closed.
      await open(b.assistant);
      await open(b.assistant, {}, 'closed');

      const studyPermits = await postAlert(a.assistant, partyChannel.id);
      const anyImmigration = await postAlert(b.assistant, partyChannel.id, { immigrationTypes: [] });
      const ei = await postAlert(a.assistant, partyChannel.id, {
        categories: ['employment_insurance'],
        immigrationTypes: [],
      });

      const counts = (alerts: Alert[]) => alerts.map((x) => [x.id, x.affectedOpenCases]);
      expect(counts(await alertsOf(a.assistant))).toEqual([
        [ei.id, 1],
        [anyImmigration.id, 4],
        [studyPermits.id, 3],
      ]);
      expect(counts(await alertsOf(b.lead))).toEqual([
        [ei.id, 0],
        [anyImmigration.id, 1],
        [studyPermits.id, 1],
      ]);
      expect(await alertsOf(stranger)).toEqual([]);
    });

    it('records acknowledgements per user, once, and filters the unacknowledged', async () => {
      const { offices } = await partyWithOffices(2);
      const [a, b] = offices;
      const colleague = await world.member(b.id);
      const custom = await createChannel(a.lead, [b.id]);
      const first = await postAlert(a.assistant, custom.id, { severity: 'urgent' });
      const second = await postAlert(a.assistant, custom.id, { severity: 'info' });

      const flags = async (m: Member, query = '') =>
        (await alertsOf(m, query)).map((x) => [x.id, x.acknowledged] as [string, boolean]);
      expect(await flags(b.assistant)).toEqual([
        [second.id, false],
        [first.id, false],
      ]);

      const ack = await as(b.assistant).post(`/alerts/${first.id}/ack`).expect(200);
      expect(ack.body).toEqual({
        alertId: first.id,
        userId: b.assistant.id,
        officeId: b.id,
        ackedAt: expect.any(String),
      });
      const again = await as(b.assistant).post(`/alerts/${first.id}/ack`).expect(200);
      expect(again.body.ackedAt).toBe(ack.body.ackedAt);

      expect(await flags(b.assistant)).toEqual([
        [second.id, false],
        [first.id, true],
      ]);
      expect(await flags(colleague)).toEqual([
        [second.id, false],
        [first.id, false],
      ]);
      expect(await flags(b.assistant, '&unacknowledged=true')).toEqual([[second.id, false]]);
      expect(await flags(colleague, '&unacknowledged=true')).toEqual([
        [second.id, false],
        [first.id, false],
      ]);

      const acks = await as(a.assistant).get(`/alerts/${first.id}/acks`).expect(200);
      expect(acks.body).toEqual({
        items: [
          {
            userId: b.assistant.id,
            officeId: b.id,
            displayName: (b.assistant as Member & { displayName: string }).displayName,
            ackedAt: ack.body.ackedAt,
          },
        ],
        nextCursor: null,
      });
      expect((await as(a.assistant).get(`/alerts/${second.id}/acks`).expect(200)).body.items).toEqual([]);
    });

    it('raises an urgent alert again, once, to each office where nobody acknowledged it', async () => {
      const { offices } = await partyWithOffices(3);
      const [x, y, z] = offices;
      const custom = await createChannel(x.lead, [y.id, z.id]);
      const zSocket = await LiveClient.connect(t.baseUrl, z.assistant.token);
      sockets.push(zSocket);

      const alert = await postAlert(x.assistant, custom.id, { severity: 'urgent', title: 'Removals paused' });
      await as(y.assistant).post(`/alerts/${alert.id}/ack`).expect(200);

      const reminded = (events: typeof zSocket.events) =>
        events.filter((e) => e.type === 'alert.reminder' && (e.data as { alertId: string }).alertId === alert.id);
      await zSocket.waitFor((events) => reminded(events).length > 0, 10_000);
      expect(reminded(zSocket.events)[0]).toMatchObject({
        stream: `office:${z.id}`,
        type: 'alert.reminder',
        data: { alertId: alert.id, channelId: custom.id, title: 'Removals paused', severity: 'urgent' },
      });

      // Several more job runs (one a second) must not raise it again.
      await new Promise((resolve) => setTimeout(resolve, 3_500));
      const countFor = async (officeId: string) => {
        const { rows } = await t.db.query(
          `SELECT count(*)::int AS n FROM events WHERE stream = $1 AND type = 'alert.reminder' AND data->>'alertId' = $2`,
          [`office:${officeId}`, alert.id],
        );
        return rows[0].n as number;
      };
      expect({ x: await countFor(x.id), y: await countFor(y.id), z: await countFor(z.id) }).toEqual({
        x: 0,
        y: 0,
        z: 1,
      });
      expect(reminded(zSocket.events)).toHaveLength(1);
    });
  });

  it('answers 404 for a channel id that does not exist', async () => {
    const { offices } = await partyWithOffices(1);
    const m = offices[0].assistant;
    for (const path of [`/channels/${randomUUID()}`, `/channels/${randomUUID()}/feed`]) {
      expectProblem(await as(m).get(path), 404, 'not_found');
    }
  });
});
