import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsISO8601,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';
import { HANDOFF_STATUSES, Optional, PageQuery, TRADE_STATUSES } from '@relay/platform';

const NOTE = { maxLength: 2000, description: 'Shared with the other office(s): no constituent details' };

export class CreateHandoffDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  caseId: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Offer to one office (exactly one of toOfficeId, channelId)' })
  @Optional()
  @IsUUID()
  toOfficeId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Offer to every member office of a channel' })
  @Optional()
  @IsUUID()
  channelId?: string;

  @ApiProperty(NOTE)
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  note: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Defaults to OFFER_TTL_HOURS (shorter for emergencies)' })
  @Optional()
  @IsISO8601({ strict: true })
  expiresAt?: string;
}

export class ReasonDto {
  @ApiPropertyOptional({ maxLength: 1000 })
  @Optional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

export class HandoffQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['incoming', 'outgoing'] })
  @Optional()
  @IsIn(['incoming', 'outgoing'])
  direction?: 'incoming' | 'outgoing';

  @ApiPropertyOptional({ enum: HANDOFF_STATUSES })
  @Optional()
  @IsIn(HANDOFF_STATUSES)
  status?: string;
}

export class SuggestionQuery {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  caseId: string;
}

export class CreateTradeDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  counterpartyOfficeId: string;

  @ApiProperty({ type: [String], format: 'uuid', description: 'Your files that go to the counterparty' })
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  giveCaseIds: string[];

  @ApiProperty({ type: [String], format: 'uuid', description: "The counterparty's files that come to you" })
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  takeCaseIds: string[];

  @ApiProperty(NOTE)
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  note: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @Optional()
  @IsISO8601({ strict: true })
  expiresAt?: string;
}

export class TradeQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['incoming', 'outgoing'] })
  @Optional()
  @IsIn(['incoming', 'outgoing'])
  direction?: 'incoming' | 'outgoing';

  @ApiPropertyOptional({ enum: TRADE_STATUSES })
  @Optional()
  @IsIn(TRADE_STATUSES)
  status?: string;
}
