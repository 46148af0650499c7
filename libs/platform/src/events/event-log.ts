import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import { TransactionRunner, type Tx } from '../database/transaction.js';
import { LiveBus } from './live-bus.js';
import type { LiveEvent, LiveEventMap, LiveEventType } from './live-event.js';

interface EventRow {
  stream: string;
  seq: string;
  id: string;
  type: LiveEventType;
  at: Date;
  actor_user_id: string | null;
  actor_office_id: string | null;
  data: unknown;
}

interface PendingEvent {
  stream: string;
  type: LiveEventType;
  userId: string | null;
  officeId: string | null;
  data: string;
}

const toEvent = (row: EventRow): LiveEvent => ({
  stream: row.stream,
  seq: Number(row.seq),
  id: row.id,
  type: row.type,
  at: row.at.toISOString(),
  actor: { userId: row.actor_user_id, officeId: row.actor_office_id },
  data: row.data as LiveEventMap[LiveEventType],
});

// Flushed first, before the audit trail: its locks are per stream, the audit's is global.
const FLUSH_ORDER = 10;

/**
 * The durable event log (transactional outbox). `append` buffers in the caller's
 * transaction; just before the commit the buffer is written in one statement (see
 * `flush`), and once the commit is done the events go to the live bus. An event is seen
 * if and only if its change happened.
 */
@Injectable()
export class EventLog {
  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly bus: LiveBus,
  ) {}

  append<T extends LiveEventType>(
    tx: Tx,
    stream: string,
    type: T,
    actor: Pick<Actor, 'userId' | 'officeId'> | null,
    data: LiveEventMap[T],
  ): Promise<void> {
    const pending = this.transactions.buffer<PendingEvent>(tx, 'event-log', FLUSH_ORDER, (list) =>
      this.flush(tx, list),
    );
    pending.push({
      stream,
      type,
      userId: actor?.userId ?? null,
      officeId: actor?.officeId ?? null,
      data: JSON.stringify(data),
    });
    return Promise.resolve();
  }

  /**
   * Numbers and writes the buffered events. Each stream's counter row is bumped once by
   * the number of its events and stays locked until commit, so a stream's seqs rise by one
   * with no gaps and commit in order. Counter rows are locked in stream order, so two
   * transactions touching the same streams can never deadlock; writers to other streams
   * never wait.
   */
  private async flush(tx: Tx, list: PendingEvent[]): Promise<void> {
    if (list.length === 0) return;
    const rows = (await tx.query(
      `WITH input AS (
         SELECT * FROM unnest($1::text[], $2::text[], $3::uuid[], $4::uuid[], $5::jsonb[])
           WITH ORDINALITY AS t(stream, type, actor_user_id, actor_office_id, data, ord)),
       counts AS (SELECT stream, count(*)::bigint AS n FROM input GROUP BY stream),
       bumped AS (
         INSERT INTO event_streams AS s (stream, last_seq) SELECT stream, n FROM counts ORDER BY stream
         ON CONFLICT (stream) DO UPDATE SET last_seq = s.last_seq + EXCLUDED.last_seq
         RETURNING stream, last_seq)
       INSERT INTO events (stream, seq, type, actor_user_id, actor_office_id, data)
       SELECT i.stream, b.last_seq - c.n + row_number() OVER (PARTITION BY i.stream ORDER BY i.ord),
              i.type, i.actor_user_id, i.actor_office_id, i.data
       FROM input i JOIN bumped b USING (stream) JOIN counts c USING (stream)
       RETURNING stream, seq, id, type, at, actor_user_id, actor_office_id, data`,
      [
        list.map((e) => e.stream),
        list.map((e) => e.type),
        list.map((e) => e.userId),
        list.map((e) => e.officeId),
        list.map((e) => e.data),
      ],
    )) as EventRow[];
    const events = rows.map(toEvent).sort((a, b) => a.stream.localeCompare(b.stream) || a.seq - b.seq);
    this.transactions.afterCommit(tx, () => this.bus.publish(events));
  }

  /** Events of one stream after `afterSeq`, oldest first. */
  async read(stream: string, afterSeq: number, limit: number): Promise<LiveEvent[]> {
    const rows: EventRow[] = await this.dataSource.query(
      `SELECT stream, seq, id, type, at, actor_user_id, actor_office_id, data
       FROM events WHERE stream = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
      [stream, afterSeq, limit],
    );
    return rows.map(toEvent);
  }

  /** Drops events older than the retention period; the audit trail is kept separately. */
  async prune(tx: Tx, retentionDays: number): Promise<number> {
    const [, count] = (await tx.query(`DELETE FROM events WHERE at < now() - make_interval(days => $1)`, [
      retentionDays,
    ])) as [unknown, number];
    return count;
  }
}
