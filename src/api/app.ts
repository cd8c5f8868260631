import express from 'express';
import type { NextFunction, Request, Response, Router } from 'express';
import helmet from 'helmet';
import type { Deps } from '../deps';
import { DomainError } from '../domain/errors';
import { createErrorHandler } from './errors';
import { createRateLimits } from './rate-limits';
import { identify } from './auth';
import type { Authed } from './auth';
import { createMachineTokens } from '../people/machine-tokens';
import { mountApiRoutes, mountPageRoutes } from './mount-routes';
import { API_ROUTES, PAGE_ROUTES } from './routes';
import type { ApiRoute } from './routes';
import { mountConsole } from './mount-console';
import { mountPublicRoutes } from './public-routes';
import { observeRequests } from '../ops/observe-requests';

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

/** The Express app: the route table (src/api/routes.ts), auth, limits and the error shape. Starts nothing: no `listen` (server.ts), no watchdog (main.ts). */
export function createApp(deps: Deps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // X-Forwarded-For is believed only from the proxies LIVECUE_TRUST_PROXY names (default none).
  app.set('trust proxy', deps.config.trustProxy);
  app.set('query parser', 'simple');
  app.use(helmet({ contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY } }));
  app.use(observeRequests(deps.metrics, deps.clock));

  const [outside, open, beforeJson, v1Routes] = stagesOf(API_ROUTES);
  mountApiRoutes(app, outside, deps);
  const machines = createMachineTokens(deps.config.tokens);
  const who = identify(deps, machines);
  // Identified first (bearer token or session cookie): a known caller is limited by who they are.
  const limits = createRateLimits(deps, (req) => (req.res?.locals.auth as Authed | undefined)?.key ?? null);
  app.use(['/v1', '/ops', '/admin/queues', '/metrics'], who, limits.authFailures, limits.requests);
  const v1: Router = express.Router();
  mountApiRoutes(v1, open, deps, V1);
  // The CSV import takes text/csv: it is mounted before the JSON-only body rules.
  mountApiRoutes(v1, beforeJson, deps, V1);
  v1.use(requireJsonBody);
  // Not `strict`: any JSON value parses, so a scalar body is a schema error, not invalid_json.
  v1.use(express.json({ limit: deps.config.bodyLimit, strict: false, type: () => true }));
  mountApiRoutes(v1, v1Routes, deps, V1);

  // The public subscription pages and form posts (/v1/public/*, /c/:campaignId; their own table,
  // PUBLIC_ROUTES, in the OpenAPI document) take urlencoded forms and answer HTML, so they mount
  // before /v1's JSON-only body rule; they need no sign-in.
  mountPublicRoutes(app, deps);
  app.use(V1, v1);
  mountPageRoutes(app, PAGE_ROUTES, deps, who, machines);
  // Not a table entry: the console's static files (/console, /console/*splat; its data comes from guarded /v1 routes).
  mountConsole(app);
  app.use((req, _res, next) => {
    next(new DomainError('not_found', `no route ${req.method} ${req.path}`));
  });
  app.use(createErrorHandler(deps.logger));
  return app;
}

const V1 = '/v1';

/** The table split by where it mounts: outside /v1 (before the rate limits), then on /v1 before the CSRF guard, before the JSON body rules, after them. */
function stagesOf(routes: readonly ApiRoute[]): [ApiRoute[], ApiRoute[], ApiRoute[], ApiRoute[]] {
  const onV1 = routes.filter((r) => r.path.startsWith(`${V1}/`));
  return [
    routes.filter((r) => !r.path.startsWith(`${V1}/`)),
    onV1.filter((r) => r.stage === 'open'),
    onV1.filter((r) => r.stage === 'before-json'),
    onV1.filter((r) => r.stage === undefined),
  ];
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
