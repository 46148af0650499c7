import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { startTestApp, type TestApp } from './support/test-app.js';
import { documentsSuite } from './support/documents-suite.js';

/**
 * The same documents suite on the bucket store. s3rver, a local S3-compatible server that
 * this test starts itself, stands in for the wire protocol (SigV4, multipart uploads,
 * listings); it is not S3 and says nothing of S3's own durability or consistency.
 */
const BUCKET = 'relay-documents';
const objectPath = (dir: string, documentId: string) => join(dir, BUCKET, 'documents', `${documentId}._S3rver_object`);

const objectCount = (dir: string) =>
  existsSync(join(dir, BUCKET, 'documents'))
    ? readdirSync(join(dir, BUCKET, 'documents')).filter((name) => name.endsWith('._S3rver_object')).length
    : 0;

async function startBucket() {
  const directory = mkdtempSync(join(tmpdir(), 'relay-s3rver-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory });
  const { port } = await server.run();
  return {
    directory,
    url: `http://S3RVER:S3RVER@127.0.0.1:${port}/${BUCKET}`,
    endpoint: `http://127.0.0.1:${port}`,
    async close() {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

documentsSuite('S3-compatible bucket', async () => {
  const bucket = await startBucket();
  const app = await startTestApp({ DOCUMENT_STORE_URL: bucket.url });
  return {
    app,
    holds: (documentId) => Promise.resolve(existsSync(objectPath(bucket.directory, documentId))),
    stored: () => Promise.resolve(objectCount(bucket.directory)),
    async close() {
      await app.close();
      await bucket.close();
    },
  };
});

describe('bucket orphans', () => {
  let bucket: Awaited<ReturnType<typeof startBucket>>;
  let t: TestApp;

  beforeAll(async () => {
    bucket = await startBucket();
    t = await startTestApp({ DOCUMENT_STORE_URL: bucket.url, JOB_INTERVAL_SECONDS: '1' });
  });
  afterAll(async () => {
    await t?.close();
    await bucket?.close();
  });

  it('removes an object no document row points at once it is an hour old, and leaves young ones', async () => {
    const s3 = new S3Client({
      endpoint: bucket.endpoint,
      region: 'us-east-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      requestChecksumCalculation: 'WHEN_REQUIRED',
    });
    const [old, young] = [randomUUID(), randomUUID()];
    for (const id of [old, young]) {
      await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: `documents/${id}`, Body: Buffer.from('%PDF-1.4') }));
    }
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    utimesSync(objectPath(bucket.directory, old), twoHoursAgo, twoHoursAgo);
    const deadline = Date.now() + 15_000;
    while (existsSync(objectPath(bucket.directory, old)) && Date.now() < deadline) {
      await new Promise((done) => setTimeout(done, 200));
    }
    expect(existsSync(objectPath(bucket.directory, old))).toBe(false);
    expect(existsSync(objectPath(bucket.directory, young))).toBe(true);
    s3.destroy();
  });
});
