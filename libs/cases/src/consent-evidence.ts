import { Injectable } from '@nestjs/common';
import type { Tx } from '@relay/platform';

/** Whether a document is a live consent form of the file; answered by the documents context. */
export type ConsentFormCheck = (tx: Tx, caseId: string, documentId: string) => Promise<boolean>;

/**
 * A consent may name an uploaded consent form as its evidence. The cases context knows
 * nothing of documents: the documents context registers its check at start.
 */
@Injectable()
export class ConsentEvidence {
  private check: ConsentFormCheck = () => Promise.resolve(false);

  provide(check: ConsentFormCheck): void {
    this.check = check;
  }

  isConsentForm(tx: Tx, caseId: string, documentId: string): Promise<boolean> {
    return this.check(tx, caseId, documentId);
  }
}
