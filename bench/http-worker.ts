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

async function send(job: HttpJob): Promise<HttpOutcome> {
  const started = now();
  try {
    const res = await fetch(job.url, {
      method: job.method,
      headers: { authorization: `Bearer ${job.token}`, ...(job.body ? { 'content-type': 'application/json' } : {}) },
      body: job.body ? JSON.stringify(job.body) : undefined,
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
