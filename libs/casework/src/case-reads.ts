import { Injectable } from '@nestjs/common';
import { type OfficeActor, TransactionRunner, type Tx } from '@relay/platform';
import { AuditService } from '@relay/audit';
import { CaseWork } from '@relay/cases';

/**
 * Reads of free text an assistant wrote about files (follow-up notes, interaction summaries):
 * one `case.viewed` row per file shown, with the view's name, so each file's history says who
 * read its work.
 */
@Injectable()
export class CaseReads {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly work: CaseWork,
  ) {}

  /** A list across an office's files: each file shown is recorded once. */
  async record(actor: OfficeActor, caseIds: string[], view: string): Promise<void> {
    const distinct = [...new Set(caseIds)];
    if (distinct.length === 0) return;
    await this.transactions.run(async (tx) => {
      for (const caseId of distinct) this.audit.recordCaseView(tx, actor, caseId, view);
    });
  }

  /** A list of one file's work: the file must be the caller's office's own (404, or 403 for its home office). */
  async ofHandledFile(actor: OfficeActor, caseId: string, view: string): Promise<void> {
    await this.transactions.run((tx) => this.inHandledFile(tx, actor, caseId, view));
  }

  /** The same, in the caller's transaction (which reads the view there). */
  async inHandledFile(tx: Tx, actor: OfficeActor, caseId: string, view: string): Promise<void> {
    await this.work.handled(tx, actor, caseId);
    this.audit.recordCaseView(tx, actor, caseId, view);
  }
}
