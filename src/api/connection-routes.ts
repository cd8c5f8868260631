import type { NextFunction, Request, Response, Router } from 'express';
import type { Deps } from '../deps';
import type { Authed, Permission } from './auth';
import { addConnectionAccounts, connectionCallback, createConnection, getConnection } from './handlers/connections';
import type { HandlerResult } from './handler-result';
import { publicUrlOf } from './public-url';

type Guard = (permission: Permission) => (req: Request, res: Response, next: NextFunction) => void;
type Route = (h: (req: Request, res: Response) => Promise<HandlerResult>) => (req: Request, res: Response, next: NextFunction) => void;

/**
 * `/v1/connections` (api.md "Connecting accounts the way people do"): admins start and finish
 * consent flows; the callback needs no bearer token, its `state` authorizes it (the caller, when
 * the request says who it is — the browser's session cookie or a token —, must be the one who started it).
 */
export function mountConnectionRoutes(v1: Router, deps: Deps, can: Guard, route: Route): void {
  const who = (res: Response): Authed | undefined => res.locals.auth as Authed | undefined;
  const principal = (res: Response): string | undefined => who(res)?.principal;
  const id = (req: Request): string => String(req.params.id);
  v1.get('/connections/callback/:platform', route((req, res) => connectionCallback(deps, String(req.params.platform), req.query, who(res)?.key ?? null)));
  v1.post('/connections', can('admin'), route((req, res) => createConnection(deps, req.body, who(res), publicUrlOf(deps.config, req))));
  v1.get('/connections/:id', can('admin'), route((req) => getConnection(deps, id(req))));
  v1.post('/connections/:id/accounts', can('admin'), route((req, res) => addConnectionAccounts(deps, id(req), req.body, principal(res))));
}
