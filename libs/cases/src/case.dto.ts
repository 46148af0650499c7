import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { Optional, PageQuery } from '@relay/platform';
import {
  CATEGORIES,
  type Category,
  COMPLEXITIES,
  type Complexity,
  CONSENT_SCOPES,
  type ConsentScope,
  IMMIGRATION_TYPES,
  type ImmigrationType,
  STATUSES,
  type CaseStatus,
  URGENCIES,
  type Urgency,
} from './case.enums.js';

const LANGUAGE = /^[a-z]{2,3}$/;
const languageMessage = 'each language must be an ISO 639 code like "en"';

export class ConstituentDto {
  @ApiProperty({ maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  fullName: string;

  @ApiPropertyOptional({ example: '1980-04-30' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'dateOfBirth must be a date like 1980-04-30' })
  dateOfBirth?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ example: '+1 613 555 0199' })
  @IsOptional()
  @Matches(/^[+0-9 ().-]{3,40}$/, { message: 'phone may hold digits, spaces, +, (, ), . and -' })
  phone?: string;

  @ApiPropertyOptional({ description: "IRCC's Unique Client Identifier", example: '1234-5678' })
  @IsOptional()
  @Matches(/^\d{4}-?\d{4}(-?\d{2})?$/, { message: 'uci must be 8 or 10 digits' })
  uci?: string;

  @ApiPropertyOptional({ example: 'E001234567' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9-]{1,40}$/, { message: 'applicationNumber must be letters, digits and dashes' })
  applicationNumber?: string;
}

export class ConstituentUpdateDto {
  @ApiPropertyOptional() @Optional() @IsString() @MinLength(1) @MaxLength(200) fullName?: string;
  @ApiPropertyOptional()
  @Optional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/)
  dateOfBirth?: string;
  @ApiPropertyOptional() @Optional() @IsEmail() @MaxLength(254) email?: string;
  @ApiPropertyOptional() @Optional() @Matches(/^[+0-9 ().-]{3,40}$/) phone?: string;
  @ApiPropertyOptional() @Optional() @Matches(/^\d{4}-?\d{4}(-?\d{2})?$/) uci?: string;
  @ApiPropertyOptional() @Optional() @Matches(/^[A-Za-z0-9-]{1,40}$/) applicationNumber?: string;
}

export class CreateCaseDto {
  @ApiProperty({ enum: CATEGORIES })
  @IsIn(CATEGORIES)
  category: Category;

  @ApiPropertyOptional({ enum: IMMIGRATION_TYPES, description: 'Only when category is immigration' })
  @IsOptional()
  @IsIn(IMMIGRATION_TYPES)
  immigrationType?: ImmigrationType;

  @ApiProperty({ maxLength: 4000, description: 'What the file is about. Searchable by the handling office.' })
  @IsString()
  @MinLength(1)
  @MaxLength(4000)
  summary: string;

  @ApiProperty({ enum: URGENCIES })
  @IsIn(URGENCIES)
  urgency: Urgency;

  @ApiProperty({ enum: COMPLEXITIES })
  @IsIn(COMPLEXITIES)
  complexity: Complexity;

  @ApiPropertyOptional({ format: 'date-time', description: 'e.g. a removal date' })
  @IsOptional()
  @IsISO8601({ strict: true })
  deadline?: string;

  @ApiPropertyOptional({ type: [String], example: ['en'] })
  @Optional()
  @IsArray()
  @ArrayMaxSize(10)
  @Matches(LANGUAGE, { each: true, message: languageMessage })
  languages: string[] = [];

  @ApiPropertyOptional({ format: 'uuid', description: "The constituent's riding; defaults to the caller's office" })
  @IsOptional()
  @IsUUID()
  homeOfficeId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  assigneeId?: string;

  @ApiProperty({ type: ConstituentDto })
  @IsObject() // ValidateNested alone lets a missing constituent through
  @ValidateNested()
  @Type(() => ConstituentDto)
  constituent: ConstituentDto;
}

export class UpdateCaseDto {
  @ApiPropertyOptional({ enum: STATUSES }) @Optional() @IsIn(STATUSES) status?: CaseStatus;
  @ApiPropertyOptional({ enum: CATEGORIES }) @Optional() @IsIn(CATEGORIES) category?: Category;

  @ApiPropertyOptional({ enum: IMMIGRATION_TYPES, nullable: true })
  @ValidateIf((_, value) => value !== null)
  @IsOptional()
  @IsIn(IMMIGRATION_TYPES)
  immigrationType?: ImmigrationType | null;

  @ApiPropertyOptional() @Optional() @IsString() @MinLength(1) @MaxLength(4000) summary?: string;
  @ApiPropertyOptional({ enum: URGENCIES }) @Optional() @IsIn(URGENCIES) urgency?: Urgency;
  @ApiPropertyOptional({ enum: COMPLEXITIES }) @Optional() @IsIn(COMPLEXITIES) complexity?: Complexity;

  @ApiPropertyOptional({ format: 'date-time', nullable: true })
  @ValidateIf((_, value) => value !== null)
  @IsOptional()
  @IsISO8601({ strict: true })
  deadline?: string | null;

  @ApiPropertyOptional({ type: [String] })
  @Optional()
  @IsArray()
  @ArrayMaxSize(10)
  @Matches(LANGUAGE, { each: true, message: languageMessage })
  languages?: string[];

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @ValidateIf((_, value) => value !== null)
  @IsOptional()
  @IsUUID()
  assigneeId?: string | null;

  @ApiPropertyOptional({ type: ConstituentUpdateDto })
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => ConstituentUpdateDto)
  constituent?: ConstituentUpdateDto;
}

export class CaseQuery extends PageQuery {
  @ApiPropertyOptional({ enum: STATUSES }) @IsOptional() @IsIn(STATUSES) status?: CaseStatus;
  @ApiPropertyOptional({ enum: CATEGORIES }) @IsOptional() @IsIn(CATEGORIES) category?: Category;
  @ApiPropertyOptional({ enum: IMMIGRATION_TYPES })
  @IsOptional()
  @IsIn(IMMIGRATION_TYPES)
  immigrationType?: ImmigrationType;
  @ApiPropertyOptional({ enum: URGENCIES }) @IsOptional() @IsIn(URGENCIES) urgency?: Urgency;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() assigneeId?: string;

  @ApiPropertyOptional({ description: 'Full-text search over summary and notes (your office only)' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({
    enum: ['handling', 'home'],
    default: 'handling',
    description: 'handling: files your office works on; home: files of your riding handled elsewhere',
  })
  @IsOptional()
  @IsIn(['handling', 'home'])
  scope: 'handling' | 'home' = 'handling';
}

export class QueueQuery extends PageQuery {
  @ApiPropertyOptional({ enum: URGENCIES }) @IsOptional() @IsIn(URGENCIES) urgency?: Urgency;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() assigneeId?: string;
}

export class CreateNoteDto {
  @ApiProperty({ maxLength: 10000 })
  @IsString()
  @MinLength(1)
  @MaxLength(10000)
  body: string;
}

export class CreateConsentDto {
  @ApiProperty({ enum: CONSENT_SCOPES })
  @IsIn(CONSENT_SCOPES)
  scope: ConsentScope;

  @ApiProperty({ format: 'date-time' })
  @IsISO8601({ strict: true })
  grantedAt: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  expiresAt?: string;

  @ApiProperty({ description: 'Where the signed consent is kept, e.g. "IMM 5476 signed, scanned to file"' })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  evidence: string;
}
