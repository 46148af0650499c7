import { ADVISORY_LOCKS } from '../database/advisory-locks.js';
import {
  type CallHandler,
  type ExecutionContext,
  Injectable,
  type NestInterceptor,
  type OnApplicationBootstrap,
  Optional,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';
import { from, Observable, of, switchMap, catchError, throwError } from 'rxjs';
import { DataSource } from 'typeorm';
import { AppError } from '../errors/app-error.js';
import type { Actor } from '../auth/actor.js';
import { setETag } from './etag.js';
import { JobScheduler } from '../database/job-scheduler.js';
import { TransactionRunner } from '../database/transaction.js';
import { AuditSink } from './audit-sink.js';

export const IDEMPOTENT = 'relay:idempotent';
export interface IdempotentOptions {
  /** Dotted paths of one-time secrets in the answer: stored as null, so a replay never shows them again. */
  withhold?: string[];
}
/** Marks a creating route: an `Idempotency-Key` header makes retries safe. */
export const Idempotent = (options: IdempotentOptions = {}) => SetMetadata(IDEMPOTENT, options);

function withholding(body: unknown, paths: string[] | undefined): unknown {
  if (!paths?.length || typeof body !== 'object' || body === null) return body;
  const copy = structuredClone(body) as Record<string, unknown>;
  for (const path of paths) {
    const keys = path.split('.');
    const parent = keys.slice(0, -1).reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], copy);
    if (typeof parent === 'object' && parent !== null) (parent as Record<string, unknown>)[keys.at(-1)!] = null;
  }
  return copy;
}

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// A route under /cases/:id: its answer belongs to that file.
const CASE_ROUTE = / \/api\/v1\/cases\/:id(\/|$)/;

/**
 * Same key + same body from the same user within 24 h replays the first answer; the
 * same key with another body is 422. The key is claimed before the handler runs so two
 * concurrent retries cannot both create.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor, OnApplicationBootstrap {
  constructor(
    private readonly reflector: Reflector,
    private readonly dataSource: DataSource,
    private readonly jobs: JobScheduler,
    private readonly transactions: TransactionRunner,
    @Optional() private readonly auditSink?: AuditSink,
  ) {}

  /** Stored answers can hold whole case files: keep them no longer than the 24 h they serve. */
  onApplicationBootstrap(): void {
    this.jobs.schedule('idempotency-pruning', ADVISORY_LOCKS.idempotencyPruning, (tx) =>
      tx.query(`DELETE FROM idempotency_keys WHERE created_at < now() - interval '24 hours'`),
    );
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const options = this.reflector.get<IdempotentOptions | undefined>(IDEMPOTENT, context.getHandler());
    if (!options) return next.handle();
    const request = context.switchToHttp().getRequest<Request & { user?: Actor }>();
    const key = request.header('idempotency-key');
    if (key === undefined || !request.user) return next.handle();
    if (!KEY_PATTERN.test(key)) {
      throw AppError.invalid('Idempotency-Key', 'must be 1-255 visible ASCII characters');
    }
    const userId = request.user.userId;
    const requestHash = createHash('sha256')
      .update(`${request.method} ${request.originalUrl}\n${JSON.stringify(request.body ?? null)}`)
      .digest('hex');
    return from(this.claim(userId, key, requestHash)).pipe(
      switchMap((replay) => {
        if (replay !== undefined) {
          // The handler, which sets the ETag, does not run on a replay; without this Express
          // would send its own weak ETag of the body instead of the resource's version.
          const version = (replay as { version?: unknown } | null)?.version;
          if (typeof version === 'number') setETag(context.switchToHttp().getResponse<Response>(), version);
          return from(this.auditReplay(request, replay)).pipe(switchMap(() => of(replay)));
        }
        return next.handle().pipe(
          catchError((error: unknown) =>
            from(this.release(userId, key)).pipe(switchMap(() => throwError(() => error))),
          ),
          // The write has committed: failing to store its answer must neither fail the request
          // nor release the key (a retry would then do it twice).
          switchMap((body) =>
            from(this.complete(userId, key, withholding(body, options.withhold)).catch(() => undefined)).pipe(
              switchMap(() => of(body)),
            ),
          ),
        );
      }),
    );
  }

  /** Returns the stored body to replay, or undefined when this request now owns the key. */
  private async claim(userId: string, key: string, requestHash: string): Promise<unknown> {
    // A key older than 24 h is free again: the insert takes it over.
    const inserted: unknown[] = await this.dataSource.query(
      `INSERT INTO idempotency_keys (user_id, key, request_hash) VALUES ($1, $2, $3)
       ON CONFLICT (user_id, key) DO UPDATE
         SET request_hash = EXCLUDED.request_hash, status = NULL, body = NULL, created_at = now()
         WHERE idempotency_keys.created_at < now() - interval '24 hours'
       RETURNING key`,
      [userId, key, requestHash],
    );
    if (inserted.length > 0) return undefined;
    const [stored] = (await this.dataSource.query(
      `SELECT request_hash, status, body FROM idempotency_keys WHERE user_id = $1 AND key = $2`,
      [userId, key],
    )) as { request_hash: string; status: number | null; body: unknown }[];
    if (!stored) return this.claim(userId, key, requestHash);
    if (stored.request_hash !== requestHash) {
      throw new AppError('idempotency_key_reused', 'This Idempotency-Key was used with a different request');
    }
    if (stored.status === null) {
      throw new AppError('idempotency_in_progress', 'A request with this Idempotency-Key is still in progress');
    }
    return stored.body;
  }

  /**
   * A replay shows the stored answer again (a whole case file, for POST /cases): audited
   * as a read of one row, naming the route and the resource, never the answer's content.
   */
  private async auditReplay(request: Request & { user?: Actor }, body: unknown): Promise<void> {
    if (!this.auditSink || !request.user) return;
    const route = `${request.method} ${(request.route as { path?: string } | undefined)?.path ?? ''}`;
    const answer = (body ?? {}) as { id?: unknown; caseId?: unknown };
    const uuid = (value: unknown) => (typeof value === 'string' && UUID.test(value) ? value : undefined);
    const caseId = uuid(answer.caseId) ?? (CASE_ROUTE.test(route) ? uuid(request.params.id) : undefined);
    const targetId = uuid(answer.id);
    await this.transactions.run((tx) =>
      this.auditSink!.record(tx, {
        action: 'request.replayed',
        actor: request.user!,
        caseId: caseId ?? (route.endsWith(' /api/v1/cases') ? targetId : undefined) ?? null,
        targetType: 'idempotent_answer',
        targetId,
        data: { route, rows: 1 },
      }),
    );
  }

  private async complete(userId: string, key: string, body: unknown): Promise<void> {
    await this.dataSource.query(`UPDATE idempotency_keys SET status = 201, body = $3 WHERE user_id = $1 AND key = $2`, [
      userId,
      key,
      JSON.stringify(body ?? null),
    ]);
  }

  private async release(userId: string, key: string): Promise<void> {
    await this.dataSource
      .query(`DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND status IS NULL`, [userId, key])
      .catch(() => undefined);
  }
}
