import { Injectable } from '@nestjs/common';
import { AppConfig, AppError, addWindow, type OfficeActor, type Tx } from '@relay/platform';
import { CasesRepository } from './cases.repository.js';
import type { CaseEntity } from './case.entities.js';
import type { Urgency } from './case.enums.js';

/**
 * What the work done on a file (follow-ups, the contact log, checklists) needs of the cases
 * context: the file as its handling office may work on it, and the due times the triage
 * queue orders by, which are kept on the case row.
 */
@Injectable()
export class CaseWork {
  constructor(
    private readonly cases: CasesRepository,
    private readonly config: AppConfig,
  ) {}

  /** The caller's office's own file; 404 for anyone else's, 403 for its home office (status view only). */
  async handled(tx: Tx, actor: OfficeActor, caseId: string, lock = false): Promise<CaseEntity> {
    const kase = await this.cases.findVisible(tx, actor.officeId, caseId, lock);
    if (!kase) throw AppError.notFound('Case');
    if (kase.handlingOfficeId !== actor.officeId) {
      throw AppError.forbidden('Only the handling office may open or change this file');
    }
    return kase;
  }

  /** When a new file's intake window ends: 4 h, 2 or 10 business days by default. */
  intakeEnd(urgency: Urgency, createdAt: Date): Date {
    const [emergency, priority, routine] = this.config.INTAKE_WINDOW_HOURS.split(',').map(Number);
    const hours = urgency === 'emergency' ? emergency : urgency === 'priority' ? priority : routine;
    return addWindow(createdAt, hours);
  }

  /** Any interaction, note or status change ends the intake window. */
  endIntake(tx: Tx, caseId: string): Promise<void> {
    return this.cases.endIntake(tx, caseId);
  }

  setFollowUpDue(tx: Tx, caseId: string, at: Date | null): Promise<void> {
    return this.cases.setFollowUpDue(tx, caseId, at);
  }

  setIrccReplyDue(tx: Tx, caseId: string, at: Date | null): Promise<void> {
    return this.cases.setIrccReplyDue(tx, caseId, at);
  }
}
