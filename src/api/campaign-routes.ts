import express from 'express';
import type { NextFunction, Request, RequestHandler, Response, Router } from 'express';
import type { Deps } from '../deps';
import { isRecurring } from '../sessions/create-series';
import { authOf } from './auth';
import type { Permission } from './auth';
import { withIdempotency } from './idempotency';
import { getCalendar } from './handlers/campaign-calendar';
import { postImport } from './handlers/campaign-import';
import { getSeries, patchSeries, postSeries, postSeriesCancel } from './handlers/campaign-series';
import { createCampaign, getCampaign, getCatalog, getCoverage, listCampaigns, putCatalog } from './handlers/campaigns';
import type { HandlerResult } from './handler-result';

type Route = (h: (req: Request, res: Response) => Promise<HandlerResult>) => RequestHandler;
type Can = (p: Permission) => RequestHandler;

const id = (req: Request): string => String(req.params.id);

/**
 * `POST /v1/campaigns/:id/import` takes `text/csv`: mounted before the JSON-only middleware, with
 * its own text parser (limit LIVECUE_BODY_LIMIT). Any other Content-Type is 415.
 */
export function mountCampaignImport(v1: Router, deps: Deps, can: Can, route: Route): void {
  v1.post(
    '/campaigns/:id/import',
    can('write'),
    express.text({ type: ['text/csv', 'application/csv', 'text/comma-separated-values'], limit: deps.config.bodyLimit, defaultCharset: 'utf-8' }),
    route((req, res) => withIdempotency(deps, req, res, (seal) => postImport(deps, id(req), typeof req.body === 'string' ? req.body : undefined, req.get('content-type'), req.query, authOf(res)?.principal, seal))),
  );
}

/** The campaign routes of api.md, the calendar feed (no bearer) and the recurrence series routes. */
export function mountCampaignRoutes(v1: Router, deps: Deps, can: Can, route: Route): void {
  v1.post('/campaigns', can('write'), route((req, res) => createCampaign(deps, req.body, authOf(res))));
  v1.get('/campaigns', can('read'), route((_req, res) => listCampaigns(deps, authOf(res)?.role)));
  v1.get('/campaigns/:id', can('read'), route((req, res) => getCampaign(deps, id(req), authOf(res)?.role)));
  v1.get('/campaigns/:id/catalog', can('read'), route((req) => getCatalog(deps, id(req))));
  v1.put('/campaigns/:id/catalog', can('write'), route((req, res) => putCatalog(deps, id(req), req.body, authOf(res)?.principal)));
  v1.get('/campaigns/:id/coverage', can('read'), route((req) => getCoverage(deps, id(req))));
  v1.get('/campaigns/:id/calendar.ics', (req: Request, res: Response, next: NextFunction) => {
    getCalendar(deps, id(req), req.query).then(
      (result) => {
        res.status(result.status).set(result.headers ?? {}).send(result.body);
      },
      (err: unknown) => {
        next(err);
      },
    );
  });

  // A create body with `recurrence` is a series; any other goes on to the plain create route.
  v1.post('/sessions', (req: Request, _res: Response, next: NextFunction) => {
    if (isRecurring(req.body)) next();
    else next('route');
  }, can('write'), route((req, res) => withIdempotency(deps, req, res, () => postSeries(deps, req.body, authOf(res)?.principal))));
  v1.get('/series/:id', can('read'), route((req) => getSeries(deps, id(req))));
  v1.patch('/series/:id', can('write'), route((req, res) => patchSeries(deps, id(req), req.body, authOf(res)?.principal)));
  v1.post('/series/:id/cancel', can('write'), route((req, res) => postSeriesCancel(deps, id(req), req.body, authOf(res)?.principal)));
}
