import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { type LiveEventDataClasses, PageQuery, type PrecedentPayload } from '@relay/platform';
import {
  CATEGORIES,
  type Category,
  IMMIGRATION_TYPES,
  type ImmigrationType,
  OUTCOMES,
  type Outcome,
} from '@relay/cases';

export class SharePrecedentDto {
  @ApiProperty({ format: 'uuid', description: "One of the caller's office's channels" })
  @IsUUID()
  channelId: string;

  @ApiProperty({ maxLength: 200, example: 'Study permit refusal reversed after a new letter of acceptance' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title: string;

  @ApiProperty({
    maxLength: 10000,
    description:
      'What worked. Never the constituent: names, identifiers, contact details and dates of birth are refused',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(10000)
  lessons: string;
}

export class PrecedentQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'Full-text, English and French, accents ignored' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: CATEGORIES }) @IsOptional() @IsIn(CATEGORIES) category?: Category;

  @ApiPropertyOptional({ enum: IMMIGRATION_TYPES })
  @IsOptional()
  @IsIn(IMMIGRATION_TYPES)
  immigrationType?: ImmigrationType;

  @ApiPropertyOptional({ enum: OUTCOMES }) @IsOptional() @IsIn(OUTCOMES) outcome?: Outcome;
}

/** Also the `data` of `precedent.shared`. */
export class PrecedentDto implements PrecedentPayload {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) channelId: string;
  @ApiProperty({ format: 'uuid' }) officeId: string;
  @ApiProperty({ enum: CATEGORIES }) category: string;
  @ApiProperty({ enum: IMMIGRATION_TYPES, nullable: true, type: String }) immigrationType: string | null;
  @ApiProperty({ enum: OUTCOMES }) outcome: string;
  @ApiProperty({ description: 'Whole days from opening to closing' }) daysOpen: number;
  @ApiProperty() title: string;
  @ApiProperty() lessons: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class PrecedentPageDto {
  @ApiProperty({ type: [PrecedentDto] }) items: PrecedentDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

/** Which class describes the `data` of each event this library sends (see liveEventDataClasses). */
export const KNOWLEDGE_EVENT_DATA = { 'precedent.shared': PrecedentDto } satisfies Partial<LiveEventDataClasses>;
