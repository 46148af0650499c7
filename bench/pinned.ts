import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { cpus } from 'node:os';
import { promisify } from 'node:util';
import { ensureDatabase, startEmbeddedPostgres } from '@relay/platform';
import type { ServerProcess } from '../scripts/server-process.js';
import { freePort } from '../scripts/server-process.js';
import { type Api, buildParty, ClientFleet, progress, startRelay } from './harness.js';
import { cpuMs, median, now, percentile } from './machine.js';

/**
 * Two nodes against one on a 2-core machine, where a second node cannot add CPU: the API
 * nodes run pinned to one core (taskset), and this process, its socket clients and a
 * PostgreSQL of its own on the other. One node, then two nodes sharing that core, fan out
 * the same alerts; each node's CPU per alert (from /proc) says what two machines would give:
 * there each node has its core to itself, so an alert takes as long as its busiest node.
 * Redis is the machine's shared server and is not pinned; its CPU per alert is reported.
 */
const exec = promisify(execFile);
const SERVER_CORE = '1';
const OTHER_CORE = '0';
const DATA_DIR = '.relay-bench-pinned';
const round = (value: number) => Math.round(value * 10) / 10;

/** Pins a process and all its threads; threads and children made later inherit the mask. */
async function pin(pid: number, cores: string): Promise<void> {
  await exec('taskset', ['-a', '-p', '-c', cores, String(pid)]);
}

async function redisPid(redisUrl: string): Promise<number | undefined> {
  const { stdout } = await exec('redis-cli', ['-u', redisUrl, 'info', 'server']).catch(() => ({ stdout: '' }));
  const pid = Number(/process_id:(\d+)/.exec(stdout)?.[1]);
  return Number.isFinite(pid) && pid > 0 ? pid : undefined;
}

interface Alerts {
  p50Ms: number;
  p99Ms: number;
  delivered: number;
  deliveriesPerSecond: number;
  serverCpuMsPerAlert: number;
  busiestNodeCpuMsPerAlert: number;
  redisCpuMsPerAlert: number;
}

/** `alerts` urgent alerts, one after another; latency to each socket's receipt and CPU per alert. */
async function measure(
  nodes: ServerProcess[],
  fleets: ClientFleet[],
  poster: Api,
  channelId: string,
  sockets: number,
  alerts: number,
  redis: number | undefined,
): Promise<Alerts> {
  const p50s: number[] = [];
  const p99s: number[] = [];
  const lastMs: number[] = [];
  const nodeCpu = nodes.map(() => 0);
  let redisCpu = 0;
  let delivered = sockets;
  for (let run = 0; run < alerts; run++) {
    const marker = `bench-pinned-${run}-${Date.now()}`;
    const cpuBefore = await Promise.all(nodes.map((node) => cpuMs(node.pid!)));
    const redisBefore = redis ? await cpuMs(redis) : 0;
    const sentAt = now();
    await poster.call('POST', `/channels/${channelId}/alerts`, { title: marker, body: 'Bench', severity: 'urgent' });
    const received: number[] = [];
    const deadline = Date.now() + 30_000;
    while (received.length < sockets && Date.now() < deadline) {
      await new Promise((done) => setTimeout(done, 50));
      for (const fleet of fleets)
        for (const receipt of await fleet.collect()) if (receipt.marker === marker) received.push(receipt.at - sentAt);
    }
    const cpuAfter = await Promise.all(nodes.map((node) => cpuMs(node.pid!)));
    cpuAfter.forEach((ms, i) => (nodeCpu[i] += ms - cpuBefore[i]));
    if (redis) redisCpu += (await cpuMs(redis)) - redisBefore;
    received.sort((a, b) => a - b);
    p50s.push(percentile(received, 50));
    p99s.push(percentile(received, 99));
    lastMs.push(received[received.length - 1]);
    delivered = Math.min(delivered, received.length);
    progress(`    alert ${run + 1}/${alerts}: p99 ${round(p99s[run])} ms, last ${round(lastMs[run])} ms`);
    await new Promise((done) => setTimeout(done, 500));
  }
  return {
    p50Ms: round(median(p50s)),
    p99Ms: round(median(p99s)),
    delivered,
    deliveriesPerSecond: Math.round((sockets / median(lastMs)) * 1000),
    serverCpuMsPerAlert: round(nodeCpu.reduce((a, b) => a + b, 0) / alerts),
    busiestNodeCpuMsPerAlert: round(Math.max(...nodeCpu) / alerts),
    redisCpuMsPerAlert: round(redisCpu / alerts),
  };
}

export async function pinnedNodes(redisUrl: string, sockets: number, alerts: number) {
  progress(`two nodes pinned: API nodes on core ${SERVER_CORE}, clients and PostgreSQL on core ${OTHER_CORE}`);
  const everyCore = `0-${cpus().length - 1}`;
  await pin(process.pid, OTHER_CORE);
  await rm(DATA_DIR, { recursive: true, force: true });
  const database = await startEmbeddedPostgres(DATA_DIR, await freePort());
  const nodes: ServerProcess[] = [];
  const fleets: ClientFleet[] = [];
  try {
    const databaseUrl = await ensureDatabase(database.url, 'relay_bench_pinned');
    const redis = await redisPid(redisUrl);
    const startNode = async () => {
      // One at a time: each node migrates the database as it starts.
      const node = await startRelay(databaseUrl, { REDIS_URL: redisUrl });
      await pin(node.pid!, SERVER_CORE);
      nodes.push(node);
      return node;
    };
    const first = await startNode();
    const { members, channelId } = await buildParty(first.baseUrl, 100, 2);
    const tokens = Array.from({ length: sockets }, (_, i) => members[i % members.length].token!);
    const settle = async () => {
      await new Promise((done) => setTimeout(done, 2000)); // presence announcements
      for (const fleet of fleets) await fleet.collect();
    };

    progress(`  one node, ${sockets} sockets`);
    fleets.push(new ClientFleet(4));
    await fleets[0].connect({ url: `${first.baseUrl}/live`, tokens, channelId });
    await settle();
    const one = await measure([first], fleets, members[0], channelId, sockets, alerts, redis);
    fleets.splice(0).forEach((fleet) => fleet.close());

    progress(`  two nodes on the same core, ${sockets / 2} sockets each`);
    const second = await startNode();
    fleets.push(new ClientFleet(2), new ClientFleet(2));
    await fleets[0].connect({ url: `${first.baseUrl}/live`, tokens: tokens.slice(0, sockets / 2), channelId });
    await fleets[1].connect({ url: `${second.baseUrl}/live`, tokens: tokens.slice(sockets / 2), channelId });
    await settle();
    const two = await measure([first, second], fleets, members[0], channelId, sockets, alerts, redis);
    return {
      figures: {
        sockets,
        ...two,
        // On two machines each node has a core: an alert costs its busiest node's CPU, not the sum.
        predictedTwoMachineSpeedup: Math.round((one.serverCpuMsPerAlert / two.busiestNodeCpuMsPerAlert) * 100) / 100,
      },
      baseline: { sockets, ...one },
    };
  } finally {
    for (const fleet of fleets) fleet.close();
    await Promise.all(nodes.map((node) => node.stop()));
    await database.stop();
    await rm(DATA_DIR, { recursive: true, force: true });
    await pin(process.pid, everyCore);
  }
}
