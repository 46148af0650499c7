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

/** A route that takes another media type (a document upload reads its own multipart body). */
export interface NonJsonRoute {
  method: string;
  path: RegExp;
}

/** `requireJson`, except on the routes named, which check their own media type. */
export function requireJsonExcept(routes: NonJsonRoute[]) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const path = req.path;
    if (routes.some((route) => route.method === req.method && route.path.test(path))) {
      next();
      return;
    }
    requireJson(req, res, next);
  };
}
