import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type RedactedFile, rowsOf, type TradePayload, type Tx } from '@relay/platform';

interface TradeRow {
  id: string;
  proposer_office_id: string;
  counterparty_office_id: string;
  note: string;
  status: TradePayload['status'];
  expires_at: Date;
  created_at: Date;
  decided_at: Date | null;
  reason: string | null;
  files: { caseId: string; side: 'give' | 'take'; summary: RedactedFile }[];
}

const toTradeView = (row: TradeRow): TradePayload => ({
  id: row.id,
  proposerOfficeId: row.proposer_office_id,
  counterpartyOfficeId: row.counterparty_office_id,
  note: row.note,
  give: row.files.filter((file) => file.side === 'give').map((file) => ({ caseId: file.caseId, ...file.summary })),
  take: row.files.filter((file) => file.side === 'take').map((file) => ({ caseId: file.caseId, ...file.summary })),
  status: row.status,
  expiresAt: row.expires_at.toISOString(),
  createdAt: row.created_at.toISOString(),
  decidedAt: row.decided_at?.toISOString() ?? null,
  reason: row.reason,
});

const SELECT_TRADE = `SELECT t.*, coalesce((SELECT json_agg(json_build_object('caseId', f.case_id, 'side', f.side,
  'summary', f.summary) ORDER BY f.side, f.case_id) FROM trade_cases f WHERE f.trade_id = t.id), '[]') AS files
  FROM trades t`;

@Injectable()
export class TradesRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(
    tx: Tx,
    trade: { proposer: string; counterparty: string; note: string; expiresAt: Date; createdBy: string },
    files: { caseId: string; side: 'give' | 'take'; summary: RedactedFile }[],
  ): Promise<string> {
    const [{ id }] = rowsOf<{ id: string }>(
      await tx.query(
        `INSERT INTO trades (proposer_office_id, counterparty_office_id, note, expires_at, created_by)
         VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [trade.proposer, trade.counterparty, trade.note, trade.expiresAt, trade.createdBy],
      ),
    );
    await tx.query(
      `INSERT INTO trade_cases (trade_id, case_id, side, summary)
       SELECT $1, * FROM unnest($2::uuid[], $3::text[], $4::jsonb[])`,
      [id, files.map((f) => f.caseId), files.map((f) => f.side), files.map((f) => JSON.stringify(f.summary))],
    );
    return id;
  }

  async findVisible(tx: Tx, officeId: string, id: string, lock = false): Promise<TradePayload | null> {
    const rows = rowsOf<TradeRow>(
      await tx.query(
        `${SELECT_TRADE} WHERE t.id = $2 AND $1 IN (t.proposer_office_id, t.counterparty_office_id)
         ${lock ? 'FOR UPDATE OF t' : ''}`,
        [officeId, id],
      ),
    );
    return rows[0] ? toTradeView(rows[0]) : null;
  }

  async findById(tx: Tx, id: string): Promise<TradePayload | null> {
    const rows = rowsOf<TradeRow>(await tx.query(`${SELECT_TRADE} WHERE t.id = $1`, [id]));
    return rows[0] ? toTradeView(rows[0]) : null;
  }

  async list(
    officeId: string,
    filter: { direction?: 'incoming' | 'outgoing'; status?: string },
    after: [string, string] | undefined,
    limit: number,
  ): Promise<TradePayload[]> {
    const rows = rowsOf<TradeRow>(
      await this.dataSource.query(
        `${SELECT_TRADE} WHERE $1 IN (t.proposer_office_id, t.counterparty_office_id)
           AND ($2::text IS NULL OR ($2 = 'outgoing') = (t.proposer_office_id = $1))
           AND ($3::text IS NULL OR t.status = $3)
           AND ($4::timestamptz IS NULL OR (t.created_at, t.id) < ($4, $5::uuid))
         ORDER BY t.created_at DESC, t.id DESC LIMIT $6`,
        [officeId, filter.direction ?? null, filter.status ?? null, after?.[0] ?? null, after?.[1] ?? null, limit],
      ),
    );
    return rows.map(toTradeView);
  }

  async decide(
    tx: Tx,
    id: string,
    change: { status: TradePayload['status']; by: string | null; reason?: string },
  ): Promise<TradePayload> {
    await tx.query(
      `UPDATE trades SET status = $2, decided_at = now(), decided_by = $3, reason = $4, version = version + 1 WHERE id = $1`,
      [id, change.status, change.by, change.reason ?? null],
    );
    return (await this.findById(tx, id))!;
  }

  /** Open trades past their time, claimed (marked expired) by this transaction. */
  async expireDue(tx: Tx): Promise<TradePayload[]> {
    const rows = rowsOf<{ id: string }>(
      await tx.query(
        `UPDATE trades SET status = 'expired', decided_at = now(), version = version + 1
         WHERE id IN (SELECT id FROM trades WHERE status = 'proposed' AND expires_at <= now()
                      ORDER BY expires_at LIMIT 1000 FOR UPDATE SKIP LOCKED)
         RETURNING id`,
      ),
    );
    const expired: TradePayload[] = [];
    for (const row of rows) expired.push((await this.findById(tx, row.id))!);
    return expired;
  }
}
