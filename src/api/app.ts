import express from 'express';
import type { NextFunction, Request, Response, Router } from 'express';
import helmet from 'helmet';
import type { Deps } from '../deps';
import { DomainError } from '../domain/errors';
import { createErrorHandler } from './errors';
import { createRateLimits } from './rate-limits';
import { authOf, identify, requirePermission } from './auth';
import type { Authed, Permission } from './auth';
import { createMachineTokens } from '../people/machine-tokens';
import { mountPeopleRoutes } from './people-routes';
import type { HandlerResult } from './handler-result';
import { getSession, patchSession, postCancel, postPreview, postSession } from './handlers/sessions';
import { postBulk } from './handlers/bulk';
import { listSessions } from './handlers/list-sessions';
import { createAccount, deleteAccount, getAccount, listAccounts, listTargets } from './handlers/accounts';
import { getStats, listJobs, postRetry } from './handlers/jobs';
import { readiness } from './handlers/health';
import { withIdempotency } from './idempotency';
import { buildOpenApiDocument } from './openapi/build-openapi';
import { mountCampaignImport, mountCampaignRoutes } from './campaign-routes';
import { listAudit } from './handlers/audit';
import { getBoard } from '../ops/board-data';
import { mountMetrics, mountOpsPages } from '../ops/ops-routes';
import { mountConsole } from './mount-console';
import { observeRequests } from '../ops/observe-requests';
import { retryJobs } from '../ops/retry-jobs';
import { listDeliveries } from './handlers/deliveries';
import { countSubscribers } from './handlers/public-subscriptions';
import { mountPublicRoutes } from './public-routes';
import { mountConnectionRoutes } from './connection-routes';

type Handler = (req: Request, res: Response) => Promise<HandlerResult>;

/**
 * The policy of every answer (pages may set a stricter one, as /ops does): our own scripts only,
 * inline style attributes (bull-board's UI uses them), images from our pages and https (product
 * photos), no framing, no plugins, forms only to us.
 */
const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'https:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  // 'self', not 'none': bull-board's page sets <base href> to its mount point.
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/** The Express app: routes, auth, limits and the error shape. Starts nothing: no `listen` (server.ts), no watchdog (main.ts). */
export function createApp(deps: Deps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // X-Forwarded-For is believed only from the proxies LIVECUE_TRUST_PROXY names (default none).
  app.set('trust proxy', deps.config.trustProxy);
  app.set('query parser', 'simple');
  app.use(helmet({ contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY } }));
  app.use(observeRequests(deps.metrics, deps.clock));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', (req, res, next) => {
    send(() => readiness(deps), req, res, next);
  });

  const machines = createMachineTokens(deps.config.tokens);
  const who = identify(deps, machines);
  // Identified first (bearer token or session cookie): a known caller is limited by who they are.
  const limits = createRateLimits(deps, (req) => (req.res?.locals.auth as Authed | undefined)?.key ?? null);
  app.use(['/v1', '/ops', '/admin/queues', '/metrics'], who, limits.authFailures, limits.requests);
  /** Every route takes a bearer token or the session cookie (CSRF-checked for unsafe methods). */
  const can = (p: Permission) => requirePermission(p);
  const v1: Router = express.Router();
  const openapi = buildOpenApiDocument();
  v1.get('/openapi.json', (_req, res) => {
    res.json(openapi);
  });
  // The CSV import takes text/csv: it is mounted before the JSON-only body rules.
  mountCampaignImport(v1, deps, can, (h: Handler) => (req, res, next) => {
    send(() => h(req, res), req, res, next);
  });
  v1.use(requireJsonBody);
  // Not `strict`: any JSON value parses, so a scalar body is a schema error, not invalid_json.
  v1.use(express.json({ limit: deps.config.bodyLimit, strict: false, type: () => true }));

  const route = (h: Handler) => (req: Request, res: Response, next: NextFunction) => {
    send(() => h(req, res), req, res, next);
  };
  const id = (req: Request): string => String(req.params.id);
  mountCampaignRoutes(v1, deps, can, route);
  mountPeopleRoutes(v1, deps, can, route);

  v1.post('/sessions/preview', can('read'), route((req, res) => postPreview(deps, req.body, authOf(res)?.role)));
  v1.post('/sessions/bulk', can('write'), route((req, res) => withIdempotency(deps, req, res, (seal) => postBulk(deps, req.body, principalOf(res), seal))));
  v1.post('/sessions', can('write'), route((req, res) => withIdempotency(deps, req, res, (seal) => postSession(deps, req.body, principalOf(res), seal))));
  v1.get('/sessions', can('read'), route((req, res) => listSessions(deps, req.query, authOf(res)?.role)));
  v1.get('/sessions/:id', can('read'), route((req, res) => getSession(deps, id(req), authOf(res)?.role)));
  v1.patch('/sessions/:id', can('write'), route((req, res) => patchSession(deps, id(req), req.body, req.get('if-match'), principalOf(res))));
  v1.get('/sessions/:id/deliveries', can('write'), route((req) => listDeliveries(deps, id(req))));
  v1.get('/campaigns/:id/subscribers', can('write'), route((req) => countSubscribers(deps, id(req))));
  v1.post('/sessions/:id/cancel', can('write'), route((req, res) => postCancel(deps, id(req), req.body, principalOf(res))));

  v1.post('/accounts', can('admin'), route((req, res) => createAccount(deps, req.body, principalOf(res))));
  v1.get('/accounts', can('admin'), route(() => listAccounts(deps)));
  v1.get('/targets', can('read'), route(() => listTargets(deps)));
  v1.get('/accounts/:id', can('admin'), route((req) => getAccount(deps, id(req))));
  v1.delete('/accounts/:id', can('admin'), route((req, res) => deleteAccount(deps, id(req), principalOf(res))));

  mountConnectionRoutes(v1, deps, can, route);

  v1.get('/board', can('read'), route((req) => getBoard(deps, req.query)));
  v1.get('/jobs', can('read'), route((req) => listJobs(deps, req.query)));
  v1.post('/jobs/retry', can('operate'), route((req, res) => retryJobs(deps, req.body, principalOf(res))));
  v1.post('/jobs/:id/retry', can('operate'), route((req, res) => postRetry(deps, id(req), principalOf(res))));
  v1.get('/audit', can('admin'), route((req) => listAudit(deps, req.query)));
  v1.get('/stats', can('read'), route(() => getStats(deps)));
  v1.get('/sandbox', can('admin'), route(() => {
    if (!deps.sandboxUrl) return Promise.reject(new DomainError('not_found', 'LiveCue is not in sandbox mode (PLATFORM_MODE=live)'));
    return Promise.resolve({ status: 200, body: { baseUrl: deps.sandboxUrl } });
  }));

  mountPublicRoutes(app, deps);
  app.use('/v1', v1);
  mountOpsPages(app, deps, who, machines);
  mountConsole(app);
  mountMetrics(app, deps, who);
  app.use((req, _res, next) => {
    next(new DomainError('not_found', `no route ${req.method} ${req.path}`));
  });
  app.use(createErrorHandler(deps.logger));
  return app;
}

/** The non-secret name of the caller's token (set by requirePermission), for the audit log. */
function principalOf(res: Response): string | undefined {
  return (res.locals.auth as Authed | undefined)?.principal;
}

function send(run: () => Promise<HandlerResult>, _req: Request, res: Response, next: NextFunction): void {
  run().then(
    (result) => {
      for (const [k, v] of Object.entries(result.headers ?? {})) res.setHeader(k, v);
      if (result.status === 204 || result.body === null) res.status(result.status).end();
      else res.status(result.status).json(result.body);
    },
    (err: unknown) => {
      next(err);
    },
  );
}

/** A body must be JSON (415 otherwise); a request without a body passes. */
function requireJsonBody(req: Request, _res: Response, next: NextFunction): void {
  const hasBody = (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0') || req.headers['transfer-encoding'] !== undefined;
  if (!hasBody || req.method === 'GET' || req.method === 'DELETE') {
    next();
    return;
  }
  if (!req.is('application/json') && !req.is('application/*+json')) {
    next(new DomainError('unsupported_media_type', `send the body as application/json (got ${req.headers['content-type'] ?? 'no Content-Type'})`));
    return;
  }
  next();
}
