import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { Optional, PageQuery } from '@relay/platform';
import { CATEGORIES, type Category, IMMIGRATION_TYPES, type ImmigrationType } from '@relay/cases';

export const INTERACTION_KINDS = [
  'call',
  'email',
  'visit',
  'letter',
  'ircc_enquiry',
  'ircc_reply',
  'mcmps_appointment',
] as const;
export type InteractionKind = (typeof INTERACTION_KINDS)[number];
export const DIRECTIONS = ['inbound', 'outbound'] as const;
export const MCMPS_SLOTS = [15, 30, 45, 60] as const;

const ISO = { strict: true, strictSeparator: true } as const;

export class CreateFollowUpDto {
  @ApiProperty({ format: 'date-time', description: 'From a week ago to five years ahead' })
  @IsISO8601(ISO)
  dueAt: string;

  @ApiProperty({ maxLength: 2000, description: 'Constituent data: stays in the handling office' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  note: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A member of the handling office; default the caller' })
  @Optional()
  @IsUUID()
  assigneeId?: string;
}

export class FollowUpQuery extends PageQuery {
  @ApiPropertyOptional({
    enum: ['overdue', 'today', 'week'],
    description: 'overdue: due before now; today: due today; week: due today or in the six days after (Ottawa days)',
  })
  @IsOptional()
  @IsIn(['overdue', 'today', 'week'])
  due?: 'overdue' | 'today' | 'week';

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() assigneeId?: string;
}

export class CreateInteractionDto {
  @ApiProperty({ enum: INTERACTION_KINDS }) @IsIn(INTERACTION_KINDS) kind: InteractionKind;
  @ApiProperty({ enum: DIRECTIONS }) @IsIn(DIRECTIONS) direction: 'inbound' | 'outbound';

  @ApiProperty({
    format: 'date-time',
    description: 'Not in the future, except a booked mcmps_appointment (up to a year ahead); not before 2000',
  })
  @IsISO8601(ISO)
  occurredAt: string;

  @ApiPropertyOptional({
    description: 'Minutes, 1-1440; an mcmps_appointment needs one of 15, 30, 45, 60',
    minimum: 1,
    maximum: 1440,
  })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(1440)
  durationMinutes?: number;

  @ApiProperty({ maxLength: 4000, description: 'Constituent data: stays in the handling office' })
  @IsString()
  @MinLength(1)
  @MaxLength(4000)
  summary: string;

  @ApiPropertyOptional({ description: "IRCC's reference of an enquiry and its reply", example: 'MCMPS-2026-0042' })
  @Optional()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9/-]{0,39}$/, { message: 'irccReference must be up to 40 letters, digits, - and /' })
  irccReference?: string;

  @ApiPropertyOptional({
    format: 'date-time',
    description: "ircc_enquiry only: when the reply is due; default IRCC's service standard",
  })
  @Optional()
  @IsISO8601(ISO)
  replyDueAt?: string;
}

export class InteractionQuery extends PageQuery {
  @ApiPropertyOptional({ enum: INTERACTION_KINDS }) @IsOptional() @IsIn(INTERACTION_KINDS) kind?: InteractionKind;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601(ISO) from?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601(ISO) to?: string;
}

export class ChecklistItemTextDto {
  @ApiProperty({ maxLength: 500 }) @IsString() @MinLength(1) @MaxLength(500) text: string;
}

export class CreateTemplateDto {
  @ApiProperty({ maxLength: 200 }) @IsString() @MinLength(1) @MaxLength(200) name: string;
  @ApiProperty({ enum: CATEGORIES }) @IsIn(CATEGORIES) category: Category;

  @ApiPropertyOptional({ enum: IMMIGRATION_TYPES, description: 'Only for immigration; none matches every type' })
  @Optional()
  @IsIn(IMMIGRATION_TYPES)
  immigrationType?: ImmigrationType;

  @ApiProperty({ type: [ChecklistItemTextDto], minItems: 1, maxItems: 100 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @IsObject({ each: true })
  @Type(() => ChecklistItemTextDto)
  items: ChecklistItemTextDto[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: "Channels of the caller's office" })
  @Optional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  sharedWithChannelIds?: string[];
}

export class UpdateTemplateDto {
  @ApiPropertyOptional({ maxLength: 200 }) @Optional() @IsString() @MinLength(1) @MaxLength(200) name?: string;
  @ApiPropertyOptional({ enum: CATEGORIES }) @Optional() @IsIn(CATEGORIES) category?: Category;

  @ApiPropertyOptional({ enum: IMMIGRATION_TYPES, nullable: true })
  @ValidateIf((_, value) => value !== null)
  @IsOptional()
  @IsIn(IMMIGRATION_TYPES)
  immigrationType?: ImmigrationType | null;

  @ApiPropertyOptional({ type: [ChecklistItemTextDto] })
  @Optional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @IsObject({ each: true })
  @Type(() => ChecklistItemTextDto)
  items?: ChecklistItemTextDto[];

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @Optional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  sharedWithChannelIds?: string[];
}

export class TemplateQuery extends PageQuery {
  @ApiPropertyOptional({ enum: CATEGORIES }) @IsOptional() @IsIn(CATEGORIES) category?: Category;
  @ApiPropertyOptional({ enum: IMMIGRATION_TYPES })
  @IsOptional()
  @IsIn(IMMIGRATION_TYPES)
  immigrationType?: ImmigrationType;
}

export class UpdateChecklistItemDto {
  @ApiProperty() @IsBoolean() done: boolean;

  @ApiPropertyOptional({ maxLength: 2000, nullable: true, description: 'Constituent data; null clears it' })
  @ValidateIf((_, value) => value !== null)
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}
