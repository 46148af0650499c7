import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { rowsOf, type Tx } from '@relay/platform';

export interface TransitionRow {
  id: string;
  office_id: string;
  changes_party: boolean;
  to_party_id: string | null;
  from_party_id: string | null;
  effective_at: Date;
  created_by: string;
  created_at: Date;
  applied_at: Date | null;
  deactivated_accounts: number | null;
  files_under_review: number | null;
}

const COLUMNS = `id, office_id, changes_party, to_party_id, from_party_id, effective_at, created_by, created_at,
  applied_at, deactivated_accounts, files_under_review`;

@Injectable()
export class TransitionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(
    tx: Tx,
    t: { officeId: string; changesParty: boolean; toPartyId: string | null; effectiveAt: Date; createdBy: string },
  ): Promise<TransitionRow> {
    const [row] = rowsOf<TransitionRow>(
      await tx.query(
        `INSERT INTO office_transitions (office_id, changes_party, to_party_id, effective_at, created_by)
         VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
        [t.officeId, t.changesParty, t.toPartyId, t.effectiveAt, t.createdBy],
      ),
    );
    return row;
  }

  async pendingFor(tx: Tx, officeId: string): Promise<boolean> {
    const rows = rowsOf(
      await tx.query(`SELECT 1 FROM office_transitions WHERE office_id = $1 AND applied_at IS NULL`, [officeId]),
    );
    return rows.length > 0;
  }

  /** Due transitions, locked; another run that reaches them skips them. */
  async lockDue(tx: Tx, limit: number): Promise<TransitionRow[]> {
    return rowsOf<TransitionRow>(
      await tx.query(
        `SELECT ${COLUMNS} FROM office_transitions WHERE applied_at IS NULL AND effective_at <= now()
         ORDER BY effective_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [limit],
      ),
    );
  }

  /** Marks it applied at the transaction's time, which is what files under review count from. */
  async markApplied(
    tx: Tx,
    id: string,
    fromPartyId: string | null,
    counts: { deactivated: number; files: number },
  ): Promise<void> {
    await tx.query(
      `UPDATE office_transitions SET applied_at = now(), from_party_id = $2, deactivated_accounts = $3,
         files_under_review = $4 WHERE id = $1`,
      [id, fromPartyId, counts.deactivated, counts.files],
    );
  }

  async transactionTime(tx: Tx): Promise<Date> {
    const [{ now }] = rowsOf<{ now: Date }>(await tx.query(`SELECT now() AS now`));
    return now;
  }

  async list(officeId: string, after: [string, string] | undefined, limit: number): Promise<TransitionRow[]> {
    const params: unknown[] = [officeId, limit];
    const cursor = after ? `AND (created_at, id) < ($3::timestamptz, $4::uuid)` : '';
    if (after) params.push(...after);
    return rowsOf(
      await this.dataSource.query(
        `SELECT ${COLUMNS} FROM office_transitions WHERE office_id = $1 ${cursor}
         ORDER BY created_at DESC, id DESC LIMIT $2`,
        params,
      ),
    );
  }
}
