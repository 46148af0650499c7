import { Injectable } from '@nestjs/common';
import {
  type Actor,
  AppError,
  type OfficeActor,
  assertVersion,
  decodeCursor,
  EventLog,
  type Page,
  streams,
  toPage,
  TransactionRunner,
  type Tx,
} from '@relay/platform';
import { AuditService } from '@relay/audit';
import { DirectoryService } from '@relay/directory';
import { UsersService } from '@relay/identity';
import { CasesRepository, type QueueCursor } from './cases.repository.js';
import { CaseEntity } from './case.entities.js';
import { DONE_STATUSES, TRANSITIONS } from './case.enums.js';
import { ConsentEvidence } from './consent-evidence.js';
import type {
  CaseQuery,
  ContinueCaseDto,
  CreateCaseDto,
  CreateConsentDto,
  CreateNoteDto,
  QueueQuery,
  UpdateCaseDto,
} from './case.dto.js';
import {
  type CaseListRow,
  type CaseView,
  type QueueRow,
  toCaseSummary,
  toCaseView,
  toConsentView,
  toNoteView,
  toQueueItem,
  toStatusView,
} from './case.views.js';
import { CaseEvents } from './case-events.js';
import { CaseWork } from './case-work.js';
import { URGENCY_RANK } from './queue-order.js';

type Access = 'full' | 'status';

/**
 * Case files. The handling office sees and changes everything; the home office (the
 * constituent's riding) reads status fields only; another office gets 404 (an admin, who has
 * no office, never gets here: its routes answer 403 office_required).
 * Every change and every read is audited in the same transaction.
 */
@Injectable()
export class CasesService {
  constructor(
    private readonly cases: CasesRepository,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly directory: DirectoryService,
    private readonly users: UsersService,
    private readonly events: EventLog,
    private readonly evidence: ConsentEvidence,
    private readonly work: CaseWork,
    private readonly caseEvents: CaseEvents,
  ) {}

  async create(actor: OfficeActor, dto: CreateCaseDto): Promise<CaseView> {
    const { officeId } = actor;
    checkImmigrationType(dto.category, dto.immigrationType ?? null);
    return this.transactions.run(async (tx) => {
      const homeOfficeId = dto.homeOfficeId ?? officeId;
      if (!(await this.directory.officeExists(tx, homeOfficeId))) {
        throw AppError.invalid('homeOfficeId', 'no such office');
      }
      if (dto.assigneeId) await this.checkAssignee(tx, dto.assigneeId, officeId);
      const kase = await this.cases.insert(tx, {
        reference: await this.cases.nextReference(tx, officeId),
        handlingOfficeId: officeId,
        homeOfficeId,
        assigneeId: dto.assigneeId ?? null,
        createdBy: actor.userId,
        category: dto.category,
        immigrationType: dto.immigrationType ?? null,
        summary: dto.summary,
        urgency: dto.urgency,
        complexity: dto.complexity,
        deadline: dto.deadline ? new Date(dto.deadline) : null,
        languages: dto.languages,
        status: 'open',
        constituent: stripUndefined(dto.constituent),
      });
      kase.intakeDueAt = this.work.intakeEnd(kase.urgency, kase.createdAt);
      await this.cases.setIntakeDue(tx, kase.id, kase.intakeDueAt);
      this.audit.record(tx, {
        action: 'case.created',
        actor,
        caseId: kase.id,
        targetType: 'case',
        targetId: kase.id,
        data: { category: kase.category, immigrationType: kase.immigrationType, urgency: kase.urgency },
      });
      this.events.append(tx, streams.office(officeId), 'case.created', actor, {
        caseId: kase.id,
        reference: kase.reference,
        category: kase.category,
        urgency: kase.urgency,
      });
      await this.caseEvents.created(tx, actor, kase);
      return toCaseView(kase, []);
    });
  }

  async list(
    actor: OfficeActor,
    query: CaseQuery,
  ): Promise<Page<ReturnType<typeof toCaseSummary> | ReturnType<typeof toStatusView>>> {
    const { officeId } = actor;
    const after = decodeCursor(query.after, ['timestamp', 'uuid']);
    const view = (kase: CaseListRow) => (query.scope === 'home' ? toStatusView(kase) : toCaseSummary(kase));
    // The page and its audit row in one statement (one round trip, committed together).
    const rows = await this.audit.read<CaseListRow>(
      this.cases.listRead(officeId, query, after, query.limit + 1),
      { action: 'case.listed', actor, targetType: 'case_list', data: listReadData(query) },
      { field: 'rows', max: query.limit },
    );
    return toPage(rows, query.limit, (kase) => [kase.createdAt.toISOString(), kase.id], view);
  }

  /** The office's open files, what must be done first first (see queue-order.ts). */
  async queue(actor: OfficeActor, query: QueueQuery) {
    const { officeId } = actor;
    const cursor = decodeCursor(query.after, ['string', 'seq', 'timestamp', 'uuid']);
    if (cursor && cursor[0] !== 'infinity' && !isIsoInstant(cursor[0])) {
      throw AppError.invalid('after', 'is not a cursor returned by this list');
    }
    // The page and its audit row in one statement, as GET /cases: the queue shows files' summaries.
    const rows = await this.audit.read<QueueRow>(
      this.cases.queueRead(officeId, query, cursor as QueueCursor | undefined, query.limit + 1),
      {
        action: 'case.listed',
        actor,
        targetType: 'case_queue',
        data: listReadData({
          scope: 'handling',
          urgency: query.urgency,
          assigneeId: query.assigneeId,
          after: query.after,
        } as CaseQuery),
      },
      { field: 'rows', max: query.limit },
    );
    const now = Date.now();
    return toPage(
      rows,
      query.limit,
      (row) => {
        const item = toQueueItem(row, now);
        return [item.dueAt ?? 'infinity', URGENCY_RANK[row.urgency], row.createdAt.toISOString(), row.id];
      },
      (row) => toQueueItem(row, now),
    );
  }

  async get(actor: OfficeActor, caseId: string) {
    return this.transactions.run(async (tx) => {
      const { kase, access } = await this.access(tx, actor, caseId);
      this.audit.recordCaseView(tx, actor, kase.id, access === 'full' ? 'full' : 'status');
      if (access === 'status') return toStatusView(kase);
      return toCaseView(kase, await this.cases.consents(tx, caseId));
    });
  }

  async update(actor: OfficeActor, caseId: string, dto: UpdateCaseDto, ifMatch?: number): Promise<CaseView> {
    return this.transactions.run(async (tx) => {
      const kase = await this.writable(tx, actor, caseId, true);
      assertVersion(ifMatch, kase.version);
      const changed: string[] = [];
      const data: Record<string, unknown> = {};
      if (dto.status !== undefined && dto.status !== kase.status) {
        if (!TRANSITIONS[kase.status].includes(dto.status)) {
          throw new AppError('invalid_transition', `A ${kase.status} file cannot become ${dto.status}`);
        }
        data.status = { from: kase.status, to: dto.status };
      }
      changed.push(...this.applyOutcome(kase, dto, data));
      if (dto.assigneeId) await this.checkAssignee(tx, dto.assigneeId, kase.handlingOfficeId);
      const category = dto.category ?? kase.category;
      checkImmigrationType(category, dto.immigrationType ?? null);
      // Leaving the immigration category drops the type.
      const nextType =
        category !== 'immigration'
          ? null
          : dto.immigrationType !== undefined
            ? dto.immigrationType
            : kase.immigrationType;
      for (const field of [
        'status',
        'category',
        'summary',
        'urgency',
        'complexity',
        'languages',
        'assigneeId',
        'availableForTrade',
      ] as const) {
        if (dto[field] !== undefined && JSON.stringify(dto[field]) !== JSON.stringify(kase[field])) {
          Object.assign(kase, { [field]: dto[field] });
          changed.push(field);
        }
      }
      if (changed.includes('status')) kase.intakeDueAt = null;
      else if (changed.includes('urgency') && kase.intakeDueAt) {
        kase.intakeDueAt = this.work.intakeEnd(kase.urgency, kase.createdAt);
      }
      if (nextType !== kase.immigrationType) {
        kase.immigrationType = nextType;
        changed.push('immigrationType');
      }
      if (dto.deadline !== undefined) {
        const deadline = dto.deadline === null ? null : new Date(dto.deadline);
        if (deadline?.getTime() !== kase.deadline?.getTime()) {
          kase.deadline = deadline;
          changed.push('deadline');
        }
      }
      if (dto.constituent) {
        const fields = Object.keys(stripUndefined(dto.constituent));
        kase.constituent = { ...kase.constituent, ...stripUndefined(dto.constituent) };
        // Which constituent fields changed, never their values.
        changed.push(...fields.map((field) => `constituent.${field}`));
      }
      if (changed.length > 0) {
        const saved = await this.cases.save(tx, kase);
        this.audit.record(tx, {
          action: 'case.updated',
          actor,
          caseId,
          targetType: 'case',
          targetId: caseId,
          data: { changed, ...data },
        });
        await this.announceUpdate(tx, actor, saved, changed);
        return toCaseView(saved, await this.cases.consents(tx, caseId));
      }
      return toCaseView(kase, await this.cases.consents(tx, caseId));
    });
  }

  async addNote(actor: OfficeActor, caseId: string, dto: CreateNoteDto) {
    return this.transactions.run(async (tx) => {
      await this.writable(tx, actor, caseId);
      const note = await this.cases.insertNote(tx, { caseId, authorId: actor.userId, body: dto.body });
      await this.work.endIntake(tx, caseId);
      this.audit.record(tx, { action: 'case.note_added', actor, caseId, targetType: 'note', targetId: note.id });
      return toNoteView(note);
    });
  }

  async listNotes(actor: OfficeActor, caseId: string, query: { after?: string; limit: number }) {
    const after = decodeCursor(query.after, ['timestamp', 'uuid']);
    return this.transactions.run(async (tx) => {
      const kase = await this.writable(tx, actor, caseId);
      this.audit.recordCaseView(tx, actor, kase.id, 'notes');
      const rows = await this.cases.listNotes(tx, caseId, after, query.limit + 1);
      return toPage(rows, query.limit, (note) => [note.createdAt.toISOString(), note.id], toNoteView);
    });
  }

  async addConsent(actor: OfficeActor, caseId: string, dto: CreateConsentDto) {
    const grantedAt = new Date(dto.grantedAt);
    const expiresAt = dto.expiresAt ? new Date(dto.expiresAt) : null;
    if (grantedAt.getTime() > Date.now() + 5 * 60_000) throw AppError.invalid('grantedAt', 'cannot be in the future');
    if (expiresAt && expiresAt <= grantedAt) throw AppError.invalid('expiresAt', 'must be after grantedAt');
    return this.transactions.run(async (tx) => {
      await this.writable(tx, actor, caseId);
      if (dto.documentId && !(await this.evidence.isConsentForm(tx, caseId, dto.documentId))) {
        throw AppError.invalid('documentId', 'must be a consent_form document of this file');
      }
      const consent = await this.cases.saveConsent(tx, {
        caseId,
        scope: dto.scope,
        grantedAt,
        expiresAt,
        evidence: dto.evidence ?? 'Signed consent form kept with the file',
        recordedBy: actor.userId,
        revokedAt: null,
        revokedBy: null,
        documentId: dto.documentId ?? null,
        evidenceRemovedAt: null,
      });
      this.audit.record(tx, {
        action: 'case.consent_recorded',
        actor,
        caseId,
        targetType: 'consent',
        targetId: consent.id,
        data: { scope: consent.scope },
      });
      return toConsentView(consent);
    });
  }

  async revokeConsent(actor: OfficeActor, caseId: string, consentId: string): Promise<void> {
    await this.transactions.run(async (tx) => {
      await this.writable(tx, actor, caseId);
      const consent = await this.cases.findConsent(tx, caseId, consentId);
      if (!consent) throw AppError.notFound('Consent');
      if (consent.revokedAt) return;
      consent.revokedAt = new Date();
      consent.revokedBy = actor.userId;
      await this.cases.saveConsent(tx, consent);
      this.audit.record(tx, {
        action: 'case.consent_revoked',
        actor,
        caseId,
        targetType: 'consent',
        targetId: consentId,
        data: { scope: consent.scope },
      });
    });
  }

  /** For other contexts (documents, letters): the file if the caller's office handles it; 404 otherwise. */
  async handledFile(tx: Tx, actor: OfficeActor, caseId: string, lock = false): Promise<CaseEntity> {
    const kase = await this.cases.findVisible(tx, actor.officeId, caseId, lock);
    if (!kase || kase.handlingOfficeId !== actor.officeId) throw AppError.notFound('Case');
    return kase;
  }

  /** A consent form was deleted: consents resting on it lack evidence from now on. */
  async consentFormRemoved(tx: Tx, actor: Actor, caseId: string, documentId: string): Promise<void> {
    for (const consentId of await this.cases.removeConsentEvidence(tx, caseId, documentId)) {
      this.audit.record(tx, {
        action: 'case.consent_evidence_removed',
        actor,
        caseId,
        targetType: 'consent',
        targetId: consentId,
        data: { documentId },
      });
    }
  }

  async history(actor: OfficeActor, caseId: string, query: { after?: string; limit: number }) {
    await this.transactions.run(async (tx) => {
      const kase = await this.writable(tx, actor, caseId);
      this.audit.recordCaseView(tx, actor, kase.id, 'history');
    });
    return this.audit.caseHistory(caseId, query);
  }

  /**
   * A member of the office's new team keeps a file left under review by a seat transition:
   * only with a consent recorded since then. Or refers it on, which closes it as `referred`.
   */
  async continueAfterTransition(actor: OfficeActor, caseId: string, dto: ContinueCaseDto): Promise<CaseView> {
    return this.transactions.run(async (tx) => {
      const kase = await this.writable(tx, actor, caseId, true);
      if (!kase.reviewSince) throw new AppError('conflict', 'This file is not under transition review');
      const changed = ['transitionReview'];
      if (dto.decision === 'refer') {
        Object.assign(kase, { status: 'closed', outcome: 'referred', closedAt: kase.closedAt ?? new Date() });
        changed.push('status', 'outcome');
      } else if (!(await this.cases.hasConsentSince(tx, caseId, kase.reviewSince))) {
        throw new AppError('consent_missing', 'Record a consent from the constituent first: the office changed hands');
      }
      kase.reviewSince = null;
      const saved = await this.cases.save(tx, kase);
      this.audit.record(tx, {
        action: 'case.transition_reviewed',
        actor,
        caseId,
        targetType: 'case',
        targetId: caseId,
        data: { decision: dto.decision, changed },
      });
      await this.announceUpdate(tx, actor, saved, changed);
      return toCaseView(saved, await this.cases.consents(tx, caseId));
    });
  }

  /** A seat changed hands: every open file of the office waits for the new team's review. */
  async markForTransitionReview(tx: Tx, officeId: string, since: Date, transitionId: string): Promise<number> {
    const files = await this.cases.markForReview(tx, officeId, since);
    for (const file of files) {
      this.audit.record(tx, {
        action: 'case.transition_review',
        actor: null,
        officeId,
        caseId: file.id,
        targetType: 'office_transition',
        targetId: transitionId,
      });
      this.events.append(tx, streams.office(officeId), 'case.updated', null, {
        caseId: file.id,
        reference: file.reference,
        status: file.status,
        changed: ['transitionReview'],
      });
    }
    return files.length;
  }

  /**
   * Resolving or closing needs an outcome; reopening clears it. A file under transition review
   * may only be closed as referred (or kept through POST /cases/:id/continue).
   */
  private applyOutcome(kase: CaseEntity, dto: UpdateCaseDto, data: Record<string, unknown>): string[] {
    const status = dto.status ?? kase.status;
    const done = DONE_STATUSES.includes(status);
    if (kase.reviewSince && !(status === 'closed' && dto.outcome === 'referred')) {
      throw new AppError(
        'consent_missing',
        'The office changed hands: continue the file with a new consent, or close it as referred',
      );
    }
    if (dto.outcome !== undefined && !done) {
      throw AppError.invalid('outcome', 'only a resolved or closed file has an outcome');
    }
    const changed: string[] = [];
    if (done && status !== kase.status) {
      if (dto.outcome === undefined) throw AppError.invalid('outcome', `is required to make a file ${status}`);
      kase.closedAt ??= new Date();
    }
    if (!done && kase.outcome !== null) {
      Object.assign(kase, { outcome: null, closedAt: null });
      changed.push('outcome');
    }
    if (dto.outcome !== undefined && dto.outcome !== kase.outcome) {
      kase.outcome = dto.outcome;
      data.outcome = dto.outcome;
      changed.push('outcome');
    }
    if (kase.reviewSince) {
      kase.reviewSince = null;
      changed.push('transitionReview');
    }
    return changed;
  }

  /** To the handling office; the home office hears of status changes of its constituent's file. */
  private async announceUpdate(tx: Tx, actor: Actor, kase: CaseEntity, changed: string[]): Promise<void> {
    const update = { caseId: kase.id, reference: kase.reference, status: kase.status };
    this.events.append(tx, streams.office(kase.handlingOfficeId), 'case.updated', actor, { ...update, changed });
    if (kase.homeOfficeId !== kase.handlingOfficeId && changed.includes('status')) {
      this.events.append(tx, streams.office(kase.homeOfficeId), 'case.updated', actor, {
        ...update,
        changed: ['status'],
      });
    }
  }

  /** The case as the caller may see it; invisible and absent are the same 404. */
  private async access(
    tx: Tx,
    actor: OfficeActor,
    caseId: string,
    lock = false,
  ): Promise<{ kase: CaseEntity; access: Access }> {
    const kase = await this.cases.findVisible(tx, actor.officeId, caseId, lock);
    if (!kase) throw AppError.notFound('Case');
    return { kase, access: kase.handlingOfficeId === actor.officeId ? 'full' : 'status' };
  }

  /** Only the handling office works on a file; the home office sees it but may not (403). */
  private async writable(tx: Tx, actor: OfficeActor, caseId: string, lock = false): Promise<CaseEntity> {
    const { kase, access } = await this.access(tx, actor, caseId, lock);
    if (access !== 'full') throw AppError.forbidden('Only the handling office may open or change this file');
    return kase;
  }

  private async checkAssignee(tx: Tx, userId: string, officeId: string): Promise<void> {
    if (!(await this.users.isActiveMember(tx, userId, officeId))) {
      throw AppError.invalid('assigneeId', 'must be an active member of the handling office');
    }
  }
}

function checkImmigrationType(category: string, immigrationType: string | null): void {
  if (immigrationType !== null && category !== 'immigration') {
    throw AppError.invalid('immigrationType', 'only immigration files have an immigration type');
  }
}

const isIsoInstant = (text: string) => !Number.isNaN(Date.parse(text)) && new Date(text).toISOString() === text;

function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * What a list read asked, never what it searched for: a search text may be a constituent's
 * name, so only that there was one and its length. How many files it showed (`rows`) is
 * added by whoever knows it (for GET /cases, the statement that reads them).
 */
function listReadData(query: CaseQuery): Record<string, unknown> {
  const filters = Object.fromEntries(
    (['status', 'category', 'immigrationType', 'urgency', 'assigneeId'] as const)
      .filter((key) => query[key] !== undefined)
      .map((key) => [key, query[key]]),
  );
  return {
    scope: query.scope,
    filters,
    ...(query.q === undefined ? {} : { search: { length: query.q.length } }),
    page: query.after === undefined ? 'first' : 'next',
  };
}
