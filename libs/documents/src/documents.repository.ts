import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { rowsOf, type Tx } from '@relay/platform';
import type { DocumentRow, LetterTemplateRow } from './document.views.js';

const DOCUMENT_COLUMNS = `id, case_id AS "caseId", kind, title, filename, media_type AS "mediaType", bytes, sha256, store,
  uploaded_by AS "uploadedBy", uploaded_at AS "uploadedAt", deleted_at AS "deletedAt", deleted_by AS "deletedBy",
  deleted_reason AS "deletedReason"`;

const TEMPLATE_COLUMNS = `id, office_id AS "officeId", name, language, kind, body, version, created_by AS "createdBy",
  created_at AS "createdAt", updated_at AS "updatedAt"`;

/**
 * Documents hang off their case (the service checks the caller's office handles it);
 * letter templates belong to an office, and every template query names it.
 */
@Injectable()
export class DocumentsRepository {
  constructor(private readonly dataSource: DataSource) {}

  get reader(): Tx {
    return this.dataSource.manager;
  }

  async insert(tx: Tx, row: Omit<DocumentRow, 'uploadedAt' | 'deletedAt' | 'deletedBy' | 'deletedReason'>) {
    const [saved] = rowsOf<DocumentRow>(
      await tx.query(
        `INSERT INTO documents (id, case_id, kind, title, filename, media_type, bytes, sha256, store, uploaded_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${DOCUMENT_COLUMNS}`,
        [
          row.id,
          row.caseId,
          row.kind,
          row.title,
          row.filename,
          row.mediaType,
          row.bytes,
          row.sha256,
          row.store,
          row.uploadedBy,
        ],
      ),
    );
    return saved;
  }

  async find(tx: Tx, documentId: string, lock = false): Promise<DocumentRow | null> {
    const [row] = rowsOf<DocumentRow>(
      await tx.query(`SELECT ${DOCUMENT_COLUMNS} FROM documents WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [
        documentId,
      ]),
    );
    return row ?? null;
  }

  /** A case's documents, newest first, tombstones included. */
  async listForCase(tx: Tx, caseId: string, after: [string, string] | undefined, limit: number) {
    const params: unknown[] = [caseId, limit];
    const keyset = after ? `AND (uploaded_at, id) < ($3::timestamptz, $4::uuid)` : '';
    if (after) params.push(after[0], after[1]);
    return rowsOf<DocumentRow>(
      await tx.query(
        `SELECT ${DOCUMENT_COLUMNS} FROM documents WHERE case_id = $1 ${keyset}
         ORDER BY uploaded_at DESC, id DESC LIMIT $2`,
        params,
      ),
    );
  }

  async markDeleted(tx: Tx, documentId: string, userId: string, reason: string): Promise<void> {
    await tx.query(`UPDATE documents SET deleted_at = now(), deleted_by = $2, deleted_reason = $3 WHERE id = $1`, [
      documentId,
      userId,
      reason,
    ]);
  }

  /** Whether the document is a consent form of the file that still has its bytes (locked against a delete). */
  async isLiveConsentForm(tx: Tx, caseId: string, documentId: string): Promise<boolean> {
    const rows = rowsOf(
      await tx.query(
        `SELECT 1 FROM documents WHERE id = $1 AND case_id = $2 AND kind = 'consent_form' AND deleted_at IS NULL
         FOR SHARE`,
        [documentId, caseId],
      ),
    );
    return rows.length > 0;
  }

  /** Of these bucket objects, the ones no live document row points at. */
  async orphans(tx: Tx, documentIds: string[]): Promise<string[]> {
    const rows = rowsOf<{ id: string }>(
      await tx.query(
        `SELECT o.id FROM unnest($1::text[]) AS o(id)
         WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id::text = o.id AND d.store = 'bucket' AND d.deleted_at IS NULL)`,
        [documentIds],
      ),
    );
    return rows.map((row) => row.id);
  }

  async insertTemplate(tx: Tx, officeId: string, userId: string | null, dto: Omit<LetterTemplateRow, keyof Meta>) {
    const [row] = rowsOf<LetterTemplateRow>(
      await tx.query(
        `INSERT INTO letter_templates (office_id, created_by, name, language, kind, body)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${TEMPLATE_COLUMNS}`,
        [officeId, userId, dto.name, dto.language, dto.kind, dto.body],
      ),
    );
    return row;
  }

  async findTemplate(tx: Tx, officeId: string, templateId: string): Promise<LetterTemplateRow | null> {
    const [row] = rowsOf<LetterTemplateRow>(
      await tx.query(`SELECT ${TEMPLATE_COLUMNS} FROM letter_templates WHERE id = $1 AND office_id = $2`, [
        templateId,
        officeId,
      ]),
    );
    return row ?? null;
  }

  async listTemplates(officeId: string, after: [string, string] | undefined, limit: number) {
    const params: unknown[] = [officeId, limit];
    const keyset = after ? `AND (created_at, id) > ($3::timestamptz, $4::uuid)` : '';
    if (after) params.push(after[0], after[1]);
    return rowsOf<LetterTemplateRow>(
      await this.reader.query(
        `SELECT ${TEMPLATE_COLUMNS} FROM letter_templates WHERE office_id = $1 ${keyset}
         ORDER BY created_at, id LIMIT $2`,
        params,
      ),
    );
  }
}

type Meta = Pick<LetterTemplateRow, 'id' | 'officeId' | 'version' | 'createdBy' | 'createdAt' | 'updatedAt'>;
