import { createHash } from 'node:crypto';
import { expect } from '@jest/globals';
import type { TestApp } from './test-app.js';
import { caseBody, type Member, World } from './world.js';
import { EXECUTABLE, SAMPLES } from './samples.js';
import { idempotencyTests } from './documents-idempotency.js';
import { multipart, MULTIPART_TYPE, type Part, rawRequest, rssOf, zeros } from './upload.js';

const API = '/api/v1';
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

export interface StoreUnderTest {
  app: TestApp;
  /** Whether the store still holds bytes for the document. */
  holds(documentId: string): Promise<boolean>;
  /** How many documents the store holds bytes for (to see that nothing was left behind). */
  stored(): Promise<number>;
  close(): Promise<void>;
}

/**
 * The documents suite, run once per store (PostgreSQL and an S3-compatible bucket): the
 * same requests must give the same answers and leave the same traces.
 */
export function documentsSuite(label: string, start: () => Promise<StoreUnderTest>): void {
  describe(`documents (${label} store)`, () => {
    let store: StoreUnderTest;
    let t: TestApp;
    let offices: { A: string; B: string };
    let a: Member;
    let b: Member;
    let caseId: string;

    const send = (m: Member, method: 'get' | 'post' | 'patch' | 'delete', path: string) =>
      t.http()[method](`${API}${path}`).set('Authorization', `Bearer ${m.token}`);

    const upload = (m: Member, id: string, parts: Part[], headers: Record<string, string> = {}) =>
      rawRequest(t.baseUrl, `${API}/cases/${id}/documents`, {
        token: m.token,
        headers: { 'content-type': MULTIPART_TYPE, ...headers },
        body: multipart(parts),
      });

    const uploadFile = (m: Member, id: string, bytes: Buffer, filename = 'file.pdf', kind = 'evidence') =>
      upload(m, id, [
        { name: 'kind', value: kind },
        { name: 'file', file: { bytes, filename } },
      ]);

    const newFile = async (m: Member, consent = true): Promise<string> => {
      const created = await send(m, 'post', '/cases').send(caseBody()).expect(201);
      if (consent) {
        await send(m, 'post', `/cases/${created.body.id}/consents`)
          .send({ scope: 'share_with_offices', grantedAt: new Date().toISOString(), evidence: 'IMM 5476 on file' })
          .expect(201);
      }
      return created.body.id as string;
    };

    const allDocuments = async () =>
      (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM documents`)).rows[0].n;
    const allChunks = async () =>
      (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM document_chunks`)).rows[0].n;

    beforeAll(async () => {
      store = await start();
      t = store.app;
      const world = new World(t);
      const party = (await world.party()).id;
      offices = { A: (await world.office(party)).id, B: (await world.office(party)).id };
      a = await world.member(offices.A);
      b = await world.member(offices.B);
      caseId = await newFile(a);
    });
    afterAll(() => store?.close());

    it.each(SAMPLES.map((s) => [s.mediaType, s] as const))('accepts %s, sniffed from the bytes', async (_, sample) => {
      const res = await upload(a, caseId, [
        { name: 'kind', value: 'evidence' },
        { name: 'title', value: 'Pièce justificative' },
        { name: 'file', file: { bytes: sample.bytes, filename: sample.name, contentType: 'application/octet-stream' } },
      ]);
      expect(res.status).toBe(201);
      expect(res.json()).toMatchObject({
        caseId,
        kind: 'evidence',
        title: 'Pièce justificative',
        filename: sample.name,
        mediaType: sample.mediaType,
        bytes: sample.bytes.length,
        sha256: sha256(sample.bytes),
        uploadedBy: a.id,
      });
      expect(await store.holds(res.json().id as string)).toBe(true);
    });

    it('decides the type from the bytes, not from the name or the declared type', async () => {
      const pdf = SAMPLES[0].bytes;
      const res = await upload(a, caseId, [
        { name: 'kind', value: 'ircc_letter' },
        { name: 'file', file: { bytes: pdf, filename: 'photo.png', contentType: 'image/png' } },
      ]);
      expect(res.status).toBe(201);
      expect(res.json().mediaType).toBe('application/pdf');
    });

    it('refuses a renamed executable (415) and stores nothing', async () => {
      const before = [await allDocuments(), await allChunks()];
      const res = await uploadFile(a, caseId, EXECUTABLE, 'consent.pdf');
      expect(res.status).toBe(415);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json().code).toBe('unsupported_media_type');
      expect([await allDocuments(), await allChunks()]).toEqual(before);
    });

    it('refuses text that is not text (control bytes after a clean start)', async () => {
      const bytes = Buffer.concat([Buffer.alloc(70_000, 'a'), Buffer.from([0x00, 0x01])]);
      const res = await uploadFile(a, caseId, bytes, 'notes.txt');
      expect(res.status).toBe(415);
    });

    it('refuses an empty file (400) and stores nothing', async () => {
      const before = await allDocuments();
      const res = await uploadFile(a, caseId, Buffer.alloc(0), 'empty.pdf');
      expect(res.status).toBe(400);
      expect(res.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: 'file' }] });
      expect(await allDocuments()).toBe(before);
    });

    it('refuses a missing kind, an unknown kind, an unknown field and a missing file (400)', async () => {
      const before = [await allDocuments(), await allChunks()];
      const file: Part = { name: 'file', file: { bytes: SAMPLES[0].bytes, filename: 'a.pdf' } };
      const cases: [Part[], string][] = [
        [[file], 'kind'],
        [[{ name: 'kind', value: 'selfie' }, file], 'kind'],
        [[{ name: 'kind', value: 'other' }, { name: 'owner', value: 'x' }, file], 'owner'],
        [[{ name: 'kind', value: 'other' }], 'file'],
        [[{ name: 'kind', value: 'other' }, { name: 'title', value: 'x'.repeat(201) }, file], 'title'],
      ];
      for (const [parts, field] of cases) {
        const res = await upload(a, caseId, parts);
        expect({ status: res.status, code: res.json().code }).toEqual({ status: 400, code: 'validation_failed' });
        expect((res.json().errors as { field: string }[]).map((e) => e.field)).toContain(field);
      }
      expect([await allDocuments(), await allChunks()]).toEqual(before);
    });

    it('refuses a JSON body (415) on the upload route', async () => {
      const res = await send(a, 'post', `/cases/${caseId}/documents`).send({ kind: 'other' });
      expect(res.status).toBe(415);
      expect(res.body.code).toBe('unsupported_media_type');
    });

    it('refuses a truncated multipart body (400) and stores nothing', async () => {
      const before = [await allDocuments(), await allChunks()];
      const body = multipart(
        [
          { name: 'kind', value: 'evidence' },
          {
            name: 'file',
            file: { bytes: Buffer.concat([SAMPLES[0].bytes, Buffer.alloc(300_000, 'x')]), filename: 'a.pdf' },
          },
        ],
        { close: false },
      ).subarray(0, 200_000);
      const res = await rawRequest(t.baseUrl, `${API}/cases/${caseId}/documents`, {
        token: a.token,
        headers: { 'content-type': MULTIPART_TYPE },
        body,
      });
      expect(res.status).toBe(400);
      expect(res.json().code).toBe('validation_failed');
      expect([await allDocuments(), await allChunks()]).toEqual(before);
    });

    it('refuses an over-size upload announced by Content-Length at once (413)', async () => {
      const res = await rawRequest(t.baseUrl, `${API}/cases/${caseId}/documents`, {
        token: a.token,
        headers: { 'content-type': MULTIPART_TYPE, 'content-length': String(50_000_000) },
        body: zeros(1024),
      });
      expect(res.status).toBe(413);
      expect(res.json().code).toBe('payload_too_large');
    });

    it('refuses a streamed 100 MB upload with 413 while reading, holding the server memory bounded', async () => {
      const pid = t.server.pid!;
      let idle = await rssOf(pid);
      let peak = idle;
      const sampler = setInterval(() => {
        void rssOf(pid).then(
          (rss) => (peak = Math.max(peak, rss)),
          () => undefined,
        );
      }, 20);
      const before = [await allDocuments(), await allChunks()];
      const head = Buffer.from(
        `--${MULTIPART_TYPE.split('boundary=')[1]}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nevidence\r\n` +
          `--${MULTIPART_TYPE.split('boundary=')[1]}\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\n` +
          `Content-Type: application/pdf\r\n\r\n%PDF-1.4\n`,
      );
      // No Content-Length: the server only learns the size by reading. A client still writing
      // when the answer comes may see the connection close first (EPIPE) on a busy machine; it
      // tries again, and the answer it gets must be the 413.
      const send100Mb = () =>
        rawRequest(t.baseUrl, `${API}/cases/${caseId}/documents`, {
          token: a.token,
          headers: { 'content-type': MULTIPART_TYPE, 'transfer-encoding': 'chunked' },
          body: zeros(100_000_000, head),
        });
      let res: Awaited<ReturnType<typeof send100Mb>> | undefined;
      for (let attempt = 1; !res; attempt++) {
        if (attempt > 1) [idle, peak] = await rssOf(pid).then((rss) => [rss, rss]); // measure this attempt alone
        try {
          res = await send100Mb();
        } catch (error) {
          const code = (error as { code?: string }).code ?? '';
          if (attempt >= 3 || !['EPIPE', 'ECONNRESET'].includes(code)) throw error;
        }
      }
      await new Promise((done) => setTimeout(done, 300));
      clearInterval(sampler);
      expect(res.status).toBe(413);
      expect(res.json().code).toBe('payload_too_large');
      expect([await allDocuments(), await allChunks()]).toEqual(before);
      // Held whole, the 100 MB would show in the resident size. Read as a stream, only garbage
      // awaiting collection does: the server runs with 64 MB semi-spaces (the young generation
      // may reach about that before a scavenge), so the bound is 96 MB, not the 20 MB read.
      expect(peak - idle).toBeLessThan(96 * 1024 * 1024);
      // The server is still well.
      await send(a, 'get', `/cases/${caseId}/documents`).expect(200);
    });

    it('keeps a clean file name: no directories, no control characters', async () => {
      const res = await upload(a, caseId, [
        { name: 'kind', value: 'evidence' },
        {
          name: 'file',
          file: {
            bytes: SAMPLES[0].bytes,
            filename: '..\\..\\etc/pass\u0007wd\u202e\u0001 lettre é.pdf',
            encoded: true,
          },
        },
      ]);
      expect(res.status).toBe(201);
      const { filename, id } = res.json() as { filename: string; id: string };
      expect(filename).toBe('passwd lettre é.pdf');
      const content = await send(a, 'get', `/documents/${id}/content`).expect(200);
      expect(content.headers['content-disposition']).toBe(
        `attachment; filename="passwd lettre _.pdf"; filename*=UTF-8''passwd%20lettre%20%C3%A9.pdf`,
      );
      // Raw control characters in the part's header are a malformed body: 400, nothing stored.
      const before = await allDocuments();
      const raw = await uploadFile(a, caseId, SAMPLES[0].bytes, 'bad\u0001name.pdf');
      expect(raw.status).toBe(400);
      expect(await allDocuments()).toBe(before);
    });

    it('downloads the same bytes with the right headers, and audits the download', async () => {
      const bytes = Buffer.concat([SAMPLES[0].bytes, Buffer.from(Array.from({ length: 700_000 }, (_, i) => i % 251))]);
      const up = await uploadFile(a, caseId, bytes, 'IRCC letter.pdf', 'ircc_letter');
      expect(up.status).toBe(201);
      const id = up.json().id as string;
      const res = await rawRequest(t.baseUrl, `${API}/documents/${id}/content`, { method: 'GET', token: a.token });
      expect(res.status).toBe(200);
      expect(Buffer.compare(res.body, bytes)).toBe(0);
      expect(sha256(res.body)).toBe(up.json().sha256);
      expect(res.headers).toMatchObject({
        'content-type': 'application/pdf',
        'content-length': String(bytes.length),
        'content-disposition': `attachment; filename="IRCC letter.pdf"; filename*=UTF-8''IRCC%20letter.pdf`,
        'x-content-type-options': 'nosniff',
        etag: `"${sha256(bytes)}"`,
      });
      const { rows } = await t.db.query(
        `SELECT actor_id, case_id, data FROM audit_events WHERE action = 'document.downloaded' AND target_id = $1`,
        [id],
      );
      expect(rows).toEqual([
        {
          actor_id: a.id,
          case_id: caseId,
          data: { documentId: id, kind: 'ircc_letter', bytes: bytes.length, sha256: sha256(bytes) },
        },
      ]);
    });

    it('serves one byte range (206), across stored chunks, and refuses one past the end (416)', async () => {
      const bytes = Buffer.concat([SAMPLES[0].bytes, Buffer.from(Array.from({ length: 700_000 }, (_, i) => i % 241))]);
      const up = await uploadFile(a, caseId, bytes, 'range.pdf');
      expect(up.status).toBe(201);
      const id = up.json().id as string;
      const get = (headers: Record<string, string>) =>
        rawRequest(t.baseUrl, `${API}/documents/${id}/content`, { method: 'GET', token: a.token, headers });
      // 262,000 to 262,299 straddles the first 256 KiB boundary of the PostgreSQL store.
      const middle = await get({ range: 'bytes=262000-262299' });
      expect(middle.status).toBe(206);
      expect(middle.headers['content-range']).toBe(`bytes 262000-262299/${bytes.length}`);
      expect(middle.headers['content-length']).toBe('300');
      expect(Buffer.compare(middle.body, bytes.subarray(262000, 262300))).toBe(0);
      const tail = await get({ range: 'bytes=-1000' });
      expect(tail.status).toBe(206);
      expect(Buffer.compare(tail.body, bytes.subarray(bytes.length - 1000))).toBe(0);
      // If-Range naming other bytes: the whole document, as it is now.
      const stale = await get({ range: 'bytes=0-9', 'if-range': '"not-this-version"' });
      expect(stale.status).toBe(200);
      expect(Buffer.compare(stale.body, bytes)).toBe(0);
      const past = await get({ range: `bytes=${bytes.length}-` });
      expect(past.status).toBe(416);
      expect(past.headers['content-range']).toBe(`bytes */${bytes.length}`);
      expect(JSON.parse(past.body.toString()).code).toBe('range_not_satisfiable');
    });

    it('serves plain text as UTF-8', async () => {
      const text = SAMPLES.find((s) => s.mediaType === 'text/plain')!;
      const id = (await uploadFile(a, caseId, text.bytes, 'notes.txt')).json().id as string;
      const res = await send(a, 'get', `/documents/${id}/content`).expect(200);
      expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(res.text).toBe(text.bytes.toString('utf8'));
    });

    it('deletes the bytes and keeps a tombstone: who, when, why', async () => {
      const id = (await uploadFile(a, caseId, SAMPLES[1].bytes, 'id.jpg', 'identity')).json().id as string;
      await send(a, 'delete', `/documents/${id}`).expect(400); // a reason is required
      await send(a, 'delete', `/documents/${id}?reason=${encodeURIComponent('Uploaded to the wrong file')}`).expect(
        204,
      );
      await send(a, 'get', `/documents/${id}/content`).expect(404);
      expect(await store.holds(id)).toBe(false);
      const list = await send(a, 'get', `/cases/${caseId}/documents?limit=200`).expect(200);
      const tombstone = (list.body.items as { id: string }[]).find((item) => item.id === id);
      expect(tombstone).toMatchObject({
        deleted: true,
        deletedBy: a.id,
        deletedReason: 'Uploaded to the wrong file',
        kind: 'identity',
      });
      expect(Date.parse((tombstone as unknown as { deletedAt: string }).deletedAt)).toBeGreaterThan(
        Date.now() - 60_000,
      );
      // Deleting again changes nothing.
      await send(a, 'delete', `/documents/${id}?reason=again`).expect(204);
      const { rows } = await t.db.query(`SELECT deleted_reason FROM documents WHERE id = $1`, [id]);
      expect(rows[0].deleted_reason).toBe('Uploaded to the wrong file');
    });

    it('never writes a file name or title into the events or the audit trail', async () => {
      const res = await upload(a, caseId, [
        { name: 'kind', value: 'evidence' },
        { name: 'title', value: 'Titre-Secret-Zebulon' },
        { name: 'file', file: { bytes: SAMPLES[0].bytes, filename: 'Quixotic-Secret-Name.pdf' } },
      ]);
      expect(res.status).toBe(201);
      const id = res.json().id as string;
      await send(a, 'get', `/documents/${id}/content`).expect(200);
      await send(a, 'delete', `/documents/${id}?reason=Raison-Secrete`).expect(204);
      const events = await t.db.query(`SELECT type, data::text AS data FROM events WHERE data::text LIKE $1`, [
        `%${id}%`,
      ]);
      expect(events.rows.map((row) => row.type)).toEqual(['document.added']);
      const audit = await t.db.query(`SELECT data::text AS data FROM audit_events WHERE target_id = $1`, [id]);
      expect(audit.rows.length).toBe(3);
      for (const row of [...events.rows, ...audit.rows]) {
        expect(row.data).not.toMatch(/Secret|Secrete|Zebulon|Quixotic/);
      }
      expect(JSON.parse(events.rows[0].data)).toEqual({
        documentId: id,
        caseId,
        reference: expect.any(String),
        kind: 'evidence',
        mediaType: 'application/pdf',
        bytes: SAMPLES[0].bytes.length,
      });
    });

    it('a consent may rest on a consent form; deleting the form leaves it without evidence', async () => {
      const file = await newFile(a, false);
      const form = (await uploadFile(a, file, SAMPLES[0].bytes, 'IMM5476.pdf', 'consent_form')).json().id as string;
      const other = (await uploadFile(a, file, SAMPLES[0].bytes, 'x.pdf', 'evidence')).json().id as string;
      const grant = (documentId: string) =>
        send(a, 'post', `/cases/${file}/consents`).send({
          scope: 'share_with_offices',
          grantedAt: new Date().toISOString(),
          documentId,
        });
      await grant(other).expect(400); // not a consent form
      await grant((await uploadFile(a, caseId, SAMPLES[0].bytes, 'c.pdf', 'consent_form')).json().id as string).expect(
        400,
      ); // another file's
      const consent = await grant(form).expect(201);
      expect(consent.body).toMatchObject({ documentId: form, evidenceMissing: false, active: true });
      await send(a, 'delete', `/documents/${form}?reason=Unsigned%20copy`).expect(204);
      const kase = await send(a, 'get', `/cases/${file}`).expect(200);
      expect(kase.body.consents).toEqual([
        expect.objectContaining({ documentId: form, evidenceMissing: true, active: false }),
      ]);
      const offer = await send(a, 'post', '/handoffs').send({ caseId: file, toOfficeId: offices.B, note: 'n' });
      expect({ status: offer.status, code: offer.body.code }).toEqual({ status: 409, code: 'consent_missing' });
      await grant(form).expect(400); // a deleted form is no evidence
    });

    it('documents move with a handoff; the old office (here the home office) gets 404', async () => {
      const file = await newFile(a);
      const doc = (await uploadFile(a, file, SAMPLES[2].bytes, 'scan.png')).json().id as string;
      const offer = await send(a, 'post', '/handoffs')
        .send({ caseId: file, toOfficeId: offices.B, note: 'n' })
        .expect(201);
      await send(b, 'get', `/documents/${doc}/content`).expect(404);
      await send(b, 'post', `/handoffs/${offer.body.id}/accept`).send({}).expect(200);
      const content = await send(b, 'get', `/documents/${doc}/content`).expect(200);
      expect(Buffer.compare(content.body as Buffer, SAMPLES[2].bytes)).toBe(0);
      const list = await send(b, 'get', `/cases/${file}/documents`).expect(200);
      expect((list.body.items as { id: string }[]).map((d) => d.id)).toEqual([doc]);
      await send(a, 'get', `/documents/${doc}/content`).expect(404);
      await send(a, 'get', `/cases/${file}/documents`).expect(404);
    });

    it('documents stay when a handoff is declined', async () => {
      const file = await newFile(a);
      const doc = (await uploadFile(a, file, SAMPLES[0].bytes, 'a.pdf')).json().id as string;
      const offer = await send(a, 'post', '/handoffs')
        .send({ caseId: file, toOfficeId: offices.B, note: 'n' })
        .expect(201);
      await send(b, 'post', `/handoffs/${offer.body.id}/decline`).send({}).expect(200);
      await send(a, 'get', `/documents/${doc}/content`).expect(200);
      await send(b, 'get', `/documents/${doc}/content`).expect(404);
    });

    idempotencyTests(() => ({ t, store, a, upload, newFile }));

    it('documents move with a trade, both ways, and stay when the trade is rolled back', async () => {
      const give = await newFile(a);
      const take = await newFile(b);
      const gave = (await uploadFile(a, give, SAMPLES[0].bytes, 'a.pdf')).json().id as string;
      const took = (await uploadFile(b, take, SAMPLES[2].bytes, 'b.png')).json().id as string;
      // A trade may take only what the other office has put on the table.
      await send(b, 'patch', `/cases/${take}`).send({ availableForTrade: true }).expect(200);
      const trade = await send(a, 'post', '/trades')
        .send({ counterpartyOfficeId: offices.B, giveCaseIds: [give], takeCaseIds: [take], note: 'swap' })
        .expect(201);
      await send(b, 'post', `/trades/${trade.body.id}/accept`).send({}).expect(200);
      await send(b, 'get', `/documents/${gave}/content`).expect(200);
      await send(a, 'get', `/documents/${took}/content`).expect(200);
      await send(a, 'get', `/documents/${gave}/content`).expect(404);
      await send(b, 'get', `/documents/${took}/content`).expect(404);

      // A trade that fails at accept (one file lost its consent) moves nothing.
      const give2 = await newFile(a);
      const take2 = await newFile(b);
      const doc2 = (await uploadFile(a, give2, SAMPLES[0].bytes, 'a.pdf')).json().id as string;
      // A trade may take only what the other office has put on the table.
      await send(b, 'patch', `/cases/${take2}`).send({ availableForTrade: true }).expect(200);
      const trade2 = await send(a, 'post', '/trades')
        .send({ counterpartyOfficeId: offices.B, giveCaseIds: [give2], takeCaseIds: [take2], note: 'swap' })
        .expect(201);
      const consents = await send(b, 'get', `/cases/${take2}`).expect(200);
      await send(b, 'delete', `/cases/${take2}/consents/${consents.body.consents[0].id}`).expect(204);
      const refused = await send(b, 'post', `/trades/${trade2.body.id}/accept`).send({});
      expect(refused.status).toBe(409);
      await send(a, 'get', `/documents/${doc2}/content`).expect(200);
      await send(b, 'get', `/documents/${doc2}/content`).expect(404);
    });
  });
}
