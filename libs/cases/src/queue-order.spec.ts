import { compareQueue, dueOf } from './queue-order.js';

const at = (iso: string) => new Date(iso);
const none = { deadline: null, intakeDueAt: null, followUpDueAt: null, irccReplyDueAt: null };

describe('what makes a file due', () => {
  it('takes the earliest of deadline, intake window, follow-up and IRCC reply', () => {
    expect(dueOf({ ...none, deadline: at('2026-12-10T00:00:00Z'), followUpDueAt: at('2026-12-08T00:00:00Z') })).toEqual(
      { dueAt: at('2026-12-08T00:00:00Z'), dueReason: 'follow_up' },
    );
    expect(
      dueOf({ ...none, intakeDueAt: at('2026-12-09T00:00:00Z'), irccReplyDueAt: at('2026-12-07T00:00:00Z') }),
    ).toEqual({ dueAt: at('2026-12-07T00:00:00Z'), dueReason: 'ircc_reply' });
    expect(dueOf({ ...none, intakeDueAt: at('2026-12-09T00:00:00Z') })).toEqual({
      dueAt: at('2026-12-09T00:00:00Z'),
      dueReason: 'intake_window',
    });
  });

  it('names the deadline on a tie, then the intake window, then the follow-up', () => {
    const same = at('2026-12-09T12:00:00Z');
    expect(dueOf({ deadline: same, intakeDueAt: same, followUpDueAt: same, irccReplyDueAt: same }).dueReason).toBe(
      'deadline',
    );
    expect(dueOf({ ...none, intakeDueAt: same, followUpDueAt: same, irccReplyDueAt: same }).dueReason).toBe(
      'intake_window',
    );
    expect(dueOf({ ...none, followUpDueAt: same, irccReplyDueAt: same }).dueReason).toBe('follow_up');
  });

  it('is null when nothing is due', () => {
    expect(dueOf(none)).toEqual({ dueAt: null, dueReason: null });
  });
});

describe('the queue order', () => {
  const file = (
    id: string,
    dueAt: string | null,
    urgency: 'routine' | 'priority' | 'emergency',
    createdAt: string,
  ) => ({
    id,
    dueAt: dueAt ? at(dueAt) : null,
    urgency,
    createdAt: at(createdAt),
  });

  it('sorts by due time, nulls last, then emergency first, then oldest, then id', () => {
    const files = [
      file('a', null, 'emergency', '2026-12-01T00:00:00Z'), // nothing due: last, whatever its urgency
      file('b', '2026-12-05T00:00:00Z', 'routine', '2026-11-01T00:00:00Z'),
      file('c', '2026-12-03T00:00:00Z', 'routine', '2026-11-01T00:00:00Z'),
      file('d', '2026-12-05T00:00:00Z', 'emergency', '2026-11-20T00:00:00Z'), // tie with b: emergency first
      file('e', '2026-12-05T00:00:00Z', 'routine', '2026-10-01T00:00:00Z'), // tie with b: older first
      file('g', null, 'routine', '2026-12-01T00:00:00Z'),
      file('f', null, 'routine', '2026-12-01T00:00:00Z'), // all equal: by id
    ];
    expect([...files].sort(compareQueue).map((f) => f.id)).toEqual(['c', 'd', 'e', 'b', 'a', 'f', 'g']);
  });

  it('puts an overdue file before one due later', () => {
    const files = [
      file('later', '2026-12-09T00:00:00Z', 'emergency', '2026-12-01T00:00:00Z'),
      file('overdue', '2026-11-30T00:00:00Z', 'routine', '2026-11-01T00:00:00Z'),
    ];
    expect([...files].sort(compareQueue).map((f) => f.id)).toEqual(['overdue', 'later']);
  });
});
