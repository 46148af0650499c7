import { Injectable } from '@nestjs/common';
import {
  addSpan,
  AppConfig,
  AppError,
  decodeCursor,
  type OfficeActor,
  parseSpan,
  startOfWeek,
  toPage,
  TransactionRunner,
} from '@relay/platform';
import { AuditService } from '@relay/audit';
import { CaseWork } from '@relay/cases';
import { InteractionsRepository } from './interactions.repository.js';
import { type CreateInteractionDto, type InteractionQuery, MCMPS_SLOTS } from './casework.dto.js';
import { toInteractionView } from './casework.views.js';
import { CaseReads } from './case-reads.js';

const DAY = 86_400_000;
const EARLIEST = Date.parse('2000-01-01T00:00:00Z');
const OPEN_ENQUIRIES_SHOWN = 500;

/**
 * The contact log: calls, e-mails, visits, letters, IRCC enquiries and replies, MCMPS
 * appointments. An enquiry stays open until its reply; the reply due on a file's latest open
 * enquiry is kept on the case row for the triage queue. Logging anything ends the intake window.
 */
@Injectable()
export class InteractionsService {
  constructor(
    private readonly interactions: InteractionsRepository,
    private readonly work: CaseWork,
    private readonly transactions: TransactionRunner,
    private readonly audit: AuditService,
    private readonly reads: CaseReads,
    private readonly config: AppConfig,
  ) {}

  async create(actor: OfficeActor, caseId: string, dto: CreateInteractionDto) {
    const occurredAt = new Date(dto.occurredAt);
    const replyDueAt = dto.replyDueAt === undefined ? undefined : new Date(dto.replyDueAt);
    checkInteraction(dto, occurredAt, replyDueAt);
    return this.transactions.run(async (tx) => {
      const kase = await this.work.handled(tx, actor, caseId, true);
      const enquiry = dto.kind === 'ircc_enquiry';
      const row = await this.interactions.insert(tx, {
        caseId,
        officeId: kase.handlingOfficeId,
        kind: dto.kind,
        direction: dto.direction,
        occurredAt,
        durationMinutes: dto.durationMinutes ?? null,
        summary: dto.summary,
        irccReference: dto.irccReference ?? null,
        replyDueAt: enquiry ? (replyDueAt ?? this.replyStandard(kase.urgency, occurredAt)) : null,
        createdBy: actor.userId,
      });
      const answered = dto.kind === 'ircc_reply' ? await this.interactions.answer(tx, row) : 0;
      if (enquiry || answered > 0) {
        await this.work.setIrccReplyDue(tx, caseId, await this.interactions.latestOpenReplyDue(tx, caseId));
      }
      await this.work.endIntake(tx, caseId);
      this.audit.record(tx, {
        action: 'interaction.logged',
        actor,
        caseId,
        targetType: 'interaction',
        targetId: row.id,
        data: {
          kind: row.kind,
          direction: row.direction,
          durationMinutes: row.durationMinutes,
          ...(dto.kind === 'ircc_reply' ? { answeredEnquiries: answered } : {}),
        },
      });
      return toInteractionView(row);
    });
  }

  async listOfCase(actor: OfficeActor, caseId: string, query: { after?: string; limit: number }) {
    const after = decodeCursor(query.after, ['timestamp', 'uuid']);
    await this.reads.ofHandledFile(actor, caseId, 'interactions');
    const rows = await this.interactions.listOfCase(caseId, after, query.limit + 1);
    const now = Date.now();
    return toPage(
      rows,
      query.limit,
      (row) => [row.occurredAt.toISOString(), row.id],
      (row) => toInteractionView(row, now),
    );
  }

  async listOfOffice(actor: OfficeActor, query: InteractionQuery) {
    const { officeId } = actor;
    const from = query.from ? new Date(query.from) : undefined;
    const to = query.to ? new Date(query.to) : undefined;
    if (from && to && from > to) throw AppError.invalid('to', 'must not be before from');
    const after = decodeCursor(query.after, ['timestamp', 'uuid']);
    const rows = await this.interactions.listOfOffice(officeId, { kind: query.kind, from, to }, after, query.limit + 1);
    const now = Date.now();
    const page = toPage(
      rows,
      query.limit,
      (row) => [row.occurredAt.toISOString(), row.id],
      (row) => toInteractionView(row, now),
    );
    await this.reads.record(
      actor,
      page.items.map((item) => item.caseId),
      'interactions',
    );
    return page;
  }

  /** Open enquiries and the MCMPS minutes used: counts and references, no summaries. */
  async liaison(actor: OfficeActor) {
    const { officeId } = actor;
    const now = new Date();
    const [open, thisWeek, lastFour] = await Promise.all([
      this.interactions.openEnquiries(officeId, OPEN_ENQUIRIES_SHOWN),
      this.interactions.mcmpsMinutes(officeId, startOfWeek(now), startOfWeek(now, 1)),
      this.interactions.mcmpsMinutes(officeId, startOfWeek(now, -3), startOfWeek(now, 1)),
    ]);
    return {
      openEnquiries: open.map((enquiry) => ({
        interactionId: enquiry.interactionId,
        caseId: enquiry.caseId,
        caseReference: enquiry.caseReference,
        sentAt: enquiry.sentAt.toISOString(),
        replyDueAt: enquiry.replyDueAt.toISOString(),
        overdue: enquiry.replyDueAt.getTime() < now.getTime(),
      })),
      mcmpsMinutesThisWeek: thisWeek,
      mcmpsMinutesLast4Weeks: lastFour,
    };
  }

  /** IRCC's service standard: 48 h for an emergency file, otherwise 10 business days (IRCC_REPLY_STANDARD). */
  private replyStandard(urgency: string, sentAt: Date): Date {
    const [emergency, other] = this.config.IRCC_REPLY_STANDARD.split(',').map((text) => parseSpan(text)!);
    return addSpan(sentAt, urgency === 'emergency' ? emergency : other);
  }
}

/** The rules between fields that a DTO cannot say. */
function checkInteraction(dto: CreateInteractionDto, occurredAt: Date, replyDueAt: Date | undefined): void {
  const appointment = dto.kind === 'mcmps_appointment';
  const latest = Date.now() + (appointment ? 366 * DAY : 5 * 60_000);
  if (occurredAt.getTime() < EARLIEST || occurredAt.getTime() > latest) {
    throw AppError.invalid(
      'occurredAt',
      appointment ? 'must be from 2000 to a year ahead' : 'must be from 2000 to now (not in the future)',
    );
  }
  if (appointment && !MCMPS_SLOTS.includes(dto.durationMinutes as (typeof MCMPS_SLOTS)[number])) {
    throw AppError.invalid('durationMinutes', 'an MCMPS appointment lasts 15, 30, 45 or 60 minutes');
  }
  if (dto.irccReference !== undefined && dto.kind !== 'ircc_enquiry' && dto.kind !== 'ircc_reply') {
    throw AppError.invalid('irccReference', 'only IRCC enquiries and replies have an IRCC reference');
  }
  if (replyDueAt !== undefined) {
    if (dto.kind !== 'ircc_enquiry') throw AppError.invalid('replyDueAt', 'only an ircc_enquiry awaits a reply');
    if (replyDueAt <= occurredAt || replyDueAt.getTime() > occurredAt.getTime() + 366 * DAY) {
      throw AppError.invalid('replyDueAt', 'must be after occurredAt and within a year of it');
    }
  }
}
