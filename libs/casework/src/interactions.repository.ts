import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { rowsOf, type Tx } from '@relay/platform';
import type { InteractionRow } from './casework.views.js';

const COLUMNS = `i.id, i.case_id AS "caseId", i.office_id AS "officeId", i.kind, i.direction,
  i.occurred_at AS "occurredAt", i.duration_minutes AS "durationMinutes", i.summary,
  i.ircc_reference AS "irccReference", i.reply_due_at AS "replyDueAt", i.answered_at AS "answeredAt",
  i.answered_by AS "answeredBy", i.created_by AS "createdBy", i.created_at AS "createdAt"`;

export type NewInteraction = Pick<
  InteractionRow,
  'caseId' | 'officeId' | 'kind' | 'direction' | 'occurredAt' | 'durationMinutes' | 'summary' | 'irccReference'
> & { replyDueAt: Date | null; createdBy: string };

/** The contact log. Office-scoped reads join the case's handling office, so the log moves with the file. */
@Injectable()
export class InteractionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  get reader(): Tx {
    return this.dataSource.manager;
  }

  async insert(tx: Tx, row: NewInteraction): Promise<InteractionRow> {
    const [inserted] = rowsOf<InteractionRow>(
      await tx.query(
        `INSERT INTO interactions AS i (case_id, office_id, kind, direction, occurred_at, duration_minutes, summary,
           ircc_reference, reply_due_at, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${COLUMNS}`,
        [
          row.caseId,
          row.officeId,
          row.kind,
          row.direction,
          row.occurredAt,
          row.durationMinutes,
          row.summary,
          row.irccReference,
          row.replyDueAt,
          row.createdBy,
        ],
      ),
    );
    return inserted;
  }

  /**
   * A reply closes the file's open enquiries with its IRCC reference, and those that had none.
   * Returns how many it closed.
   */
  async answer(tx: Tx, reply: InteractionRow): Promise<number> {
    return rowsOf(
      await tx.query(
        `UPDATE interactions SET answered_at = $3, answered_by = $2
         WHERE case_id = $1 AND kind = 'ircc_enquiry' AND answered_at IS NULL
           AND (ircc_reference IS NULL OR ircc_reference = $4)
         RETURNING id`,
        [reply.caseId, reply.id, reply.occurredAt, reply.irccReference],
      ),
    ).length;
  }

  /** The reply due on the file's latest unanswered enquiry, for the queue. */
  async latestOpenReplyDue(tx: Tx, caseId: string): Promise<Date | null> {
    const [row] = rowsOf<{ at: Date }>(
      await tx.query(
        `SELECT reply_due_at AS at FROM interactions
         WHERE case_id = $1 AND kind = 'ircc_enquiry' AND answered_at IS NULL
         ORDER BY occurred_at DESC, created_at DESC LIMIT 1`,
        [caseId],
      ),
    );
    return row?.at ?? null;
  }

  async listOfCase(caseId: string, after: [string, string] | undefined, limit: number): Promise<InteractionRow[]> {
    const params: unknown[] = [caseId, limit];
    const cursor = after ? `AND (i.occurred_at, i.id) < ($3::timestamptz, $4::uuid)` : '';
    if (after) params.push(...after);
    return rowsOf(
      await this.reader.query(
        `SELECT ${COLUMNS} FROM interactions i WHERE i.case_id = $1 ${cursor}
         ORDER BY i.occurred_at DESC, i.id DESC LIMIT $2`,
        params,
      ),
    );
  }

  async listOfOffice(
    officeId: string,
    filter: { kind?: string; from?: Date; to?: Date },
    after: [string, string] | undefined,
    limit: number,
  ): Promise<InteractionRow[]> {
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    const where = [`c.handling_office_id = ${param(officeId)}`];
    if (filter.kind) where.push(`i.kind = ${param(filter.kind)}`);
    if (filter.from) where.push(`i.occurred_at >= ${param(filter.from)}`);
    if (filter.to) where.push(`i.occurred_at <= ${param(filter.to)}`);
    if (after) where.push(`(i.occurred_at, i.id) < (${param(after[0])}::timestamptz, ${param(after[1])}::uuid)`);
    return rowsOf(
      await this.reader.query(
        `SELECT ${COLUMNS}, c.reference AS "caseReference" FROM interactions i JOIN cases c ON c.id = i.case_id
         WHERE ${where.join(' AND ')} ORDER BY i.occurred_at DESC, i.id DESC LIMIT ${param(limit)}`,
        params,
      ),
    );
  }

  async openEnquiries(
    officeId: string,
    limit: number,
  ): Promise<{ interactionId: string; caseId: string; caseReference: string; sentAt: Date; replyDueAt: Date }[]> {
    return rowsOf(
      await this.reader.query(
        `SELECT i.id AS "interactionId", i.case_id AS "caseId", c.reference AS "caseReference",
           i.occurred_at AS "sentAt", i.reply_due_at AS "replyDueAt"
         FROM interactions i JOIN cases c ON c.id = i.case_id
         WHERE c.handling_office_id = $1 AND i.kind = 'ircc_enquiry' AND i.answered_at IS NULL
         ORDER BY i.reply_due_at, i.id LIMIT $2`,
        [officeId, limit],
      ),
    );
  }

  /** MCMPS appointment minutes the office logged from `from` (inclusive) to `to` (exclusive). */
  async mcmpsMinutes(officeId: string, from: Date, to: Date): Promise<number> {
    const [row] = rowsOf<{ minutes: number }>(
      await this.reader.query(
        `SELECT coalesce(sum(duration_minutes), 0)::int AS minutes FROM interactions
         WHERE office_id = $1 AND kind = 'mcmps_appointment' AND occurred_at >= $2 AND occurred_at < $3`,
        [officeId, from, to],
      ),
    );
    return row.minutes;
  }

  /** Claims each unanswered enquiry past its due time not yet announced: once, however many nodes run it. */
  async claimOverdue(
    tx: Tx,
  ): Promise<{ id: string; caseId: string; reference: string; officeId: string; sentAt: Date; replyDueAt: Date }[]> {
    return rowsOf(
      await tx.query(
        `WITH overdue AS (
           UPDATE interactions i SET overdue_notified_at = now()
           FROM cases c
           WHERE c.id = i.case_id AND i.kind = 'ircc_enquiry' AND i.answered_at IS NULL
             AND i.overdue_notified_at IS NULL AND i.reply_due_at <= now()
           RETURNING i.id, i.case_id, c.reference, c.handling_office_id, i.occurred_at, i.reply_due_at)
         SELECT id, case_id AS "caseId", reference, handling_office_id AS "officeId", occurred_at AS "sentAt",
           reply_due_at AS "replyDueAt" FROM overdue ORDER BY reply_due_at, id`,
      ),
    );
  }
}
