import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { Optional, PageQuery } from '@relay/platform';

export const DOCUMENT_KINDS = [
  'consent_form',
  'ircc_letter',
  'identity',
  'evidence',
  'correspondence',
  'other',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const LETTER_LANGUAGES = ['en', 'fr'] as const;
export const LETTER_KINDS = ['support_letter', 'ircc_enquiry', 'constituent_update', 'other'] as const;

/** The form fields that travel with the file (validated once the upload has been read). */
export class UploadFieldsDto {
  @IsIn(DOCUMENT_KINDS)
  kind: DocumentKind;

  @Optional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title?: string;
}

/** The multipart body, for the OpenAPI document. */
export class UploadDocumentDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'PDF, JPEG, PNG, HEIC, DOCX or plain text' })
  file: unknown;

  @ApiProperty({ enum: DOCUMENT_KINDS })
  kind: DocumentKind;

  @ApiPropertyOptional({ maxLength: 200 })
  title?: string;
}

export class DeleteDocumentQuery {
  @ApiProperty({ minLength: 1, maxLength: 500, description: 'Why the document is removed (kept in the tombstone)' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason: string;
}

export class DocumentListQuery extends PageQuery {}

export class CreateLetterTemplateDto {
  @ApiProperty({ maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: LETTER_LANGUAGES })
  @IsIn(LETTER_LANGUAGES)
  language: (typeof LETTER_LANGUAGES)[number];

  @ApiProperty({ enum: LETTER_KINDS })
  @IsIn(LETTER_KINDS)
  kind: (typeof LETTER_KINDS)[number];

  @ApiProperty({
    maxLength: 20000,
    description:
      'Mustache, logic-less: only {{constituent.fullName}}, {{constituent.uci}}, {{constituent.applicationNumber}}, ' +
      '{{case.reference}}, {{office.name}}, {{office.nameFr}}, {{mp.name}} and {{today}}',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(20000)
  body: string;
}

export class CreateLetterDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  templateId: string;
}

/** The one route whose body is not JSON: the upload reads its multipart stream itself. */
export const MULTIPART_ROUTES = [{ method: 'POST', path: /^\/api\/v1\/cases\/[^/]+\/documents\/?$/ }];
