import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import pg from 'pg';
import { format } from 'prettier';
import { chromium, type Browser, type Page } from 'playwright-core';
import { type Api, benchDatabase, buildParty, progress, startRelay } from './harness.js';
import { describeMachine, type Machine, median } from './machine.js';

/**
 * The console in a real headless Chromium (`npm run bench:console [-- queue|memory]`):
 * - queue: 500 open files of one office; the time from navigating to the queue to its 500 rows
 *   shown, then to a search typed and its rows shown, 5 runs (BENCH_RUNS).
 * - memory: a channel left open while messages and alerts arrive at BENCH_RATE per second
 *   (default 2) for BENCH_MINUTES (default 10); the JS heap after a forced GC, every minute.
 * Writes bench/results/console-queue.md and bench/results/console-memory.md.
 */
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const MINUTES = Number(process.env.BENCH_MINUTES ?? 10);
const RATE = Number(process.env.BENCH_RATE ?? 2);
const FILES = 500;
const PASSWORD = 'bench-member-password';
const OUT = new URL('../../bench/results/', import.meta.url).pathname; // run from dist/bench

function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return execFileSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' }).trim();
}

interface Setup {
  browser: Browser;
  page: Page;
  member: Api;
  channelId: string;
  officeId: string;
  email: string;
  dbUrl: string;
  machine: Machine & { chromium: string };
  close(): Promise<void>;
}

/** A fresh server and database, one office with one signed-in assistant, a Chromium page signed in. */
async function setUp(): Promise<Setup> {
  const db = await benchDatabase();
  const server = await startRelay(db.url);
  const { members, channelId } = await buildParty(server.baseUrl, 1, 1);
  const member = members[0]!;
  const me = await member.call<{ id: string; email: string; office: { id: string } }>('GET', '/me');
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--js-flags=--expose-gc'],
  });
  // localhost: a secure context, so the Secure refresh cookie of a production server is kept.
  const baseURL = server.baseUrl.replace('127.0.0.1', 'localhost');
  const context = await browser.newContext({ baseURL, locale: 'en-CA' });
  context.setDefaultTimeout(60_000);
  const page = await context.newPage();
  await page.goto('/');
  await page.getByLabel('Email', { exact: true }).fill(me.email);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Triage queue' }).waitFor();
  const machine = { ...(await describeMachine(db.url)), chromium: browser.version() };
  return {
    browser,
    page,
    member,
    channelId,
    officeId: me.office.id,
    email: me.email,
    dbUrl: db.url,
    machine,
    async close() {
      await browser.close();
      await server.stop();
      await db.close();
    },
  };
}

/** 500 open files straight into the database: every urgency and status, a fifth with each topic word. */
async function seedFiles(databaseUrl: string, officeId: string, userId: string): Promise<void> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  await pool.query(
    `INSERT INTO cases (reference, handling_office_id, home_office_id, created_by, assignee_id, category, summary,
       urgency, complexity, languages, status, constituent, deadline, created_at)
     SELECT 'QC-' || g, $1, $1, $2, $2, 'immigration',
       'Bench file ' || g || ' ' || (ARRAY['passport', 'pension', 'visa', 'study', 'work'])[1 + g % 5],
       (ARRAY['routine', 'priority', 'emergency'])[1 + g % 3], 'simple', '{en}',
       (ARRAY['open', 'awaiting_ircc', 'escalated'])[1 + g % 3], '{"fullName": "Bench Constituent"}',
       CASE WHEN g % 10 = 0 THEN now() + (g % 700 - 100) * interval '1 hour' END,
       date_trunc('milliseconds', now() - g * interval '37 minutes')
     FROM generate_series(1, $3::int) g`,
    [officeId, userId, FILES],
  );
  await pool.end();
}

/** Writes one result file, the machine it was measured on at its end. */
async function report(file: string, lines: string[], machine: Setup['machine']): Promise<void> {
  await mkdir(OUT, { recursive: true });
  const markdown = [...lines, '', '## Machine', ...machineLines(machine), ''].join('\n');
  // Formatted as the repository's `prettier --check` expects of a committed file.
  await writeFile(`${OUT}${file}`, await format(markdown, { parser: 'markdown', proseWrap: 'preserve' }));
}

const machineLines = (m: Setup['machine']) => [
  `- CPU: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB`,
  // Shared with other suites: the load average says how much of the two cores the runs had.
  `- load average at the end (1, 5, 15 min): ${loadavg()
    .map((load) => load.toFixed(2))
    .join(', ')}`,
  `- ${m.os}; Node ${m.node}; Chromium ${m.chromium}; PostgreSQL ${m.postgres}`,
  `- measured ${m.date}`,
];

async function queueBench(): Promise<void> {
  progress(`console queue: ${FILES} open files, ${RUNS} runs`);
  const setup = await setUp();
  const me = await setup.member.call<{ id: string }>('GET', '/me');
  await seedFiles(setup.dbUrl, setup.officeId, me.id);
  const { page } = setup;
  const rows = page.locator('table.queue tbody tr');
  const runs: { rendered: number; filtered: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = Date.now();
    await page.goto('/'); // a full load: bundle, silent refresh through the cookie, the queue's pages
    await page
      .getByRole('status')
      .filter({ hasText: `${FILES} files` })
      .waitFor();
    await rows.nth(FILES - 1).waitFor();
    const rendered = Date.now() - started;
    await page.getByLabel('Search', { exact: true }).fill('passport');
    await page
      .getByRole('status')
      .filter({ hasText: `${FILES / 5} files` })
      .waitFor();
    const filtered = Date.now() - started;
    if ((await rows.count()) !== FILES / 5) throw new Error(`the search shows ${await rows.count()} rows`);
    runs.push({ rendered, filtered });
    progress(`  run ${i + 1}/${RUNS}: ${JSON.stringify(runs[i])}`);
  }
  const figures = (key: 'rendered' | 'filtered') => {
    const values = runs.map((run) => run[key]);
    return `median ${median(values)} ms, max ${Math.max(...values)} ms`;
  };
  await report(
    'console-queue.md',
    [
      '# Console: the triage queue of 500 open files',
      '',
      `\`npm run bench:console -- queue\`: a fresh server (production mode) and database, one office with ${FILES}`,
      'open files loaded straight into the database, one assistant signed in in headless Chromium. Each run',
      'navigates to `/` (a full page load: the bundle, the silent refresh through the cookie, every page of',
      'the queue) and times until the table shows all its rows ("rendered"), then types a word into the',
      'search and times until the table shows the matching fifth ("filtered", from the same start).',
      '',
      `Budget: usable within 1 s. ${RUNS} runs:`,
      '',
      `- rendered (${FILES} rows): ${figures('rendered')}`,
      `- filtered (search typed and applied, ${FILES / 5} rows): ${figures('filtered')}`,
      '',
      '| run | rendered (ms) | filtered (ms) |',
      '|---|---|---|',
      ...runs.map((run, i) => `| ${i + 1} | ${run.rendered} | ${run.filtered} |`),
    ],
    setup.machine,
  );
  await setup.close();
}

async function memoryBench(): Promise<void> {
  progress(`console memory: a channel open for ${MINUTES} min, ${RATE} posts/s`);
  const setup = await setUp();
  const { page, member, channelId } = setup;
  await page.goto(`/channels/${channelId}`);
  await page.getByText('Live', { exact: true }).waitFor();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  const sample = async (minute: number, posted: number) => {
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; totalSize: number };
    const dom = (await cdp.send('Memory.getDOMCounters')) as { nodes: number; jsEventListeners: number };
    const feedItems = await page.locator('ol.feed > li').count();
    return { minute, posted, usedMiB: heap.usedSize / 2 ** 20, nodes: dom.nodes, feedItems };
  };
  const samples = [await sample(0, 0)];
  let posted = 0;
  let failed = 0;
  const post = () => {
    posted++;
    const n = posted;
    // One alert (info: no banner to acknowledge) for every nine messages, every tenth a reply.
    const request =
      n % 10 === 0
        ? member.call('POST', `/channels/${channelId}/alerts`, {
            title: `Bench alert ${n}`,
            body: `Processing times changed (${n}).`,
            severity: 'info',
          })
        : member.call('POST', `/channels/${channelId}/messages`, { body: `Bench message ${n}: all quiet.` });
    request.catch(() => failed++);
  };
  const timer = setInterval(post, 1000 / RATE);
  for (let minute = 1; minute <= MINUTES; minute++) {
    await new Promise((resolve) => setTimeout(resolve, 60_000));
    samples.push(await sample(minute, posted));
    progress(`  ${JSON.stringify(samples.at(-1))}`);
  }
  clearInterval(timer);
  const used = samples.map((s) => s.usedMiB);
  const secondHalf = samples.slice(Math.floor(samples.length / 2));
  const growth = secondHalf.at(-1)!.usedMiB - secondHalf[0]!.usedMiB;
  const perMinute = growth / Math.max(1, secondHalf.at(-1)!.minute - secondHalf[0]!.minute);
  const mib = (value: number) => value.toFixed(2);
  await report(
    'console-memory.md',
    [
      '# Console: memory of a page left open with live traffic',
      '',
      `\`npm run bench:console -- memory\`: one assistant's console open on its party channel in headless`,
      `Chromium while ${RATE} posts a second arrive (one alert for every nine messages) for ${MINUTES} minutes;`,
      'every minute the page is garbage-collected (CDP `HeapProfiler.collectGarbage`) and its JS heap',
      '(`Runtime.getHeapUsage`), DOM nodes and feed items are read.',
      '',
      `Posted ${posted} (${failed} refused). Heap after GC: from ${mib(used[0]!)} MiB to ${mib(used.at(-1)!)} MiB,`,
      `min ${mib(Math.min(...used))}, max ${mib(Math.max(...used))}; second half: ${mib(growth)} MiB`,
      `(${mib(perMinute)} MiB a minute).`,
      '',
      '| minute | posted | heap used after GC (MiB) | DOM nodes | feed items |',
      '|---|---|---|---|---|',
      ...samples.map((s) => `| ${s.minute} | ${s.posted} | ${mib(s.usedMiB)} | ${s.nodes} | ${s.feedItems} |`),
    ],
    setup.machine,
  );
  await setup.close();
}

const which = process.argv[2] ?? 'all';
if (which === 'queue' || which === 'all') await queueBench();
if (which === 'memory' || which === 'all') await memoryBench();
process.exit(0);
