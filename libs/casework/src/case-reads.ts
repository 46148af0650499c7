import { Injectable } from '@nestjs/common';
import { type Actor, AppError, TransactionRunner } from '@relay/platform';
import { AuditService } from '@relay/audit';

/** The caller's office, or 403 for admins: the work on files belongs to offices. */
export function requireOffice(actor: Actor): string {
  if (!actor.officeId) throw AppError.forbidden('Case files belong to offices; admins cannot read or create them');
  return actor.officeId;
}

/**
 * Reads of free text an assistant wrote about files (follow-up notes, interaction summaries)
 * across an office's files: one `case.viewed` row per file shown, so each file's history says
 * who read its work.
 */
@Injectable()
export class CaseReads {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
  ) {}

  async record(actor: Actor, caseIds: string[], view: string): Promise<void> {
    const distinct = [...new Set(caseIds)];
    if (distinct.length === 0) return;
    await this.transactions.run(async (tx) => {
      for (const caseId of distinct) {
        this.audit.record(tx, {
          action: 'case.viewed',
          actor,
          caseId,
          targetType: 'case',
          targetId: caseId,
          data: { view },
        });
      }
    });
  }
}
