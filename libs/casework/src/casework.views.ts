import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CATEGORIES, IMMIGRATION_TYPES } from '@relay/cases';
import type { LiveEventData, LiveEventDataClasses } from '@relay/platform';
import { DIRECTIONS, INTERACTION_KINDS } from './casework.dto.js';

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export interface FollowUpRow {
  id: string;
  caseId: string;
  dueAt: Date;
  note: string;
  assigneeId: string | null;
  doneAt: Date | null;
  doneBy: string | null;
  createdBy: string;
  createdAt: Date;
  caseReference?: string;
}

export function toFollowUpView(row: FollowUpRow) {
  const view = {
    id: row.id,
    caseId: row.caseId,
    dueAt: row.dueAt.toISOString(),
    note: row.note,
    assigneeId: row.assigneeId,
    doneAt: iso(row.doneAt),
    doneBy: row.doneBy,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
  };
  return row.caseReference === undefined
    ? view
    : Object.assign(view, { caseReference: row.caseReference, reference: row.caseReference });
}

export interface InteractionRow {
  id: string;
  caseId: string;
  officeId: string;
  kind: string;
  direction: string;
  occurredAt: Date;
  durationMinutes: number | null;
  summary: string;
  irccReference: string | null;
  replyDueAt: Date | null;
  answeredAt: Date | null;
  answeredBy: string | null;
  createdBy: string;
  createdAt: Date;
  caseReference?: string;
}

export function toInteractionView(row: InteractionRow, now = Date.now()) {
  const view = {
    id: row.id,
    caseId: row.caseId,
    kind: row.kind,
    direction: row.direction,
    occurredAt: row.occurredAt.toISOString(),
    durationMinutes: row.durationMinutes,
    summary: row.summary,
    irccReference: row.irccReference,
    replyDueAt: iso(row.replyDueAt),
    answeredAt: iso(row.answeredAt),
    answeredById: row.answeredBy,
    overdue: row.replyDueAt !== null && row.answeredAt === null && row.replyDueAt.getTime() < now,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
  };
  return row.caseReference === undefined ? view : Object.assign(view, { caseReference: row.caseReference });
}

export interface TemplateRow {
  id: string;
  officeId: string;
  name: string;
  category: string;
  immigrationType: string | null;
  items: { text: string }[];
  sharedWithChannelIds: string[];
  version: number;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

/** Another office sees only the channels it shares with the template's office. */
export function toTemplateView(row: TemplateRow, viewerOfficeId: string, viewerChannelIds?: Set<string>) {
  const own = row.officeId === viewerOfficeId;
  return {
    id: row.id,
    officeId: row.officeId,
    own,
    name: row.name,
    category: row.category,
    immigrationType: row.immigrationType,
    items: row.items.map((item) => ({ text: item.text })),
    sharedWithChannelIds: own
      ? row.sharedWithChannelIds
      : row.sharedWithChannelIds.filter((id) => viewerChannelIds?.has(id)),
    version: row.version,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export interface ChecklistItemRow {
  id: string;
  caseId: string;
  templateId: string | null;
  position: number;
  text: string;
  note: string | null;
  doneAt: Date | null;
  doneBy: string | null;
}

export function toChecklistItemView(row: ChecklistItemRow) {
  return {
    id: row.id,
    text: row.text,
    doneAt: iso(row.doneAt),
    doneBy: row.doneBy,
    note: row.note,
  };
}

// OpenAPI shapes of the views above.
export class FollowUpDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
  @ApiProperty() note: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) assigneeId: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) doneAt: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) doneBy: string | null;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class OfficeFollowUpDto extends FollowUpDto {
  @ApiProperty({ description: "The file's reference" }) caseReference: string;
  @ApiProperty({ description: 'The same as caseReference' }) reference: string;
}

export class FollowUpPageDto {
  @ApiProperty({ type: [FollowUpDto] }) items: FollowUpDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class OfficeFollowUpPageDto {
  @ApiProperty({ type: [OfficeFollowUpDto] }) items: OfficeFollowUpDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class InteractionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ enum: INTERACTION_KINDS }) kind: string;
  @ApiProperty({ enum: DIRECTIONS }) direction: string;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty({ nullable: true, type: Number }) durationMinutes: number | null;
  @ApiProperty() summary: string;
  @ApiProperty({ nullable: true, type: String }) irccReference: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'ircc_enquiry only' })
  replyDueAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'ircc_enquiry: when its reply came' })
  answeredAt: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'ircc_enquiry: the reply' })
  answeredById: string | null;
  @ApiProperty({ description: 'An unanswered ircc_enquiry past its replyDueAt' }) overdue: boolean;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiPropertyOptional({ description: 'In the office log only' }) caseReference?: string;
}

export class InteractionPageDto {
  @ApiProperty({ type: [InteractionDto] }) items: InteractionDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class OpenEnquiryDto {
  @ApiProperty({ format: 'uuid' }) interactionId: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty() caseReference: string;
  @ApiProperty({ format: 'date-time' }) sentAt: string;
  @ApiProperty({ format: 'date-time' }) replyDueAt: string;
  @ApiProperty() overdue: boolean;
}

export class LiaisonDto {
  @ApiProperty({ type: [OpenEnquiryDto], description: 'Soonest reply due first (at most 500)' })
  openEnquiries: OpenEnquiryDto[];
  @ApiProperty({ description: 'MCMPS appointment minutes logged by the office this week (Monday to Sunday, Ottawa)' })
  mcmpsMinutesThisWeek: number;
  @ApiProperty({ description: 'The same over this week and the three before' }) mcmpsMinutesLast4Weeks: number;
}

export class ChecklistItemTextView {
  @ApiProperty() text: string;
}

export class TemplateDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) officeId: string;
  @ApiProperty({ description: "The caller's office's own template" }) own: boolean;
  @ApiProperty() name: string;
  @ApiProperty({ enum: CATEGORIES }) category: string;
  @ApiProperty({ enum: IMMIGRATION_TYPES, nullable: true, type: String }) immigrationType: string | null;
  @ApiProperty({ type: [ChecklistItemTextView] }) items: ChecklistItemTextView[];
  @ApiProperty({ type: [String], description: 'Another office sees only the channels it is in' })
  sharedWithChannelIds: string[];
  @ApiProperty() version: number;
  @ApiProperty({ format: 'uuid' }) createdBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class TemplatePageDto {
  @ApiProperty({ type: [TemplateDto] }) items: TemplateDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class ChecklistItemDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() text: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) doneAt: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) doneBy: string | null;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
}

export class ChecklistDto {
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The template it was copied from' })
  templateId: string | null;
  @ApiProperty({ type: [ChecklistItemDto] }) items: ChecklistItemDto[];
}

// The `data` of the assistant's-day events (AsyncAPI): ids, the file's reference and times, never the note or summary.
/** `follow_up.due` on the assignee's user stream and the office stream, once per follow-up. */
export class FollowUpDueDto implements LiveEventData<'follow_up.due'> {
  @ApiProperty({ format: 'uuid' }) followUpId: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty() caseReference: string;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
}

/** `ircc.reply_overdue` on the office stream, once per IRCC enquiry past its reply due time. */
export class IrccReplyOverdueDto implements LiveEventData<'ircc.reply_overdue'> {
  @ApiProperty({ format: 'uuid' }) interactionId: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty() caseReference: string;
  @ApiProperty({ format: 'date-time' }) sentAt: string;
  @ApiProperty({ format: 'date-time' }) replyDueAt: string;
}

/** Which class describes the `data` of each event this library sends (see liveEventDataClasses). */
export const CASEWORK_EVENT_DATA = {
  'follow_up.due': FollowUpDueDto,
  'ircc.reply_overdue': IrccReplyOverdueDto,
} satisfies Partial<LiveEventDataClasses>;
