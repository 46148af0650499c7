import type { Urgency } from './case.enums.js';

export type DueReason = 'deadline' | 'intake_window' | 'follow_up' | 'ircc_reply';

/** The times that make a file due; null where there is none. */
export interface DueTimes {
  deadline: Date | null;
  intakeDueAt: Date | null;
  followUpDueAt: Date | null;
  irccReplyDueAt: Date | null;
}

// On a tie the first named wins: a deadline says more than the office's own window.
const REASONS: [DueReason, keyof DueTimes][] = [
  ['deadline', 'deadline'],
  ['intake_window', 'intakeDueAt'],
  ['follow_up', 'followUpDueAt'],
  ['ircc_reply', 'irccReplyDueAt'],
];

/** The earliest of the file's due times and what it is, or nulls when nothing is due. */
export function dueOf(times: DueTimes): { dueAt: Date | null; dueReason: DueReason | null } {
  let dueAt: Date | null = null;
  let dueReason: DueReason | null = null;
  for (const [reason, key] of REASONS) {
    const at = times[key];
    if (at && (dueAt === null || at.getTime() < dueAt.getTime())) {
      dueAt = at;
      dueReason = reason;
    }
  }
  return { dueAt, dueReason };
}

export const URGENCY_RANK: Record<Urgency, number> = { emergency: 0, priority: 1, routine: 2 };

/**
 * The queue's order, as the cases_queue_idx index and its SQL keep it: due time first (a file
 * with nothing due last), then urgency (emergency first), then the oldest file, then the id.
 */
export function compareQueue(
  a: { dueAt: Date | null; urgency: Urgency; createdAt: Date; id: string },
  b: { dueAt: Date | null; urgency: Urgency; createdAt: Date; id: string },
): number {
  const due = (x: { dueAt: Date | null }) => x.dueAt?.getTime() ?? Infinity;
  return (
    due(a) - due(b) ||
    URGENCY_RANK[a.urgency] - URGENCY_RANK[b.urgency] ||
    a.createdAt.getTime() - b.createdAt.getTime() ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}
