import { FEDERAL_HOLIDAYS } from './federal-holidays.js';

/**
 * Business days: Monday to Friday except Canadian federal statutory holidays, counted on the
 * calendar of Ottawa (America/Toronto), where IRCC's liaison and Parliament keep their hours.
 */
export const BUSINESS_TIME_ZONE = 'America/Toronto';

const HOLIDAYS = new Set(FEDERAL_HOLIDAYS.map(([date]) => date));
const DAY_MS = 86_400_000;

const parts = new Intl.DateTimeFormat('en-CA', {
  timeZone: BUSINESS_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

interface Wall {
  date: string; // YYYY-MM-DD in Ottawa
  ms: number; // milliseconds since local midnight
}

function wallOf(at: Date): Wall {
  const p = Object.fromEntries(parts.formatToParts(at).map((part) => [part.type, part.value]));
  const ms = ((Number(p.hour) * 60 + Number(p.minute)) * 60 + Number(p.second)) * 1000 + at.getUTCMilliseconds();
  return { date: `${p.year}-${p.month}-${p.day}`, ms };
}

/** The instant that is `ms` after midnight of `date` in Ottawa (DST-aware). */
function instantOf(date: string, ms: number): Date {
  const naive = Date.parse(`${date}T00:00:00Z`) + ms;
  let guess = naive;
  // Two passes settle the UTC offset, also on the days the clocks change.
  for (let i = 0; i < 2; i++) {
    const wall = wallOf(new Date(guess));
    guess += naive - (Date.parse(`${wall.date}T00:00:00Z`) + wall.ms);
  }
  return new Date(guess);
}

const nextDate = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);

/** Whether `date` (YYYY-MM-DD) is a working day: not a weekend, not a federal statutory holiday. */
export function isBusinessDate(date: string): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !HOLIDAYS.has(date);
}

/**
 * `days` business days after `from`, at the same time of day in Ottawa. A start on a weekend
 * or holiday counts from the start of the next business day: Saturday + 2 is Wednesday 00:00.
 */
export function addBusinessDays(from: Date, days: number): Date {
  let { date, ms } = wallOf(from);
  if (!isBusinessDate(date)) {
    while (!isBusinessDate(date)) date = nextDate(date);
    ms = 0;
  }
  for (let left = days; left > 0;) {
    date = nextDate(date);
    if (isBusinessDate(date)) left--;
  }
  return instantOf(date, ms);
}

/** A span of time as configured: clock hours, or business days. */
export type Span = { hours: number } | { businessDays: number };

/** `48h` or `10bd`; null when it is neither. */
export function parseSpan(text: string): Span | null {
  const match = /^(\d{1,5})(h|bd)$/.exec(text.trim());
  if (!match) return null;
  return match[2] === 'h' ? { hours: Number(match[1]) } : { businessDays: Number(match[1]) };
}

export function addSpan(from: Date, span: Span): Date {
  return 'hours' in span ? new Date(from.getTime() + span.hours * 3_600_000) : addBusinessDays(from, span.businessDays);
}

/**
 * A window given in hours, as INTAKE_WINDOW_HOURS gives it: under a day it is clock time (an
 * emergency does not wait for Monday); from 24 h on, each whole 24 h is a business day and
 * the rest clock hours, so 48 is two business days and 240 ten.
 */
export function addWindow(from: Date, hours: number): Date {
  if (hours < 24) return new Date(from.getTime() + hours * 3_600_000);
  return new Date(addBusinessDays(from, Math.floor(hours / 24)).getTime() + (hours % 24) * 3_600_000);
}

/** Midnight in Ottawa of the day `at` falls on, `days` days later (negative: earlier). */
export function startOfDay(at: Date, days = 0): Date {
  const { date } = wallOf(at);
  return instantOf(new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10), 0);
}

/** Monday 00:00 in Ottawa of the week `at` falls in, `weeks` weeks later (negative: earlier). */
export function startOfWeek(at: Date, weeks = 0): Date {
  const { date } = wallOf(at);
  const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0
  return startOfDay(at, weeks * 7 - weekday);
}
