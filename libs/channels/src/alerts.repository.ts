import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { rowsOf, type Tx } from '@relay/platform';
import type { PostRow } from './channels.repository.js';
import { openFileSql } from '@relay/cases';
import { displayNameSql } from '@relay/identity';

export interface AlertRow extends PostRow {
  affected_open_cases: number;
  acknowledged: boolean;
}

export interface DueReminder {
  alert_id: string;
  channel_id: string;
  title: string;
  created_at: Date;
  office_id: string;
}

// An alert touches an open file when it names categories or types and the file matches all it names.
const AFFECTED_OPEN_CASES = `(SELECT count(*)::int FROM cases c
  WHERE c.handling_office_id = $1 AND ${openFileSql('c')}
    AND (cardinality(p.categories) > 0 OR cardinality(p.immigration_types) > 0)
    AND (cardinality(p.categories) = 0 OR c.category = ANY (p.categories))
    AND (cardinality(p.immigration_types) = 0 OR c.immigration_type = ANY (p.immigration_types)))`;

@Injectable()
export class AlertsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Alerts of the office's channels, newest first, as that office and user see them. */
  async list(
    officeId: string,
    userId: string,
    filter: { unacknowledged?: boolean },
    after: [string, string] | undefined,
    limit: number,
  ): Promise<AlertRow[]> {
    return rowsOf<AlertRow>(
      await this.dataSource.query(
        `SELECT p.id, p.channel_id, p.kind, p.author_id, p.office_id, p.body, p.reply_to_id, p.case_id,
           NULL AS case_reference, NULL AS case_handling_office_id, p.title, p.severity, p.categories,
           p.immigration_types, to_char(p.effective_date, 'YYYY-MM-DD') AS effective_date, p.source_url,
           p.created_at, p.edited_at, p.deleted_at, p.version, NULL AS handoff,
           ${AFFECTED_OPEN_CASES} AS affected_open_cases,
           EXISTS (SELECT 1 FROM alert_acks a WHERE a.alert_id = p.id AND a.user_id = $2) AS acknowledged
         FROM channel_posts p
         JOIN channel_members m ON m.channel_id = p.channel_id AND m.office_id = $1
         WHERE p.kind = 'alert' AND p.deleted_at IS NULL
           AND ($3::boolean IS NOT TRUE OR NOT EXISTS (SELECT 1 FROM alert_acks a WHERE a.alert_id = p.id AND a.user_id = $2))
           AND ($4::timestamptz IS NULL OR (p.created_at, p.id) < ($4, $5::uuid))
         ORDER BY p.created_at DESC, p.id DESC LIMIT $6`,
        [officeId, userId, filter.unacknowledged ?? null, after?.[0] ?? null, after?.[1] ?? null, limit],
      ),
    );
  }

  /** The alert's channel and author, when `officeId` belongs to its channel (no counts: a check). */
  async findVisible(officeId: string, alertId: string): Promise<{ channel_id: string; author_id: string } | null> {
    const [row] = rowsOf<{ channel_id: string; author_id: string }>(
      await this.dataSource.query(
        `SELECT p.channel_id, p.author_id FROM channel_posts p
         JOIN channel_members m ON m.channel_id = p.channel_id AND m.office_id = $1
         WHERE p.id = $2 AND p.kind = 'alert' AND p.deleted_at IS NULL`,
        [officeId, alertId],
      ),
    );
    return row ?? null;
  }

  /** Records the acknowledgement; null when this user had acknowledged already. */
  async insertAck(tx: Tx, alertId: string, userId: string, officeId: string): Promise<Date | null> {
    const rows = rowsOf<{ acked_at: Date }>(
      await tx.query(
        `INSERT INTO alert_acks (alert_id, user_id, office_id) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING acked_at`,
        [alertId, userId, officeId],
      ),
    );
    return rows[0]?.acked_at ?? null;
  }

  async findAck(tx: Tx, alertId: string, userId: string): Promise<Date | null> {
    const [row] = rowsOf<{ acked_at: Date }>(
      await tx.query(`SELECT acked_at FROM alert_acks WHERE alert_id = $1 AND user_id = $2`, [alertId, userId]),
    );
    return row?.acked_at ?? null;
  }

  /** Who acknowledged, by name (identity's fragment: still one query per page). */
  async acks(alertId: string, after: [string, string] | undefined, limit: number) {
    return rowsOf<{ user_id: string; office_id: string; display_name: string; acked_at: Date }>(
      await this.dataSource.query(
        `SELECT a.user_id, a.office_id, ${displayNameSql('a.user_id')} AS display_name, a.acked_at FROM alert_acks a
         WHERE a.alert_id = $1 AND ($2::timestamptz IS NULL OR (a.acked_at, a.user_id) > ($2, $3::uuid))
         ORDER BY a.acked_at, a.user_id LIMIT $4`,
        [alertId, after?.[0] ?? null, after?.[1] ?? null, limit],
      ),
    );
  }

  /**
   * Urgent alerts that no member of a member office acknowledged within `seconds` (the
   * poster's own office excepted), not yet raised again there; claimed in the same statement.
   */
  async claimDueReminders(tx: Tx, seconds: number): Promise<DueReminder[]> {
    return rowsOf<DueReminder>(
      await tx.query(
        `WITH due AS (
         SELECT p.id AS alert_id, p.channel_id, p.title, p.created_at, m.office_id
         FROM channel_posts p JOIN channel_members m ON m.channel_id = p.channel_id
         WHERE p.kind = 'alert' AND p.severity = 'urgent' AND p.deleted_at IS NULL
           AND p.created_at < now() - make_interval(secs => $1) AND m.office_id <> p.office_id
           AND NOT EXISTS (SELECT 1 FROM alert_acks a WHERE a.alert_id = p.id AND a.office_id = m.office_id)
           AND NOT EXISTS (SELECT 1 FROM alert_reminders r WHERE r.alert_id = p.id AND r.office_id = m.office_id)
         LIMIT 5000),
       claimed AS (
         INSERT INTO alert_reminders (alert_id, office_id) SELECT alert_id, office_id FROM due
         ON CONFLICT DO NOTHING RETURNING alert_id, office_id)
       SELECT due.* FROM due JOIN claimed USING (alert_id, office_id)`,
        [seconds],
      ),
    );
  }
}
