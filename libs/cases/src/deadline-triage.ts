import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig, EventLog, JobScheduler, rowsOf, streams, type Tx, ADVISORY_LOCKS } from '@relay/platform';
import { openFileSql } from './case.enums.js';

/**
 * Emergency-room triage: a file with a deadline (a removal date, say) raises
 * `case.deadline_near` to its handling office at each threshold (48 h and 4 h by default),
 * once per threshold and deadline.
 */
@Injectable()
export class DeadlineTriage implements OnApplicationBootstrap {
  constructor(
    private readonly jobs: JobScheduler,
    private readonly events: EventLog,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.jobs.schedule('deadline-triage', ADVISORY_LOCKS.deadlineTriage, (tx) => this.raiseDueNotices(tx));
  }

  async raiseDueNotices(tx: Tx): Promise<number> {
    const thresholds = this.config.DEADLINE_THRESHOLDS_HOURS.split(',').map(Number);
    const due = rowsOf<{ id: string; reference: string; handling_office_id: string; deadline: Date; hours: number }>(
      await tx.query(
        `WITH due AS (
             SELECT c.id, c.reference, c.handling_office_id, c.deadline, t.hours
             FROM cases c CROSS JOIN unnest($1::int[]) AS t(hours)
             WHERE c.deadline IS NOT NULL AND ${openFileSql('c')}
               AND c.deadline > now() AND c.deadline <= now() + make_interval(hours => t.hours)),
           claimed AS (
             INSERT INTO case_deadline_notices (case_id, threshold_hours, deadline)
             SELECT id, hours, deadline FROM due ON CONFLICT DO NOTHING RETURNING case_id, threshold_hours)
           SELECT due.* FROM due JOIN claimed ON claimed.case_id = due.id AND claimed.threshold_hours = due.hours`,
        [thresholds],
      ),
    );
    for (const file of due) {
      this.events.append(tx, streams.office(file.handling_office_id), 'case.deadline_near', null, {
        caseId: file.id,
        reference: file.reference,
        deadline: file.deadline.toISOString(),
        thresholdHours: file.hours,
      });
    }
    return due.length;
  }
}
