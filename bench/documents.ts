import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { execFileSync } from 'node:child_process';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import S3rver from 's3rver';
import { Api, AUDIT_KEY, buildParty, progress, startRelay } from './harness.js';
import { percentile } from './machine.js';

const MB = 1_000_000;
const FILE_BYTES = 10 * MB;
const CONCURRENT = 20;
const LETTERS = 200;
const round = (value: number) => Math.round(value * 10) / 10;
const boundary = `----bench${randomBytes(8).toString('hex')}`;

async function rss(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) * 1024;
}

/** One 10 MB PDF-looking file, sent in 64 KiB pieces as a client would stream it. */
function fileStream(seed: number): Readable {
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nevidence\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="scan-${seed}.pdf"\r\n` +
      `Content-Type: application/pdf\r\n\r\n%PDF-1.7\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const piece = randomBytes(64 * 1024);
  let left = FILE_BYTES - 9;
  let started = false;
  return new Readable({
    read() {
      if (!started) {
        started = true;
        this.push(head);
      } else if (left > 0) {
        const n = Math.min(piece.length, left);
        left -= n;
        this.push(n === piece.length ? piece : piece.subarray(0, n));
      } else {
        this.push(tail);
        this.push(null);
      }
    },
  });
}

function upload(baseUrl: string, token: string, caseId: string, seed: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${baseUrl}/api/v1/cases/${caseId}/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () =>
        res.statusCode === 201
          ? resolve((JSON.parse(body) as { id: string }).id)
          : reject(new Error(`upload: ${res.statusCode} ${body}`)),
      );
    });
    req.on('error', reject);
    fileStream(seed).pipe(req);
  });
}

function download(baseUrl: string, token: string, id: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(`${baseUrl}/api/v1/documents/${id}/content`, { headers: { authorization: `Bearer ${token}` } }, (res) => {
        let bytes = 0;
        res.on('data', (chunk: Buffer) => (bytes += chunk.length));
        res.on('end', () =>
          res.statusCode === 200 ? resolve(bytes) : reject(new Error(`download ${res.statusCode}`)),
        );
      })
      .on('error', reject);
  });
}

/** 20 concurrent 10 MB uploads, their downloads, and letters, on one store. */
export async function documentsBench(databaseUrl: string, store: 'pg' | 'bucket') {
  progress(
    `documents (${store}): ${CONCURRENT} concurrent ${FILE_BYTES / MB} MB uploads, downloads, ${LETTERS} letters`,
  );
  let bucket: { server: S3rver; directory: string } | undefined;
  const env: Record<string, string> = {};
  if (store === 'bucket') {
    const directory = mkdtempSync(join(tmpdir(), 'relay-bench-s3-'));
    const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory });
    const { port } = await server.run();
    bucket = { server, directory };
    env.DOCUMENT_STORE_URL = `http://S3RVER:S3RVER@127.0.0.1:${port}/relay-bench`;
  }
  // Migrated beforehand: on a loaded machine a first start may outlast the harness's 30 s.
  // With the server's AUDIT_KEY: the first start records which key the audit chain is kept with.
  execFileSync(process.execPath, ['dist/scripts/migrate.js'], {
    env: { ...process.env, DATABASE_URL: databaseUrl, AUDIT_KEY },
  });
  const server = await startRelay(databaseUrl, env);
  let sampler: NodeJS.Timeout | undefined;
  try {
    const { admin, members } = await buildParty(server.baseUrl, 1, 1);
    const assistant = members[0];
    const me = await assistant.call<{ office: { id: string } }>('GET', '/me');
    const lead = await promoteLead(admin, me.office.id);
    const kase = await assistant.call<{ id: string }>('POST', '/cases', {
      category: 'immigration',
      immigrationType: 'study_permit',
      summary: 'Bench file',
      urgency: 'routine',
      complexity: 'simple',
      languages: ['fr'],
      constituent: { fullName: 'Zoé Lefèbvre-Çelik', uci: '1234-5678', applicationNumber: 'W1' },
    });
    // Warm up (modules, pools), then let the heap settle before taking the idle figure.
    await upload(server.baseUrl, assistant.token!, kase.id, -1);
    await new Promise((done) => setTimeout(done, 2000));
    const idle = await rss(server.pid!);
    let peak = idle;
    sampler = setInterval(
      () =>
        void rss(server.pid!).then(
          (value) => (peak = Math.max(peak, value)),
          () => undefined,
        ),
      10,
    );
    const started = performance.now();
    const ids = await Promise.all(
      Array.from({ length: CONCURRENT }, (_, i) => upload(server.baseUrl, assistant.token!, kase.id, i)),
    );
    const uploadSeconds = (performance.now() - started) / 1000;
    clearInterval(sampler);

    const downloadStart = performance.now();
    const bytes = await Promise.all(ids.map((id) => download(server.baseUrl, assistant.token!, id)));
    const downloadSeconds = (performance.now() - downloadStart) / 1000;
    if (bytes.some((n) => n !== FILE_BYTES)) throw new Error('a download came back short');

    const template = await lead.call<{ id: string }>('POST', '/letter-templates', {
      name: "Lettre d'appui",
      language: 'fr',
      kind: 'support_letter',
      body:
        'Objet : {{constituent.fullName}} (IUC {{constituent.uci}})\n\nNotre bureau appuie la demande de ' +
        '{{constituent.fullName}}. Veuillez répondre en citant notre dossier {{case.reference}}.\n\n' +
        "Je vous prie d'agréer l'expression de mes sentiments distingués.\n\n{{mp.name}}\n{{office.nameFr}}, le {{today}}",
    });
    const latencies: number[] = [];
    for (let i = 0; i < LETTERS + 5; i++) {
      const t0 = performance.now();
      await assistant.call('POST', `/cases/${kase.id}/letters`, { templateId: template.id });
      if (i >= 5) latencies.push(performance.now() - t0);
    }
    latencies.sort((a, b) => a - b);
    const total = (CONCURRENT * FILE_BYTES) / MB;
    return {
      uploadMBps: round(total / uploadSeconds),
      peakRssGrowthMiB: round((peak - idle) / 1024 / 1024),
      downloadMBps: round(total / downloadSeconds),
      letterP50Ms: round(percentile(latencies, 50)),
      letterP99Ms: round(percentile(latencies, 99)),
    };
  } catch (error) {
    progress(`server log:\n${server.log.slice(-3000)}`);
    throw error;
  } finally {
    clearInterval(sampler);
    await server.stop();
    if (bucket) {
      await bucket.server.close();
      rmSync(bucket.directory, { recursive: true, force: true });
    }
  }
}

async function promoteLead(admin: Api, officeId: string): Promise<Api> {
  const email = `lead.${randomBytes(4).toString('hex')}@bench.riding-relay.ca`;
  const invited = await admin.call<{ invitation: { token: string } }>('POST', `/offices/${officeId}/members`, {
    email,
    displayName: 'Bench lead',
    role: 'office_lead',
  });
  await new Api(admin.baseUrl).acceptInvitation(invited.invitation.token, 'bench-member-password');
  return new Api(admin.baseUrl).login(email, 'bench-member-password');
}

/** A bytea row for PostgreSQL's binary COPY format. */
function copyRow(documentId: Buffer, seq: number, data: Buffer): Buffer {
  const row = Buffer.alloc(2 + 4 + 16 + 4 + 4 + 4);
  let at = row.writeInt16BE(3, 0);
  at = row.writeInt32BE(16, at);
  at += documentId.copy(row, at);
  at = row.writeInt32BE(4, at);
  at = row.writeInt32BE(seq, at);
  row.writeInt32BE(data.length, at);
  return Buffer.concat([row, data]);
}

/** The same bytes as bare PostgreSQL COPY into and out of a chunk table, 20 connections at once. */
export async function documentsBaseline(databaseUrl: string) {
  progress('documents baseline: bare pg COPY of the same bytes');
  const pool = new pg.Pool({ connectionString: databaseUrl, max: CONCURRENT });
  await pool.query(`DROP TABLE IF EXISTS bench_chunks;
    CREATE TABLE bench_chunks (document_id uuid, seq int, data bytea, PRIMARY KEY (document_id, seq));
    ALTER TABLE bench_chunks ALTER COLUMN data SET STORAGE EXTERNAL;`);
  const piece = randomBytes(256 * 1024);
  const ids = Array.from({ length: CONCURRENT }, () => randomBytes(16));
  const copyIn = async (id: Buffer) => {
    const client = await pool.connect();
    try {
      const chunks = Math.ceil(FILE_BYTES / piece.length);
      async function* rows() {
        yield Buffer.concat([Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)]);
        for (let seq = 0; seq < chunks; seq++) {
          const left = FILE_BYTES - seq * piece.length;
          yield copyRow(id, seq, left >= piece.length ? piece : piece.subarray(0, left));
        }
        yield Buffer.from([0xff, 0xff]);
      }
      await client.query('BEGIN');
      await pipeline(Readable.from(rows()), client.query(copyFrom('COPY bench_chunks FROM STDIN (FORMAT binary)')));
      await client.query('COMMIT');
    } finally {
      client.release();
    }
  };
  const copyOut = async (id: Buffer) => {
    const client = await pool.connect();
    try {
      let bytes = 0;
      const uuid = id.toString('hex').replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
      await pipeline(
        client.query(
          copyTo(
            `COPY (SELECT data FROM bench_chunks WHERE document_id = '${uuid}' ORDER BY seq) TO STDOUT (FORMAT binary)`,
          ),
        ),
        new Writable({
          write(chunk: Buffer, _encoding, done) {
            bytes += chunk.length;
            done();
          },
        }),
      );
      return bytes;
    } finally {
      client.release();
    }
  };
  const total = (CONCURRENT * FILE_BYTES) / MB;
  let t0 = performance.now();
  await Promise.all(ids.map(copyIn));
  const copyInMBps = total / ((performance.now() - t0) / 1000);
  t0 = performance.now();
  await Promise.all(ids.map(copyOut));
  const copyOutMBps = total / ((performance.now() - t0) / 1000);
  await pool.query(`DROP TABLE bench_chunks`);
  await pool.end();
  return { copyInMBps: round(copyInMBps), copyOutMBps: round(copyOutMBps) };
}
