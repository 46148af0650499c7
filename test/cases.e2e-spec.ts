import { startTestApp, type TestApp } from './support/test-app.js';
import { caseBody, World, type Member } from './support/world.js';

const API = '/api/v1';
const BEARER = { type: 'bearer' } as const;

interface Case {
  id: string;
  reference: string;
  version: number;
  status: string;
  summary?: string;
  constituent?: Record<string, string>;
  consents?: { id: string; active: boolean; revokedAt: string | null }[];
}
interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

describe('cases', () => {
  let t: TestApp;
  let world: World;
  let partyId: string;
  let office: { id: string; code: string };
  let alice: Member;
  let bob: Member;
  let other: Member;

  beforeAll(async () => {
    t = await startTestApp();
    world = new World(t);
    partyId = (await world.party()).id;
    office = await world.office(partyId);
    alice = await world.member(office.id);
    bob = await world.member(office.id);
    other = await world.member((await world.office(partyId)).id);
  });
  afterAll(() => t.close());

  // Requests as one member.
  const as = (m: Member) => ({
    get: (path: string) => t.http().get(`${API}${path}`).auth(m.token, BEARER),
    post: (path: string, body: object) => t.http().post(`${API}${path}`).auth(m.token, BEARER).send(body),
    patch: (path: string, body: object) => t.http().patch(`${API}${path}`).auth(m.token, BEARER).send(body),
    delete: (path: string) => t.http().delete(`${API}${path}`).auth(m.token, BEARER),
  });

  async function createCase(m: Member, overrides: Record<string, unknown> = {}): Promise<Case> {
    const res = await as(m).post('/cases', caseBody(overrides)).expect(201);
    return res.body as Case;
  }

  async function listIds(m: Member, query: string): Promise<string[]> {
    const res = await as(m).get(`/cases?limit=200&${query}`).expect(200);
    return (res.body as Page<Case>).items.map((c) => c.id).sort();
  }

  // Resolving and closing need an outcome.
  const setStatus = (m: Member, id: string, status: string) =>
    as(m).patch(`/cases/${id}`, ['resolved', 'closed'].includes(status) ? { status, outcome: 'approved' } : { status });

  /** A fresh office with its own members, so its lists hold only what the test put there. */
  async function freshOffice() {
    const fresh = await world.office(partyId);
    return { office: fresh, a: await world.member(fresh.id), b: await world.member(fresh.id) };
  }

  function expectProblem(
    res: { status: number; headers: Record<string, string>; body: unknown },
    status: number,
    code: string,
  ) {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status, code });
  }

  /** The distinct fields a validation problem names (a field may carry several messages). */
  const errorFields = (problem: { errors?: { field: string }[] }) => [...new Set(problem.errors?.map((e) => e.field))];

  describe('create and read', () => {
    it('creates a file with a human reference and an ETag of its version', async () => {
      const res = await as(alice).post('/cases', caseBody()).expect(201);
      const yy = String(new Date().getUTCFullYear()).slice(2);
      expect(res.body.reference).toMatch(new RegExp(`^${office.code}-${yy}-\\d{5}$`));
      expect(res.headers.etag).toBe(`"${res.body.version}"`);
      expect(res.body).toMatchObject({
        version: 1,
        status: 'open',
        handlingOfficeId: office.id,
        homeOfficeId: office.id,
        createdBy: alice.id,
        constituent: caseBody().constituent,
      });
      const next = await createCase(alice);
      const counter = (ref: string) => Number(ref.slice(-5));
      expect(counter(next.reference)).toBe(counter(res.body.reference) + 1);
    });

    it('reads the whole file for its office, 404 for another office, 403 office_required for an admin', async () => {
      const kase = await createCase(alice);
      const res = await as(bob).get(`/cases/${kase.id}`).expect(200);
      expect(res.headers.etag).toBe('"1"');
      expect(res.body).toMatchObject({ id: kase.id, summary: caseBody().summary, constituent: caseBody().constituent });
      expectProblem(await as(other).get(`/cases/${kase.id}`), 404, 'not_found');
      // The admin belongs to no office: told so, whether or not the file exists.
      expectProblem(await as(await world.admin()).get(`/cases/${kase.id}`), 403, 'office_required');
      expectProblem(await as(alice).get(`/cases/00000000-0000-4000-8000-000000000000`), 404, 'not_found');
    });

    it('refuses languages: null on create with 400, creating nothing', async () => {
      const { a } = await freshOffice();
      const res = await as(a).post('/cases', caseBody({ languages: null }));
      expectProblem(res, 400, 'validation_failed');
      expect(errorFields(res.body)).toEqual(['languages']);
      expect(await listIds(a, '')).toEqual([]);
    });
  });

  describe('lists', () => {
    it('filters by status, category, immigrationType, urgency and assigneeId', async () => {
      const { a, b } = await freshOffice();
      const study = await createCase(a, { urgency: 'priority', assigneeId: a.id });
      const asylum = await createCase(a, { immigrationType: 'asylum', urgency: 'emergency' });
      const ei = await createCase(a, {
        category: 'employment_insurance',
        immigrationType: undefined,
        urgency: 'routine',
        assigneeId: b.id,
      });
      await setStatus(a, asylum.id, 'escalated').expect(200);
      const ids = (...cases: Case[]) => cases.map((c) => c.id).sort();

      expect(await listIds(a, '')).toEqual(ids(study, asylum, ei));
      expect(await listIds(a, 'status=escalated')).toEqual(ids(asylum));
      expect(await listIds(a, 'status=open')).toEqual(ids(study, ei));
      expect(await listIds(a, 'category=employment_insurance')).toEqual(ids(ei));
      expect(await listIds(a, 'category=immigration')).toEqual(ids(study, asylum));
      expect(await listIds(a, 'immigrationType=asylum')).toEqual(ids(asylum));
      expect(await listIds(a, 'urgency=routine')).toEqual(ids(ei));
      expect(await listIds(a, `assigneeId=${a.id}`)).toEqual(ids(study));
      expect(await listIds(a, 'category=immigration&urgency=emergency')).toEqual(ids(asylum));
    });

    it('list rows never carry the constituent', async () => {
      const { a } = await freshOffice();
      await createCase(a);
      const res = await as(a).get('/cases').expect(200);
      expect(res.body.items).toHaveLength(1);
      expect(res.body.items[0].constituent).toBeUndefined();
      expect(JSON.stringify(res.body)).not.toContain('Zebulon');
    });

    it('pages with a cursor: limit 2 over 5 files gives each once, then nextCursor null', async () => {
      const { a } = await freshOffice();
      const created: string[] = [];
      for (let i = 0; i < 5; i++) created.push((await createCase(a, { summary: `File number ${i}` })).id);

      const pages: string[][] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `&after=${encodeURIComponent(cursor)}` : '';
        const res = await as(a).get(`/cases?limit=2${query}`).expect(200);
        const page = res.body as Page<Case>;
        pages.push(page.items.map((c) => c.id));
        cursor = page.nextCursor;
      } while (cursor !== null && pages.length < 10);

      expect(pages.map((p) => p.length)).toEqual([2, 2, 1]);
      expect(pages.flat().sort()).toEqual(created.sort());
    });
  });

  describe('full-text search', () => {
    it("finds the office's file by a word of a note or of the summary, never another office's twin", async () => {
      const { a } = await freshOffice();
      const twinOffice = await freshOffice();
      const body = { summary: 'Work permit stuck after the marimba festival', immigrationType: 'work_permit' };
      const note = { body: 'Called the xylophonist about the missing biometrics letter' };

      const mine = await createCase(a, body);
      await as(a).post(`/cases/${mine.id}/notes`, note).expect(201);
      await createCase(a, { summary: 'Unrelated passport renewal' });
      const twin = await createCase(twinOffice.a, body);
      await as(twinOffice.a).post(`/cases/${twin.id}/notes`, note).expect(201);

      expect(await listIds(a, 'q=xylophonist')).toEqual([mine.id]);
      expect(await listIds(a, 'q=marimba')).toEqual([mine.id]);
      expect(await listIds(twinOffice.a, 'q=xylophonist')).toEqual([twin.id]);
      expect(await listIds(a, 'q=nowhere-to-be-found')).toEqual([]);
    });
  });

  describe('home office view', () => {
    it('lists files of its riding handled elsewhere with status fields only', async () => {
      const home = await freshOffice();
      const handling = await freshOffice();
      const kase = await createCase(handling.a, { homeOfficeId: home.office.id });

      const res = await as(home.a).get('/cases?scope=home').expect(200);
      expect(res.body.items).toHaveLength(1);
      const row = res.body.items[0];
      expect(row).toMatchObject({
        id: kase.id,
        reference: kase.reference,
        access: 'status',
        status: 'open',
        handlingOfficeId: handling.office.id,
        homeOfficeId: home.office.id,
      });
      expect(row.summary).toBeUndefined();
      expect(row.constituent).toBeUndefined();
      expect(JSON.stringify(res.body)).not.toMatch(/Zebulon|Study permit refused/);

      // Not one of the home office's own files, and not a home-scope file of the handler.
      expect(await listIds(home.a, '')).toEqual([]);
      expect(await listIds(handling.a, 'scope=home')).toEqual([]);
    });

    it('reads the status view of one file, and may not open its notes or change it', async () => {
      const home = await freshOffice();
      const handling = await freshOffice();
      const kase = await createCase(handling.a, { homeOfficeId: home.office.id });
      await as(handling.a).post(`/cases/${kase.id}/notes`, { body: 'Private working note' }).expect(201);

      const res = await as(home.a).get(`/cases/${kase.id}`).expect(200);
      expect(res.body).toMatchObject({ id: kase.id, access: 'status', status: 'open' });
      expect(res.body.summary).toBeUndefined();
      expect(res.body.constituent).toBeUndefined();

      expectProblem(await as(home.a).get(`/cases/${kase.id}/notes`), 403, 'forbidden');
      expectProblem(await setStatus(home.a, kase.id, 'closed'), 403, 'forbidden');
      const after = await as(handling.a).get(`/cases/${kase.id}`).expect(200);
      expect(after.body).toMatchObject({ status: 'open', version: 1 });
    });
  });

  describe('updates', () => {
    it('allows the transitions of the workflow, and refuses to reopen a closed file', async () => {
      const kase = await createCase(alice);
      for (const status of ['awaiting_ircc', 'escalated', 'resolved', 'open', 'closed']) {
        const res = await setStatus(alice, kase.id, status);
        expect({ status, code: res.status }).toEqual({ status, code: 200 });
        expect(res.body.status).toBe(status);
      }
      const refused = await setStatus(alice, kase.id, 'open');
      expectProblem(refused, 409, 'invalid_transition');
      const now = await as(alice).get(`/cases/${kase.id}`).expect(200);
      expect(now.body).toMatchObject({ status: 'closed', version: 6 });
    });

    it('honours If-Match: the current ETag bumps the version, a stale one is 412 and changes nothing', async () => {
      const kase = await createCase(alice);
      const read = await as(alice).get(`/cases/${kase.id}`).expect(200);
      const etag = read.headers.etag;

      const ok = await as(alice)
        .patch(`/cases/${kase.id}`, { summary: 'Reviewed with the applicant' })
        .set('If-Match', etag)
        .expect(200);
      expect(ok.body).toMatchObject({ version: 2, summary: 'Reviewed with the applicant' });
      expect(ok.headers.etag).toBe('"2"');

      const stale = await as(bob)
        .patch(`/cases/${kase.id}`, { summary: 'Overwritten by a stale client', urgency: 'emergency' })
        .set('If-Match', etag);
      expectProblem(stale, 412, 'version_mismatch');
      const now = await as(alice).get(`/cases/${kase.id}`).expect(200);
      expect(now.body).toMatchObject({ version: 2, summary: 'Reviewed with the applicant', urgency: 'priority' });
    });

    // null is not "leave unchanged" for a field that cannot be empty: it is bad input.
    it.each([
      ['status', { status: null }],
      ['summary', { summary: null }],
      ['category', { category: null }],
      ['urgency', { urgency: null }],
      ['complexity', { complexity: null }],
      ['languages', { languages: null }],
      ['constituent.fullName', { constituent: { fullName: null } }],
    ])('refuses %s: null with 400 naming the field, and changes nothing', async (field, body) => {
      const kase = await createCase(alice);
      const res = await as(alice).patch(`/cases/${kase.id}`, body);
      expectProblem(res, 400, 'validation_failed');
      expect(errorFields(res.body)).toEqual([field]);
      const now = await as(alice).get(`/cases/${kase.id}`).expect(200);
      expect(now.body).toMatchObject({ version: 1, constituent: caseBody().constituent });
    });
  });

  describe('notes', () => {
    it('adds notes and lists them oldest first, page by page', async () => {
      const kase = await createCase(alice);
      const bodies = ['First call', 'Documents received', 'Sent to the liaison line'];
      for (const body of bodies) {
        const res = await as(alice).post(`/cases/${kase.id}/notes`, { body }).expect(201);
        expect(res.body).toMatchObject({ caseId: kase.id, authorId: alice.id, body });
      }

      const first = await as(bob).get(`/cases/${kase.id}/notes?limit=2`).expect(200);
      expect(first.body.items.map((n: { body: string }) => n.body)).toEqual(bodies.slice(0, 2));
      expect(first.body.nextCursor).toEqual(expect.any(String));
      const second = await as(bob)
        .get(`/cases/${kase.id}/notes?limit=2&after=${encodeURIComponent(first.body.nextCursor)}`)
        .expect(200);
      expect(second.body).toEqual({ items: [expect.objectContaining({ body: bodies[2] })], nextCursor: null });

      expectProblem(await as(other).post(`/cases/${kase.id}/notes`, { body: 'x' }), 404, 'not_found');
    });
  });

  describe('consents', () => {
    const consent = {
      scope: 'share_with_offices',
      grantedAt: new Date(Date.now() - 3_600_000).toISOString(),
      evidence: 'IMM 5476 signed, scanned to file',
    };

    it('records a consent, shows it in the file, and DELETE revokes it', async () => {
      const kase = await createCase(alice);
      const res = await as(alice).post(`/cases/${kase.id}/consents`, consent).expect(201);
      expect(res.body).toMatchObject({ ...consent, caseId: kase.id, active: true, revokedAt: null });

      const withConsent = await as(alice).get(`/cases/${kase.id}`).expect(200);
      expect(withConsent.body.consents).toEqual([expect.objectContaining({ id: res.body.id, active: true })]);

      await as(alice).delete(`/cases/${kase.id}/consents/${res.body.id}`).expect(204);
      const revoked = await as(alice).get(`/cases/${kase.id}`).expect(200);
      expect(revoked.body.consents).toEqual([
        expect.objectContaining({ id: res.body.id, active: false, revokedAt: expect.any(String) }),
      ]);
    });

    it('answers 404 for an unknown consent', async () => {
      const kase = await createCase(alice);
      const res = await as(alice).delete(`/cases/${kase.id}/consents/00000000-0000-4000-8000-000000000000`);
      expectProblem(res, 404, 'not_found');
    });
  });

  describe('history', () => {
    it("lists the file's audit events oldest first", async () => {
      const kase = await createCase(alice);
      await as(alice).get(`/cases/${kase.id}`).expect(200);
      await as(alice).patch(`/cases/${kase.id}`, { urgency: 'emergency' }).expect(200);
      await as(alice).post(`/cases/${kase.id}/notes`, { body: 'Called IRCC' }).expect(201);

      const res = await as(bob).get(`/cases/${kase.id}/history`).expect(200);
      const events = res.body.items as { seq: number; action: string; caseId: string }[];
      expect(events.slice(0, 4).map((e) => e.action)).toEqual([
        'case.created',
        'case.viewed',
        'case.updated',
        'case.note_added',
      ]);
      expect(events.every((e) => e.caseId === kase.id)).toBe(true);
      const seqs = events.map((e) => e.seq);
      expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
      expectProblem(await as(other).get(`/cases/${kase.id}/history`), 404, 'not_found');
    });
  });

  describe('idempotency', () => {
    const countCases = async (officeId: string) =>
      Number((await t.db.query('SELECT count(*) FROM cases WHERE handling_office_id = $1', [officeId])).rows[0].count);

    it('replays the first answer for the same key and body, and creates once', async () => {
      const { office: fresh, a } = await freshOffice();
      const send = () => as(a).post('/cases', caseBody()).set('Idempotency-Key', 'create-once-1');
      const first = await send().expect(201);
      const again = await send().expect(201);
      expect(again.body).toEqual(first.body);
      expect(await countCases(fresh.id)).toBe(1);
    });

    it('refuses the same key with another body with 422 idempotency_key_reused', async () => {
      const { office: fresh, a } = await freshOffice();
      await as(a).post('/cases', caseBody()).set('Idempotency-Key', 'create-once-2').expect(201);
      const reused = await as(a)
        .post('/cases', caseBody({ summary: 'A different file' }))
        .set('Idempotency-Key', 'create-once-2');
      expectProblem(reused, 422, 'idempotency_key_reused');
      expect(await countCases(fresh.id)).toBe(1);
    });
  });
});
