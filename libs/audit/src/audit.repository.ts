import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig, auditKeyPads, type AuditKeyPads, rowsOf, type Tx, ADVISORY_LOCKS } from '@relay/platform';
import type { AuditEntry, AuditEventView, AuditHead, AuditVerification } from './audit.types.js';

/** A read to audit: its SQL with parameters $1…, and how its rows are ordered (by their output names). */
export interface AuditedRead {
  sql: string;
  params: unknown[];
  orderBy: string;
}

export interface AuditFilter {
  afterSeq?: number;
  officeId?: string;
  caseId?: string;
  actorId?: string;
  action?: string;
  from?: Date;
  to?: Date;
}

interface AuditRow {
  seq: string;
  id: string;
  occurred_at: Date;
  action: string;
  actor_id: string | null;
  office_id: string | null;
  case_id: string | null;
  target_type: string | null;
  target_id: string | null;
  data: Record<string, unknown>;
  hash: string;
  alg: string;
}

@Injectable()
export class AuditRepository {
  private readonly pads: AuditKeyPads;

  constructor(
    private readonly dataSource: DataSource,
    config: AppConfig,
  ) {
    if (!config.AUDIT_KEY) throw new Error('AUDIT_KEY is not set'); // main.ts sets one in development
    this.pads = auditKeyPads(config.AUDIT_KEY);
  }

  /**
   * Appends in order, in one statement, to the outbox: the commit moves the rows into the
   * trail, where a trigger numbers, times and hashes them in this order (see the migrations),
   * keyed with AUDIT_KEY's pads, which the statement hands to this transaction only.
   */
  async append(tx: Tx, entries: AuditEntry[]): Promise<void> {
    await tx.query(
      `INSERT INTO audit_outbox (action, actor_id, office_id, case_id, target_type, target_id, data)
       SELECT action, actor_id, office_id, case_id, target_type, target_id, data
       FROM unnest($1::text[], $2::uuid[], $3::uuid[], $4::uuid[], $5::text[], $6::uuid[], $7::jsonb[])
         WITH ORDINALITY AS t(action, actor_id, office_id, case_id, target_type, target_id, data, ord)
       CROSS JOIN (SELECT set_config('relay.audit_ikey', $8, true), set_config('relay.audit_okey', $9, true)) AS k
       ORDER BY ord`,
      [
        entries.map((e) => e.action),
        entries.map((e) => e.actor?.userId ?? null),
        entries.map((e) => (e.officeId === undefined ? (e.actor?.officeId ?? null) : e.officeId)),
        entries.map((e) => e.caseId ?? null),
        entries.map((e) => e.targetType ?? null),
        entries.map((e) => e.targetId ?? null),
        entries.map((e) => JSON.stringify(e.data ?? {})),
        this.pads.ikey,
        this.pads.okey,
      ],
    );
  }

  /**
   * A read and its audit entry as one statement, run on its own: its implicit transaction
   * commits both, and the commit-time trigger chains the row as it does for `append`. One
   * round trip where BEGIN, the read, the append and COMMIT took four. The read's rows come
   * back in `read.orderBy`; the entry's data gains `counted.field`, the number of rows read
   * up to `counted.max`.
   */
  async appendWithRead<R>(read: AuditedRead, entry: AuditEntry, counted: { field: string; max: number }): Promise<R[]> {
    const params = [...read.params];
    const param = (value: unknown) => `$${params.push(value)}`;
    return rowsOf<R>(
      await this.dataSource.query(
        `WITH read AS (${read.sql}),
         logged AS (
           INSERT INTO audit_outbox (action, actor_id, office_id, case_id, target_type, target_id, data)
           SELECT ${param(entry.action)}, ${param(entry.actor?.userId ?? null)}::uuid,
                  ${param(entry.officeId === undefined ? (entry.actor?.officeId ?? null) : entry.officeId)}::uuid,
                  ${param(entry.caseId ?? null)}::uuid, ${param(entry.targetType ?? null)}::text,
                  ${param(entry.targetId ?? null)}::uuid,
                  ${param(JSON.stringify(entry.data ?? {}))}::jsonb
                    || jsonb_build_object(${param(counted.field)}::text, least((SELECT count(*) FROM read), ${param(counted.max)}::int))
           FROM (SELECT set_config('relay.audit_ikey', ${param(this.pads.ikey)}, true),
                        set_config('relay.audit_okey', ${param(this.pads.okey)}, true)) AS k
         )
         SELECT * FROM read ORDER BY ${read.orderBy}`,
        params,
      ),
    );
  }

  /** False when another verification (on any node) holds the lock: verifications run one at a time. */
  async lockVerification(tx: Tx): Promise<boolean> {
    const [{ locked }] = rowsOf<{ locked: boolean }>(
      await tx.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [ADVISORY_LOCKS.auditVerify]),
    );
    return locked;
  }

  async list(filter: AuditFilter, limit: number, order: 'ASC' | 'DESC' = 'ASC'): Promise<AuditEventView[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.afterSeq !== undefined) add(order === 'ASC' ? 'seq > ?' : 'seq < ?', filter.afterSeq);
    if (filter.officeId) add('office_id = ?', filter.officeId);
    if (filter.caseId) add('case_id = ?', filter.caseId);
    if (filter.actorId) add('actor_id = ?', filter.actorId);
    if (filter.action) add('action = ?', filter.action);
    if (filter.from) add('occurred_at >= ?', filter.from);
    if (filter.to) add('occurred_at < ?', filter.to);
    params.push(limit);
    const rows = rowsOf<AuditRow>(
      await this.dataSource.query(
        `SELECT seq, id, occurred_at, action, actor_id, office_id, case_id, target_type, target_id, data, hash, alg
         FROM audit_events ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY seq ${order} LIMIT $${params.length}`,
        params,
      ),
    );
    return rows.map(toView);
  }

  /**
   * Recomputes every row's hash and link in one pass inside PostgreSQL, each with the
   * algorithm it was chained with (a plain row after a keyed one is a downgrade, bad). A
   * gap reports the missing number; a chain head ahead of the last row means rows were cut
   * off the end. With `since` (a head saved earlier), a trail that no longer holds that
   * row with that hash was rewound or rewritten from there.
   */
  async verify(since?: AuditHead, db: Pick<Tx, 'query'> = this.dataSource): Promise<AuditVerification> {
    const [result] = rowsOf<{
      checked: string;
      unkeyed: string;
      first_bad: string | null;
      last_seq: string | null;
      last_hash: string | null;
      since_hash: string | null;
      head_seq: string;
      head_hash: string;
    }>(
      await db.query(
        `WITH chain AS (
          SELECT seq, alg,
            CASE
              WHEN seq <> coalesce(lag(seq) OVER w, 0) + 1 THEN coalesce(lag(seq) OVER w, 0) + 1
              WHEN prev_hash <> coalesce(lag(hash) OVER w, 'genesis')
                OR hash IS DISTINCT FROM CASE alg
                  WHEN 'hmac-sha256' THEN audit_row_hmac(decode($1, 'hex'), decode($2, 'hex'), seq, prev_hash, id,
                    occurred_at, action, actor_id, office_id, case_id, target_type, target_id, data)
                  WHEN 'sha256' THEN audit_row_hash(seq, prev_hash, id, occurred_at, action, actor_id, office_id,
                    case_id, target_type, target_id, data)
                END
                OR (alg = 'sha256' AND bool_or(alg <> 'sha256') OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING))
              THEN seq
            END AS bad_at
          FROM audit_events
          WINDOW w AS (ORDER BY seq)
        )
        SELECT
          (SELECT count(*) FROM chain)::bigint AS checked,
          (SELECT count(*) FROM chain WHERE alg = 'sha256')::bigint AS unkeyed,
          (SELECT min(bad_at) FROM chain) AS first_bad,
          (SELECT max(seq) FROM audit_events) AS last_seq,
          (SELECT hash FROM audit_events ORDER BY seq DESC LIMIT 1) AS last_hash,
          (SELECT hash FROM audit_events WHERE seq = $3) AS since_hash,
          h.seq AS head_seq, h.hash AS head_hash
        FROM audit_chain_head h WHERE h.id = 1`,
        [this.pads.ikey, this.pads.okey, since?.seq ?? 0],
      ),
    );
    const bad: number[] = result.first_bad === null ? [] : [Number(result.first_bad)];
    const lastSeq = Number(result.last_seq ?? 0);
    const headSeq = Number(result.head_seq);
    const tailIntact = lastSeq === headSeq && (headSeq === 0 || result.last_hash === result.head_hash);
    if (!tailIntact) bad.push(Math.min(lastSeq, headSeq) + 1);
    if (since && since.seq > lastSeq)
      bad.push(lastSeq + 1); // rewound: rows up to the saved head are gone
    else if (since && result.since_hash !== since.hash) bad.push(since.seq); // rewritten from there (or before)
    const firstBad = bad.length > 0 ? Math.min(...bad) : null;
    return {
      ok: firstBad === null,
      checked: Number(result.checked),
      firstBadSeq: firstBad,
      head: { seq: lastSeq, hash: result.last_hash ?? 'genesis' },
      unkeyed: Number(result.unkeyed),
      verifiedAt: new Date().toISOString(),
    };
  }
}

function toView(row: AuditRow): AuditEventView {
  return {
    seq: Number(row.seq),
    id: row.id,
    at: row.occurred_at.toISOString(),
    action: row.action,
    actorId: row.actor_id,
    officeId: row.office_id,
    caseId: row.case_id,
    targetType: row.target_type,
    targetId: row.target_id,
    data: row.data,
    hash: row.hash,
    alg: row.alg,
  };
}
