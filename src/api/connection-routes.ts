import type { NextFunction, Request, Response, Router } from 'express';
import type { Role } from '../../config/schema';
import type { Deps } from '../deps';
import type { Authed, Permission } from './auth';
import { principalOfRequest } from './auth';
import { addConnectionAccounts, connectionCallback, createConnection, getConnection } from './handlers/connections';
import type { HandlerResult } from './handler-result';
import { publicUrlOf } from './public-url';

type Guard = (permission: Permission) => (req: Request, res: Response, next: NextFunction) => void;
type Route = (h: (req: Request, res: Response) => Promise<HandlerResult>) => (req: Request, res: Response, next: NextFunction) => void;

/**
 * `/v1/connections` (api.md "Connecting accounts the way people do"): admins start and finish
 * consent flows; the callback needs no bearer token, its `state` authorizes it.
 */
export function mountConnectionRoutes(v1: Router, deps: Deps, can: Guard, route: Route, resolve: (token: string) => Role | null): void {
  const principal = (res: Response): string | undefined => (res.locals.auth as Authed | undefined)?.principal;
  const id = (req: Request): string => String(req.params.id);
  v1.get('/connections/callback/:platform', route((req) => connectionCallback(deps, String(req.params.platform), req.query, principalOfRequest(resolve, req))));
  v1.post('/connections', can('admin'), route((req, res) => createConnection(deps, req.body, principal(res), publicUrlOf(deps.config, req))));
  v1.get('/connections/:id', can('admin'), route((req) => getConnection(deps, id(req))));
  v1.post('/connections/:id/accounts', can('admin'), route((req, res) => addConnectionAccounts(deps, id(req), req.body, principal(res))));
}
