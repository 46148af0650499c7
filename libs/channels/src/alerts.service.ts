import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import {
  AppConfig,
  AppError,
  decodeCursor,
  EventLog,
  type OfficeActor,
  type Page,
  streams,
  toPage,
  TransactionRunner,
  type Tx,
  JobScheduler,
  ADVISORY_LOCKS,
} from '@relay/platform';
import { AuditService } from '@relay/audit';
import { AlertsRepository } from './alerts.repository.js';
import { toAlertView } from './channel.views.js';
import type { AlertQuery } from './channel.dto.js';
import type { PageQuery } from '@relay/platform';

/** Policy-change alerts: acknowledgements, and reminders for urgent ones nobody took in. */
@Injectable()
export class AlertsService implements OnApplicationBootstrap {
  constructor(
    private readonly alerts: AlertsRepository,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly events: EventLog,
    private readonly config: AppConfig,
    private readonly jobs: JobScheduler,
  ) {}

  onApplicationBootstrap(): void {
    this.jobs.schedule('alert-reminders', ADVISORY_LOCKS.alertReminders, (tx) => this.raiseReminders(tx));
  }

  async list(actor: OfficeActor, query: AlertQuery): Promise<Page<ReturnType<typeof toAlertView>>> {
    const after = decodeCursor(query.after, ['timestamp', 'uuid']);
    const rows = await this.alerts.list(
      actor.officeId,
      actor.userId,
      { unacknowledged: query.unacknowledged },
      after,
      query.limit + 1,
    );
    return toPage(rows, query.limit, (row) => [row.created_at.toISOString(), row.id], toAlertView);
  }

  /** Acknowledging twice is harmless: the first time is kept and told to the poster. */
  async acknowledge(actor: OfficeActor, alertId: string) {
    const alert = await this.visibleAlert(actor, alertId);
    return this.transactions.run(async (tx) => {
      const ackedAt = await this.alerts.insertAck(tx, alertId, actor.userId, actor.officeId);
      if (!ackedAt) {
        const first = (await this.alerts.findAck(tx, alertId, actor.userId))!;
        return { alertId, userId: actor.userId, officeId: actor.officeId, ackedAt: first.toISOString() };
      }
      const ack = {
        alertId,
        channelId: alert.channel_id,
        userId: actor.userId,
        officeId: actor.officeId,
        ackedAt: ackedAt.toISOString(),
      };
      this.audit.record(tx, { action: 'alert.acknowledged', actor, targetType: 'alert', targetId: alertId });
      this.events.append(tx, streams.user(alert.author_id), 'alert.acknowledged', actor, ack);
      return { alertId, userId: ack.userId, officeId: ack.officeId, ackedAt: ack.ackedAt };
    });
  }

  async acks(actor: OfficeActor, alertId: string, query: PageQuery) {
    await this.visibleAlert(actor, alertId);
    const after = decodeCursor(query.after, ['timestamp', 'uuid']);
    const rows = await this.alerts.acks(alertId, after, query.limit + 1);
    return toPage(
      rows,
      query.limit,
      (row) => [row.acked_at.toISOString(), row.user_id],
      (row) => ({
        userId: row.user_id,
        officeId: row.office_id,
        displayName: row.display_name,
        ackedAt: row.acked_at.toISOString(),
      }),
    );
  }

  /** Raises unacknowledged urgent alerts again to each office that missed them, once. */
  async raiseReminders(tx: Tx): Promise<number> {
    const due = await this.alerts.claimDueReminders(tx, this.config.ALERT_REMINDER_SECONDS);
    for (const reminder of due) {
      this.events.append(tx, streams.office(reminder.office_id), 'alert.reminder', null, {
        alertId: reminder.alert_id,
        channelId: reminder.channel_id,
        title: reminder.title,
        severity: 'urgent',
        postedAt: reminder.created_at.toISOString(),
      });
    }
    return due.length;
  }

  private async visibleAlert(actor: OfficeActor, alertId: string) {
    const alert = await this.alerts.findVisible(actor.officeId, alertId);
    if (!alert) throw AppError.notFound('Alert');
    return alert;
  }
}
