import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { createHash } from 'node:crypto';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import type { Actor } from '../auth/actor.js';
import { ADVISORY_LOCKS } from '../database/advisory-locks.js';
import { outsideTransaction } from '../database/connection-guard.js';
import { JobScheduler } from '../database/job-scheduler.js';
import { rowsOf } from '../database/rows.js';
import { TransactionRunner } from '../database/transaction.js';
import { AppError } from '../errors/app-error.js';
import { AuditSink } from './audit-sink.js';

export type IdempotentRequest = Request & { user?: Actor };
/** The first answer, found under the key: to be sent again as it was. */
export interface StoredAnswer {
  body: unknown;
}

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// A route under /cases/:id: its answer belongs to that file.
const CASE_ROUTE = / \/api\/v1\/cases\/:id(\/|$)/;

/**
 * The `idempotency_keys` store, for the interceptor (JSON bodies) and for routes that stream
 * their body (uploads, see StreamedClaim). A key is claimed with the request's fingerprint
 * (status NULL while the write runs), completed with the answer, or released if the write
 * failed; the same key and fingerprint within 24 h replays, another fingerprint is 422.
 */
@Injectable()
export class IdempotencyKeys implements OnApplicationBootstrap {
  private auditSink?: AuditSink;

  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: JobScheduler,
    private readonly transactions: TransactionRunner,
    private readonly modules: ModuleRef,
  ) {}

  /** Stored answers can hold whole case files: keep them no longer than the 24 h they serve. */
  onApplicationBootstrap(): void {
    // The audit module provides the sink; the platform may not import it (it sits above).
    try {
      this.auditSink = this.modules.get(AuditSink, { strict: false });
    } catch {
      this.auditSink = undefined; // an app without an audit trail (platform tests)
    }
    this.jobs.schedule('idempotency-pruning', ADVISORY_LOCKS.idempotencyPruning, (tx) =>
      tx.query(`DELETE FROM idempotency_keys WHERE created_at < now() - interval '24 hours'`),
    );
  }

  /** The request's `Idempotency-Key`, or undefined without one; 400 when malformed. */
  keyOf(request: Request): string | undefined {
    // The header map, not Express's `req.header()`: the same request object on Fastify has none.
    const key = request.headers['idempotency-key'] as string | undefined;
    if (key !== undefined && !KEY_PATTERN.test(key)) {
      throw AppError.invalid('Idempotency-Key', 'must be 1-255 visible ASCII characters');
    }
    return key;
  }

  /** What makes two requests "the same": method, URL and body (for a stream, what was learnt of it). */
  fingerprint(request: Request, body: unknown): string {
    return createHash('sha256')
      .update(`${request.method} ${request.originalUrl}\n${JSON.stringify(body ?? null)}`)
      .digest('hex');
  }

  /** Whether the key is held within its 24 h, by a finished request or one still running. */
  async taken(userId: string, key: string): Promise<boolean> {
    const rows = rowsOf(
      await this.dataSource.query(
        `SELECT 1 FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND created_at >= now() - interval '24 hours'`,
        [userId, key],
      ),
    );
    return rows.length > 0;
  }

  /**
   * Takes the key for this request (undefined: go ahead and write), or answers the stored
   * first answer to replay. 422 with another fingerprint; 409 while the first still runs.
   * The claim commits at once, so two concurrent retries cannot both write.
   */
  async claim(userId: string, key: string, fingerprint: string): Promise<StoredAnswer | undefined> {
    // A key older than 24 h is free again: the insert takes it over.
    const inserted = rowsOf(
      await this.dataSource.query(
        `INSERT INTO idempotency_keys (user_id, key, request_hash) VALUES ($1, $2, $3)
         ON CONFLICT (user_id, key) DO UPDATE
           SET request_hash = EXCLUDED.request_hash, status = NULL, body = NULL, created_at = now()
           WHERE idempotency_keys.created_at < now() - interval '24 hours'
         RETURNING key`,
        [userId, key, fingerprint],
      ),
    );
    if (inserted.length > 0) return undefined;
    const [stored] = rowsOf<{ request_hash: string; status: number | null; body: unknown }>(
      await this.dataSource.query(
        `SELECT request_hash, status, body FROM idempotency_keys WHERE user_id = $1 AND key = $2`,
        [userId, key],
      ),
    );
    if (!stored) return this.claim(userId, key, fingerprint);
    if (stored.request_hash !== fingerprint) {
      throw new AppError('idempotency_key_reused', 'This Idempotency-Key was used with a different request');
    }
    if (stored.status === null) throw inProgress();
    return { body: stored.body };
  }

  /**
   * Keeps the answer of a write that has committed. Failing to store it must neither fail
   * the request nor release the key (a retry would then do it twice), so it never throws.
   */
  async complete(userId: string, key: string, body: unknown): Promise<void> {
    await this.dataSource
      .query(`UPDATE idempotency_keys SET status = 201, body = $3 WHERE user_id = $1 AND key = $2`, [
        userId,
        key,
        JSON.stringify(body ?? null),
      ])
      .catch(() => undefined);
  }

  /** Frees a key whose write failed, so a retry may do it. A finished answer is never released. */
  async release(userId: string, key: string): Promise<void> {
    await this.dataSource
      .query(`DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND status IS NULL`, [userId, key])
      .catch(() => undefined);
  }

  /**
   * A replay shows the stored answer again (a whole case file, for POST /cases): audited
   * as a read of one row, naming the route and the resource, never the answer's content.
   */
  async replayed(request: Request, actor: Actor, body: unknown): Promise<void> {
    const sink = this.auditSink;
    if (!sink) return;
    const route = `${request.method} ${(request.route as { path?: string } | undefined)?.path ?? ''}`;
    const answer = (body ?? {}) as { id?: unknown; caseId?: unknown };
    const uuid = (value: unknown) => (typeof value === 'string' && UUID.test(value) ? value : undefined);
    const caseId = uuid(answer.caseId) ?? (CASE_ROUTE.test(route) ? uuid(request.params.id) : undefined);
    const targetId = uuid(answer.id);
    await this.transactions.run((tx) =>
      sink.record(tx, {
        action: 'request.replayed',
        actor,
        caseId: caseId ?? (route.endsWith(' /api/v1/cases') ? targetId : undefined) ?? null,
        targetType: 'idempotent_answer',
        targetId,
        data: { route, rows: 1 },
      }),
    );
  }

  /** For a request that streams its body: see StreamedClaim. Undefined without a key. */
  async streamed(request: Request, actor: Actor): Promise<StreamedClaim | undefined> {
    const key = this.keyOf(request);
    if (key === undefined) return undefined;
    return new StreamedClaim(this, request, actor, key, !(await this.taken(actor.userId, key)));
  }
}

const inProgress = () =>
  new AppError('idempotency_in_progress', 'A request with this Idempotency-Key is still in progress');

/** Thrown by StreamedClaim.claim on a retry, so that what the retry wrote is rolled back. */
export class IdempotentReplay extends Error {
  constructor(readonly answer: StoredAnswer) {
    super('idempotent replay');
  }
}

/**
 * One request under a key whose body is a stream (an upload): its fingerprint is known only
 * once the body has been read, so the key is claimed then, after the bytes and before the
 * row, with the same rules and the same concurrency as the interceptor (a concurrent twin
 * gets 409 idempotency_in_progress, or the first answer once that has finished).
 */
export class StreamedClaim {
  private owned = false;

  constructor(
    private readonly keys: IdempotencyKeys,
    private readonly request: Request,
    private readonly actor: Actor,
    private readonly key: string,
    /** False when the key was already taken: read the body only to fingerprint it, store nothing. */
    readonly stores: boolean,
  ) {}

  /**
   * With what was learnt of the body: returns when this request may write; otherwise throws
   * IdempotentReplay (send the first answer), 422 or 409, and the caller keeps nothing.
   */
  async claim(body: unknown): Promise<void> {
    // Called inside the upload's transaction, yet committed at once (as the interceptor's claim
    // is) on a connection of its own: PostgreSQL uploads hold at most half the pool.
    return outsideTransaction(async () => {
      const stored = await this.keys.claim(this.actor.userId, this.key, this.keys.fingerprint(this.request, body));
      if (stored) throw new IdempotentReplay(stored);
      this.owned = true;
      if (!this.stores) {
        // Taken when the body began, free now (the first failed): nothing was stored, try again.
        await this.release();
        throw inProgress();
      }
    });
  }

  /** The first answer again (audited as a read), for an IdempotentReplay caught by the caller. */
  async replay(replay: IdempotentReplay): Promise<unknown> {
    await this.keys.replayed(this.request, this.actor, replay.answer.body);
    return replay.answer.body;
  }

  async complete(body: unknown): Promise<void> {
    if (this.owned) await this.keys.complete(this.actor.userId, this.key, body);
  }

  async release(): Promise<void> {
    if (!this.owned) return;
    this.owned = false;
    await this.keys.release(this.actor.userId, this.key);
  }
}
