import { parseRange } from './byte-range.js';

describe('Range header', () => {
  it.each([
    ['bytes=0-99', { start: 0, end: 99 }],
    ['bytes=100-', { start: 100, end: 999 }],
    ['bytes=-100', { start: 900, end: 999 }],
    ['bytes=-5000', { start: 0, end: 999 }],
    ['bytes=990-5000', { start: 990, end: 999 }],
  ])('serves %s', (header, range) => {
    expect(parseRange(header, 1000)).toEqual(range);
  });

  it.each([[undefined], ['items=0-1'], ['bytes=0-1,5-6'], ['bytes=-'], ['bytes=50-10']])(
    'sends the whole document for %s',
    (header) => {
      expect(parseRange(header, 1000)).toBeNull();
    },
  );

  it('refuses a range that starts past the end', () => {
    expect(parseRange('bytes=1000-', 1000)).toBe('unsatisfiable');
    expect(parseRange('bytes=-0', 1000)).toBe('unsatisfiable');
  });
});
