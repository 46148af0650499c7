import { progress } from './harness.js';
import { median } from './machine.js';
import { rest, writePath } from './scenarios.js';

export type Platform = 'express' | 'fastify';

/** One platform's figures: the rest scenario's GET /cases and the write scenario's posts and sockets. */
// A type, not an interface: it is recorded as a Record<string, number>.
export type PlatformFigures = {
  restRequestsPerSecond: number;
  restP50Ms: number;
  restP99Ms: number;
  writeMessagesPerSecond: number;
  writeP50Ms: number;
  writeP99Ms: number;
  errors: number;
  gapless: number;
};

async function measure(databaseUrl: string, platform: Platform, seconds: number, messages: number) {
  progress(`http-platform: ${platform}`);
  const env = { HTTP_PLATFORM: platform };
  const { figures: list } = await rest(databaseUrl, seconds, env);
  const write = await writePath(databaseUrl, messages, env);
  return {
    restRequestsPerSecond: list.requestsPerSecond,
    restP50Ms: list.p50Ms,
    restP99Ms: list.p99Ms,
    writeMessagesPerSecond: write.messagesPerSecond,
    writeP50Ms: write.p50Ms,
    writeP99Ms: write.p99Ms,
    errors: list.errors + write.errors,
    gapless: write.gapless,
  };
}

/**
 * Express and Fastify, each serving the same AppModule, measured in turn in one invocation
 * (the order swapped every run, so a drift of the shared machine's load favours neither).
 */
export async function httpPlatform(databaseUrl: string, runs: number, seconds: number, messages: number) {
  const all: Record<Platform, PlatformFigures[]> = { express: [], fastify: [] };
  for (let run = 0; run < runs; run++) {
    const order: Platform[] = run % 2 === 0 ? ['express', 'fastify'] : ['fastify', 'express'];
    for (const platform of order) {
      all[platform].push(await measure(databaseUrl, platform, seconds, messages));
      progress(`  run ${run + 1}/${runs} ${platform}: ${JSON.stringify(all[platform].at(-1))}`);
    }
  }
  const summary = (figures: PlatformFigures[]) =>
    Object.fromEntries(
      (Object.keys(figures[0]) as (keyof PlatformFigures)[]).map((key) => [
        key,
        key === 'gapless' ? Math.min(...figures.map((f) => f.gapless)) : median(figures.map((f) => f[key])),
      ]),
    ) as unknown as PlatformFigures;
  return { express: summary(all.express), fastify: summary(all.fastify) };
}

/** Issue 13: Fastify is kept only if it wins by 20% on both throughputs with a p99 no worse (10% noise allowed). */
export function fastifyWins(express: PlatformFigures, fastify: PlatformFigures): boolean {
  return (
    fastify.restRequestsPerSecond >= 1.2 * express.restRequestsPerSecond &&
    fastify.writeMessagesPerSecond >= 1.2 * express.writeMessagesPerSecond &&
    fastify.restP99Ms <= 1.1 * express.restP99Ms &&
    fastify.writeP99Ms <= 1.1 * express.writeP99Ms &&
    fastify.gapless === 1 &&
    fastify.errors === 0
  );
}
