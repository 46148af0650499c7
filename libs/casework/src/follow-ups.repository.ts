import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { rowsOf, type Tx } from '@relay/platform';
import type { FollowUpRow } from './casework.views.js';
import { openFileSql } from '@relay/cases';

const COLUMNS = `f.id, f.case_id AS "caseId", f.due_at AS "dueAt", f.note, f.assignee_id AS "assigneeId",
  f.done_at AS "doneAt", f.done_by AS "doneBy", f.created_by AS "createdBy", f.created_at AS "createdAt"`;

/** Follow-ups hang off their case: every office-scoped read joins the case's handling office. */
@Injectable()
export class FollowUpsRepository {
  constructor(private readonly dataSource: DataSource) {}

  get reader(): Tx {
    return this.dataSource.manager;
  }

  async insert(
    tx: Tx,
    row: { caseId: string; dueAt: Date; note: string; assigneeId: string; createdBy: string },
  ): Promise<FollowUpRow> {
    const [inserted] = rowsOf<FollowUpRow>(
      await tx.query(
        `INSERT INTO follow_ups AS f (case_id, due_at, note, assignee_id, created_by) VALUES ($1, $2, $3, $4, $5)
         RETURNING ${COLUMNS}`,
        [row.caseId, row.dueAt, row.note, row.assigneeId, row.createdBy],
      ),
    );
    return inserted;
  }

  /** The earliest open follow-up of the file, for the queue. */
  async earliestOpen(tx: Tx, caseId: string): Promise<Date | null> {
    const [row] = rowsOf<{ at: Date | null }>(
      await tx.query(`SELECT min(due_at) AS at FROM follow_ups WHERE case_id = $1 AND done_at IS NULL`, [caseId]),
    );
    return row.at;
  }

  async listOfCase(caseId: string, after: [string, string] | undefined, limit: number): Promise<FollowUpRow[]> {
    const params: unknown[] = [caseId, limit];
    const cursor = after ? `AND (f.due_at, f.id) > ($3::timestamptz, $4::uuid)` : '';
    if (after) params.push(...after);
    return rowsOf(
      await this.reader.query(
        `SELECT ${COLUMNS} FROM follow_ups f WHERE f.case_id = $1 ${cursor} ORDER BY f.due_at, f.id LIMIT $2`,
        params,
      ),
    );
  }

  /** The office's open follow-ups, soonest first, each with its file's reference. */
  async listOfOffice(
    officeId: string,
    filter: { from?: Date; before?: Date; assigneeId?: string },
    after: [string, string] | undefined,
    limit: number,
  ): Promise<FollowUpRow[]> {
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    const where = [`c.handling_office_id = ${param(officeId)}`, `f.done_at IS NULL`];
    if (filter.from) where.push(`f.due_at >= ${param(filter.from)}`);
    if (filter.before) where.push(`f.due_at < ${param(filter.before)}`);
    if (filter.assigneeId) where.push(`f.assignee_id = ${param(filter.assigneeId)}`);
    if (after) where.push(`(f.due_at, f.id) > (${param(after[0])}::timestamptz, ${param(after[1])}::uuid)`);
    return rowsOf(
      await this.reader.query(
        `SELECT ${COLUMNS}, c.reference AS "caseReference"
         FROM follow_ups f JOIN cases c ON c.id = f.case_id
         WHERE ${where.join(' AND ')} ORDER BY f.due_at, f.id LIMIT ${param(limit)}`,
        params,
      ),
    );
  }

  /** The follow-up, if its file is handled by the office; locked for a change. */
  /** The follow-up, if its file is handled by the office. */
  async findForOffice(tx: Tx, officeId: string, id: string): Promise<FollowUpRow | null> {
    const [row] = rowsOf<FollowUpRow>(
      await tx.query(
        `SELECT ${COLUMNS} FROM follow_ups f JOIN cases c ON c.id = f.case_id
         WHERE f.id = $1 AND c.handling_office_id = $2`,
        [id, officeId],
      ),
    );
    return row ?? null;
  }

  /** Marks it done; null when it already was (the caller holds the case's lock). */
  async markDone(tx: Tx, id: string, userId: string): Promise<FollowUpRow | null> {
    const [row] = rowsOf<FollowUpRow>(
      await tx.query(
        `UPDATE follow_ups f SET done_at = date_trunc('milliseconds', clock_timestamp()), done_by = $2
         WHERE id = $1 AND done_at IS NULL RETURNING ${COLUMNS}`,
        [id, userId],
      ),
    );
    return row ?? null;
  }

  /** On a handoff or trade: the assignees belonged to the old office. Returns how many were cleared. */
  async clearAssignees(tx: Tx, caseId: string): Promise<number> {
    return rowsOf(
      await tx.query(
        `UPDATE follow_ups SET assignee_id = NULL WHERE case_id = $1 AND assignee_id IS NOT NULL RETURNING id`,
        [caseId],
      ),
    ).length;
  }

  /**
   * Claims every open follow-up that has fallen due and was not announced yet, on files still
   * open: the claim is the mark, so however many nodes run this, each is announced once.
   */
  async claimDue(
    tx: Tx,
  ): Promise<
    { id: string; caseId: string; dueAt: Date; assigneeId: string | null; reference: string; officeId: string }[]
  > {
    return rowsOf(
      await tx.query(
        `WITH due AS (
           UPDATE follow_ups f SET due_notified_at = now()
           FROM cases c
           WHERE c.id = f.case_id AND f.done_at IS NULL AND f.due_notified_at IS NULL AND f.due_at <= now()
             AND ${openFileSql('c')}
           RETURNING f.id, f.case_id, f.due_at, f.assignee_id, c.reference, c.handling_office_id)
         SELECT id, case_id AS "caseId", due_at AS "dueAt", assignee_id AS "assigneeId", reference,
           handling_office_id AS "officeId" FROM due ORDER BY due_at, id`,
      ),
    );
  }
}
