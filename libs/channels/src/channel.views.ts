import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ALERT_SEVERITIES,
  CHANNEL_KINDS,
  type HandoffPayload,
  type LiveEventData,
  type LiveEventDataClasses,
  POST_KINDS,
  type PostPayload,
  toHandoffPayload,
} from '@relay/platform';
import type { ChannelRow, PostRow } from './channels.repository.js';
import type { AlertRow } from './alerts.repository.js';

export function toChannelView(row: ChannelRow) {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    partyId: row.party_id,
    ownerOfficeId: row.owner_office_id,
    memberOfficeIds: row.member_office_ids,
    version: row.version,
    createdAt: row.created_at.toISOString(),
  };
}
export type ChannelView = ReturnType<typeof toChannelView>;

/**
 * A post as every member office sees it: a linked case shows only that it is linked.
 * Constituent details never reach a post through the API's own fields.
 */
export function toPostPayload(row: PostRow): PostPayload {
  const deleted = row.deleted_at !== null;
  const base: PostPayload = {
    id: row.id,
    channelId: row.channel_id,
    kind: row.kind,
    authorId: row.author_id,
    officeId: row.office_id,
    body: deleted ? null : row.body,
    replyToId: row.reply_to_id,
    hasCaseLink: row.case_id !== null,
    createdAt: row.created_at.toISOString(),
    editedAt: row.edited_at?.toISOString() ?? null,
    deleted,
    version: row.version,
  };
  if (row.kind === 'handoff') return { ...base, handoff: row.handoff ? toHandoffPayload(row.handoff) : undefined };
  if (row.kind !== 'alert') return base;
  return {
    ...base,
    title: row.title ?? '',
    severity: row.severity ?? 'info',
    categories: row.categories,
    immigrationTypes: row.immigration_types,
    effectiveDate: row.effective_date,
    sourceUrl: row.source_url,
  };
}

/** The feed item for one viewer: its own office also sees which of its cases is linked. */
export function toPostView(row: PostRow, viewerOfficeId: string) {
  const ownCase = row.case_handling_office_id !== null && row.case_handling_office_id === viewerOfficeId;
  // Object.assign, not a spread: it runs for every item of a feed page (see toCaseSummary).
  return Object.assign(toPostPayload(row), { caseRef: ownCase ? row.case_reference : null });
}

export function toAlertView(row: AlertRow) {
  return Object.assign(toPostPayload(row), {
    affectedOpenCases: row.affected_open_cases,
    acknowledged: row.acknowledged,
  });
}

// OpenAPI shapes of the views above, and the `data` of the channels' live events (AsyncAPI).
export class ChannelDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: CHANNEL_KINDS }) kind: string;
  @ApiProperty() name: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) partyId: string | null;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: "The creating office, whose lead manages the members (null: the party's or the system's)",
  })
  ownerOfficeId: string | null;
  @ApiProperty({ type: [String], format: 'uuid' }) memberOfficeIds: string[];
  @ApiProperty() version: number;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class ChannelPageDto {
  @ApiProperty({ type: [ChannelDto] }) items: ChannelDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

/** A post as the `message.*` and `alert.posted` events carry it: no viewer, so no caseRef. */
export class PostPayloadDto implements PostPayload {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) channelId: string;
  @ApiProperty({ enum: POST_KINDS }) kind: PostPayload['kind'];
  @ApiProperty({ format: 'uuid' }) authorId: string;
  @ApiProperty({ format: 'uuid' }) officeId: string;
  @ApiProperty({ nullable: true, type: String, description: 'null once deleted' }) body: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) replyToId: string | null;
  @ApiProperty({ description: 'A case of the posting office is linked' }) hasCaseLink: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) editedAt: string | null;
  @ApiProperty() deleted: boolean;
  @ApiProperty({ description: 'Also the ETag; PATCH and DELETE honour If-Match' }) version: number;
  @ApiPropertyOptional() title?: string;
  @ApiPropertyOptional({ enum: ALERT_SEVERITIES }) severity?: PostPayload['severity'];
  @ApiPropertyOptional({ type: [String] }) categories?: string[];
  @ApiPropertyOptional({ type: [String] }) immigrationTypes?: string[];
  @ApiPropertyOptional({ nullable: true, type: String }) effectiveDate?: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) sourceUrl?: string | null;
  // By name: HandoffDto is the handoffs library's, which depends on this one.
  @ApiPropertyOptional({
    allOf: [{ $ref: '#/components/schemas/HandoffDto' }],
    description: 'A handoff offer made to the channel, as it stands now',
  })
  handoff?: HandoffPayload;
}

/** A post in a feed: its own office also sees which of its cases is linked. */
export class PostDto extends PostPayloadDto {
  @ApiProperty({ nullable: true, type: String, description: "The linked case's reference, for its own office only" })
  caseRef: string | null;
}

export class FeedPageDto {
  @ApiProperty({ type: [PostDto] }) items: PostDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class AlertDto extends PostDto {
  @ApiProperty({ description: "Open files of the caller's office that this alert touches" }) affectedOpenCases: number;
  @ApiProperty({ description: 'The caller has acknowledged it' }) acknowledged: boolean;
}

export class AlertPageDto {
  @ApiProperty({ type: [AlertDto] }) items: AlertDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class AckDto {
  @ApiProperty({ format: 'uuid' }) alertId: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ format: 'uuid' }) officeId: string;
  @ApiProperty({ format: 'date-time' }) ackedAt: string;
}

export class AckListItemDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ format: 'uuid' }) officeId: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ format: 'date-time' }) ackedAt: string;
}

export class AckPageDto {
  @ApiProperty({ type: [AckListItemDto] }) items: AckListItemDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class AlertAcknowledgedDto extends AckDto implements LiveEventData<'alert.acknowledged'> {
  @ApiProperty({ format: 'uuid' }) channelId: string;
}

export class MessageDeletedDto implements LiveEventData<'message.deleted'> {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) channelId: string;
}

export class AlertReminderDto implements LiveEventData<'alert.reminder'> {
  @ApiProperty({ format: 'uuid' }) alertId: string;
  @ApiProperty({ format: 'uuid' }) channelId: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ['urgent'] }) severity: 'urgent';
  @ApiProperty({ format: 'date-time' }) postedAt: string;
}

export class ChannelCreatedDto implements LiveEventData<'channel.created'> {
  @ApiProperty({ format: 'uuid' }) channelId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: CHANNEL_KINDS }) kind: LiveEventData<'channel.created'>['kind'];
}

/** `channel.member_added` and `channel.member_removed`. */
export class ChannelMemberDto implements LiveEventData<'channel.member_added'> {
  @ApiProperty({ format: 'uuid' }) channelId: string;
  @ApiProperty({ format: 'uuid' }) officeId: string;
}

/** Which class describes the `data` of each event this library sends (see liveEventDataClasses). */
export const CHANNEL_EVENT_DATA = {
  'message.posted': PostPayloadDto,
  'message.edited': PostPayloadDto,
  'message.deleted': MessageDeletedDto,
  'alert.posted': PostPayloadDto,
  'alert.acknowledged': AlertAcknowledgedDto,
  'alert.reminder': AlertReminderDto,
  'channel.created': ChannelCreatedDto,
  'channel.member_added': ChannelMemberDto,
  'channel.member_removed': ChannelMemberDto,
} satisfies Partial<LiveEventDataClasses>;
