import { ApiProperty } from '@nestjs/swagger';
import {
  HANDOFF_STATUSES,
  type HandoffPayload,
  type LiveEventDataClasses,
  type RedactedFile,
  TRADE_STATUSES,
  type TradePayload,
} from '@relay/platform';

// OpenAPI shapes of HandoffPayload, TradePayload (libs/platform/src/events/live-event.ts), which
// are also the `data` of the handoff.* and trade.* live events, and of the ledger.
export class RedactedFileDto implements RedactedFile {
  @ApiProperty() category: string;
  @ApiProperty({ nullable: true, type: String }) immigrationType: string | null;
  @ApiProperty() urgency: string;
  @ApiProperty() complexity: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) deadline: string | null;
  @ApiProperty({ type: [String] }) languages: string[];
}

export class HandoffDto implements HandoffPayload {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ format: 'uuid' }) fromOfficeId: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) toOfficeId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) channelId: string | null;
  @ApiProperty() note: string;
  @ApiProperty({ type: RedactedFileDto, description: 'Never a constituent detail' }) summary: RedactedFileDto;
  @ApiProperty({ enum: HANDOFF_STATUSES }) status: HandoffPayload['status'];
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) decidedAt: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) acceptedByOfficeId: string | null;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
}

export class HandoffPageDto {
  @ApiProperty({ type: [HandoffDto] }) items: HandoffDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class TradeFileDto extends RedactedFileDto {
  @ApiProperty({ format: 'uuid' }) caseId: string;
}

export class TradeDto implements TradePayload {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) proposerOfficeId: string;
  @ApiProperty({ format: 'uuid' }) counterpartyOfficeId: string;
  @ApiProperty() note: string;
  @ApiProperty({ type: [TradeFileDto], description: 'Files the proposer gives' }) give: TradeFileDto[];
  @ApiProperty({ type: [TradeFileDto], description: 'Files the proposer takes' }) take: TradeFileDto[];
  @ApiProperty({ enum: TRADE_STATUSES }) status: TradePayload['status'];
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) decidedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) reason: string | null;
}

export class TradeTableDto {
  @ApiProperty({ type: [TradeFileDto], description: 'Open files with a live consent; redacted summaries only' })
  items: TradeFileDto[];
}

export class TradePageDto {
  @ApiProperty({ type: [TradeDto] }) items: TradeDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class SuggestionDto {
  @ApiProperty({ format: 'uuid' }) officeId: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty() score: number;
  @ApiProperty({ type: [String] }) reasons: string[];
  @ApiProperty() neighbour: boolean;
  @ApiProperty() sameParty: boolean;
  @ApiProperty({ description: 'Files of this immigration type resolved in the last two years' }) expertise: number;
  @ApiProperty({ type: [String], description: "The file's languages spoken there" }) languages: string[];
  @ApiProperty() openLoad: number;
}

export class SuggestionsDto {
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ type: [SuggestionDto] }) items: SuggestionDto[];
}

class LedgerLineDto {
  @ApiProperty({ enum: ['given', 'taken'] }) direction: string;
  @ApiProperty() category: string;
  @ApiProperty() complexity: string;
  @ApiProperty() files: number;
}

class LedgerOfficeDto {
  @ApiProperty({ format: 'uuid' }) officeId: string;
  @ApiProperty() given: number;
  @ApiProperty() taken: number;
  @ApiProperty({ description: 'taken − given' }) balance: number;
  @ApiProperty({ type: [LedgerLineDto] }) byCategory: LedgerLineDto[];
}

export class LedgerDto {
  @ApiProperty({ format: 'uuid' }) officeId: string;
  @ApiProperty({ type: [LedgerOfficeDto] }) offices: LedgerOfficeDto[];
}

/** Which class describes the `data` of each event this library sends (see liveEventDataClasses). */
export const HANDOFF_EVENT_DATA = {
  'handoff.offered': HandoffDto,
  'handoff.accepted': HandoffDto,
  'handoff.declined': HandoffDto,
  'handoff.withdrawn': HandoffDto,
  'handoff.expired': HandoffDto,
  'trade.proposed': TradeDto,
  'trade.accepted': TradeDto,
  'trade.declined': TradeDto,
  'trade.withdrawn': TradeDto,
  'trade.expired': TradeDto,
} satisfies Partial<LiveEventDataClasses>;
