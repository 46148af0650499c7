import { ADVISORY_LOCKS } from './advisory-locks.js';

describe('advisory locks', () => {
  it('gives every lock its own id', () => {
    const ids = Object.values(ADVISORY_LOCKS);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps every id a safe integer PostgreSQL takes as a bigint', () => {
    for (const id of Object.values(ADVISORY_LOCKS)) expect(Number.isSafeInteger(id)).toBe(true);
  });
});
