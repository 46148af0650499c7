import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import { AppConfig } from '../config/app-config.js';
import { ADVISORY_LOCKS } from '../database/advisory-locks.js';
import { JobScheduler } from '../database/job-scheduler.js';
import { TransactionRunner, type Tx } from '../database/transaction.js';
import { rowCountOf, rowsOf } from '../database/rows.js';
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
  audience: string[] | null;
}

interface PendingEvent {
  id: string;
  stream: string;
  type: LiveEventType;
  userId: string | null;
  officeId: string | null;
  data: string;
  audience: string | null;
}

/** An event as the nodes pass it on: `audience`, when set, names the only offices that may see it. */
export type AudiencedEvent = LiveEvent & { audience?: string[] };

const toEvent = (row: EventRow): AudiencedEvent => {
  const event: AudiencedEvent = {
    stream: row.stream,
    seq: Number(row.seq),
    id: row.id,
    type: row.type,
    at: row.at.toISOString(),
    actor: { userId: row.actor_user_id, officeId: row.actor_office_id },
    data: row.data as LiveEventMap[LiveEventType],
  };
  if (row.audience) event.audience = row.audience;
  return event;
};

/** The envelope a client receives: the audience is the server's business. */
export const toWire = (event: AudiencedEvent): LiveEvent => {
  if (!event.audience) return event;
  const wire: AudiencedEvent = { ...event };
  delete wire.audience;
  return wire;
};

// A failed read-back of committed events is retried this many times in all.
const READ_BACK_ATTEMPTS = 3;

const COLUMNS = 'stream, seq, id, type, at, actor_user_id, actor_office_id, data, audience';

/**
 * The durable event log (transactional outbox). `append` buffers in the caller's
 * transaction; just before the commit the buffer goes to `event_outbox` in one statement,
 * and the commit itself numbers the events and moves them into the log (a deferred trigger,
 * see the commit-time-numbering migration). Once committed they are read back and go to the
 * live bus. An event is seen if and only if its change happened.
 */
@Injectable()
export class EventLog implements OnApplicationBootstrap {
  private readonly logger = new Logger('event-log');
  private readonly unpublished: { ids: string[]; published: () => void }[] = [];
  private reading = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly transactions: TransactionRunner,
    private readonly bus: LiveBus,
    private readonly jobs: JobScheduler,
    private readonly config: AppConfig,
  ) {}

  /** Events older than EVENT_RETENTION_DAYS are pruned by the log itself, on one node at a time. */
  onApplicationBootstrap(): void {
    this.jobs.schedule('event-pruning', ADVISORY_LOCKS.eventPruning, (tx) =>
      this.prune(tx, this.config.EVENT_RETENTION_DAYS),
    );
  }

  append<T extends LiveEventType>(
    tx: Tx,
    stream: string,
    type: T,
    actor: Pick<Actor, 'userId' | 'officeId'> | null,
    data: LiveEventMap[T],
    audience?: string[],
  ): void {
    const pending = this.transactions.buffer<PendingEvent>(tx, 'event-log', (list) => this.flush(tx, list));
    pending.push({
      id: randomUUID(),
      stream,
      type,
      userId: actor?.userId ?? null,
      officeId: actor?.officeId ?? null,
      data: JSON.stringify(data),
      audience: audience ? `{${audience.join(',')}}` : null,
    });
  }

  /**
   * Writes the buffered events to the outbox, ordered by stream (each stream's own events
   * keep their order). The commit numbers them in that order, locking each stream's counter
   * row only while it commits: seqs rise by one with no gaps and commit in order, and two
   * transactions touching the same streams lock them in the same order, so never deadlock.
   */
  private async flush(tx: Tx, list: PendingEvent[]): Promise<void> {
    if (list.length === 0) return;
    // A stable sort: each stream's own events keep their order.
    const ordered = [...list].sort((a, b) => (a.stream < b.stream ? -1 : a.stream > b.stream ? 1 : 0));
    await tx.query(
      `INSERT INTO event_outbox (id, stream, type, actor_user_id, actor_office_id, data, audience)
       SELECT id, stream, type, actor_user_id, actor_office_id, data, audience::uuid[]
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::uuid[], $5::uuid[], $6::jsonb[], $7::text[])
         WITH ORDINALITY AS t(id, stream, type, actor_user_id, actor_office_id, data, audience, ord)
       ORDER BY ord`,
      [
        ordered.map((e) => e.id),
        ordered.map((e) => e.stream),
        ordered.map((e) => e.type),
        ordered.map((e) => e.userId),
        ordered.map((e) => e.officeId),
        ordered.map((e) => e.data),
        ordered.map((e) => e.audience),
      ],
    );
    this.transactions.afterCommit(tx, () => this.publish(ordered.map((e) => e.id)));
  }

  /**
   * Reads committed events back with their seqs and hands them to the live bus; resolves
   * once they are handed over. One read runs at a time and takes everything committed
   * meanwhile, so events reach the bus in commit order and a busy node reads in batches.
   */
  private publish(ids: string[]): Promise<void> {
    return new Promise((published) => {
      this.unpublished.push({ ids, published });
      if (!this.reading) void this.publishUnpublished();
    });
  }

  private async publishUnpublished(): Promise<void> {
    this.reading = true;
    while (this.unpublished.length > 0) {
      const batch = this.unpublished.splice(0);
      const ids = batch.flatMap((b) => b.ids);
      for (let attempt = 1; ; attempt++) {
        try {
          const rows = rowsOf<EventRow>(
            await this.dataSource.query(
              `SELECT ${COLUMNS} FROM events WHERE id = ANY($1::uuid[]) ORDER BY stream, seq`,
              [ids],
            ),
          );
          this.bus.publish(rows.map(toEvent));
          break;
        } catch (error) {
          // The events are committed: try again, then leave them to clients' sync.
          const message = error instanceof Error ? error.message : String(error);
          if (attempt === READ_BACK_ATTEMPTS) {
            this.logger.warn(`${ids.length} events not published live: ${message}`);
            break;
          }
          await new Promise((retry) => setTimeout(retry, 100 * attempt));
        }
      }
      for (const { published } of batch) published();
    }
    this.reading = false;
  }

  /** Events of one stream after `afterSeq`, oldest first (all of them, audiences kept, for the relay). */
  async read(stream: string, afterSeq: number, limit: number): Promise<AudiencedEvent[]> {
    const rows = rowsOf<EventRow>(
      await this.dataSource.query(
        `SELECT ${COLUMNS} FROM events WHERE stream = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
        [stream, afterSeq, limit],
      ),
    );
    return rows.map(toEvent);
  }

  /**
   * What one office may replay of a stream after `afterSeq`, oldest first: of the next
   * `limit` events, those whose audience leaves the office out are skipped (the seqs then
   * show a gap, as for a pruned event). `scanned` says how many were looked at, for paging.
   */
  async readFor(
    officeId: string | null,
    stream: string,
    afterSeq: number,
    limit: number,
  ): Promise<{ events: LiveEvent[]; scanned: number }> {
    const rows = rowsOf<EventRow & { visible: boolean }>(
      await this.dataSource.query(
        `SELECT ${COLUMNS}, (audience IS NULL OR $4::uuid = ANY(audience)) AS visible
         FROM events WHERE stream = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
        [stream, afterSeq, limit, officeId],
      ),
    );
    const events = rows.filter((row) => row.visible).map((row) => toWire(toEvent(row)));
    return { events, scanned: rows.length };
  }

  /**
   * Rewrites the stored events of one channel post (its `message.posted` and
   * `message.edited`) in the caller's transaction, so removed text never comes back in a
   * replay: `patch` is merged into each event's data.
   */
  async scrubPost(tx: Tx, stream: string, postId: string, patch: Record<string, unknown>): Promise<number> {
    return rowCountOf(
      await tx.query(
        `UPDATE events SET data = data || $3::jsonb
         WHERE (data ->> 'id') = $2 AND type IN ('message.posted', 'message.edited') AND stream = $1`,
        [stream, postId, JSON.stringify(patch)],
      ),
    );
  }

  /** Drops events older than the retention period; the audit trail is kept separately. */
  async prune(tx: Tx, retentionDays: number): Promise<number> {
    return rowCountOf(
      await tx.query(`DELETE FROM events WHERE at < now() - make_interval(days => $1)`, [retentionDays]),
    );
  }
}
