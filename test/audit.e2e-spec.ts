import type pg from 'pg';
import type { AuditEventView } from '../libs/audit/src/audit.types.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { caseBody, CONSTITUENT_SECRETS, World, type Member } from './support/world.js';

const API = '/api/v1';
const BEARER = { type: 'bearer' } as const;

type AuditEvent = AuditEventView; // the shape GET /audit answers, as the server defines it

const CONSENT = {
  scope: 'share_with_offices',
  grantedAt: new Date(Date.now() - 3_600_000).toISOString(),
  evidence: 'IMM 5476 signed, scanned to file',
};

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

interface TextStream {
  setEncoding(encoding: BufferEncoding): unknown;
  on(event: string, listener: (chunk: string) => void): unknown;
}

/** Supertest does not buffer application/x-ndjson on its own: collect it as text. */
function asText(res: TextStream, done: (error: Error | null, body: string) => void) {
  let text = '';
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => (text += chunk));
  res.on('end', () => done(null, text));
}

describe('audit trail', () => {
  let t: TestApp;
  let world: World;
  let admin: Member;
  let officeA: string;
  let officeB: string;
  let leadA: Member;
  let leadB: Member;
  let alice: Member;
  let bruno: Member;

  beforeAll(async () => {
    t = await startTestApp();
    world = new World(t);
    admin = await world.admin();
    const party = await world.party();
    officeA = (await world.office(party.id)).id;
    officeB = (await world.office(party.id)).id;
    leadA = await world.member(officeA, 'office_lead');
    leadB = await world.member(officeB, 'office_lead');
    alice = await world.member(officeA);
    bruno = await world.member(officeB);
  });
  afterAll(() => t.close());

  const as = (m: Member) => ({
    get: (path: string) => t.http().get(`${API}${path}`).auth(m.token, BEARER),
    post: (path: string, body: object) => t.http().post(`${API}${path}`).auth(m.token, BEARER).send(body),
    patch: (path: string, body: object) => t.http().patch(`${API}${path}`).auth(m.token, BEARER).send(body),
    delete: (path: string) => t.http().delete(`${API}${path}`).auth(m.token, BEARER),
  });

  async function createCase(m: Member, overrides: Record<string, unknown> = {}): Promise<string> {
    const res = await as(m).post('/cases', caseBody(overrides)).expect(201);
    return res.body.id as string;
  }

  /** Every event the caller may see with this query, following the cursor to the end. */
  async function auditAll(m: Member, query = '', limit = 200): Promise<AuditEvent[]> {
    const events: AuditEvent[] = [];
    let after = '';
    for (;;) {
      const res = await as(m).get(`/audit?limit=${limit}&${query}${after}`).expect(200);
      events.push(...(res.body.items as AuditEvent[]));
      if (res.body.nextCursor === null) return events;
      after = `&after=${encodeURIComponent(res.body.nextCursor)}`;
    }
  }

  const verify = async () => (await as(admin).get('/audit/verify').expect(200)).body;
  const countRows = async () => Number((await t.db.query('SELECT count(*) FROM audit_events')).rows[0].count);

  describe('each action writes its event', () => {
    it('adding a member writes user.created (member.created_by_admin over a lead), signing in auth.login', async () => {
      const member = await world.member(officeA); // by the admin, and office A has a lead
      const created = (await auditAll(admin, `action=member.created_by_admin&actorId=${admin.id}`)).filter(
        (e) => e.targetId === member.id,
      );
      expect(created).toEqual([
        expect.objectContaining({
          actorId: admin.id,
          officeId: officeA,
          targetType: 'user',
          data: { role: 'assistant' },
        }),
      ]);
      const logins = await auditAll(admin, `action=auth.login&actorId=${member.id}`);
      expect(logins).toEqual([expect.objectContaining({ officeId: officeA, targetId: member.id })]);
    });

    it('a file: created, viewed, updated (field names only), note added, consent recorded and revoked', async () => {
      const caseId = await createCase(alice);
      await as(alice).get(`/cases/${caseId}`).expect(200);
      await as(alice)
        .patch(`/cases/${caseId}`, {
          summary: 'Applicant moved to a new riding',
          urgency: 'emergency',
          constituent: { phone: '+1 613 555 0199' },
        })
        .expect(200);
      const note = await as(alice).post(`/cases/${caseId}/notes`, { body: 'Called IRCC' }).expect(201);
      const consent = await as(alice).post(`/cases/${caseId}/consents`, CONSENT).expect(201);
      await as(alice).delete(`/cases/${caseId}/consents/${consent.body.id}`).expect(204);

      const events = await auditAll(leadA, `caseId=${caseId}`);
      expect(events.map((e) => e.action)).toEqual([
        'case.created',
        'case.viewed',
        'case.updated',
        'case.note_added',
        'case.consent_recorded',
        'case.consent_revoked',
      ]);
      for (const event of events) {
        expect(event).toMatchObject({ actorId: alice.id, officeId: officeA, caseId });
        expect(new Date(event.at).toISOString()).toBe(event.at);
      }
      const [, , updated, noted, recorded, revoked] = events;
      expect(Object.keys(updated.data)).toEqual(['changed']);
      expect([...(updated.data.changed as string[])].sort()).toEqual(['constituent.phone', 'summary', 'urgency']);
      expect(JSON.stringify(updated)).not.toMatch(/555 0199|new riding/);
      expect(noted.targetId).toBe(note.body.id);
      expect(recorded.targetId).toBe(consent.body.id);
      expect(revoked.targetId).toBe(consent.body.id);
    });

    it('a list or search of files writes case.listed: its filters and row count, never the search text', async () => {
      await createCase(alice, { summary: 'Zorblax asked about the visa renewal' });
      await as(alice).get('/cases?q=Zorblax&status=open&limit=5').expect(200);
      await as(alice).get('/cases?scope=home').expect(200);
      const listed = await auditAll(leadA, `action=case.listed&actorId=${alice.id}`);
      expect(listed.slice(-2)).toEqual([
        expect.objectContaining({
          officeId: officeA,
          caseId: null,
          targetType: 'case_list',
          data: { scope: 'handling', filters: { status: 'open' }, search: { length: 7 }, page: 'first', rows: 1 },
        }),
        expect.objectContaining({ data: { scope: 'home', filters: {}, page: 'first', rows: 0 } }),
      ]);
      expect(JSON.stringify(listed).toLowerCase()).not.toContain('zorblax');
    });

    it('a replayed idempotent answer writes request.replayed, naming the file it shows', async () => {
      const body = caseBody();
      const first = await as(alice).post('/cases', body).set('Idempotency-Key', 'audit-replay-1').expect(201);
      const again = await as(alice).post('/cases', body).set('Idempotency-Key', 'audit-replay-1').expect(201);
      expect(again.body.id).toBe(first.body.id);
      const caseId = first.body.id as string;
      const note = { body: 'Called the constituent back' };
      const noted = await as(alice).post(`/cases/${caseId}/notes`, note).set('Idempotency-Key', 'audit-replay-2');
      await as(alice).post(`/cases/${caseId}/notes`, note).set('Idempotency-Key', 'audit-replay-2').expect(201);

      const replays = await auditAll(leadA, `action=request.replayed&caseId=${caseId}`);
      expect(replays).toEqual([
        expect.objectContaining({
          actorId: alice.id,
          officeId: officeA,
          targetId: caseId,
          data: { route: 'POST /api/v1/cases', rows: 1 },
        }),
        expect.objectContaining({ targetId: noted.body.id, data: { route: 'POST /api/v1/cases/:id/notes', rows: 1 } }),
      ]);
    });

    it("an office lead's deactivation writes user.deactivated", async () => {
      const member = await world.member(officeA);
      await as(leadA).patch(`/users/${member.id}`, { active: false }).expect(200);
      const events = (await auditAll(leadA, 'action=user.deactivated')).filter((e) => e.targetId === member.id);
      expect(events).toEqual([expect.objectContaining({ actorId: leadA.id, officeId: officeA, targetType: 'user' })]);
    });
  });

  describe('who sees what', () => {
    it("an office lead sees exactly its office's events; the admin sees all; assistants none", async () => {
      const caseA = await createCase(alice);
      const caseB = await createCase(bruno);

      const ofOffice = await t.db.query('SELECT id FROM audit_events WHERE office_id = $1', [officeA]);
      const seenByLead = await auditAll(leadA);
      expect(seenByLead.map((e) => e.id).sort()).toEqual(ofOffice.rows.map((r: { id: string }) => r.id).sort());
      expect(seenByLead.some((e) => e.caseId === caseA)).toBe(true);
      expect(await auditAll(leadA, `caseId=${caseB}`)).toEqual([]);
      expect(await auditAll(leadB, `caseId=${caseA}`)).toEqual([]);

      const seenByAdmin = await auditAll(admin);
      expect(seenByAdmin).toHaveLength(await countRows());
      expect(new Set(seenByAdmin.map((e) => e.officeId))).toEqual(new Set([null, officeA, officeB]));

      for (const path of ['/audit', '/audit/verify', '/audit/export']) {
        const res = await as(alice).get(path);
        expect({ path, status: res.status, code: res.body.code }).toEqual({ path, status: 403, code: 'forbidden' });
      }
    });
  });

  describe('filters and pages', () => {
    it('filters by caseId, actorId and action', async () => {
      const caseId = await createCase(alice);
      await as(leadA).get(`/cases/${caseId}`).expect(200);
      await as(alice).get(`/cases/${caseId}`).expect(200);

      const ofCase = await auditAll(admin, `caseId=${caseId}`);
      expect(ofCase.map((e) => [e.action, e.actorId])).toEqual([
        ['case.created', alice.id],
        ['case.viewed', leadA.id],
        ['case.viewed', alice.id],
      ]);
      const byLead = await auditAll(admin, `caseId=${caseId}&actorId=${leadA.id}`);
      expect(byLead.map((e) => e.id)).toEqual([ofCase[1].id]);
      const viewed = await auditAll(admin, `caseId=${caseId}&action=case.viewed`);
      expect(viewed.map((e) => e.id)).toEqual([ofCase[1].id, ofCase[2].id]);
      const allViews = await auditAll(admin, 'action=case.viewed');
      expect(allViews.every((e) => e.action === 'case.viewed')).toBe(true);
    });

    it('filters by time: from is inclusive, to is exclusive', async () => {
      const caseId = await createCase(alice);
      for (let i = 0; i < 3; i++) {
        await sleep(30); // distinct milliseconds, so the bounds fall between events
        await as(alice).get(`/cases/${caseId}`).expect(200);
      }
      const events = await auditAll(admin, `caseId=${caseId}`);
      expect(events).toHaveLength(4);
      const from = encodeURIComponent(events[1].at);
      const to = encodeURIComponent(events[3].at);
      const between = await auditAll(admin, `caseId=${caseId}&from=${from}&to=${to}`);
      expect(between.map((e) => e.id)).toEqual([events[1].id, events[2].id]);
    });

    it('pages with a cursor in sequence order, each event once', async () => {
      const caseId = await createCase(alice);
      for (let i = 0; i < 4; i++) await as(alice).get(`/cases/${caseId}`).expect(200);
      const whole = await auditAll(admin, `caseId=${caseId}`);
      expect(whole).toHaveLength(5);

      const first = await as(admin).get(`/audit?caseId=${caseId}&limit=2`).expect(200);
      expect(first.body.items).toHaveLength(2);
      const paged = await auditAll(admin, `caseId=${caseId}`, 2);
      expect(paged).toEqual(whole);
      const seqs = whole.map((e) => e.seq);
      expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    });
  });

  describe('export', () => {
    const exportAs = (m: Member, query = '') =>
      as(m).get(`/audit/export?${query}`).buffer(true).parse(asText).expect(200);
    const lines = (text: string) =>
      text
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as AuditEvent);

    it('streams NDJSON: one JSON event per line, the same events as the list', async () => {
      const caseId = await createCase(alice);
      await as(alice).get(`/cases/${caseId}`).expect(200);

      const res = await exportAs(leadA);
      expect(res.headers['content-type']).toMatch(/^application\/x-ndjson/);
      expect(res.body.endsWith('\n')).toBe(true);
      expect(lines(res.body)).toEqual(await auditAll(leadA));

      const ofCase = await exportAs(admin, `caseId=${caseId}`);
      expect(lines(ofCase.body).map((e) => e.action)).toEqual(['case.created', 'case.viewed']);
    });
  });

  describe('tamper evidence', () => {
    it('verifies the untouched chain', async () => {
      expect(await verify()).toEqual({ ok: true, checked: await countRows(), firstBadSeq: null });
    });

    it("refuses UPDATE, DELETE and TRUNCATE even to the tables' owner", async () => {
      // t.db is the owner (the server runs as a restricted role): the triggers bind the owner too.
      const before = (await t.db.query('SELECT * FROM audit_events WHERE seq = 1')).rows[0];
      await expect(t.db.query(`UPDATE audit_events SET action = 'auth.nothing' WHERE seq = 1`)).rejects.toThrow(
        /append-only/,
      );
      await expect(t.db.query('DELETE FROM audit_events WHERE seq = 1')).rejects.toThrow(/append-only/);
      await expect(t.db.query('TRUNCATE audit_events')).rejects.toThrow(/append-only/);
      await expect(t.db.query('UPDATE audit_chain_head SET seq = 1')).rejects.toThrow(/audit chain head/);
      expect((await t.db.query('SELECT * FROM audit_events WHERE seq = 1')).rows[0]).toEqual(before);
    });

    /** As the owner with the guard triggers off, in one transaction that turns them back on. */
    async function withoutTriggers(work: (db: pg.PoolClient) => Promise<unknown>): Promise<void> {
      const db = await t.db.connect();
      try {
        await db.query('BEGIN');
        await db.query('ALTER TABLE audit_events DISABLE TRIGGER USER');
        await work(db);
        await db.query('ALTER TABLE audit_events ENABLE TRIGGER USER');
        await db.query('COMMIT');
      } catch (error) {
        await db.query('ROLLBACK');
        throw error;
      } finally {
        db.release();
      }
    }

    /** Tampers, reads verify, then puts the rows back from a copy and checks the chain is whole again. */
    async function tamper(seqs: number[], work: (db: pg.PoolClient) => Promise<unknown>) {
      await t.db.query('DROP TABLE IF EXISTS audit_backup');
      await t.db.query('CREATE TABLE audit_backup AS SELECT * FROM audit_events');
      await withoutTriggers(work);
      const report = await verify();
      await withoutTriggers(async (db) => {
        await db.query('DELETE FROM audit_events WHERE seq = ANY($1)', [seqs]);
        await db.query('INSERT INTO audit_events SELECT * FROM audit_backup WHERE seq = ANY($1)', [seqs]);
      });
      expect(await verify()).toEqual({ ok: true, checked: await countRows(), firstBadSeq: null });
      return report;
    }

    let middle: number;
    beforeAll(async () => {
      const caseId = await createCase(alice);
      for (let i = 0; i < 3; i++) await as(alice).get(`/cases/${caseId}`).expect(200);
      const rows = await countRows();
      middle = Math.floor(rows / 2);
      expect(middle).toBeGreaterThan(2);
    });

    it("finds a row whose data was altered, at that row's number", async () => {
      const report = await tamper([middle], (db) =>
        db.query(`UPDATE audit_events SET data = data || '{"changed": ["nothing"]}' WHERE seq = $1`, [middle]),
      );
      expect(report).toEqual({ ok: false, checked: await countRows(), firstBadSeq: middle });
    });

    it("finds a deleted middle row, at the missing row's number", async () => {
      const total = await countRows();
      const report = await tamper([middle], (db) => db.query('DELETE FROM audit_events WHERE seq = $1', [middle]));
      expect(report).toEqual({ ok: false, checked: total - 1, firstBadSeq: middle });
    });

    it('finds two rows swapped (reordered), at the first of them', async () => {
      const pair = [middle, middle + 1];
      const report = await tamper(pair, async (db) => {
        await db.query('DELETE FROM audit_events WHERE seq = ANY($1)', [pair]);
        await db.query(
          `INSERT INTO audit_events
           SELECT CASE WHEN seq = $1 THEN $2 ELSE $1 END, id, occurred_at, action, actor_id, office_id, case_id,
                  target_type, target_id, data, prev_hash, hash
           FROM audit_backup WHERE seq = ANY($3)`,
          [middle, middle + 1, pair],
        );
      });
      expect(report).toEqual({ ok: false, checked: await countRows(), firstBadSeq: middle });
    });

    it('keeps appending a whole chain after the rows are restored', async () => {
      await createCase(alice);
      expect(await verify()).toEqual({ ok: true, checked: await countRows(), firstBadSeq: null });
    });
  });

  describe('no constituent details', () => {
    it('no audit row holds any constituent detail, whatever was done to the file', async () => {
      const secrets = [...CONSTITUENT_SECRETS, 'Marchetti', 'zq.moved@example.org', '4455-6677', 'E998877'];
      const caseId = await createCase(alice);
      await as(alice).get(`/cases/${caseId}`).expect(200);
      await as(alice)
        .patch(`/cases/${caseId}`, {
          constituent: {
            fullName: 'Zebulon Quixotic-Marchetti Jr',
            email: 'zq.moved@example.org',
            phone: '+1 613 555 0142',
            uci: '4455-6677',
            applicationNumber: 'E998877',
            dateOfBirth: '1990-02-14',
          },
        })
        .expect(200);
      // Notes and consent evidence may name the constituent; the trail must not copy them.
      await as(alice).post(`/cases/${caseId}/notes`, { body: 'Zebulon Quixotic called about W308811223' }).expect(201);
      const consent = await as(alice)
        .post(`/cases/${caseId}/consents`, {
          ...CONSENT,
          evidence: 'Signed by Zebulon Quixotic-Marchetti, UCI 9876-5432',
        })
        .expect(201);
      await as(alice).delete(`/cases/${caseId}/consents/${consent.body.id}`).expect(204);
      await as(alice).get(`/cases/${caseId}/notes`).expect(200);
      await as(alice).get(`/cases/${caseId}/history`).expect(200);
      await as(alice).get('/cases?q=Zebulon').expect(200);
      await as(alice).post('/cases', caseBody()).set('Idempotency-Key', 'secret-test').expect(201);

      const { rows } = await t.db.query('SELECT seq, row_to_json(a)::text AS json FROM audit_events a ORDER BY seq');
      expect(rows.filter((r: { json: string }) => r.json.includes(caseId)).length).toBeGreaterThanOrEqual(8);
      const leaks = rows.flatMap((r: { seq: string; json: string }) =>
        secrets.filter((s) => r.json.toLowerCase().includes(s.toLowerCase())).map((s) => `${r.seq}: ${s}`),
      );
      expect(leaks).toEqual([]);
    });
  });
});
