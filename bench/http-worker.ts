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
}
export interface HttpOutcome {
  status: number;
  ms: number;
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
    await res.arrayBuffer();
    return { status: res.status, ms: now() - started };
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
