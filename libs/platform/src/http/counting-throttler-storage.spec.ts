import { jest } from '@jest/globals';
import { CountingThrottlerStorage } from './counting-throttler-storage.js';

const MINUTE = 60_000;

describe('CountingThrottlerStorage', () => {
  let storage: CountingThrottlerStorage;
  let now: number;

  beforeEach(() => {
    now = Date.parse('2026-11-25T12:00:00Z');
    jest.spyOn(Date, 'now').mockImplementation(() => now);
    storage = new CountingThrottlerStorage();
  });
  afterEach(() => {
    storage.onModuleDestroy();
    jest.restoreAllMocks();
  });

  const hit = (key = 'user:a') => storage.increment(key, MINUTE, 3, MINUTE, 'user');

  it('lets `limit` requests through, blocks the next for the block duration, and counts keys apart', async () => {
    for (let i = 1; i <= 3; i++) expect(await hit()).toMatchObject({ totalHits: i, isBlocked: false });
    expect(await hit()).toMatchObject({ isBlocked: true, timeToBlockExpire: 60 });
    expect(await hit('user:b')).toMatchObject({ totalHits: 1, isBlocked: false });
    now += MINUTE - 1_000;
    expect(await hit()).toMatchObject({ isBlocked: true, timeToBlockExpire: 1 });
  });

  it('still counts the end of the last window, so a burst across a window edge is caught', async () => {
    now += MINUTE - 5_000;
    for (let i = 0; i < 3; i++) expect((await hit()).isBlocked).toBe(false);
    now += 10_000; // a new window, with most of the last one still inside the minute
    expect((await hit()).isBlocked).toBe(true);
  });

  it('starts afresh once a block is served', async () => {
    for (let i = 0; i < 4; i++) await hit();
    now += MINUTE; // the block ends
    for (let i = 1; i <= 3; i++) expect(await hit()).toMatchObject({ totalHits: i, isBlocked: false });
    expect((await hit()).isBlocked).toBe(true);
  });

  it('without a block duration, refuses only while over the limit', async () => {
    const noBlock = () => storage.increment('user:c', MINUTE, 3, 0, 'user');
    for (let i = 0; i < 3; i++) expect((await noBlock()).isBlocked).toBe(false);
    expect(await noBlock()).toMatchObject({ isBlocked: true, timeToBlockExpire: 60 });
    now += 2 * MINUTE;
    expect((await noBlock()).isBlocked).toBe(false);
  });

  it('forgets hits older than a window', async () => {
    for (let i = 0; i < 3; i++) await hit();
    now += 2 * MINUTE;
    for (let i = 1; i <= 3; i++) expect(await hit()).toMatchObject({ totalHits: i, isBlocked: false });
  });
});
