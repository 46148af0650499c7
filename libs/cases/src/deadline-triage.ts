import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, EventLog, every, streams, TransactionRunner, tryJobLock } from '@relay/platform';

const TRIAGE_LOCK = 7_301_746_665;

/**
 * Emergency-room triage: a file with a deadline (a removal date, say) raises
 * `case.deadline_near` to its handling office at each threshold (48 h and 4 h by default),
 * once per threshold and deadline.
 */
@Injectable()
export class DeadlineTriage implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('triage');
  private stopJobs?: () => void;

  constructor(
    private readonly transactions: TransactionRunner,
    private readonly events: EventLog,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.stopJobs = every(
      this.config.JOB_INTERVAL_SECONDS,
      () => this.raiseDueNotices(),
      (error) => this.logger.warn(`deadline triage failed: ${error instanceof Error ? error.message : String(error)}`),
    );
  }

  onApplicationShutdown(): void {
    this.stopJobs?.();
  }

  async raiseDueNotices(): Promise<number> {
    const thresholds = this.config.DEADLINE_THRESHOLDS_HOURS.split(',').map(Number);
    return this.transactions.run(async (tx) => {
      if (!(await tryJobLock(tx, TRIAGE_LOCK))) return 0;
      const due = (await tx.query(
        `WITH due AS (
           SELECT c.id, c.reference, c.handling_office_id, c.deadline, t.hours
           FROM cases c CROSS JOIN unnest($1::int[]) AS t(hours)
           WHERE c.deadline IS NOT NULL AND c.status NOT IN ('resolved', 'closed')
             AND c.deadline > now() AND c.deadline <= now() + make_interval(hours => t.hours)),
         claimed AS (
           INSERT INTO case_deadline_notices (case_id, threshold_hours, deadline)
           SELECT id, hours, deadline FROM due ON CONFLICT DO NOTHING RETURNING case_id, threshold_hours)
         SELECT due.* FROM due JOIN claimed ON claimed.case_id = due.id AND claimed.threshold_hours = due.hours`,
        [thresholds],
      )) as { id: string; reference: string; handling_office_id: string; deadline: Date; hours: number }[];
      for (const file of due) {
        await this.events.append(tx, streams.office(file.handling_office_id), 'case.deadline_near', null, {
          caseId: file.id,
          reference: file.reference,
          deadline: file.deadline.toISOString(),
          thresholdHours: file.hours,
        });
      }
      return due.length;
    });
  }
}
