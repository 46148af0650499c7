import { randomUUID } from 'node:crypto';
import { expect } from '@jest/globals';
import type { TestApp } from './test-app.js';
import type { Member } from './world.js';
import { EXECUTABLE, SAMPLES } from './samples.js';
import type { Part, RawAnswer } from './upload.js';
import type { StoreUnderTest } from './documents-suite.js';

interface Context {
  t: TestApp;
  store: StoreUnderTest;
  a: Member;
  upload(m: Member, id: string, parts: Part[], headers?: Record<string, string>): Promise<RawAnswer>;
  newFile(m: Member): Promise<string>;
}

/**
 * An upload under an Idempotency-Key, on each store: a retry answers the first response and
 * keeps nothing more (no row, no audit row, no bytes); another body under the key is 422.
 */
export function idempotencyTests(context: () => Context): void {
  describe('Idempotency-Key', () => {
    // Over one 256 KiB chunk, so that a concurrent twin is still writing when the first claims.
    const bytes = Buffer.concat([SAMPLES[0].bytes, Buffer.alloc(600_000, 'x')]);
    const parts = (file: Buffer, kind = 'evidence'): Part[] => [
      { name: 'kind', value: kind },
      { name: 'title', value: 'Relevé' },
      { name: 'file', file: { bytes: file, filename: 'statement.pdf' } },
    ];
    const send = (caseId: string, key: string, file = bytes, kind = 'evidence') => {
      const { a, upload } = context();
      return upload(a, caseId, parts(file, kind), { 'idempotency-key': key });
    };
    const listed = async (caseId: string) => {
      const { t, a } = context();
      const res = await t.http().get(`/api/v1/cases/${caseId}/documents`).set('Authorization', `Bearer ${a.token}`);
      return (res.body.items as { id: string }[]).map((item) => item.id);
    };
    /** Everything an upload leaves: rows, audit rows, events and bytes in the store. */
    const traces = async (caseId: string) => {
      const { t, store } = context();
      const count = async (sql: string) => (await t.db.query<{ n: number }>(sql, [caseId])).rows[0].n;
      return {
        documents: await count(`SELECT count(*)::int AS n FROM documents WHERE case_id = $1`),
        audit: await count(
          `SELECT count(*)::int AS n FROM audit_events WHERE action = 'document.added' AND case_id = $1`,
        ),
        events: await count(
          `SELECT count(*)::int AS n FROM events WHERE type = 'document.added' AND data->>'caseId' = $1`,
        ),
        bytes: await store.stored(),
      };
    };

    it('replays the first answer for the same key and upload, keeping one document', async () => {
      const caseId = await context().newFile(context().a);
      const key = `upload-${randomUUID()}`;
      const first = await send(caseId, key);
      expect(first.status).toBe(201);
      const before = await traces(caseId);
      const again = await send(caseId, key);
      expect(again.status).toBe(201);
      expect(again.json()).toEqual(first.json());
      expect(await listed(caseId)).toEqual([first.json().id]);
      expect(await traces(caseId)).toEqual(before);
      expect(before).toMatchObject({ documents: 1, audit: 1, events: 1 });
      const { rows } = await context().t.db.query(
        `SELECT target_id, data FROM audit_events WHERE action = 'request.replayed' AND case_id = $1`,
        [caseId],
      );
      expect(rows).toEqual([
        { target_id: first.json().id, data: { route: 'POST /api/v1/cases/:id/documents', rows: 1 } },
      ]);
    });

    it('refuses the same key with other bytes or another field (422) and keeps nothing', async () => {
      const caseId = await context().newFile(context().a);
      const key = `upload-${randomUUID()}`;
      expect((await send(caseId, key)).status).toBe(201);
      const before = await traces(caseId);
      const otherBytes = Buffer.concat([bytes, Buffer.from('!')]);
      for (const res of [await send(caseId, key, otherBytes), await send(caseId, key, bytes, 'identity')]) {
        expect({ status: res.status, code: res.json().code }).toEqual({ status: 422, code: 'idempotency_key_reused' });
      }
      expect(await traces(caseId)).toEqual(before);
      expect(await listed(caseId)).toHaveLength(1);
    });

    it('two concurrent uploads under one key keep one document; the twin gets 409 or the first answer', async () => {
      const caseId = await context().newFile(context().a);
      const key = `upload-${randomUUID()}`;
      const before = await traces(caseId);
      const answers = await Promise.all([send(caseId, key), send(caseId, key)]);
      const created = answers.filter((res) => res.status === 201);
      expect(created.length).toBeGreaterThanOrEqual(1);
      for (const res of answers) {
        if (res.status === 201) expect(res.json()).toEqual(created[0].json());
        else
          expect({ status: res.status, code: res.json().code }).toEqual({
            status: 409,
            code: 'idempotency_in_progress',
          });
      }
      expect(await listed(caseId)).toEqual([created[0].json().id]);
      expect(await traces(caseId)).toEqual({
        documents: before.documents + 1,
        audit: before.audit + 1,
        events: before.events + 1,
        bytes: before.bytes + 1,
      });
      // Once the first has finished, the twin's retry is its answer.
      const retry = await send(caseId, key);
      expect({ status: retry.status, body: retry.json() }).toEqual({ status: 201, body: created[0].json() });
    });

    it('frees the key of a refused upload, so the corrected retry is kept', async () => {
      const caseId = await context().newFile(context().a);
      const key = `upload-${randomUUID()}`;
      const refused = await context().upload(
        context().a,
        caseId,
        [
          { name: 'kind', value: 'evidence' },
          { name: 'file', file: { bytes: EXECUTABLE, filename: 'statement.pdf' } },
        ],
        { 'idempotency-key': key },
      );
      expect(refused.status).toBe(415);
      expect((await send(caseId, key)).status).toBe(201);
      expect(await listed(caseId)).toHaveLength(1);
    });

    it('refuses a key that is not 1-255 visible ASCII characters (400) and keeps nothing', async () => {
      const caseId = await context().newFile(context().a);
      const before = await traces(caseId);
      for (const key of ['k'.repeat(256), 'two words']) {
        const res = await send(caseId, key);
        expect(res.status).toBe(400);
        expect(res.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'Idempotency-Key' }] });
      }
      expect(await traces(caseId)).toEqual(before);
      expect((await send(caseId, 'k'.repeat(255))).status).toBe(201);
    });
  });
}
