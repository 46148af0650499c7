import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { AppConfig } from '../config/app-config.js';
import type { Actor } from '../auth/actor.js';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** The caller's X-Request-Id when it is well formed, a fresh one otherwise. */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/**
 * JSON logs, one line per request, with its request id and the acting user and office.
 * Never bodies, query strings (a search may name a constituent), tokens or cookies.
 */
export function loggingParams(config: AppConfig): Params {
  return {
    pinoHttp: {
      level: config.LOG_LEVEL,
      genReqId: (req: IncomingMessage, res: ServerResponse) => {
        const id = requestIdOf(req);
        res.setHeader('X-Request-Id', id);
        return id;
      },
      // Asked when a request starts (no actor yet: authentication comes later) and when it ends.
      // Nothing rather than {} at the start, so pino-http makes no empty child logger per request.
      customProps: ((req: IncomingMessage) => {
        const actor = (req as IncomingMessage & { user?: Actor }).user;
        return actor ? { userId: actor.userId, officeId: actor.officeId } : undefined;
      }) as (req: IncomingMessage) => Record<string, unknown>,
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          path: req.url.split('?')[0],
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      autoLogging: { ignore: (req: IncomingMessage) => (req.url ?? '').startsWith('/api/v1/health') },
    },
  };
}
