import express from 'express';
import type { NextFunction, Request, Response, Router } from 'express';
import helmet from 'helmet';
import { createHash } from 'node:crypto';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { ClientRateLimitInfo } from 'express-rate-limit';
import { RedisStore } from 'rate-limit-redis';
import type { RedisReply } from 'rate-limit-redis';
import type { Deps } from '../deps';
import { DomainError } from '../domain/errors';
import { createErrorHandler } from './errors';
import { bearerOf, createTokenResolver } from './auth';
import { mountApiRoutes, mountPageRoutes } from './mount-routes';
import { API_ROUTES, PAGE_ROUTES } from './routes';
import type { ApiRoute } from './routes';
import { refuseCrossSiteCookieWrites } from '../ops/ops-cookie';
import { observeRequests } from '../ops/observe-requests';

/** The Express app: the route table (src/api/routes.ts), auth, limits and the error shape. Starts nothing: no `listen` (server.ts), no watchdog (main.ts). */
export function createApp(deps: Deps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.set('query parser', 'simple');
  app.use(helmet({ contentSecurityPolicy: false }));
  app.use(observeRequests(deps.metrics, deps.clock));

  const resolve = createTokenResolver(deps.config.tokens);
  const [outside, open, beforeJson, v1Routes] = stagesOf(API_ROUTES);
  mountApiRoutes(app, outside, deps, resolve);
  const v1: Router = express.Router();
  mountApiRoutes(v1, open, deps, resolve, V1);
  v1.use(rateLimiter(deps, resolve));
  v1.use(refuseCrossSiteCookieWrites);
  // The CSV import takes text/csv: it is mounted before the JSON-only body rules.
  mountApiRoutes(v1, beforeJson, deps, resolve, V1);
  v1.use(requireJsonBody);
  // Not `strict`: any JSON value parses, so a scalar body is a schema error, not invalid_json.
  v1.use(express.json({ limit: deps.config.bodyLimit, strict: false, type: () => true }));
  mountApiRoutes(v1, v1Routes, deps, resolve, V1);

  app.use(V1, v1);
  mountPageRoutes(app, PAGE_ROUTES, deps, resolve);
  app.use((req, _res, next) => {
    next(new DomainError('not_found', `no route ${req.method} ${req.path}`));
  });
  app.use(createErrorHandler(deps.logger));
  return app;
}

const V1 = '/v1';

/** The table split by where it mounts: outside /v1, then on /v1 before the limits, before the JSON body rules, after them. */
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

/**
 * RedisStore loads its script once, at start; if that failed (Redis not ready yet) every later
 * request would skip the limit for good. Load it again on the next request instead.
 */
class ReloadingRedisStore extends RedisStore {
  override async increment(key: string): Promise<ClientRateLimitInfo> {
    this.incrementScriptSha = this.incrementScriptSha.catch(() => this.loadIncrementScript());
    return super.increment(key);
  }
}

/** Per-token request budget in Redis (shared by every API process); off when the limit is 0. */
function rateLimiter(deps: Deps, resolve: (t: string) => unknown) {
  const limit = deps.config.rateLimitPerMin;
  if (limit === 0) return (_req: Request, _res: Response, next: NextFunction) => {
    next();
  };
  return rateLimit({
    windowMs: 60_000,
    limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    passOnStoreError: true,
    keyGenerator: (req) => {
      const token = bearerOf(req);
      if (token && resolve(token)) return `t:${createHash('sha256').update(token).digest('hex').slice(0, 16)}`;
      return `ip:${ipKeyGenerator(req.ip ?? 'unknown')}`;
    },
    store: new ReloadingRedisStore({
      prefix: deps.keys.rateLimitPrefix,
      sendCommand: (command: string, ...args: string[]) => deps.redis.call(command, ...args) as Promise<RedisReply>,
    }),
    handler: (_req, res, _next, options) => {
      res.setHeader('Retry-After', String(Math.ceil(options.windowMs / 1000)));
      res.status(429).json({ error: { code: 'rate_limited', message: `more than ${limit} requests a minute with this token: slow down and retry after the Retry-After seconds` } });
    },
  });
}
