import express from 'express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Role } from '../../config/schema';
import { bearerOf, principalFor, roleAllows } from '../api/auth';
import { auditQuietly } from '../store/audit-store';
import { dashboardRequestAllowed, describeDashboardAction, withoutStacktraces } from './dashboard-policy';
import type { Deps } from '../deps';
import { DomainError } from '../domain/errors';
import { collectGauges } from './collect-gauges';
import { createQueueDashboards, QUEUE_DASHBOARD_PATH } from './mount-bull-board';
import { clearOpsCookie, isSameOriginRequest, readOpsCookie, refuseCrossSiteCookieWrites, setOpsCookie } from './ops-cookie';
import { isSameSecret } from '../shared/same-secret';

type Resolve = (token: string) => Role | null;

/** The board's files: next to this module (tsx, jest) or in the source tree (a compiled build). */
function boardDir(): string {
  const here = path.join(__dirname, 'board');
  return existsSync(here) ? here : path.join(process.cwd(), 'src', 'ops', 'board');
}

const PAGE_CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

const roleOf = (req: Request, resolve: Resolve): Role | null => {
  const token = bearerOf(req) ?? readOpsCookie(req);
  return token ? resolve(token) : null;
};

const wantsHtml = (req: Request): boolean => req.method === 'GET' && (req.get('accept') ?? '').includes('text/html');

/** `GET /ops`: the schedule board page and its sign-in (the HTML shell, read once). */
export function opsShellHandler(): RequestHandler {
  const shell = readFileSync(path.join(boardDir(), 'index.html'), 'utf8');
  return (_req, res) => {
    res.setHeader('Content-Security-Policy', PAGE_CSP);
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(shell);
  };
}

/** `/ops/assets`: the board's static files. */
export function opsStaticHandler(): RequestHandler {
  return express.static(boardDir(), { index: false, maxAge: 0, setHeaders: (res) => res.setHeader('Cache-Control', 'no-cache') });
}

/** `POST /ops/login`: a token in a same-origin JSON body → the board cookie. */
export function opsLoginHandlers(resolve: Resolve): RequestHandler[] {
  return [express.json({ limit: '4kb' }), (req, res, next) => {
    if (!isSameOriginRequest(req)) {
      next(new DomainError('forbidden', 'sign in from the LiveCue sign-in page'));
      return;
    }
    const token = typeof (req.body as { token?: unknown } | undefined)?.token === 'string' ? (req.body as { token: string }).token.trim() : '';
    const role = token ? resolve(token) : null;
    if (!role) {
      next(new DomainError('unauthorized', 'unknown token: type the token you were given (role:token from LIVECUE_TOKENS)'));
      return;
    }
    setOpsCookie(req, res, token);
    res.json({ role });
  }];
}

/** `POST /ops/logout`: same-origin only; clears the board cookie. */
export const opsLogoutHandler: RequestHandler = (req, res, next) => {
  if (!isSameOriginRequest(req)) {
    next(new DomainError('forbidden', 'sign out from the LiveCue pages'));
    return;
  }
  clearOpsCookie(req, res);
  res.status(204).end();
};

/** `GET /ops/me`: the role behind the bearer token or the board cookie. */
export function opsMeHandler(resolve: Resolve): RequestHandler {
  return (req, res, next) => {
    const role = roleOf(req, resolve);
    if (!role) {
      next(new DomainError('unauthorized', 'sign in first'));
      return;
    }
    res.setHeader('Cache-Control', 'no-store');
    res.json({ role, canRetry: roleAllows(role, 'operate') });
  };
}

/**
 * `/admin/queues` (bull-board): full for ops and admin, read-only for viewers and organizers,
 * closed to anonymous callers (HTML requests go to the sign-in page).
 */
export function queueDashboardHandlers(deps: Deps, resolve: Resolve): RequestHandler[] {
  const boards = createQueueDashboards(deps.queues);
  return [refuseCrossSiteCookieWrites, (req: Request, res: Response, next: NextFunction) => {
    const role = roleOf(req, resolve);
    if (!role) {
      if (wantsHtml(req)) {
        res.redirect(303, `/ops?next=${encodeURIComponent(QUEUE_DASHBOARD_PATH)}`);
        return;
      }
      res.setHeader('WWW-Authenticate', 'Bearer realm="livecue"');
      next(new DomainError('unauthorized', 'sign in on /ops or send Authorization: Bearer <token>'));
      return;
    }
    const operate = roleAllows(role, 'operate');
    const allowed = dashboardRequestAllowed(role, req.method, req.path);
    if (!allowed.ok) {
      next(new DomainError('forbidden', allowed.needs === 'ops' ? `the ${role} role sees the job dashboard read-only (needs ops)` : `only admins may ${req.method} ${req.path} in the job dashboard (ops retry, promote, clean, pause and resume)`));
      return;
    }
    const action = describeDashboardAction(req.method, req.path);
    if (action) {
      res.once('finish', () => {
        if (res.statusCode < 400) void auditQuietly(deps, principalFor(role, bearerOf(req) ?? readOpsCookie(req) ?? ''), { action: 'dashboard.action', target: req.path, details: { action } });
      });
    }
    if (!operate) {
      // Readers get no server stack traces (file paths) in failed jobs.
      const json = res.json.bind(res);
      res.json = (body: unknown) => json(withoutStacktraces(body));
    }
    (operate ? boards.full : boards.readOnly)(req, res, next);
  }];
}

/**
 * `GET /metrics`: Prometheus text. Open unless METRICS_TOKEN is set; then that bearer token or any
 * ops/admin token.
 */
export function metricsHandler(deps: Deps, resolve: Resolve): RequestHandler {
  return (req, res, next) => {
    const required = deps.config.metricsToken;
    if (required) {
      const token = bearerOf(req);
      const role = token ? resolve(token) : null;
      if (!(token !== null && isSameSecret(token, required)) && !(role && roleAllows(role, 'operate'))) {
        res.setHeader('WWW-Authenticate', 'Bearer realm="livecue-metrics"');
        next(new DomainError('unauthorized', 'send Authorization: Bearer <METRICS_TOKEN or an ops/admin token>'));
        return;
      }
    }
    collectGauges(deps)
      .catch((err: unknown) => {
        deps.logger.warn('metrics gauges not read', { component: 'metrics', error: err instanceof Error ? err.message : String(err) });
      })
      .then(() => deps.metrics.registry.metrics())
      .then((text) => {
        res.setHeader('Content-Type', deps.metrics.registry.contentType);
        res.send(text);
      })
      .catch(next);
  };
}
