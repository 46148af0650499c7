import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { rowsOf, type Tx } from '@relay/platform';
import { CaseConsentEntity, CaseEntity, CaseNoteEntity } from './case.entities.js';
import type { CaseQuery } from './case.dto.js';

const LIST_COLUMNS = [
  'id',
  'reference',
  'handlingOfficeId',
  'homeOfficeId',
  'assigneeId',
  'createdBy',
  'category',
  'immigrationType',
  'summary',
  'urgency',
  'complexity',
  'deadline',
  'languages',
  'status',
  'version',
  'createdAt',
  'updatedAt',
] as const;

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

  list(officeId: string, query: CaseQuery, after: [string, string] | undefined, limit: number): Promise<CaseEntity[]> {
    // Lists never show the constituent: do not even read it.
    const q = this.reader.createQueryBuilder(CaseEntity, 'c').select(LIST_COLUMNS.map((column) => `c.${column}`));
    if (query.scope === 'home') {
      q.where('c.home_office_id = :officeId AND c.handling_office_id <> :officeId', { officeId });
    } else {
      q.where('c.handling_office_id = :officeId', { officeId });
    }
    if (query.status) q.andWhere('c.status = :status', { status: query.status });
    if (query.category) q.andWhere('c.category = :category', { category: query.category });
    if (query.immigrationType) q.andWhere('c.immigration_type = :type', { type: query.immigrationType });
    if (query.urgency) q.andWhere('c.urgency = :urgency', { urgency: query.urgency });
    if (query.assigneeId) q.andWhere('c.assignee_id = :assigneeId', { assigneeId: query.assigneeId });
    if (query.q && query.scope !== 'home') {
      // Summary and notes of this office's own files only; the expressions match the GIN indexes.
      q.andWhere(
        `(to_tsvector('simple', c.summary) @@ websearch_to_tsquery('simple', :q)
          OR EXISTS (SELECT 1 FROM case_notes n WHERE n.case_id = c.id
                     AND to_tsvector('simple', n.body) @@ websearch_to_tsquery('simple', :q)))`,
        { q: query.q },
      );
    }
    if (after) {
      q.andWhere('(c.created_at, c.id) < (:afterAt::timestamptz, :afterId::uuid)', {
        afterAt: after[0],
        afterId: after[1],
      });
    }
    return q.orderBy('c.created_at', 'DESC').addOrderBy('c.id', 'DESC').limit(limit).getMany();
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

  listNotes(caseId: string, after: [string, string] | undefined, limit: number): Promise<CaseNoteEntity[]> {
    const q = this.reader.createQueryBuilder(CaseNoteEntity, 'n').where('n.case_id = :caseId', { caseId });
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

  /** The file goes to another office; its assignee belonged to the old one. */
  async moveTo(tx: Tx, caseId: string, officeId: string): Promise<void> {
    await tx.query(
      `UPDATE cases SET handling_office_id = $2, assignee_id = NULL, version = version + 1, updated_at = now()
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

  async hasLiveConsent(tx: Tx, caseId: string, maxAgeDays: number): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `SELECT 1 FROM case_consents
       WHERE case_id = $1 AND scope = 'share_with_offices' AND revoked_at IS NULL
         AND (expires_at IS NULL OR expires_at > now())
         AND granted_at > now() - make_interval(days => $2)`,
      [caseId, maxAgeDays],
    );
    return rows.length > 0;
  }

  consents(tx: Tx, caseId: string): Promise<CaseConsentEntity[]> {
    return tx.find(CaseConsentEntity, { where: { caseId }, order: { createdAt: 'ASC' } });
  }

  findConsent(tx: Tx, caseId: string, consentId: string): Promise<CaseConsentEntity | null> {
    return tx.findOne(CaseConsentEntity, { where: { id: consentId, caseId } });
  }

  saveConsent(tx: Tx, consent: Partial<CaseConsentEntity>): Promise<CaseConsentEntity> {
    return tx.save(CaseConsentEntity, tx.create(CaseConsentEntity, consent));
  }
}
