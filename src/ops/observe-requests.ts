import type { NextFunction, Request, Response } from 'express';
import type { Clock } from '../shared/clock';
import type { Metrics } from './metrics';

/** The route template of a request (never its ids), so labels stay few. */
export function routeLabel(req: Request): string {
  const url = req.originalUrl;
  if (url.startsWith('/admin/queues')) return '/admin/queues';
  if (url.startsWith('/ops/assets/')) return '/ops/assets';
  const route: unknown = req.route;
  const template = typeof route === 'object' && route !== null ? (route as { path?: unknown }).path : undefined;
  if (typeof template !== 'string') return 'unmatched';
  return url.startsWith('/v1/') && !template.startsWith('/v1') ? `/v1${template}` : template;
}

/** Counts every answered request (`livecue_api_requests_total`) and its latency, by route and status. */
export function observeRequests(metrics: Metrics, clock: Clock) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const startedMs = clock.now();
    res.on('finish', () => {
      const labels = { method: req.method, route: routeLabel(req), status: String(res.statusCode) };
      metrics.apiRequests.inc(labels);
      metrics.apiLatency.observe(labels, (clock.now() - startedMs) / 1000);
    });
    next();
  };
}
