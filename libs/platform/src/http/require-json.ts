import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../errors/app-error.js';

const WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/** A write that carries a body must say it is JSON; anything else is a 415. */
export function requireJson(req: Request, _res: Response, next: NextFunction): void {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (WITH_BODY.has(req.method) && hasBody && !req.is(['application/json', 'application/*+json'])) {
    next(new AppError('unsupported_media_type', 'Send the body as application/json'));
    return;
  }
  next();
}
