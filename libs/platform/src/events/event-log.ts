import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import type { Tx } from '../database/transaction.js';
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

const toEvent = (row: EventRow): LiveEvent => ({
  stream: row.stream,
  seq: Number(row.seq),
  id: row.id,
  type: row.type,
  at: row.at.toISOString(),
  actor: { userId: row.actor_user_id, officeId: row.actor_office_id },
  data: row.data as LiveEventMap[LiveEventType],
});

/**
 * The durable event log (transactional outbox). `append` writes in the caller's
 * transaction; the events are handed to the live bus only once that transaction commits
 * (see TransactionRunner), so an event is seen if and only if its change happened.
 */
@Injectable()
export class EventLog {
  private readonly pending = new WeakMap<Tx, LiveEvent[]>();

  constructor(private readonly dataSource: DataSource) {}

  async append<T extends LiveEventType>(
    tx: Tx,
    stream: string,
    type: T,
    actor: Pick<Actor, 'userId' | 'officeId'> | null,
    data: LiveEventMap[T],
  ): Promise<LiveEvent<T>> {
    // The stream's counter row stays locked until commit: the next writer of this stream
    // waits, so seqs commit in order with no gaps; other streams are not held up.
    const [row] = (await tx.query(
      `WITH next AS (
         INSERT INTO event_streams AS s (stream, last_seq) VALUES ($1, 1)
         ON CONFLICT (stream) DO UPDATE SET last_seq = s.last_seq + 1
         RETURNING last_seq)
       INSERT INTO events (stream, seq, type, actor_user_id, actor_office_id, data)
       SELECT $1, last_seq, $2, $3, $4, $5 FROM next
       RETURNING stream, seq, id, type, at, actor_user_id, actor_office_id, data`,
      [stream, type, actor?.userId ?? null, actor?.officeId ?? null, JSON.stringify(data)],
    )) as EventRow[];
    const event = toEvent(row) as LiveEvent<T>;
    const list = this.pending.get(tx) ?? [];
    list.push(event);
    this.pending.set(tx, list);
    return event;
  }

  /** The events a committed transaction wrote, in the order it wrote them. */
  takePending(tx: Tx): LiveEvent[] {
    const list = this.pending.get(tx) ?? [];
    this.pending.delete(tx);
    return list;
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
