import type { NextFunction, Request, Response } from 'express';
import type { MetricsRegistry } from '@mandate/runtime';

/** Records each request's duration by method, route template and final status (errors included). */
export function metricsMiddleware(metrics: MetricsRegistry) {
  return (request: Request, response: Response, next: NextFunction): void => {
    const stop = metrics.httpDuration.startTimer();
    response.on('finish', () => {
      const route = (request.route as { path?: string } | undefined)?.path ?? 'unmatched';
      stop({ method: request.method, route, status: String(response.statusCode) });
    });
    next();
  };
}
