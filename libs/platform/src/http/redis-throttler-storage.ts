import { Logger, type OnModuleDestroy } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { Redis } from 'ioredis';
import { createHash } from 'node:crypto';
import { CountingThrottlerStorage } from './counting-throttler-storage.js';

// One round trip, atomic: count the hit in a fixed window (INCR, PEXPIRE on the first), and
// past the limit block the key for blockDuration (the count starts afresh after the block).
// Returns {hits, window ms left, blocked 0/1, block ms left}.
const SCRIPT = `
local block = redis.call('PTTL', KEYS[2])
if block > 0 then return {tonumber(ARGV[2]) + 1, block, 1, block} end
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local left = redis.call('PTTL', KEYS[1])
if left < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); left = tonumber(ARGV[1]) end
if hits <= tonumber(ARGV[2]) then return {hits, left, 0, 0} end
if tonumber(ARGV[3]) > 0 then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  redis.call('DEL', KEYS[1])
  return {hits, tonumber(ARGV[3]), 1, tonumber(ARGV[3])}
end
return {hits, left, 1, left}
`;

type Counting = Redis & {
  relayThrottle(hits: string, block: string, ttl: number, limit: number, blockDuration: number): Promise<number[]>;
};

/**
 * Rate-limit counters shared by every node through Redis (REDIS_URL), so a limit holds
 * however many nodes a client's requests reach. While Redis cannot answer, each node counts
 * in its own memory (CountingThrottlerStorage) rather than letting everything through.
 * Keys hold a hash of the tracker, never an address or e-mail in clear.
 */
export class RedisThrottlerStorage implements ThrottlerStorage, OnModuleDestroy {
  private readonly logger = new Logger('rate-limit');
  private readonly local = new CountingThrottlerStorage();
  private warned = false;

  constructor(private readonly redis: Redis) {
    redis.defineCommand('relayThrottle', { numberOfKeys: 2, lua: SCRIPT });
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string) {
    const id = createHash('sha256').update(`${throttlerName}\u0000${key}`).digest('base64url');
    try {
      const [totalHits, leftMs, blocked, blockMs] = await (this.redis as Counting).relayThrottle(
        `relay:rl:${id}`,
        `relay:rl:${id}:block`,
        ttl,
        limit,
        blockDuration,
      );
      this.warned = false;
      return {
        totalHits,
        timeToExpire: Math.ceil(leftMs / 1000),
        isBlocked: blocked === 1,
        timeToBlockExpire: Math.ceil(blockMs / 1000),
      };
    } catch (error) {
      if (!this.warned) this.logger.warn(`counting in memory while Redis fails: ${(error as Error).message}`);
      this.warned = true;
      return this.local.increment(key, ttl, limit, blockDuration, throttlerName);
    }
  }

  onModuleDestroy(): void {
    this.local.onModuleDestroy();
  }
}
