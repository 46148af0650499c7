import {
  addBusinessDays,
  addSpan,
  addWindow,
  isBusinessDate,
  parseSpan,
  startOfDay,
  startOfWeek,
} from './business-days.js';

const at = (iso: string) => new Date(iso);

describe('business days (Ottawa calendar, federal statutory holidays)', () => {
  it('knows weekends and holidays, including one observed on a Monday', () => {
    expect(isBusinessDate('2026-12-04')).toBe(true); // Friday
    expect(isBusinessDate('2026-12-05')).toBe(false); // Saturday
    expect(isBusinessDate('2026-12-25')).toBe(false); // Christmas, a Friday
    expect(isBusinessDate('2026-12-28')).toBe(false); // Boxing Day falls on Saturday: observed Monday
    expect(isBusinessDate('2026-07-01')).toBe(false); // Canada Day
    expect(isBusinessDate('2026-04-06')).toBe(true); // Easter Monday is not a federal general holiday
  });

  it('skips a weekend, keeping the time of day', () => {
    // Friday 10:00 EST + 2 business days = Tuesday 10:00 EST.
    expect(addBusinessDays(at('2026-12-04T15:00:00Z'), 2).toISOString()).toBe('2026-12-08T15:00:00.000Z');
  });

  it('skips a statutory holiday midweek', () => {
    // Tuesday June 30 09:00 EDT + 1 = Thursday July 2 (Canada Day is a Wednesday).
    expect(addBusinessDays(at('2026-06-30T13:00:00Z'), 1).toISOString()).toBe('2026-07-02T13:00:00.000Z');
  });

  it('skips a holiday, a weekend and an observed holiday together', () => {
    // Thursday Dec 24 10:00 EST: Fri 25 (Christmas), Sat, Sun, Mon 28 (Boxing Day observed) do not count.
    expect(addBusinessDays(at('2026-12-24T15:00:00Z'), 2).toISOString()).toBe('2026-12-30T15:00:00.000Z');
    // Ten business days from Monday Dec 14 09:00 EST end Wednesday Dec 30 09:00 EST.
    expect(addBusinessDays(at('2026-12-14T14:00:00Z'), 10).toISOString()).toBe('2026-12-30T14:00:00.000Z');
  });

  it('starts a weekend arrival at the next business morning', () => {
    // Saturday noon + 2 business days: Monday and Tuesday, ending Wednesday 00:00 EST.
    expect(addBusinessDays(at('2026-12-05T17:00:00Z'), 2).toISOString()).toBe('2026-12-09T05:00:00.000Z');
    // Christmas morning + 1: the first business day is Tuesday Dec 29, so Wednesday 00:00.
    expect(addBusinessDays(at('2026-12-25T14:00:00Z'), 1).toISOString()).toBe('2026-12-30T05:00:00.000Z');
  });

  it('keeps the wall-clock time across the spring clock change', () => {
    // Friday March 6 10:00 EST + 1 = Monday March 9 10:00 EDT (one hour less in UTC).
    expect(addBusinessDays(at('2026-03-06T15:00:00Z'), 1).toISOString()).toBe('2026-03-09T14:00:00.000Z');
  });

  it('counts late evening by the Ottawa date, not the UTC one', () => {
    // Friday 21:00 EST is Saturday 02:00 UTC: still a Friday here, so + 1 = Monday 21:00 EST.
    expect(addBusinessDays(at('2026-12-05T02:00:00Z'), 1).toISOString()).toBe('2026-12-08T02:00:00.000Z');
  });
});

describe('configured spans', () => {
  it('reads hours and business days', () => {
    expect(parseSpan('48h')).toEqual({ hours: 48 });
    expect(parseSpan('10bd')).toEqual({ businessDays: 10 });
    expect(parseSpan('10d')).toBeNull();
    expect(parseSpan('')).toBeNull();
  });

  it('adds clock hours straight through a weekend', () => {
    expect(addSpan(at('2026-12-04T22:00:00Z'), { hours: 48 }).toISOString()).toBe('2026-12-06T22:00:00.000Z');
  });

  it('intake windows: under a day is clock time, whole days are business days', () => {
    const friday = at('2026-12-04T20:00:00Z'); // Friday 15:00 EST
    expect(addWindow(friday, 4).toISOString()).toBe('2026-12-05T00:00:00.000Z'); // emergency: Friday 19:00
    expect(addWindow(friday, 48).toISOString()).toBe('2026-12-08T20:00:00.000Z'); // priority: Tuesday 15:00
    expect(addWindow(friday, 240).toISOString()).toBe('2026-12-18T20:00:00.000Z'); // routine: ten days later
    expect(addWindow(friday, 36).toISOString()).toBe('2026-12-08T08:00:00.000Z'); // 1 business day + 12 h
  });
});

describe('days and weeks in Ottawa', () => {
  it('starts a day and a week at local midnight', () => {
    // Wednesday Dec 2 2026, 03:00 UTC is still Tuesday Dec 1 in Ottawa.
    expect(startOfDay(at('2026-12-02T03:00:00Z')).toISOString()).toBe('2026-12-01T05:00:00.000Z');
    expect(startOfDay(at('2026-12-02T03:00:00Z'), 1).toISOString()).toBe('2026-12-02T05:00:00.000Z');
    expect(startOfWeek(at('2026-12-06T20:00:00Z')).toISOString()).toBe('2026-11-30T05:00:00.000Z'); // Sunday
    expect(startOfWeek(at('2026-11-30T05:00:00Z')).toISOString()).toBe('2026-11-30T05:00:00.000Z'); // Monday 00:00
    expect(startOfWeek(at('2026-12-02T12:00:00Z'), -3).toISOString()).toBe('2026-11-09T05:00:00.000Z');
  });
});
