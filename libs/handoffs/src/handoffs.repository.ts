import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  type HandoffPayload,
  type HandoffRow,
  type RedactedFile,
  rowsOf,
  toHandoffPayload,
  type Tx,
} from '@relay/platform';

// An office sees offers it made, offers made to it, offers it took, and offers to a channel
// it belonged to when the offer was made (and still belongs to).
const VISIBLE = `(h.from_office_id = $1 OR h.to_office_id = $1 OR h.accepted_by_office_id = $1
  OR ($1 = ANY(h.eligible_office_ids)
      AND EXISTS (SELECT 1 FROM channel_members m WHERE m.channel_id = h.channel_id AND m.office_id = $1)))`;

/** An offer to write: to one office (`toOfficeId`) or to a channel's offices (`channelId`, `eligibleOfficeIds`). */
export interface NewHandoff {
  caseId: string;
  fromOfficeId: string;
  toOfficeId: string | null;
  channelId: string | null;
  eligibleOfficeIds: string[] | null;
  note: string;
  summary: RedactedFile;
  expiresAt: Date;
  createdBy: string;
}

@Injectable()
export class HandoffsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(tx: Tx, offer: NewHandoff): Promise<HandoffPayload> {
    const [row] = rowsOf<HandoffRow>(
      await tx.query(
        `INSERT INTO handoffs (case_id, from_office_id, to_office_id, channel_id, eligible_office_ids, note, summary,
           expires_at, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         RETURNING *`,
        [
          offer.caseId,
          offer.fromOfficeId,
          offer.toOfficeId,
          offer.channelId,
          offer.eligibleOfficeIds,
          offer.note,
          JSON.stringify(offer.summary),
          offer.expiresAt,
          offer.createdBy,
        ],
      ),
    );
    return toHandoffPayload(row);
  }

  async findVisible(tx: Tx, officeId: string, id: string, lock = false): Promise<HandoffPayload | null> {
    const rows = rowsOf<HandoffRow>(
      await tx.query(`SELECT h.* FROM handoffs h WHERE h.id = $2 AND ${VISIBLE} ${lock ? 'FOR UPDATE OF h' : ''}`, [
        officeId,
        id,
      ]),
    );
    return rows[0] ? toHandoffPayload(rows[0]) : null;
  }

  async list(
    officeId: string,
    filter: { direction?: 'incoming' | 'outgoing'; status?: string },
    after: [string, string] | undefined,
    limit: number,
  ): Promise<HandoffPayload[]> {
    const rows = rowsOf<HandoffRow>(
      await this.dataSource.query(
        `SELECT h.* FROM handoffs h
         WHERE ${VISIBLE}
           AND ($2::text IS NULL OR ($2 = 'outgoing') = (h.from_office_id = $1))
           AND ($3::text IS NULL OR h.status = $3)
           AND ($4::timestamptz IS NULL OR (h.created_at, h.id) < ($4, $5::uuid))
         ORDER BY h.created_at DESC, h.id DESC LIMIT $6`,
        [officeId, filter.direction ?? null, filter.status ?? null, after?.[0] ?? null, after?.[1] ?? null, limit],
      ),
    );
    return rows.map(toHandoffPayload);
  }

  async decide(
    tx: Tx,
    id: string,
    change: { status: HandoffPayload['status']; by: string | null; reason?: string; acceptedBy?: string },
  ): Promise<HandoffPayload> {
    const [row] = rowsOf<HandoffRow>(
      await tx.query(
        `UPDATE handoffs SET status = $2, decided_at = now(), decided_by = $3, reason = $4,
           accepted_by_office_id = $5, version = version + 1
         WHERE id = $1 RETURNING *`,
        [id, change.status, change.by, change.reason ?? null, change.acceptedBy ?? null],
      ),
    );
    return toHandoffPayload(row);
  }

  /** Open offers past their time, claimed (marked expired) by this transaction. */
  async expireDue(tx: Tx): Promise<HandoffPayload[]> {
    const rows = rowsOf<HandoffRow>(
      await tx.query(
        `UPDATE handoffs SET status = 'expired', decided_at = now(), version = version + 1
         WHERE id IN (SELECT id FROM handoffs WHERE status = 'offered' AND expires_at <= now()
                      ORDER BY expires_at LIMIT 1000 FOR UPDATE SKIP LOCKED)
         RETURNING *`,
      ),
    );
    return rows.map(toHandoffPayload);
  }

  /**
   * Which of `caseIds` the office `ownerId` has put on the table for `takerId`: files it
   * handles and marked available for trade, or has an open offer of, made to the taker or
   * to a channel the taker was (and is) a member of. One query.
   */
  async onTheTable(tx: Tx, caseIds: string[], ownerId: string, takerId: string): Promise<Set<string>> {
    if (caseIds.length === 0) return new Set();
    const rows = rowsOf<{ id: string }>(
      await tx.query(
        `SELECT c.id FROM cases c
       WHERE c.id = ANY($1::uuid[]) AND c.handling_office_id = $2
         AND (c.available_for_trade OR EXISTS (
           SELECT 1 FROM handoffs h
           WHERE h.case_id = c.id AND h.from_office_id = $2 AND h.status = 'offered' AND h.expires_at > now()
             AND (h.to_office_id = $3 OR ($3 = ANY(h.eligible_office_ids)
               AND EXISTS (SELECT 1 FROM channel_members m WHERE m.channel_id = h.channel_id AND m.office_id = $3)))))`,
        [caseIds, ownerId, takerId],
      ),
    );
    return new Set(rows.map((row) => row.id));
  }

  /** The offices a channel offer was made to (null for a direct offer). */
  async eligibleOffices(tx: Tx, id: string): Promise<string[] | undefined> {
    const [row] = rowsOf<{ eligible_office_ids: string[] | null }>(
      await tx.query(`SELECT eligible_office_ids FROM handoffs WHERE id = $1`, [id]),
    );
    return row?.eligible_office_ids ?? undefined;
  }

  async hasOpenOffer(tx: Tx, caseId: string): Promise<boolean> {
    return (await this.withOpenOffer(tx, [caseId])).has(caseId);
  }

  /** Which of the files have an open offer, in one query. */
  async withOpenOffer(tx: Tx, caseIds: string[]): Promise<Set<string>> {
    const rows = rowsOf<{ case_id: string }>(
      await tx.query(`SELECT case_id FROM handoffs WHERE case_id = ANY($1::uuid[]) AND status = 'offered'`, [caseIds]),
    );
    return new Set(rows.map((row) => row.case_id));
  }
}
