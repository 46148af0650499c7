import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { rowsOf, type Tx } from '@relay/platform';
import { CaseConsentEntity, CaseEntity, CaseNoteEntity } from './case.entities.js';
import type { CaseQuery, QueueQuery } from './case.dto.js';
import { openFileSql } from './case.enums.js';

// A list row: every column but the constituent, named as CaseEntity names them.
const LIST_COLUMNS = `c.id, c.reference, c.handling_office_id AS "handlingOfficeId", c.home_office_id AS "homeOfficeId",
  c.assignee_id AS "assigneeId", c.created_by AS "createdBy", c.category, c.immigration_type AS "immigrationType",
  c.summary, c.urgency, c.complexity, c.deadline, c.languages, c.status, c.version,
  c.created_at AS "createdAt", c.updated_at AS "updatedAt",
  c.outcome, c.closed_at AS "closedAt", c.review_since AS "reviewSince"`;

/** Files moved between an office and one other, in one direction, of one category and complexity. */
export interface TransferLedgerRow {
  other_office_id: string;
  direction: 'given' | 'taken';
  category: string;
  complexity: string;
  files: number;
}

/** A queue cursor: the due key ('infinity' when nothing is due), urgency rank, creation time, id. */
export type QueueCursor = [string, number, string, string];

/**
 * Every read names the office asking: a query cannot forget the tenant. A case is
 * visible to its handling office, and to its home office (status only).
 */
@Injectable()
export class CasesRepository {
  constructor(private readonly dataSource: DataSource) {}

  get reader(): Tx {
    return this.dataSource.manager;
  }

  findVisible(tx: Tx, officeId: string, caseId: string, lock = false): Promise<CaseEntity | null> {
    const query = tx
      .createQueryBuilder(CaseEntity, 'c')
      .where('c.id = :caseId', { caseId })
      .andWhere('(c.handling_office_id = :officeId OR c.home_office_id = :officeId)', { officeId });
    if (lock) query.setLock('pessimistic_write');
    return query.getOne();
  }

  /**
   * One page of an office's files, newest first, as SQL to run with its audit row (see
   * CasesService.list). Plain SQL rather than the query builder: this is the busiest read of
   * the API, and building and hydrating entities was a tenth of its cost. Lists never show
   * the constituent: it is not even read.
   */
  listRead(officeId: string, query: CaseQuery, after: [string, string] | undefined, limit: number) {
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    const office = param(officeId);
    const where = [
      query.scope === 'home'
        ? `c.home_office_id = ${office} AND c.handling_office_id <> ${office}`
        : `c.handling_office_id = ${office}`,
    ];
    if (query.status) where.push(`c.status = ${param(query.status)}`);
    if (query.category) where.push(`c.category = ${param(query.category)}`);
    if (query.immigrationType) where.push(`c.immigration_type = ${param(query.immigrationType)}`);
    if (query.urgency) where.push(`c.urgency = ${param(query.urgency)}`);
    if (query.assigneeId) where.push(`c.assignee_id = ${param(query.assigneeId)}`);
    if (query.q && query.scope !== 'home') {
      // Summary and notes of this office's own files only; the expressions match the GIN indexes.
      const words = `websearch_to_tsquery('simple', ${param(query.q)})`;
      where.push(`(to_tsvector('simple', c.summary) @@ ${words}
        OR EXISTS (SELECT 1 FROM case_notes n WHERE n.case_id = c.id AND to_tsvector('simple', n.body) @@ ${words}))`);
    }
    if (after) where.push(`(c.created_at, c.id) < (${param(after[0])}::timestamptz, ${param(after[1])}::uuid)`);
    return {
      sql: `SELECT ${LIST_COLUMNS} FROM cases c WHERE ${where.join(' AND ')}
       ORDER BY c.created_at DESC, c.id DESC LIMIT ${param(limit)}`,
      params,
      orderBy: '"createdAt" DESC, id DESC',
    };
  }

  /**
   * One page of the triage queue, as SQL to run with its audit row (see CasesService.queue):
   * the office's files that are not resolved or closed, by due time (nothing due last),
   * urgency, age. One range scan of cases_queue_idx, whose key the ORDER BY and the cursor
   * repeat column for column.
   */
  queueRead(officeId: string, query: QueueQuery, after: QueueCursor | undefined, limit: number) {
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    const where = [`c.handling_office_id = ${param(officeId)}`, openFileSql('c')];
    if (query.urgency) where.push(`c.urgency = ${param(query.urgency)}`);
    if (query.assigneeId) where.push(`c.assignee_id = ${param(query.assigneeId)}`);
    if (after) {
      where.push(`(c.due_key, c.urgency_rank, c.created_at, c.id) >
        (${param(after[0])}::timestamptz, ${param(after[1])}::smallint, ${param(after[2])}::timestamptz, ${param(after[3])}::uuid)`);
    }
    return {
      sql: `SELECT ${LIST_COLUMNS}, c.intake_due_at AS "intakeDueAt", c.follow_up_due_at AS "followUpDueAt",
         c.ircc_reply_due_at AS "irccReplyDueAt", c.due_key AS "dueKey", c.urgency_rank AS "urgencyRank"
       FROM cases c WHERE ${where.join(' AND ')}
       ORDER BY c.due_key, c.urgency_rank, c.created_at, c.id LIMIT ${param(limit)}`,
      params,
      orderBy: '"dueKey", "urgencyRank", "createdAt", id',
    };
  }

  // The due times kept on the case row, which the queue orders by: derived data, so the
  // version does not change.

  async setIntakeDue(tx: Tx, caseId: string, at: Date | null): Promise<void> {
    await tx.query(`UPDATE cases SET intake_due_at = $2 WHERE id = $1`, [caseId, at]);
  }

  /** Ending the intake window is a no-op on most files: no row write when it has ended. */
  async endIntake(tx: Tx, caseId: string): Promise<void> {
    await tx.query(`UPDATE cases SET intake_due_at = NULL WHERE id = $1 AND intake_due_at IS NOT NULL`, [caseId]);
  }

  async setFollowUpDue(tx: Tx, caseId: string, at: Date | null): Promise<void> {
    await tx.query(`UPDATE cases SET follow_up_due_at = $2 WHERE id = $1`, [caseId, at]);
  }

  async setIrccReplyDue(tx: Tx, caseId: string, at: Date | null): Promise<void> {
    await tx.query(`UPDATE cases SET ircc_reply_due_at = $2 WHERE id = $1`, [caseId, at]);
  }

  /** Human references count per office: "<riding code>-<yy>-<n>". */
  async nextReference(tx: Tx, officeId: string): Promise<string> {
    const [{ code, case_counter: n }] = rowsOf<{ code: string; case_counter: number }>(
      await tx.query(`UPDATE offices SET case_counter = case_counter + 1 WHERE id = $1 RETURNING code, case_counter`, [
        officeId,
      ]),
    );
    const year = String(new Date().getUTCFullYear()).slice(2);
    return `${code}-${year}-${String(n).padStart(5, '0')}`;
  }

  insert(tx: Tx, kase: Partial<CaseEntity>): Promise<CaseEntity> {
    return tx.save(CaseEntity, tx.create(CaseEntity, kase));
  }

  save(tx: Tx, kase: CaseEntity): Promise<CaseEntity> {
    return tx.save(CaseEntity, kase);
  }

  insertNote(tx: Tx, note: Partial<CaseNoteEntity>): Promise<CaseNoteEntity> {
    return tx.save(CaseNoteEntity, tx.create(CaseNoteEntity, note));
  }

  listNotes(tx: Tx, caseId: string, after: [string, string] | undefined, limit: number): Promise<CaseNoteEntity[]> {
    const q = tx.createQueryBuilder(CaseNoteEntity, 'n').where('n.case_id = :caseId', { caseId });
    if (after) {
      q.andWhere('(n.created_at, n.id) > (:afterAt::timestamptz, :afterId::uuid)', {
        afterAt: after[0],
        afterId: after[1],
      });
    }
    return q.orderBy('n.created_at', 'ASC').addOrderBy('n.id', 'ASC').limit(limit).getMany();
  }

  lockMany(tx: Tx, caseIds: string[]): Promise<CaseEntity[]> {
    return tx
      .createQueryBuilder(CaseEntity, 'c')
      .where('c.id = ANY(:caseIds)', { caseIds })
      .orderBy('c.id')
      .setLock('pessimistic_write')
      .getMany();
  }

  /** The office's open files it has put on the table for trades, most urgent deadline first. */
  onTheTable(tx: Tx, officeId: string, limit: number): Promise<CaseEntity[]> {
    return tx
      .createQueryBuilder(CaseEntity, 'c')
      .where('c.handlingOfficeId = :officeId AND c.availableForTrade AND c.status <> :closed', {
        officeId,
        closed: 'closed',
      })
      .orderBy('c.deadline', 'ASC', 'NULLS LAST')
      .addOrderBy('c.id')
      .limit(limit)
      .getMany();
  }

  /** The file goes to another office; its assignee belonged to the old one. */
  async moveTo(tx: Tx, caseId: string, officeId: string): Promise<void> {
    await tx.query(
      `UPDATE cases SET handling_office_id = $2, assignee_id = NULL, available_for_trade = false,
         version = version + 1, updated_at = now()
       WHERE id = $1`,
      [caseId, officeId],
    );
  }

  async recordTransfer(
    tx: Tx,
    kase: CaseEntity,
    fromOfficeId: string,
    toOfficeId: string,
    via: { kind: 'handoff' | 'trade'; id: string },
  ): Promise<void> {
    await tx.query(
      `INSERT INTO case_transfers (case_id, from_office_id, to_office_id, via, via_id, category, complexity)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [kase.id, fromOfficeId, toOfficeId, via.kind, via.id, kase.category, kase.complexity],
    );
  }

  /** Files given to and taken from each other office, by category and complexity (the handoffs ledger). */
  async transferLedger(officeId: string): Promise<TransferLedgerRow[]> {
    return rowsOf<TransferLedgerRow>(
      await this.reader.query(
        `SELECT CASE WHEN from_office_id = $1 THEN to_office_id ELSE from_office_id END AS other_office_id,
                CASE WHEN from_office_id = $1 THEN 'given' ELSE 'taken' END AS direction,
                category, complexity, count(*)::int AS files
         FROM case_transfers WHERE $1 IN (from_office_id, to_office_id)
         GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
        [officeId],
      ),
    );
  }

  /** Which of the files have a live `share_with_offices` consent, in one query. */
  async withLiveConsent(tx: Tx, caseIds: string[], maxAgeDays: number): Promise<Set<string>> {
    const rows = rowsOf<{ case_id: string }>(
      await tx.query(
        `SELECT DISTINCT case_id FROM case_consents
         WHERE case_id = ANY($1::uuid[]) AND scope = 'share_with_offices' AND revoked_at IS NULL
           AND evidence_removed_at IS NULL
           AND (expires_at IS NULL OR expires_at > now())
           AND granted_at > now() - make_interval(days => $2)`,
        [caseIds, maxAgeDays],
      ),
    );
    return new Set(rows.map((row) => row.case_id));
  }

  /** A live consent recorded after `since` (a seat transition). */
  async hasConsentSince(tx: Tx, caseId: string, since: Date): Promise<boolean> {
    const rows = rowsOf(
      await tx.query(
        `SELECT 1 FROM case_consents WHERE case_id = $1 AND created_at > $2 AND revoked_at IS NULL
           AND (expires_at IS NULL OR expires_at > now()) LIMIT 1`,
        [caseId, since],
      ),
    );
    return rows.length > 0;
  }

  /** Every open file the office handles goes under review; returns them. */
  async markForReview(
    tx: Tx,
    officeId: string,
    since: Date,
  ): Promise<{ id: string; reference: string; status: string }[]> {
    return rowsOf(
      await tx.query(
        `UPDATE cases SET review_since = $2, version = version + 1, updated_at = now()
         WHERE handling_office_id = $1 AND ${openFileSql('cases')} AND review_since IS NULL
         RETURNING id, reference, status`,
        [officeId, since],
      ),
    );
  }

  consents(tx: Tx, caseId: string): Promise<CaseConsentEntity[]> {
    return tx.find(CaseConsentEntity, { where: { caseId }, order: { createdAt: 'ASC' } });
  }

  findConsent(tx: Tx, caseId: string, consentId: string): Promise<CaseConsentEntity | null> {
    return tx.findOne(CaseConsentEntity, { where: { id: consentId, caseId } });
  }

  /** The consents resting on a deleted consent form lose their evidence; returns their ids. */
  async removeConsentEvidence(tx: Tx, caseId: string, documentId: string): Promise<string[]> {
    const rows = rowsOf<{ id: string }>(
      await tx.query(
        `UPDATE case_consents SET evidence_removed_at = now()
         WHERE case_id = $1 AND document_id = $2 AND evidence_removed_at IS NULL RETURNING id`,
        [caseId, documentId],
      ),
    );
    return rows.map((row) => row.id);
  }

  saveConsent(tx: Tx, consent: Partial<CaseConsentEntity>): Promise<CaseConsentEntity> {
    return tx.save(CaseConsentEntity, tx.create(CaseConsentEntity, consent));
  }
}
