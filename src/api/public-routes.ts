import express from 'express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Deps } from '../deps';
import { DomainError } from '../domain/errors';
import { langOf, renderCampaignPage, renderResultPage, renderTokenPage } from './handlers/public-pages';
import { confirmSubscription, subscribe, unsubscribe } from './handlers/public-subscriptions';
import type { HandlerResult } from './handler-result';
import { PUBLIC_ROUTES } from './route-table/public-routes';
import type { PublicOperation } from './route-table/public-routes';

/** An HTML form's fields as the JSON body the handlers take (`consent=true`, empty fields dropped). */
function formBody(req: Request): Record<string, unknown> {
  const raw = (req.body ?? {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (typeof v !== 'string' || v.trim() === '') continue;
    out[k] = k === 'consent' ? v === 'true' || v === 'on' : v;
  }
  return out;
}

const isForm = (req: Request): boolean => req.is('application/x-www-form-urlencoded') !== false;

/** Runs a handler; a form post gets a page, JSON callers the JSON answer (errors: the one error shape). */
function answer(run: () => Promise<HandlerResult>, page: ((r: HandlerResult) => string) | null) {
  return (req: Request, res: Response, next: NextFunction): void => {
    run().then(
      (result) => {
        if (page && isForm(req)) res.status(result.status).type('html').send(page(result));
        else res.status(result.status).json(result.body);
      },
      (err: unknown) => {
        if (err instanceof DomainError && err.code === 'rate_limited') res.setHeader('Retry-After', typeof err.extra.retryAfterSeconds === 'number' ? String(err.extra.retryAfterSeconds) : '60');
        if (page && isForm(req) && err instanceof DomainError && err.code === 'invalid_token') {
          res.status(400).type('html').send(renderResultPage(langOf(req.query.lang), 'bad'));
          return;
        }
        next(err);
      },
    );
  };
}

/**
 * The public's side of reminders (no sign-in): `/c/:campaignId` and `/v1/public/…` (api.md
 * "Reminders that reach people"), as PUBLIC_ROUTES documents them (the OpenAPI document reads the
 * same table). Bodies: JSON, or an HTML form (and RFC 8058's one-click POST).
 */
export function mountPublicRoutes(app: express.Express, deps: Deps): void {
  const router = express.Router();
  // A body is JSON or an HTML form (documented as 415 otherwise); a request without a body passes.
  router.use((req, _res, next) => {
    const hasBody = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
    if (hasBody && !req.is(['application/json', 'application/x-www-form-urlencoded'])) next(new DomainError('unsupported_media_type', `send the body as application/json or an HTML form (got ${req.headers['content-type'] ?? 'no Content-Type'})`));
    else next();
  });
  router.use(express.json({ limit: '16kb' }));
  router.use(express.urlencoded({ extended: false, limit: '16kb' }));
  const lang = (req: Request) => langOf(req.query.lang);
  const text = (value: unknown): string => (typeof value === 'string' ? value : '');
  const queryToken = (req: Request): string => text(req.query.token);
  const token = (req: Request): string => text((req.body as { token?: unknown } | undefined)?.token) || queryToken(req);

  const handlers: Record<PublicOperation, RequestHandler> = {
    createSubscription: (req, res, next) => {
      answer(() => subscribe(deps, String(req.params.id), isForm(req) ? formBody(req) : req.body, req.ip ?? 'unknown'), () => renderResultPage(lang(req), 'sent'))(req, res, next);
    },
    getConfirmPage: (req, res) => {
      res.type('html').send(renderTokenPage(lang(req), 'confirm', queryToken(req)));
    },
    confirmSubscription: (req, res, next) => {
      answer(() => confirmSubscription(deps, { token: token(req) }), () => renderResultPage(lang(req), 'confirmed'))(req, res, next);
    },
    getUnsubscribePage: (req, res) => {
      res.type('html').send(renderTokenPage(lang(req), 'unsubscribe', queryToken(req)));
    },
    unsubscribe: (req, res, next) => {
      answer(() => unsubscribe(deps, token(req)), () => renderResultPage(lang(req), 'unsubscribed'))(req, res, next);
    },
    getCampaignPage: (req, res, next) => {
      renderCampaignPage(deps, String(req.params.campaignId), lang(req)).then(
        (page) => res.type('html').send(page),
        (err: unknown) => { next(err); },
      );
    },
  };
  // The documented table (src/api/route-table/public-routes.ts) decides what is mounted where.
  for (const route of PUBLIC_ROUTES) {
    const handler = handlers[route.operationId];
    if (route.path.startsWith('/v1/public/')) router[route.method](route.path.slice('/v1/public'.length), handler);
    else app[route.method](route.path, handler);
  }
  app.use('/v1/public', router);
}
