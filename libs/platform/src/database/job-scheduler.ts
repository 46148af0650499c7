import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { Metrics } from '../observability/metrics.js';
import { TransactionRunner, type Tx } from './transaction.js';
import { rowsOf } from './rows.js';

export type JobOutcome = 'done' | 'skipped' | 'failed';

/**
 * Background jobs (reminders, expiries, triage, pruning). Every node runs the timer; each
 * run first takes the job's transaction-scoped PostgreSQL advisory lock, so with several
 * nodes exactly one does the work and the others skip. The job's writes and events share
 * that transaction.
 */
@Injectable()
export class JobScheduler implements OnApplicationShutdown {
  private readonly logger = new Logger('jobs');
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly config: AppConfig,
    private readonly transactions: TransactionRunner,
    private readonly metrics: Metrics,
  ) {}

  schedule(name: string, lockId: number, job: (tx: Tx) => Promise<unknown>): void {
    const timer = setInterval(() => void this.runOnce(name, lockId, job), this.config.JOB_INTERVAL_SECONDS * 1000);
    timer.unref();
    this.timers.push(timer);
  }

  async runOnce(name: string, lockId: number, job: (tx: Tx) => Promise<unknown>): Promise<JobOutcome> {
    let outcome: JobOutcome;
    try {
      outcome = await this.transactions.run(async (tx) => {
        const [{ locked }] = rowsOf<{ locked: boolean }>(
          await tx.query(`SELECT pg_try_advisory_xact_lock($1) AS locked`, [lockId]),
        );
        if (!locked) return 'skipped';
        await job(tx);
        return 'done';
      });
    } catch (error) {
      this.logger.warn(`job ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
      outcome = 'failed';
    }
    this.metrics.jobRuns.inc({ job: name, outcome });
    return outcome;
  }

  onApplicationShutdown(): void {
    for (const timer of this.timers) clearInterval(timer);
  }
}
