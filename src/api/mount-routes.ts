import type { NextFunction, Request, RequestHandler, Response, Router } from 'express';
import type express from 'express';
import type { Role } from '../../config/schema';
import type { Deps } from '../deps';
import type { MachineTokens } from '../people/machine-tokens';
import { mountMetrics, mountOpsPages } from '../ops/ops-routes';
import { requirePermission, requirePerson } from './auth';
import type { Permission } from './auth';
import type { Authed } from './auth';
import type { HandlerResult } from './handler-result';
import type { ApiRoute, PageRoute } from './routes';

/** The permission that lets in exactly `role` and the roles above it (the least role of a route). */
export const PERMISSION_OF: Record<Role, Permission> = { viewer: 'read', organizer: 'write', ops: 'operate', admin: 'admin' };

/** Mounts table routes on `target`; `prefix` is cut from their paths (`/v1` for the v1 router). */
export function mountApiRoutes(target: Router | express.Express, routes: readonly ApiRoute[], deps: Deps, prefix = ''): void {
  for (const route of routes) {
    const chain: RequestHandler[] = [];
    if (route.when) chain.push(onlyWhen(route.when));
    if (route.person) chain.push(requirePerson());
    else if (route.role && route.role !== 'own') chain.push(requirePermission(PERMISSION_OF[route.role]));
    chain.push(...(route.parsers?.(deps) ?? []));
    const mount = target[route.method].bind(target) as (path: string, ...handlers: RequestHandler[]) => unknown;
    mount(route.path.slice(prefix.length), ...chain, handlerOf(route, deps));
  }
}

/** Mounts the pages outside the JSON API, by the functions of src/ops/ops-routes.ts that PAGE_ROUTES names (each once). */
export function mountPageRoutes(app: express.Express, routes: readonly PageRoute[], deps: Deps, who: RequestHandler, machines: MachineTokens): void {
  const mounts = new Set(routes.map((r) => r.mountedBy));
  if (mounts.has('mountOpsPages')) mountOpsPages(app, deps, who, machines);
  if (mounts.has('mountMetrics')) mountMetrics(app, deps, who);
}

/** A `when` variant: other requests skip to the next route of the same method and path. */
function onlyWhen(matches: (req: Request) => boolean): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (matches(req)) next();
    else next('route');
  };
}

function handlerOf(route: ApiRoute, deps: Deps): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const call = { deps, req, res, id: String(req.params.id ?? ''), auth: res.locals.auth as Authed | undefined };
    route.handle(call).then(
      (result) => {
        if (route.kind === 'raw') sendRaw(res, result);
        else sendJson(res, result);
      },
      (err: unknown) => {
        next(err);
      },
    );
  };
}

function sendJson(res: Response, result: HandlerResult): void {
  for (const [k, v] of Object.entries(result.headers ?? {})) res.setHeader(k, v);
  if (result.status === 204 || result.body === null) res.status(result.status).end();
  else res.status(result.status).json(result.body);
}

function sendRaw(res: Response, result: HandlerResult): void {
  res.status(result.status).set(result.headers ?? {}).send(result.body);
}
