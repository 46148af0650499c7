import { Injectable } from '@nestjs/common';
import { type Actor, AppError, decodeCursor, type Page, toPage, TransactionRunner, type Tx } from '@relay/platform';
import { type AuditedRead, type AuditFilter, AuditRepository } from './audit.repository.js';
import type { AuditEntry, AuditEventView, AuditVerification } from './audit.types.js';
import type { AuditQuery } from './audit.dto.js';

const EXPORT_BATCH = 1000;

@Injectable()
export class AuditService {
  private running?: Promise<Pick<AuditVerification, 'ok' | 'checked' | 'firstBadSeq'>>;

  constructor(
    private readonly audit: AuditRepository,
    private readonly transactions: TransactionRunner,
  ) {}

  /**
   * Appends in the caller's transaction: the event commits or rolls back with the change.
   * Entries are written together just before the commit, and the chain head (one lock for
   * the whole trail) is taken only by the commit itself.
   */
  record(tx: Tx, entry: AuditEntry): void {
    this.transactions.buffer<AuditEntry>(tx, 'audit-trail', (list) => this.audit.append(tx, list)).push(entry);
  }

  /**
   * Someone read one file, or part of it (`view`: 'full', 'notes', 'documents', a list of
   * its follow-ups...): every context that shows a file's content records it here, alike.
   */
  recordCaseView(tx: Tx, actor: Actor, caseId: string, view: string): void {
    this.record(tx, { action: 'case.viewed', actor, caseId, targetType: 'case', targetId: caseId, data: { view } });
  }

  /**
   * A read that needs no transaction of its own, with its audit entry, in one statement: the
   * entry commits with the read or neither happens. `counted` adds the rows read to its data.
   */
  read<R>(read: AuditedRead, entry: AuditEntry, counted: { field: string; max: number }): Promise<R[]> {
    return this.audit.appendWithRead<R>(read, entry, counted);
  }

  async list(actor: Actor, query: AuditQuery): Promise<Page<AuditEventView>> {
    const filter = this.scopedFilter(actor, query);
    const after = decodeCursor(query.after, ['seq']);
    const rows = await this.audit.list({ ...filter, afterSeq: after?.[0] }, query.limit + 1);
    return toPage(
      rows,
      query.limit,
      (row) => [row.seq],
      (row) => row,
    );
  }

  /** A case's own trail, oldest first. The caller has already checked the case is visible. */
  async caseHistory(caseId: string, query: { after?: string; limit: number }): Promise<Page<AuditEventView>> {
    const after = decodeCursor(query.after, ['seq']);
    const rows = await this.audit.list({ caseId, afterSeq: after?.[0] }, query.limit + 1);
    return toPage(
      rows,
      query.limit,
      (row) => [row.seq],
      (row) => row,
    );
  }

  /**
   * Streams the caller's whole view of the trail in batches, never holding it in memory,
   * starting after the `after` cursor when given. `limit` is a page size: an export has no pages.
   */
  async *export(actor: Actor, query: AuditQuery): AsyncGenerator<AuditEventView> {
    const filter = this.scopedFilter(actor, query);
    let afterSeq = decodeCursor(query.after, ['seq'])?.[0];
    for (;;) {
      const rows = await this.audit.list({ ...filter, afterSeq }, EXPORT_BATCH);
      yield* rows;
      if (rows.length < EXPORT_BATCH) return;
      afterSeq = rows[rows.length - 1].seq;
    }
  }

  /**
   * Admins only. One at a time: a caller arriving while this node verifies shares that
   * run's answer; while another node verifies, 409 audit_verify_running.
   */
  verify(actor: Actor): Promise<Pick<AuditVerification, 'ok' | 'checked' | 'firstBadSeq'>> {
    if (actor.role !== 'admin') throw AppError.forbidden('Only admins verify the audit trail');
    this.running ??= this.transactions
      .run(async (tx) => {
        if (!(await this.audit.lockVerification(tx))) {
          throw new AppError('audit_verify_running', 'Another node is verifying the audit trail; try again shortly');
        }
        const { ok, checked, firstBadSeq } = await this.audit.verify(undefined, tx);
        return { ok, checked, firstBadSeq };
      })
      .finally(() => (this.running = undefined));
    return this.running;
  }

  /** Admins see the whole trail, office leads their office's, assistants none. */
  private scopedFilter(actor: Actor, query: AuditQuery): AuditFilter {
    this.requireAuditor(actor);
    return {
      officeId: actor.role === 'admin' ? undefined : (actor.officeId ?? undefined),
      caseId: query.caseId,
      actorId: query.actorId,
      action: query.action,
      from: query.from,
      to: query.to,
    };
  }

  private requireAuditor(actor: Actor): void {
    if (actor.role !== 'admin' && actor.role !== 'office_lead') {
      throw AppError.forbidden('Only office leads and admins read the audit trail');
    }
  }
}
