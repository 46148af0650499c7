import type { NextFunction, Request, Response } from 'express';
import type { Metrics } from './metrics.js';

/** Times every HTTP request, labelled by the matched route pattern (never the raw path). */
export function httpMetrics(metrics: Metrics) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const stop = metrics.httpDuration.startTimer();
    res.once('finish', () => {
      const route = (req.route as { path?: string } | undefined)?.path ?? 'unmatched';
      stop({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  };
}
