import { ApiProperty } from '@nestjs/swagger';
import type { LiveEventData, LiveEventDataClasses } from '@relay/platform';
import { DOCUMENT_KINDS, LETTER_KINDS, LETTER_LANGUAGES } from './document.dto.js';
import { MEDIA_TYPES } from './sniff.js';

export interface DocumentRow {
  id: string;
  caseId: string;
  kind: string;
  title: string | null;
  filename: string;
  mediaType: string;
  bytes: string | number;
  sha256: string;
  store: 'pg' | 'bucket';
  uploadedBy: string;
  uploadedAt: Date;
  deletedAt: Date | null;
  deletedBy: string | null;
  deletedReason: string | null;
}

export interface LetterTemplateRow {
  id: string;
  officeId: string;
  name: string;
  language: 'en' | 'fr';
  kind: string;
  body: string;
  version: number;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export function toDocumentView(row: DocumentRow) {
  return {
    id: row.id,
    caseId: row.caseId,
    kind: row.kind,
    title: row.title,
    filename: row.filename,
    mediaType: row.mediaType,
    bytes: Number(row.bytes),
    sha256: row.sha256,
    uploadedBy: row.uploadedBy,
    uploadedAt: row.uploadedAt.toISOString(),
    deleted: row.deletedAt !== null,
    deletedAt: row.deletedAt?.toISOString() ?? null,
    deletedBy: row.deletedBy,
    deletedReason: row.deletedReason,
  };
}

export function toTemplateView(row: LetterTemplateRow) {
  return {
    id: row.id,
    officeId: row.officeId,
    name: row.name,
    language: row.language,
    kind: row.kind,
    body: row.body,
    version: row.version,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

// OpenAPI shapes of the views above.
export class DocumentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ enum: DOCUMENT_KINDS }) kind: string;
  @ApiProperty({ nullable: true, type: String }) title: string | null;
  @ApiProperty({ description: 'Sanitised: no directories, no control characters' }) filename: string;
  @ApiProperty({ enum: MEDIA_TYPES, description: 'Sniffed from the bytes' }) mediaType: string;
  @ApiProperty() bytes: number;
  @ApiProperty({ description: 'SHA-256 of the bytes, hex; also the ETag of its content' }) sha256: string;
  @ApiProperty({ format: 'uuid' }) uploadedBy: string;
  @ApiProperty({ format: 'date-time' }) uploadedAt: string;
  @ApiProperty({ description: 'A tombstone: the bytes are gone, the row stays' }) deleted: boolean;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) deletedAt: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) deletedBy: string | null;
  @ApiProperty({ nullable: true, type: String }) deletedReason: string | null;
}

export class DocumentPageDto {
  @ApiProperty({ type: [DocumentDto] }) items: DocumentDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class LetterTemplateDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) officeId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: LETTER_LANGUAGES }) language: string;
  @ApiProperty({ enum: LETTER_KINDS }) kind: string;
  @ApiProperty() body: string;
  @ApiProperty() version: number;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) createdBy: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class LetterTemplatePageDto {
  @ApiProperty({ type: [LetterTemplateDto] }) items: LetterTemplateDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

/** The `data` of `document.added` (AsyncAPI): never the document's name or title. */
export class DocumentAddedDto implements LiveEventData<'document.added'> {
  @ApiProperty({ format: 'uuid' }) documentId: string;
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty({ description: "The file's reference" }) reference: string;
  @ApiProperty({ enum: DOCUMENT_KINDS }) kind: string;
  @ApiProperty({ enum: MEDIA_TYPES }) mediaType: string;
  @ApiProperty() bytes: number;
}

/** Which class describes the `data` of each event this library sends (see liveEventDataClasses). */
export const DOCUMENT_EVENT_DATA = { 'document.added': DocumentAddedDto } satisfies Partial<LiveEventDataClasses>;
