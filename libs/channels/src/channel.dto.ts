import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { Transform } from 'class-transformer';
import { ALERT_SEVERITIES, Optional, PageQuery } from '@relay/platform';
import { CATEGORIES, IMMIGRATION_TYPES } from '@relay/cases';

export const SEVERITIES = ALERT_SEVERITIES;
export type Severity = (typeof SEVERITIES)[number];
const MAX_BODY = 8000;

export class CreateChannelDto {
  @ApiProperty({ example: 'Ottawa-area offices' })
  @IsString()
  @MinLength(1)
  @MaxLength(120)
  name: string;

  @ApiProperty({ enum: ['region', 'custom'], description: 'party channels are made and kept by the server' })
  @IsIn(['region', 'custom'])
  kind: 'region' | 'custom';

  @ApiProperty({ type: [String], format: 'uuid', description: "The caller's own office is always added" })
  @IsArray()
  @ArrayMaxSize(500)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  memberOfficeIds: string[];
}

export class AddMemberDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  officeId: string;
}

export class PostMessageDto {
  @ApiProperty({
    maxLength: MAX_BODY,
    description: 'Shared with every member office: never put constituent details here (use caseRef)',
  })
  @IsString()
  @Matches(/\S/, { message: 'body must not be blank' })
  @MaxLength(MAX_BODY)
  body: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Reply to a top-level message of this channel' })
  @Optional()
  @IsUUID()
  replyToId?: string;

  @ApiPropertyOptional({
    example: '35067-26-00042',
    description: "One of your office's case references; other offices see only that a case is linked",
  })
  @Optional()
  @Matches(/^[A-Za-z0-9-]{1,40}$/)
  caseRef?: string;
}

export class EditMessageDto {
  @ApiProperty({ maxLength: MAX_BODY })
  @IsString()
  @Matches(/\S/, { message: 'body must not be blank' })
  @MaxLength(MAX_BODY)
  body: string;
}

export class PostAlertDto {
  @ApiProperty({ maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @ApiProperty({ maxLength: MAX_BODY })
  @IsString()
  @Matches(/\S/, { message: 'body must not be blank' })
  @MaxLength(MAX_BODY)
  body: string;

  @ApiProperty({ enum: SEVERITIES })
  @IsIn(SEVERITIES)
  severity: Severity;

  @ApiPropertyOptional({ enum: CATEGORIES, isArray: true })
  @Optional()
  @IsArray()
  @ArrayUnique()
  @IsIn(CATEGORIES, { each: true })
  categories: string[] = [];

  @ApiPropertyOptional({ enum: IMMIGRATION_TYPES, isArray: true })
  @Optional()
  @IsArray()
  @ArrayUnique()
  @IsIn(IMMIGRATION_TYPES, { each: true })
  immigrationTypes: string[] = [];

  @ApiPropertyOptional({ example: '2026-12-01' })
  @Optional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'effectiveDate must be a date like 2026-12-01' })
  effectiveDate?: string;

  @ApiPropertyOptional({ example: 'https://www.canada.ca/en/immigration-refugees-citizenship/news.html' })
  @Optional()
  @IsUrl({ protocols: ['https', 'http'], require_protocol: true })
  @MaxLength(2000)
  sourceUrl?: string;
}

export class AlertQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Only alerts you have not acknowledged' })
  @Optional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  unacknowledged?: boolean;
}

export class FeedQuery extends PageQuery {
  @ApiPropertyOptional({
    description: 'The newest `limit` posts (still oldest first) instead of the oldest; what a feed on screen shows',
  })
  @Optional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  latest?: boolean;
}
