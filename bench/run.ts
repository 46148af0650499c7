import { writeFile } from 'node:fs/promises';
import { benchDatabase, progress } from './harness.js';
import { describeMachine, median } from './machine.js';
import { fanout, type FanoutFigures } from './fanout.js';
import { contention, contentionBaseline } from './contention.js';

/**
 * `npm run bench [-- <scenario>]`: runs each scenario against the built server on a fresh
 * database (embedded, or on DATABASE_URL's server), with its baseline measured in the same
 * run, and writes bench/RESULTS.md and bench/results.json.
 */
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const SOCKETS = Number(process.env.BENCH_SOCKETS ?? 2000);

interface Result {
  scenario: string;
  figures: Record<string, number>;
  baseline: Record<string, number>;
  target: string;
  met: boolean;
}

const summarise = (runs: FanoutFigures[]) => ({
  sockets: runs[0].sockets,
  p50Ms: round(median(runs.map((run) => run.p50Ms))),
  p99Ms: round(median(runs.map((run) => run.p99Ms))),
  delivered: Math.min(...runs.map((run) => run.delivered)),
  runs: runs.length,
});
const round = (value: number) => Math.round(value * 10) / 10;

async function repeat<T>(times: number, run: () => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let i = 0; i < times; i++) {
    results.push(await run());
    progress(`  run ${i + 1}/${times}: ${JSON.stringify(results[i])}`);
  }
  return results;
}

/** The median of each numeric figure across runs. */
function medians<T extends object>(runs: T[]): Record<string, number> {
  const keys = Object.keys(runs[0]) as (keyof T)[];
  return Object.fromEntries(keys.map((key) => [key, round(median(runs.map((run) => Number(run[key]))))]));
}

async function main(): Promise<void> {
  const wanted = process.argv[2] ?? 'all';
  const database = await benchDatabase();
  const machine = await describeMachine(database.url);
  const results: Result[] = [];
  try {
    if (wanted === 'all' || wanted === 'fanout') {
      const { relay, baseline } = await fanout(database.url, SOCKETS, RUNS);
      const ours = summarise(relay);
      const bare = summarise(baseline);
      results.push({
        scenario: 'fanout',
        figures: { ...ours, p99RatioToBaseline: round(ours.p99Ms / bare.p99Ms) },
        baseline: bare,
        target: 'every socket receives the alert; p99 ≤ 250 ms; p99 ≤ 2× the bare socket.io broadcast',
        met: ours.delivered === SOCKETS && ours.p99Ms <= 250 && ours.p99Ms <= 2 * bare.p99Ms,
      });
    }
    if (wanted === 'all' || wanted === 'contention') {
      const offers = Number(process.env.BENCH_OFFERS ?? 500);
      const runs = await repeat(RUNS, () => contention(database.url, offers));
      const baseline = await repeat(RUNS, () => contentionBaseline(database.url, offers));
      const ours = medians(runs);
      results.push({
        scenario: 'contention',
        figures: ours,
        baseline: medians(baseline),
        target: '≥ 300 accepts/s, p99 ≤ 200 ms, exactly one winner per offer, 0 errors',
        met:
          ours.acceptsPerSecond >= 300 &&
          ours.p99Ms <= 200 &&
          runs.every((r) => r.winnersPerOffer === 1 && r.errors === 0),
      });
    }
  } finally {
    await database.close();
  }
  await writeFile('bench/results.json', `${JSON.stringify({ machine, results }, null, 2)}\n`);
  await writeFile('bench/RESULTS.md', report(machine, results));
  progress('wrote bench/RESULTS.md and bench/results.json');
}

function report(machine: Awaited<ReturnType<typeof describeMachine>>, results: Result[]): string {
  const rows = results.map(
    (r) =>
      `| ${r.scenario} | ${Object.entries(r.figures)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')} | ${Object.entries(r.baseline)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')} | ${r.target} | ${r.met ? 'yes' : 'no'} |`,
  );
  return `# Benchmark results

Measured ${machine.date} on ${machine.cpu} (${machine.cores} cores, ${machine.memoryGiB} GiB), ${machine.os},
Node ${machine.node}, PostgreSQL ${machine.postgres}. Each figure is the median of ${RUNS} runs; the
baseline runs in the same invocation on the same machine, so compare ratios rather than absolute
numbers (these machines are shared and noisy). Client sockets live in 4 separate processes on the
same machine as the server.

| scenario | ours | baseline | target | met |
|---|---|---|---|---|
${rows.join('\n')}

- **fanout**: one urgent alert POSTed to a party channel; latency from just before the POST to each
  subscribed socket's receipt of \`alert.posted\` (includes the HTTP request, the transaction that
  writes the post, its audit row and its event, and the emit after commit). Baseline: a bare
  socket.io server (no NestJS, no database, no auth) broadcasting to a room of the same size,
  triggered by an HTTP POST.
`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
