import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { rowsOf, type Tx } from '@relay/platform';
import type { Constituent } from '@relay/cases';
import type { PrecedentQuery } from './precedent.dto.js';

export interface PrecedentRow {
  id: string;
  channel_id: string;
  office_id: string;
  category: string;
  immigration_type: string | null;
  outcome: string;
  days_open: number;
  title: string;
  lessons: string;
  created_at: Date;
}

export interface SourceFile {
  id: string;
  handling_office_id: string;
  status: string;
  category: string;
  immigration_type: string | null;
  outcome: string | null;
  created_at: Date;
  closed_at: Date | null;
  constituent: Constituent;
}

const COLUMNS = `p.id, p.channel_id, p.office_id, p.category, p.immigration_type, p.outcome, p.days_open, p.title,
  p.lessons, p.created_at`;

// English, French and plain words, accents folded on both sides (see the office-knowledge migration).
const MATCHES = (q: string) => `p.search @@ (websearch_to_tsquery('english', relay_fold(${q}))
  || websearch_to_tsquery('french', relay_fold(${q})) || websearch_to_tsquery('simple', relay_fold(${q})))`;

/** Precedents belong to channels; reads name the office asking, which sees its channels' only. */
@Injectable()
export class PrecedentsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The file as its handling or home office may see it (the caller checks which), or null. */
  async visibleFile(tx: Tx, officeId: string, caseId: string): Promise<SourceFile | null> {
    const [row] = rowsOf<SourceFile>(
      await tx.query(
        `SELECT id, handling_office_id, status, category, immigration_type, outcome, created_at, closed_at, constituent
         FROM cases WHERE id = $1 AND (handling_office_id = $2 OR home_office_id = $2)`,
        [caseId, officeId],
      ),
    );
    return row ?? null;
  }

  async insert(tx: Tx, p: Omit<PrecedentRow, 'id' | 'created_at'> & { case_id: string; created_by: string }) {
    const [row] = rowsOf<PrecedentRow>(
      await tx.query(
        `INSERT INTO precedents AS p (channel_id, office_id, case_id, created_by, category, immigration_type, outcome,
           days_open, title, lessons)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${COLUMNS}`,
        [
          p.channel_id,
          p.office_id,
          p.case_id,
          p.created_by,
          p.category,
          p.immigration_type,
          p.outcome,
          p.days_open,
          p.title,
          p.lessons,
        ],
      ),
    );
    return row;
  }

  /** The office's channels' precedents, newest first. */
  async list(officeId: string, query: PrecedentQuery, after: [string, string] | undefined, limit: number) {
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    const where = [`p.channel_id IN (SELECT channel_id FROM channel_members WHERE office_id = ${param(officeId)})`];
    if (query.q) where.push(MATCHES(param(query.q)));
    if (query.category) where.push(`p.category = ${param(query.category)}`);
    if (query.immigrationType) where.push(`p.immigration_type = ${param(query.immigrationType)}`);
    if (query.outcome) where.push(`p.outcome = ${param(query.outcome)}`);
    if (after) where.push(`(p.created_at, p.id) < (${param(after[0])}::timestamptz, ${param(after[1])}::uuid)`);
    const rows = rowsOf<PrecedentRow>(
      await this.dataSource.query(
        `SELECT ${COLUMNS} FROM precedents p WHERE ${where.join(' AND ')}
         ORDER BY p.created_at DESC, p.id DESC LIMIT ${param(limit)}`,
        params,
      ),
    );
    return rows;
  }
}
