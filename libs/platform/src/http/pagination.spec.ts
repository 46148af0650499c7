import { decodeCursor, encodeCursor, toPage } from './pagination.js';

const shape = ['timestamp', 'uuid'] as const;
const key = ['2026-11-30T12:00:00.000Z', '5b0e4b7e-4a43-4f5e-9c1a-2f7d7e0e3c11'];

describe('cursors', () => {
  it('gives back the key it encoded', () => {
    expect(decodeCursor(encodeCursor(key), shape)).toEqual(key);
  });

  it('passes an absent cursor through', () => {
    expect(decodeCursor(undefined, shape)).toBeUndefined();
  });

  it.each([
    ['not base64 JSON', 'not-a-cursor'],
    ['the wrong length', encodeCursor([key[0]!])],
    ['a rolled-over date', encodeCursor(['2026-02-30T12:00:00.000Z', key[1]!])],
    ['a non-uuid', encodeCursor([key[0]!, "1' OR '1'='1"])],
  ])('refuses %s as a 400 on `after`', (_, cursor) => {
    expect(() => decodeCursor(cursor, shape)).toThrow(expect.objectContaining({ status: 400 }));
  });

  it('refuses a negative or unsafe sequence', () => {
    expect(() => decodeCursor(encodeCursor([-1]), ['seq'])).toThrow();
    expect(() => decodeCursor(encodeCursor([2 ** 60]), ['seq'])).toThrow();
  });

  it('pages with one extra row meaning "more"', () => {
    const rows = [1, 2, 3];
    expect(toPage(rows, 2, (n) => [n], String)).toEqual({ items: ['1', '2'], nextCursor: encodeCursor([2]) });
    expect(toPage(rows, 3, (n) => [n], String)).toEqual({ items: ['1', '2', '3'], nextCursor: null });
  });
});
