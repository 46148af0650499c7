import { now } from './machine.js';

/**
 * A client process for HTTP load: runs the requests it is sent with bounded concurrency
 * and answers with each one's status and latency. Keeping the load out of the
 * orchestrator's process keeps its CPU time off the measurement.
 */
export interface HttpJob {
  method: string;
  url: string;
  token: string;
  body?: unknown;
  /** Send the response's `id` back (for requests that create something later steps use). */
  keepId?: boolean;
  /** Sent as multipart/form-data instead of `body`: a PDF-looking file of `bytes` bytes. */
  upload?: { kind: string; filename: string; bytes: number };
}
export interface HttpOutcome {
  status: number;
  ms: number;
  id?: string;
}

async function runAll(jobs: HttpJob[][], concurrency: number): Promise<HttpOutcome[][]> {
  // Each group is fired at once (e.g. the 8 accepts of one offer); groups run `concurrency` at a time.
  const results: HttpOutcome[][] = new Array(jobs.length);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < jobs.length; i = next++) {
      results[i] = await Promise.all(jobs[i].map(send));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return results;
}

/** A small document: a PDF header (the server sniffs the type from the bytes) and filler. */
function uploadForm(upload: NonNullable<HttpJob['upload']>): FormData {
  const form = new FormData();
  form.append('kind', upload.kind);
  const bytes = Buffer.alloc(upload.bytes, 'x');
  bytes.write('%PDF-1.7\n');
  form.append('file', new Blob([bytes], { type: 'application/pdf' }), upload.filename);
  return form;
}

async function send(job: HttpJob): Promise<HttpOutcome> {
  const started = now();
  try {
    const json = job.body !== undefined && !job.upload;
    const res = await fetch(job.url, {
      method: job.method,
      headers: { authorization: `Bearer ${job.token}`, ...(json ? { 'content-type': 'application/json' } : {}) },
      body: job.upload ? uploadForm(job.upload) : json ? JSON.stringify(job.body) : undefined,
    });
    const text = await res.text();
    const ms = now() - started;
    const id = job.keepId && res.ok ? (JSON.parse(text) as { id?: string }).id : undefined;
    return { status: res.status, ms, id };
  } catch {
    return { status: 0, ms: now() - started };
  }
}

process.on('message', (message: { jobs: HttpJob[][]; concurrency: number }) => {
  const started = now();
  void runAll(message.jobs, message.concurrency).then((results) =>
    process.send?.({ results, elapsedMs: now() - started }, () => process.exit(0)),
  );
});
