import { fork } from 'node:child_process';
import { resolve } from 'node:path';
import { freePort } from '../scripts/server-process.js';
import { buildParty, ClientFleet, progress, startRelay } from './harness.js';
import { now, percentile } from './machine.js';

export interface FanoutFigures {
  sockets: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  delivered: number;
}

const CLIENT_PROCESSES = 4;

/** Sends `runs` broadcasts through `trigger` and measures each socket's receipt delay. */
async function measure(fleet: ClientFleet, sockets: number, runs: number, trigger: (marker: string) => Promise<void>) {
  const results: FanoutFigures[] = [];
  for (let run = 0; run < runs; run++) {
    const marker = `bench-${run}-${Date.now()}`;
    const sentAt = now();
    await trigger(marker);
    const received: number[] = [];
    const deadline = Date.now() + 30_000;
    while (received.length < sockets && Date.now() < deadline) {
      await new Promise((done) => setTimeout(done, 100));
      for (const receipt of await fleet.collect()) if (receipt.marker === marker) received.push(receipt.at - sentAt);
    }
    received.sort((a, b) => a - b);
    results.push({
      sockets,
      p50Ms: percentile(received, 50),
      p99Ms: percentile(received, 99),
      maxMs: received[received.length - 1],
      delivered: received.length,
    });
    progress(
      `  run ${run + 1}/${runs}: p50 ${results[run].p50Ms.toFixed(1)} ms, p99 ${results[run].p99Ms.toFixed(1)} ms`,
    );
    await new Promise((done) => setTimeout(done, 500));
  }
  return results;
}

/** One urgent alert to a party channel, N subscribed sockets; and the bare socket.io baseline. */
export async function fanout(databaseUrl: string, sockets: number, runs: number) {
  progress(`fan-out to ${sockets} sockets: starting the server and signing in 200 assistants`);
  const server = await startRelay(databaseUrl);
  const { members, channelId } = await buildParty(server.baseUrl, 100, 2);
  const poster = members[0];
  const tokens = Array.from({ length: sockets }, (_, i) => members[i % members.length].token!);

  const ours = new ClientFleet(CLIENT_PROCESSES);
  await ours.connect({ url: `${server.baseUrl}/live`, tokens, channelId });
  progress(`  ${sockets} sockets subscribed`);
  await new Promise((done) => setTimeout(done, 2000)); // let presence announcements settle
  await ours.collect();
  const relay = await measure(ours, sockets, runs, async (marker) => {
    await poster.call('POST', `/channels/${channelId}/alerts`, {
      title: marker,
      body: 'Bench alert',
      severity: 'urgent',
    });
  });
  ours.close();
  await server.stop();

  progress(`baseline: bare socket.io, ${sockets} sockets`);
  const port = await freePort();
  const bare = fork(resolve('dist/bench/bare-server.js'), { env: { ...process.env, PORT: String(port) } });
  await new Promise((done) => bare.once('message', done));
  const fleet = new ClientFleet(CLIENT_PROCESSES);
  await fleet.connect({ url: `http://127.0.0.1:${port}/live`, tokens, bare: true });
  const baseline = await measure(fleet, sockets, runs, async (marker) => {
    await fetch(`http://127.0.0.1:${port}/broadcast?marker=${marker}`, { method: 'POST' });
  });
  fleet.close();
  bare.kill();
  return { relay, baseline };
}
