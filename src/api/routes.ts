/**
 * The one route table of LiveCue. Express mounting (src/api/mount-routes.ts), the OpenAPI document
 * (src/api/openapi/build-openapi.ts, GET /v1/openapi.json) and the role test
 * (test/integration/security/route-roles.test.ts) all read it.
 *
 * How to add a JSON API route: add ONE object literal to the list of its area in
 * src/api/route-table/ (`sessionRoutes`, `seriesRoutes`, `campaignRoutes`, `accountRoutes`, `connectionRoutes`, `opsRoutes`, `peopleRoutes`, `reminderRoutes`; a new area is a
 * new file joined into API_ROUTES below):
 *
 *   {
 *     method: 'get', path: '/v1/things/:id', role: 'viewer',           // Express 5 path; least role (null: no token)
 *     handle: ({ deps, id }) => getThing(deps, id),                     // parse → call → present (src/api/handlers)
 *     doc: {
 *       operationId: 'getThing', tag: 'Meta', summary: 'Read a thing',
 *       params: idParam('thing', 'thg_1'),                              // zod: params, query, headers, body
 *       answers: { 200: { description: 'The thing', content: json(ThingSchema) } },
 *       errors: ['not_found', 'unavailable'],                           // 401/403/429/500 follow from role, 400/413/415 from body
 *     },
 *   },
 *
 * The role guard, the rate limiter, the CSRF guard, the JSON body rules and the error handler apply by
 * themselves; the OpenAPI operation and the role test's checks follow from the entry. Idempotent
 * creates wrap their handler in `withIdempotency`. Options: `person` (people only, not machine
 * tokens), `stage` (mount before the CSRF guard, or before the JSON body rules with `parsers`),
 * `kind: 'raw'` (the answer body is sent as is, e.g. text/calendar), `when` (a variant of another
 * entry with the same method and path, taken only for the requests it matches).
 *
 * Pages and mounts that are not JSON API routes (the /ops pages, bull-board, /metrics) are in
 * PAGE_ROUTES below: method, path, role and the Express handlers; they are not in the OpenAPI document.
 * The public's reminder routes (/c/:campaignId, /v1/public/…) are in PUBLIC_ROUTES
 * (src/api/route-table/public-routes.ts): documented like these, mounted by mountPublicRoutes.
 */
import type { Request, RequestHandler, Response } from 'express';
import type { ResponseConfig, RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { ZodObject, ZodType } from 'zod';
import type { Role } from '../../config/schema';
import type { Deps } from '../deps';
import type { ErrorCode } from '../domain/errors';
import type { Authed } from './auth';
import type { HandlerResult } from './handler-result';
import { accountRoutes } from './route-table/account-routes';
import { campaignRoutes } from './route-table/campaign-routes';
import { connectionRoutes } from './route-table/connection-routes';
import { opsRoutes } from './route-table/ops-routes';
import { seriesRoutes } from './route-table/series-routes';
import { sessionRoutes } from './route-table/session-routes';
import { QUEUE_DASHBOARD_PATH } from '../ops/mount-bull-board';
import { peopleRoutes } from './route-table/people-routes';
import { reminderRoutes } from './route-table/reminder-routes';

/** What a handler gets: the deps, the request, `:id` of the path and the caller (set by the role guard). */
export interface Call {
  deps: Deps;
  req: Request;
  res: Response;
  /** The `:id` path parameter ('' when the path has none). */
  id: string;
  /** The caller's role and audit name; undefined on routes without a role. */
  auth: Authed | undefined;
}

/** The OpenAPI side of a route: names, request schemas, answers and errors. */
export interface RouteDoc {
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  params?: ZodObject;
  query?: ZodObject;
  headers?: ZodObject;
  body?: { schema: ZodType; mediaType?: string; required?: boolean; description?: string };
  /** Success (and other non-error) answers by status. */
  answers: Record<number, ResponseConfig>;
  /** Error codes this route answers beyond those implied by its role and body (the shared error shape per status). */
  errors?: readonly ErrorCode[];
}

export interface ApiRoute {
  method: Extract<RouteConfig['method'], 'get' | 'post' | 'put' | 'patch' | 'delete'>;
  /** Express 5 path from the root, e.g. `/v1/sessions/:id` (OpenAPI: `/v1/sessions/{id}`). */
  path: string;
  /** The least role (api.md "Auth"); null: no sign-in at all; 'own': a check of its own (credentials in the body, or `person`). */
  role: Role | null | 'own';
  /** Only people (a browser session or a personal token; machine tokens get 403), CSRF-checked for cookies. */
  person?: true;
  /** `open`: before the CSRF guard (the rate limits still apply); `before-json`: before the JSON body rules, parsed by `parsers`. Default: after them. */
  stage?: 'open' | 'before-json';
  parsers?: (deps: Deps) => RequestHandler[];
  /** `json` (default): the result body is sent as JSON; `raw`: as is, with the result's headers. */
  kind?: 'json' | 'raw';
  /** A variant: taken only for requests it matches, the others go on to the next entry of the same method and path. */
  when?: (req: Request) => boolean;
  handle: (call: Call) => Promise<HandlerResult>;
  /** null only for a `when` variant documented by the entry it shares its method and path with. */
  doc: RouteDoc | null;
}

/** A page or mount outside the JSON API. `use`: every method under `path`. `own`: a check of its own (tested by its owner). */
export interface PageRoute {
  method: 'get' | 'post' | 'use';
  path: string;
  role: Role | null | 'own';
  /** Why it is not a JSON API route, and how it is guarded. */
  note: string;
  /** The function of src/ops/ops-routes.ts that mounts it (one function mounts several of these). */
  mountedBy: 'mountOpsPages' | 'mountMetrics';
}

/** Every JSON API route, in mounting order (a `when` variant comes before the entry it falls back to). */
export const API_ROUTES: readonly ApiRoute[] = [...opsRoutes, ...campaignRoutes, ...seriesRoutes, ...sessionRoutes, ...accountRoutes, ...connectionRoutes, ...peopleRoutes, ...reminderRoutes];

/** The /ops pages, their assets, bull-board at /admin/queues and /metrics, in mounting order (after /v1). */
export const PAGE_ROUTES: readonly PageRoute[] = [
  { method: 'get', path: '/ops', role: null, note: 'the board page (HTML); it signs in itself', mountedBy: 'mountOpsPages' },
  { method: 'use', path: '/ops/assets', role: null, note: "the board's static files", mountedBy: 'mountOpsPages' },
  { method: 'post', path: '/ops/login', role: 'own', note: 'email and password (or a machine token) in its body; sets the session cookie', mountedBy: 'mountOpsPages' },
  { method: 'post', path: '/ops/logout', role: 'own', note: 'ends the browser session (CSRF-checked with the cookie)', mountedBy: 'mountOpsPages' },
  { method: 'get', path: '/ops/me', role: 'viewer', note: 'who the bearer token or the session cookie is', mountedBy: 'mountOpsPages' },
  { method: 'use', path: QUEUE_DASHBOARD_PATH, role: 'viewer', note: 'bull-board: read-only below ops, admin-only actions; HTML requests without sign-in go to /ops', mountedBy: 'mountOpsPages' },
  { method: 'get', path: '/metrics', role: null, note: 'Prometheus text; open unless METRICS_TOKEN is set (then that token or an ops/admin token)', mountedBy: 'mountMetrics' },
];
