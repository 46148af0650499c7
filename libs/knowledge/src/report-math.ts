import { createHmac } from 'node:crypto';

/**
 * The pure parts of reports: date ranges, the rounding and suppression of channel reports,
 * and CSV. No I/O; unit-tested.
 */

export const SUPPRESSED = '<5';
export type ChannelCount = number | typeof SUPPRESSED;

const DAY_MS = 86_400_000;
const MAX_SPAN_DAYS = 3660;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export interface DateRange {
  from: Date;
  /** Exclusive. */
  to: Date;
}

export class RangeError extends Error {
  constructor(
    readonly field: 'from' | 'to',
    message: string,
  ) {
    super(message);
  }
}

/**
 * `from` is inclusive, `to` exclusive; a date without a time means the whole day, so
 * `to=2026-03-31` runs to the end of March 31 (UTC). Default: the last 12 calendar months.
 */
export function parseRange(from: string | undefined, to: string | undefined, now = new Date()): DateRange {
  const end = to === undefined ? now : parseEdge(to, 'to');
  const start =
    from === undefined ? new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - 11, 1)) : parseEdge(from, 'from');
  if (start.getTime() >= end.getTime()) throw new RangeError('from', 'must be before to');
  if (end.getTime() - start.getTime() > MAX_SPAN_DAYS * DAY_MS)
    throw new RangeError('to', 'the range is at most 10 years');
  return { from: start, to: end };
}

function parseEdge(value: string, field: 'from' | 'to'): Date {
  const date = new Date(DATE_ONLY.test(value) ? `${value}T00:00:00.000Z` : value);
  if (Number.isNaN(date.getTime())) throw new RangeError(field, 'must be an ISO-8601 date or date-time');
  return field === 'to' && DATE_ONLY.test(value) ? new Date(date.getTime() + DAY_MS) : date;
}

/** Channel reports count whole calendar quarters only: the range grows outward to quarter edges. */
export function snapToQuarters(range: DateRange): DateRange {
  const quarterStart = (d: Date) => Date.UTC(d.getUTCFullYear(), Math.floor(d.getUTCMonth() / 3) * 3, 1);
  const from = new Date(quarterStart(range.from));
  const lastIncluded = new Date(range.to.getTime() - 1);
  const lastQuarter = new Date(quarterStart(lastIncluded));
  const to = new Date(Date.UTC(lastQuarter.getUTCFullYear(), lastQuarter.getUTCMonth() + 3, 1));
  return { from, to };
}

/**
 * Unbiased random rounding to a multiple of 5 (as Statistics Canada publishes counts), drawn
 * from a keyed hash of the cell and its true value: asking again gives the same answer, so
 * repeating a request and averaging cannot cancel it out.
 */
export function roundToFive(value: number, secret: string, cell: string): number {
  const remainder = value % 5;
  if (remainder === 0) return value;
  const digest = createHmac('sha256', secret).update(`${cell}|${value}`).digest();
  const draw = digest.readUInt32BE(0) / 2 ** 32;
  return draw < remainder / 5 ? value - remainder + 5 : value - remainder;
}

/**
 * One channel-report count over several quarters. Each quarter's count is rounded on its
 * own (its cell name says which quarter), and the range shows their sum: two ranges that
 * overlap differ by rounded quarters, never by true counts. Fewer than 5 files in the whole
 * range is "<5" whatever the rounding says.
 */
export function channelCount(
  perQuarter: { quarter: string; count: number }[],
  secret: string,
  cell: string,
): ChannelCount {
  const total = perQuarter.reduce((sum, q) => sum + q.count, 0);
  if (total < 5) return SUPPRESSED;
  const rounded = perQuarter.reduce((sum, q) => sum + roundToFive(q.count, secret, `${cell}|${q.quarter}`), 0);
  return Math.max(5, rounded);
}

/** "2026-Q1" for a date. */
export function quarterOf(date: Date): string {
  return `${date.getUTCFullYear()}-Q${Math.floor(date.getUTCMonth() / 3) + 1}`;
}

/** Every month from `from` to `to` (exclusive), as "2026-01". */
export function monthsOf(range: DateRange): string[] {
  const months: string[] = [];
  const cursor = new Date(Date.UTC(range.from.getUTCFullYear(), range.from.getUTCMonth(), 1));
  while (cursor.getTime() < range.to.getTime()) {
    months.push(cursor.toISOString().slice(0, 7));
    cursor.setUTCMonth(cursor.getUTCMonth() + 1);
  }
  return months;
}

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, or a tab or carriage return
 * first) gets a leading apostrophe, which spreadsheets show as text (OWASP's advice).
 */
export function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** RFC 4180: CRLF line ends, fields with a quote, comma or line break quoted, quotes doubled. */
export function toCsv(rows: (string | number | null)[][]): string {
  const field = (value: string | number | null) => {
    if (value === null) return '';
    if (typeof value === 'number') return String(value);
    const text = neutralise(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return rows.map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}
