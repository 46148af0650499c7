import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { from, Observable, of, switchMap, catchError, throwError } from 'rxjs';
import { setETag } from './etag.js';
import { IdempotencyKeys, type IdempotentRequest } from './idempotency-keys.js';

export const IDEMPOTENT = 'relay:idempotent';
export interface IdempotentOptions {
  /** Dotted paths of one-time secrets in the answer: stored as null, so a replay never shows them again. */
  withhold?: string[];
  /**
   * The handler reads its body as a stream (an upload) and so fingerprints it itself, through
   * IdempotencyKeys.streamed; the interceptor leaves it alone (it would see no body at all).
   */
  streamed?: boolean;
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

/**
 * Same key + same body from the same user within 24 h replays the first answer; the
 * same key with another body is 422. The key is claimed before the handler runs so two
 * concurrent retries cannot both create (the second gets 409 idempotency_in_progress).
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: IdempotencyKeys,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const options = this.reflector.get<IdempotentOptions | undefined>(IDEMPOTENT, context.getHandler());
    if (!options || options.streamed) return next.handle();
    const request = context.switchToHttp().getRequest<IdempotentRequest>();
    if (!request.user) return next.handle();
    const key = this.keys.keyOf(request);
    if (key === undefined) return next.handle();
    const actor = request.user;
    const userId = actor.userId;
    return from(this.keys.claim(userId, key, this.keys.fingerprint(request, request.body))).pipe(
      switchMap((stored) => {
        if (stored) {
          // The handler, which sets the ETag, does not run on a replay; without this Express
          // would send its own weak ETag of the body instead of the resource's version.
          const version = (stored.body as { version?: unknown } | null)?.version;
          if (typeof version === 'number') setETag(context.switchToHttp().getResponse<Response>(), version);
          return from(this.keys.replayed(request, actor, stored.body)).pipe(switchMap(() => of(stored.body)));
        }
        return next.handle().pipe(
          catchError((error: unknown) =>
            from(this.keys.release(userId, key)).pipe(switchMap(() => throwError(() => error))),
          ),
          switchMap((body) =>
            from(this.keys.complete(userId, key, withholding(body, options.withhold))).pipe(switchMap(() => of(body))),
          ),
        );
      }),
    );
  }
}
