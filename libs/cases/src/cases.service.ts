import { Injectable } from '@nestjs/common';
import {
  type Actor,
  AppError,
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
import { TRANSITIONS } from './case.enums.js';
import type {
  CaseQuery,
  CreateCaseDto,
  CreateConsentDto,
  CreateNoteDto,
  QueueQuery,
  UpdateCaseDto,
} from './case.dto.js';
import {
  type CaseListRow,
  type CaseView,
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
 * constituent's riding) reads status fields only; everyone else, admins included, gets 404.
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
    private readonly work: CaseWork,
    private readonly caseEvents: CaseEvents,
  ) {}

  async create(actor: Actor, dto: CreateCaseDto): Promise<CaseView> {
    const officeId = requireOffice(actor);
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
      await this.cases.setDueTimes(tx, kase.id, { intakeDueAt: kase.intakeDueAt });
      await this.audit.record(tx, {
        action: 'case.created',
        actor,
        caseId: kase.id,
        targetType: 'case',
        targetId: kase.id,
        data: { category: kase.category, immigrationType: kase.immigrationType, urgency: kase.urgency },
      });
      await this.events.append(tx, streams.office(officeId), 'case.created', actor, {
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
    actor: Actor,
    query: CaseQuery,
  ): Promise<Page<ReturnType<typeof toCaseSummary> | ReturnType<typeof toStatusView>>> {
    const officeId = requireOffice(actor);
    const after = decodeCursor(query.after, ['timestamp', 'uuid']);
    const rows = await this.cases.list(officeId, query, after, query.limit + 1);
    const view = (kase: CaseListRow) => (query.scope === 'home' ? toStatusView(kase) : toCaseSummary(kase));
    return toPage(rows, query.limit, (kase) => [kase.createdAt.toISOString(), kase.id], view);
  }

  /** The office's open files, what must be done first first (see queue-order.ts). */
  async queue(actor: Actor, query: QueueQuery) {
    const officeId = requireOffice(actor);
    const cursor = decodeCursor(query.after, ['string', 'seq', 'timestamp', 'uuid']);
    if (cursor && cursor[0] !== 'infinity' && !isIsoInstant(cursor[0])) {
      throw AppError.invalid('after', 'is not a cursor returned by this list');
    }
    const rows = await this.cases.queue(officeId, query, cursor as QueueCursor | undefined, query.limit + 1);
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

  async get(actor: Actor, caseId: string) {
    return this.transactions.run(async (tx) => {
      const { kase, access } = await this.access(tx, actor, caseId);
      await this.recordView(tx, actor, kase, access === 'full' ? 'full' : 'status');
      if (access === 'status') return toStatusView(kase);
      return toCaseView(kase, await this.cases.consents(tx, caseId));
    });
  }

  async update(actor: Actor, caseId: string, dto: UpdateCaseDto, ifMatch?: number): Promise<CaseView> {
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
        await this.audit.record(tx, {
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

  async addNote(actor: Actor, caseId: string, dto: CreateNoteDto) {
    return this.transactions.run(async (tx) => {
      await this.writable(tx, actor, caseId);
      const note = await this.cases.insertNote(tx, { caseId, authorId: actor.userId, body: dto.body });
      await this.work.endIntake(tx, caseId);
      await this.audit.record(tx, { action: 'case.note_added', actor, caseId, targetType: 'note', targetId: note.id });
      return toNoteView(note);
    });
  }

  async listNotes(actor: Actor, caseId: string, query: { after?: string; limit: number }) {
    const after = decodeCursor(query.after, ['timestamp', 'uuid']);
    return this.transactions.run(async (tx) => {
      const kase = await this.writable(tx, actor, caseId);
      await this.recordView(tx, actor, kase, 'notes');
      const rows = await this.cases.listNotes(caseId, after, query.limit + 1);
      return toPage(rows, query.limit, (note) => [note.createdAt.toISOString(), note.id], toNoteView);
    });
  }

  async addConsent(actor: Actor, caseId: string, dto: CreateConsentDto) {
    const grantedAt = new Date(dto.grantedAt);
    const expiresAt = dto.expiresAt ? new Date(dto.expiresAt) : null;
    if (grantedAt.getTime() > Date.now() + 5 * 60_000) throw AppError.invalid('grantedAt', 'cannot be in the future');
    if (expiresAt && expiresAt <= grantedAt) throw AppError.invalid('expiresAt', 'must be after grantedAt');
    return this.transactions.run(async (tx) => {
      await this.writable(tx, actor, caseId);
      const consent = await this.cases.saveConsent(tx, {
        caseId,
        scope: dto.scope,
        grantedAt,
        expiresAt,
        evidence: dto.evidence,
        recordedBy: actor.userId,
        revokedAt: null,
        revokedBy: null,
      });
      await this.audit.record(tx, {
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

  async revokeConsent(actor: Actor, caseId: string, consentId: string): Promise<void> {
    await this.transactions.run(async (tx) => {
      await this.writable(tx, actor, caseId);
      const consent = await this.cases.findConsent(tx, caseId, consentId);
      if (!consent) throw AppError.notFound('Consent');
      if (consent.revokedAt) return;
      consent.revokedAt = new Date();
      consent.revokedBy = actor.userId;
      await this.cases.saveConsent(tx, consent);
      await this.audit.record(tx, {
        action: 'case.consent_revoked',
        actor,
        caseId,
        targetType: 'consent',
        targetId: consentId,
        data: { scope: consent.scope },
      });
    });
  }

  async history(actor: Actor, caseId: string, query: { after?: string; limit: number }) {
    await this.transactions.run(async (tx) => {
      const kase = await this.writable(tx, actor, caseId);
      await this.recordView(tx, actor, kase, 'history');
    });
    return this.audit.caseHistory(caseId, query);
  }

  /** To the handling office; the home office hears of status changes of its constituent's file. */
  private async announceUpdate(tx: Tx, actor: Actor, kase: CaseEntity, changed: string[]): Promise<void> {
    const update = { caseId: kase.id, reference: kase.reference, status: kase.status };
    await this.events.append(tx, streams.office(kase.handlingOfficeId), 'case.updated', actor, { ...update, changed });
    if (kase.homeOfficeId !== kase.handlingOfficeId && changed.includes('status')) {
      await this.events.append(tx, streams.office(kase.homeOfficeId), 'case.updated', actor, {
        ...update,
        changed: ['status'],
      });
    }
  }

  /** The case as the caller may see it; invisible and absent are the same 404. */
  private async access(
    tx: Tx,
    actor: Actor,
    caseId: string,
    lock = false,
  ): Promise<{ kase: CaseEntity; access: Access }> {
    if (!actor.officeId) throw AppError.notFound('Case');
    const kase = await this.cases.findVisible(tx, actor.officeId, caseId, lock);
    if (!kase) throw AppError.notFound('Case');
    return { kase, access: kase.handlingOfficeId === actor.officeId ? 'full' : 'status' };
  }

  /** Only the handling office works on a file; the home office sees it but may not (403). */
  private async writable(tx: Tx, actor: Actor, caseId: string, lock = false): Promise<CaseEntity> {
    const { kase, access } = await this.access(tx, actor, caseId, lock);
    if (access !== 'full') throw AppError.forbidden('Only the handling office may open or change this file');
    return kase;
  }

  private recordView(tx: Tx, actor: Actor, kase: CaseEntity, view: string): Promise<void> {
    return this.audit.record(tx, {
      action: 'case.viewed',
      actor,
      caseId: kase.id,
      targetType: 'case',
      targetId: kase.id,
      data: { view },
    });
  }

  private async checkAssignee(tx: Tx, userId: string, officeId: string): Promise<void> {
    if (!(await this.users.isActiveMember(tx, userId, officeId))) {
      throw AppError.invalid('assigneeId', 'must be an active member of the handling office');
    }
  }
}

function requireOffice(actor: Actor): string {
  if (!actor.officeId) throw AppError.forbidden('Case files belong to offices; admins cannot read or create them');
  return actor.officeId;
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
