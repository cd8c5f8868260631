import express from 'express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { bearerOf, csrfProblem, identityOf, roleAllows } from '../api/auth';
import { postSignOut } from '../api/handlers/sign-in';
import type { HandlerResult } from '../api/handler-result';
import { auditQuietly } from '../store/audit-store';
import { dashboardRequestAllowed, describeDashboardAction, withoutStacktraces } from './dashboard-policy';
import type { Deps } from '../deps';
import { DomainError } from '../domain/errors';
import type { MachineTokens } from '../people/machine-tokens';
import { collectGauges } from './collect-gauges';
import { createQueueDashboards, QUEUE_DASHBOARD_PATH } from './mount-bull-board';
import { isCrossSite, opsSignIn } from './ops-sign-in';
import { isSameSecret } from '../shared/same-secret';

/** The board's files: next to this module (tsx, jest) or in the source tree (a compiled build). */
function boardDir(): string {
  const here = path.join(__dirname, 'board');
  return existsSync(here) ? here : path.join(process.cwd(), 'src', 'ops', 'board');
}

const PAGE_CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

const wantsHtml = (req: Request): boolean => req.method === 'GET' && (req.get('accept') ?? '').includes('text/html');

function sendResult(run: () => Promise<HandlerResult>, res: Response, next: NextFunction): void {
  run().then(
    (result) => {
      if (result.status === 204 || result.body === null) res.status(result.status).end();
      else res.status(result.status).json(result.body);
    },
    (err: unknown) => {
      next(err);
    },
  );
}

/**
 * `/ops` (the schedule board page and its sign-in), `/ops/login`, `/ops/logout`, `/ops/me`, the
 * board's static files, and `/admin/queues` (bull-board): full for ops and admin, read-only for
 * viewers and organizers, closed to anonymous callers (HTML requests go to the sign-in page).
 * `who` is the API's identify step (bearer token or session cookie).
 */
export function mountOpsPages(app: express.Express, deps: Deps, who: RequestHandler, machines: MachineTokens): void {
  const dir = boardDir();
  const shell = readFileSync(path.join(dir, 'index.html'), 'utf8');
  app.get('/ops', (_req, res) => {
    res.setHeader('Content-Security-Policy', PAGE_CSP);
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(shell);
  });
  app.use('/ops/assets', express.static(dir, { index: false, maxAge: 0, setHeaders: (res) => res.setHeader('Cache-Control', 'no-cache') }));
  const json = express.json({ limit: '4kb', strict: false, type: () => true });
  app.post('/ops/login', json, (req, res, next) => {
    sendResult(() => opsSignIn(deps, machines, req, res), res, next);
  });
  app.post('/ops/logout', who, (req, res, next) => {
    sendResult(() => postSignOut(deps, req, res), res, next);
  });
  app.get('/ops/me', who, (_req, res, next) => {
    const me = identityOf(res);
    if (!me) {
      next(new DomainError('unauthorized', 'sign in first'));
      return;
    }
    res.setHeader('Cache-Control', 'no-store');
    res.json({ role: me.role, canRetry: roleAllows(me.role, 'operate'), principal: me.principal, user: me.user, ...(me.session ? { csrfToken: me.session.csrfToken } : {}) });
  });
  mountQueueDashboard(app, deps, who);
}

/**
 * bull-board's own pages cannot send our X-CSRF-Token: a cookie-authenticated unsafe request passes
 * with the header, or from our own origin (Origin / Sec-Fetch-Site); else `403 csrf_failed`. A
 * non-Bearer Authorization header (Basic…) does not make it a bearer request.
 */
function queueCsrfProblem(req: Request, res: Response): DomainError | null {
  const me = identityOf(res);
  if (!me?.session) return null;
  const problem = csrfProblem(req, me);
  if (!problem) return null;
  const sameOrigin = !isCrossSite(req) && (req.get('origin') !== undefined || req.get('sec-fetch-site') === 'same-origin');
  return sameOrigin ? null : problem;
}

function mountQueueDashboard(app: express.Express, deps: Deps, who: RequestHandler): void {
  const boards = createQueueDashboards(deps.queues);
  app.use(QUEUE_DASHBOARD_PATH, who, (req: Request, res: Response, next: NextFunction) => {
    const me = identityOf(res);
    if (!me) {
      if (wantsHtml(req)) {
        res.redirect(303, `/ops?next=${encodeURIComponent(QUEUE_DASHBOARD_PATH)}`);
        return;
      }
      res.setHeader('WWW-Authenticate', 'Bearer realm="livecue"');
      next(new DomainError('unauthorized', 'sign in on /ops or send Authorization: Bearer <token>'));
      return;
    }
    const csrf = queueCsrfProblem(req, res);
    if (csrf) {
      next(csrf);
      return;
    }
    const role = me.role;
    const operate = roleAllows(role, 'operate');
    const allowed = dashboardRequestAllowed(role, req.method, req.path);
    if (!allowed.ok) {
      next(new DomainError('forbidden', allowed.needs === 'ops' ? `the ${role} role sees the job dashboard read-only (needs ops)` : `only admins may ${req.method} ${req.path} in the job dashboard (ops retry, promote, clean, pause and resume)`));
      return;
    }
    const action = describeDashboardAction(req.method, req.path);
    if (action) {
      res.once('finish', () => {
        if (res.statusCode < 400) void auditQuietly(deps, me.principal, { action: 'dashboard.action', target: req.path, details: { action } });
      });
    }
    if (!operate) {
      // Readers get no server stack traces (file paths) in failed jobs.
      const json = res.json.bind(res);
      res.json = (body: unknown) => json(withoutStacktraces(body));
    }
    (operate ? boards.full : boards.readOnly)(req, res, next);
  });
}

/**
 * `GET /metrics`: Prometheus text. Open unless METRICS_TOKEN is set; then that bearer token or any
 * ops/admin token.
 */
export function mountMetrics(app: express.Express, deps: Deps, who: RequestHandler): void {
  app.get('/metrics', who, (req, res, next) => {
    const required = deps.config.metricsToken;
    if (required) {
      const token = bearerOf(req);
      const role = identityOf(res)?.role;
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
  });
}
