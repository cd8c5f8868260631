import type { NextFunction, Request, RequestHandler, Response, Router } from 'express';
import type express from 'express';
import type { Role } from '../../config/schema';
import type { Deps } from '../deps';
import { readOpsCookie } from '../ops/ops-cookie';
import { PERMISSION_OF, requirePermission } from './auth';
import type { Authed } from './auth';
import type { HandlerResult } from './handler-result';
import type { ApiRoute, PageRoute } from './routes';

type Resolve = (token: string) => Role | null;

/** Mounts table routes on `target`; `prefix` is cut from their paths (`/v1` for the v1 router). */
export function mountApiRoutes(target: Router | express.Express, routes: readonly ApiRoute[], deps: Deps, resolve: Resolve, prefix = ''): void {
  for (const route of routes) {
    const chain: RequestHandler[] = [];
    if (route.when) chain.push(onlyWhen(route.when));
    if (route.role) chain.push(requirePermission(resolve, PERMISSION_OF[route.role], route.boardCookie ? readOpsCookie : undefined));
    chain.push(...(route.parsers?.(deps) ?? []));
    const mount = target[route.method].bind(target) as (path: string, ...handlers: RequestHandler[]) => unknown;
    mount(route.path.slice(prefix.length), ...chain, handlerOf(route, deps, resolve));
  }
}

/** Mounts the pages and mounts outside the JSON API (`use`: every method under the path). */
export function mountPageRoutes(app: express.Express, routes: readonly PageRoute[], deps: Deps, resolve: Resolve): void {
  for (const page of routes) {
    const handlers = page.handlers({ deps, resolve });
    if (page.method === 'use') app.use(page.path, ...handlers);
    else app[page.method](page.path, ...handlers);
  }
}

/** A `when` variant: other requests skip to the next route of the same method and path. */
function onlyWhen(matches: (req: Request) => boolean): RequestHandler {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (matches(req)) next();
    else next('route');
  };
}

function handlerOf(route: ApiRoute, deps: Deps, resolve: Resolve): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const call = { deps, req, res, id: String(req.params.id ?? ''), auth: res.locals.auth as Authed | undefined, resolve };
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
