import { describe, expect, it } from '@jest/globals';
import {
  channelCount,
  monthsOf,
  neutralise,
  parseRange,
  roundToFive,
  snapToQuarters,
  SUPPRESSED,
  toCsv,
} from './report-math.js';

const SECRET = 'unit-test-secret';

/** A minimal RFC 4180 reader, to read back what toCsv wrote. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
}

describe('date ranges', () => {
  it('reads a date `to` as the end of that day, a date-time as exclusive', () => {
    const range = parseRange('2026-01-01', '2026-03-31');
    expect(range.from.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(range.to.toISOString()).toBe('2026-04-01T00:00:00.000Z');
    expect(parseRange('2026-01-01T10:00:00Z', '2026-01-02T10:00:00Z').to.toISOString()).toBe(
      '2026-01-02T10:00:00.000Z',
    );
  });

  it('refuses an empty or reversed range and one over 10 years', () => {
    expect(() => parseRange('2026-02-01', '2026-01-01')).toThrow('must be before to');
    expect(() => parseRange('2000-01-01', '2026-01-01')).toThrow('at most 10 years');
    expect(() => parseRange('yesterday', undefined)).toThrow('ISO-8601');
  });

  it('defaults to the last 12 calendar months', () => {
    const range = parseRange(undefined, undefined, new Date('2026-05-17T12:00:00Z'));
    expect(range.from.toISOString()).toBe('2025-06-01T00:00:00.000Z');
    expect(monthsOf(range)).toHaveLength(12);
  });

  it('grows a channel range outward to whole quarters', () => {
    const snapped = snapToQuarters(parseRange('2026-02-10', '2026-05-03'));
    expect([snapped.from.toISOString(), snapped.to.toISOString()]).toEqual([
      '2026-01-01T00:00:00.000Z',
      '2026-07-01T00:00:00.000Z',
    ]);
    const exact = snapToQuarters(parseRange('2026-04-01', '2026-06-30'));
    expect([exact.from.toISOString(), exact.to.toISOString()]).toEqual([
      '2026-04-01T00:00:00.000Z',
      '2026-07-01T00:00:00.000Z',
    ]);
  });
});

describe('channel counts', () => {
  it('rounds to a multiple of 5, the same way every time, and without bias', () => {
    for (let value = 0; value < 40; value++) {
      const rounded = roundToFive(value, SECRET, 'cell');
      expect(rounded % 5).toBe(0);
      expect(Math.abs(rounded - value)).toBeLessThan(5);
      expect(roundToFive(value, SECRET, 'cell')).toBe(rounded);
    }
    // Over many cells, 3 rounds up about 3 times in 5.
    const ups = Array.from({ length: 2000 }, (_, i) => roundToFive(3, SECRET, `c${i}`)).filter((v) => v === 5).length;
    expect(ups / 2000).toBeGreaterThan(0.55);
    expect(ups / 2000).toBeLessThan(0.65);
  });

  it('shows fewer than 5 files as "<5", zero included', () => {
    for (const count of [0, 1, 4]) expect(channelCount([{ quarter: '2026-Q1', count }], SECRET, 'x')).toBe(SUPPRESSED);
    expect(channelCount([{ quarter: '2026-Q1', count: 5 }], SECRET, 'x')).toBe(5);
    expect(channelCount([{ quarter: '2026-Q1', count: 10 }], SECRET, 'x')).toBe(10);
  });

  it('gives overlapping ranges nothing to subtract but rounded quarters', () => {
    // Q1 holds 3 files (hidden), Q2 holds 9: no choice of ranges gives back the 3.
    for (let i = 0; i < 50; i++) {
      const cell = `cell-${i}`;
      const both = channelCount(
        [
          { quarter: '2026-Q1', count: 3 },
          { quarter: '2026-Q2', count: 9 },
        ],
        SECRET,
        cell,
      );
      const q2 = channelCount([{ quarter: '2026-Q2', count: 9 }], SECRET, cell);
      const q1 = channelCount([{ quarter: '2026-Q1', count: 3 }], SECRET, cell);
      expect(q1).toBe(SUPPRESSED);
      expect(typeof both === 'number' && typeof q2 === 'number').toBe(true);
      const difference = (both as number) - (q2 as number);
      expect([0, 5]).toContain(difference);
      expect(difference).not.toBe(3);
    }
  });
});

describe('CSV', () => {
  it('writes RFC 4180 that reads back the same, accents and all', () => {
    const rows = [
      ['office', 'label', 'opened'],
      ['Circonscription de Lévis—Lotbinière', 'Réunification familiale', 3],
      ['A "quoted", comma', 'two\nlines', 0],
      ['', null, 12],
    ];
    const csv = toCsv(rows);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(parseCsv(csv)).toEqual(rows.map((row) => row.map((v) => (v === null ? '' : String(v)))));
  });

  it('neutralises cells a spreadsheet would run as formulas', () => {
    for (const formula of ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\tx', '=HYPERLINK("http://x","y")']) {
      expect(neutralise(formula).startsWith("'")).toBe(true);
    }
    expect(neutralise('Réunification')).toBe('Réunification');
    expect(parseCsv(toCsv([['=HYPERLINK("http://evil","click")']]))[0][0]).toBe('\'=HYPERLINK("http://evil","click")');
  });
});
