import { Injectable } from '@nestjs/common';
import {
  type Actor,
  AppConfig,
  AppError,
  EventLog,
  type OfficeActor,
  type RedactedFile,
  streams,
  type Tx,
} from '@relay/platform';
import { AuditService } from '@relay/audit';
import { CasesRepository, type TransferLedgerRow } from './cases.repository.js';
import type { CaseEntity } from './case.entities.js';
import { CaseEvents } from './case-events.js';

export const redact = (kase: CaseEntity): RedactedFile => ({
  category: kase.category,
  immigrationType: kase.immigrationType,
  urgency: kase.urgency,
  complexity: kase.complexity,
  deadline: kase.deadline?.toISOString() ?? null,
  languages: kase.languages,
});

/** Why a file cannot move now, or null when it can. */
export type NotTransferable = 'moved' | 'consent_missing' | 'closed';

export const NOT_TRANSFERABLE: Record<NotTransferable | 'open_handoff_offer', string> = {
  moved: 'the file is no longer handled by the office that offered it',
  consent_missing: 'the file has no live share_with_offices consent',
  closed: 'the file is closed',
  open_handoff_offer: 'the file has an open handoff offer',
};

/**
 * The cases context's side of a handoff or trade: which files may leave an office, and
 * moving one (handling office, assignee cleared; notes, consents and history go with it
 * because they hang off the case). Callers hold the transaction and the case row lock.
 */
@Injectable()
export class CaseTransfers {
  constructor(
    private readonly cases: CasesRepository,
    private readonly audit: AuditService,
    private readonly events: EventLog,
    private readonly config: AppConfig,
    private readonly caseEvents: CaseEvents,
  ) {}

  /** The caller's office's own file (locked unless only read); 404 for anyone else's (home office: 403). */
  async ownFile(actor: OfficeActor, caseId: string, tx: Tx = this.cases.reader, lock = true): Promise<CaseEntity> {
    const kase = await this.cases.findVisible(tx, actor.officeId, caseId, lock);
    if (!kase) throw AppError.notFound('Case');
    if (kase.handlingOfficeId !== actor.officeId) {
      throw AppError.forbidden('Only the handling office may hand this file over');
    }
    return kase;
  }

  /** What an office has given to and taken from each other office (its ledger), counted by category. */
  ledger(officeId: string): Promise<TransferLedgerRow[]> {
    return this.cases.transferLedger(officeId);
  }

  /** Locks the files in id order (so concurrent trades cannot deadlock) and returns them by id. */
  async lockFiles(tx: Tx, caseIds: string[]): Promise<Map<string, CaseEntity>> {
    const files = await this.cases.lockMany(tx, [...caseIds].sort());
    return new Map(files.map((kase) => [kase.id, kase]));
  }

  /**
   * What an office has put on the table for trades, as the other side may see it: a
   * redacted summary of each open file with a live consent (a trade would refuse the rest).
   */
  async onTheTable(officeId: string, limit = 200): Promise<(RedactedFile & { caseId: string })[]> {
    const files = await this.cases.onTheTable(this.cases.reader, officeId, limit);
    const consented = await this.withLiveConsent(
      this.cases.reader,
      files.map((kase) => kase.id),
    );
    return files
      .filter((kase) => consented.has(kase.id) && !kase.reviewSince)
      .map((kase) => ({ caseId: kase.id, ...redact(kase) }));
  }

  /** A live `share_with_offices` consent: not revoked, not expired, and not older than allowed. */
  async hasLiveConsent(tx: Tx, caseId: string): Promise<boolean> {
    return (await this.withLiveConsent(tx, [caseId])).has(caseId);
  }

  /** Which of the files have a live consent, in one query. */
  async withLiveConsent(tx: Tx, caseIds: string[]): Promise<Set<string>> {
    if (caseIds.length === 0) return new Set();
    return this.cases.withLiveConsent(tx, caseIds, this.config.CONSENT_MAX_AGE_DAYS);
  }

  async whyNot(tx: Tx, kase: CaseEntity | undefined, fromOfficeId: string): Promise<NotTransferable | null> {
    return (await this.whyNotEach(tx, [{ kase, fromOfficeId }]))[0];
  }

  /** Why each file cannot move now (null when it can), in the order given, in one query. */
  async whyNotEach(
    tx: Tx,
    moves: { kase: CaseEntity | undefined; fromOfficeId: string }[],
  ): Promise<(NotTransferable | null)[]> {
    const consented = await this.withLiveConsent(
      tx,
      moves.flatMap(({ kase }) => (kase ? [kase.id] : [])),
    );
    return moves.map(({ kase, fromOfficeId }) => {
      if (!kase || kase.handlingOfficeId !== fromOfficeId) return 'moved';
      if (kase.status === 'closed') return 'closed';
      // A file left under review by a seat transition needs the new team's own consent first.
      return consented.has(kase.id) && !kase.reviewSince ? null : 'consent_missing';
    });
  }

  /** Moves the file and writes its ledger row (files given and taken between offices). */
  async move(
    tx: Tx,
    actor: Actor,
    kase: CaseEntity,
    toOfficeId: string,
    via: { kind: 'handoff' | 'trade'; id: string },
  ): Promise<void> {
    const fromOfficeId = kase.handlingOfficeId;
    await this.cases.moveTo(tx, kase.id, toOfficeId);
    await this.cases.recordTransfer(tx, kase, fromOfficeId, toOfficeId, via);
    this.audit.record(tx, {
      action: 'case.transferred',
      actor,
      officeId: fromOfficeId,
      caseId: kase.id,
      targetType: via.kind,
      targetId: via.id,
      data: { fromOfficeId, toOfficeId },
    });
    const data = { caseId: kase.id, reference: kase.reference, fromOfficeId, toOfficeId, via: via.kind, viaId: via.id };
    this.events.append(tx, streams.office(fromOfficeId), 'case.transferred_out', actor, data);
    this.events.append(tx, streams.office(toOfficeId), 'case.transferred_in', actor, data);
    await this.caseEvents.moved(tx, actor, kase, fromOfficeId, toOfficeId);
  }
}
