import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { rowsOf, type Tx } from '@relay/platform';
import type { ChecklistItemRow, TemplateRow } from './casework.views.js';

const TEMPLATE_COLUMNS = `t.id, t.office_id AS "officeId", t.name, t.category, t.immigration_type AS "immigrationType",
  t.items, t.shared_with_channel_ids AS "sharedWithChannelIds", t.version, t.created_by AS "createdBy",
  t.created_at AS "createdAt", t.updated_at AS "updatedAt"`;

const ITEM_COLUMNS = `id, case_id AS "caseId", template_id AS "templateId", position, text, note,
  done_at AS "doneAt", done_by AS "doneBy"`;

export type TemplateFields = Pick<
  TemplateRow,
  'name' | 'category' | 'immigrationType' | 'items' | 'sharedWithChannelIds'
>;

/** Templates belong to an office and reach the channels it shares them to; checklists hang off their case. */
@Injectable()
export class ChecklistsRepository {
  constructor(private readonly dataSource: DataSource) {}

  get reader(): Tx {
    return this.dataSource.manager;
  }

  async insertTemplate(tx: Tx, officeId: string, createdBy: string, fields: TemplateFields): Promise<TemplateRow> {
    const [row] = rowsOf<TemplateRow>(
      await tx.query(
        `INSERT INTO checklist_templates AS t (office_id, created_by, name, category, immigration_type, items,
           shared_with_channel_ids)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::uuid[]) RETURNING ${TEMPLATE_COLUMNS}`,
        [
          officeId,
          createdBy,
          fields.name,
          fields.category,
          fields.immigrationType,
          JSON.stringify(fields.items),
          fields.sharedWithChannelIds,
        ],
      ),
    );
    return row;
  }

  async updateTemplate(tx: Tx, id: string, fields: TemplateFields): Promise<TemplateRow> {
    const [row] = rowsOf<TemplateRow>(
      await tx.query(
        `UPDATE checklist_templates t SET name = $2, category = $3, immigration_type = $4, items = $5::jsonb,
           shared_with_channel_ids = $6::uuid[], version = version + 1, updated_at = now()
         WHERE id = $1 RETURNING ${TEMPLATE_COLUMNS}`,
        [
          id,
          fields.name,
          fields.category,
          fields.immigrationType,
          JSON.stringify(fields.items),
          fields.sharedWithChannelIds,
        ],
      ),
    );
    return row;
  }

  /** A template the office may use (its own, or shared to one of `channelIds`); locked when asked. */
  async findUsable(
    tx: Tx,
    officeId: string,
    channelIds: string[],
    id: string,
    lock = false,
  ): Promise<TemplateRow | null> {
    const [row] = rowsOf<TemplateRow>(
      await tx.query(
        `SELECT ${TEMPLATE_COLUMNS} FROM checklist_templates t
         WHERE t.id = $1 AND (t.office_id = $2 OR t.shared_with_channel_ids && $3::uuid[])${lock ? ' FOR UPDATE' : ''}`,
        [id, officeId, channelIds],
      ),
    );
    return row ?? null;
  }

  async listUsable(
    officeId: string,
    channelIds: string[],
    filter: { category?: string; immigrationType?: string },
    after: [string, string] | undefined,
    limit: number,
  ): Promise<TemplateRow[]> {
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    const where = [`(t.office_id = ${param(officeId)} OR t.shared_with_channel_ids && ${param(channelIds)}::uuid[])`];
    if (filter.category) where.push(`t.category = ${param(filter.category)}`);
    if (filter.immigrationType) where.push(`t.immigration_type = ${param(filter.immigrationType)}`);
    if (after) where.push(`(t.created_at, t.id) > (${param(after[0])}::timestamptz, ${param(after[1])}::uuid)`);
    return rowsOf(
      await this.reader.query(
        `SELECT ${TEMPLATE_COLUMNS} FROM checklist_templates t WHERE ${where.join(' AND ')}
         ORDER BY t.created_at, t.id LIMIT ${param(limit)}`,
        params,
      ),
    );
  }

  /**
   * The template a new file gets: the office's own before a shared one, one for the file's
   * immigration type before one for its whole category, then the most recently changed.
   */
  async bestMatch(
    tx: Tx,
    officeId: string,
    category: string,
    immigrationType: string | null,
  ): Promise<TemplateRow | null> {
    // The office's channels are read in the same statement: a case is being created in `tx`,
    // and a second connection for them could starve the pool under load.
    const [row] = rowsOf<TemplateRow>(
      await tx.query(
        `SELECT ${TEMPLATE_COLUMNS} FROM checklist_templates t
         WHERE t.category = $2 AND (t.immigration_type IS NULL OR t.immigration_type = $3)
           AND (t.office_id = $1
             OR t.shared_with_channel_ids && ARRAY(SELECT channel_id FROM channel_members WHERE office_id = $1))
         ORDER BY (t.office_id = $1) DESC, (t.immigration_type IS NOT NULL) DESC, t.updated_at DESC, t.id
         LIMIT 1`,
        [officeId, category, immigrationType],
      ),
    );
    return row ?? null;
  }

  async copyToCase(tx: Tx, caseId: string, template: TemplateRow): Promise<void> {
    await tx.query(
      `INSERT INTO case_checklist_items (case_id, template_id, position, text)
       SELECT $1, $2, ordinality, item ->> 'text' FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS e(item, ordinality)`,
      [caseId, template.id, JSON.stringify(template.items)],
    );
  }

  async items(tx: Tx, caseId: string): Promise<ChecklistItemRow[]> {
    return rowsOf(
      await tx.query(`SELECT ${ITEM_COLUMNS} FROM case_checklist_items WHERE case_id = $1 ORDER BY position`, [caseId]),
    );
  }

  async findItem(tx: Tx, caseId: string, itemId: string): Promise<ChecklistItemRow | null> {
    const [row] = rowsOf<ChecklistItemRow>(
      await tx.query(`SELECT ${ITEM_COLUMNS} FROM case_checklist_items WHERE id = $1 AND case_id = $2 FOR UPDATE`, [
        itemId,
        caseId,
      ]),
    );
    return row ?? null;
  }

  async updateItem(
    tx: Tx,
    itemId: string,
    change: { doneAt: Date | null; doneBy: string | null; note: string | null },
  ): Promise<ChecklistItemRow> {
    const [row] = rowsOf<ChecklistItemRow>(
      await tx.query(
        `UPDATE case_checklist_items SET done_at = $2, done_by = $3, note = $4 WHERE id = $1 RETURNING ${ITEM_COLUMNS}`,
        [itemId, change.doneAt, change.doneBy, change.note],
      ),
    );
    return row;
  }
}
