import type { NextFunction, Request, RequestHandler, Response, Router } from 'express';
import type { Deps } from '../deps';
import type { Permission } from './auth';
import { requirePerson } from './auth';
import { deleteToken, getMe, listTokens, postToken } from './handlers/me';
import { listUsers, patchUser, postInvitation, postUser, readUser } from './handlers/people';
import type { HandlerResult } from './handler-result';
import { postAcceptInvitation, postSignIn, postSignOut } from './handlers/sign-in';

type Route = (h: (req: Request, res: Response) => Promise<HandlerResult>) => (req: Request, res: Response, next: NextFunction) => void;
type Can = (p: Permission) => RequestHandler;

const id = (req: Request): string => String(req.params.id);

/** The routes of api.md "People and sign-in" (on the /v1 router, after identify and the JSON body parser). */
export function mountPeopleRoutes(v1: Router, deps: Deps, can: Can, route: Route): void {
  v1.post('/users', can('admin'), route((req, res) => postUser(deps, req, res)));
  v1.get('/users', can('admin'), route(() => listUsers(deps)));
  v1.get('/users/:id', can('admin'), route((req) => readUser(deps, id(req))));
  v1.patch('/users/:id', can('admin'), route((req, res) => patchUser(deps, id(req), req, res)));
  v1.post('/users/:id/invitation', can('admin'), route((req, res) => postInvitation(deps, id(req), req, res)));

  v1.post('/auth/invitation', route((req, res) => postAcceptInvitation(deps, req, res)));
  v1.post('/auth/sign-in', route((req, res) => postSignIn(deps, req, res)));
  v1.post('/auth/sign-out', route((req, res) => postSignOut(deps, req, res)));

  v1.get('/me', can('read'), route((_req, res) => getMe(res)));
  v1.post('/me/tokens', requirePerson(), route((req, res) => postToken(deps, req, res)));
  v1.get('/me/tokens', requirePerson(), route((_req, res) => listTokens(deps, res)));
  v1.delete('/me/tokens/:id', requirePerson(), route((req, res) => deleteToken(deps, id(req), res)));
}
