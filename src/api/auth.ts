import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Deps } from '../deps';
import { DomainError } from '../domain/errors';
import { resolveBrowserSession } from '../people/browser-sessions';
import type { Identity } from '../people/identity';
import { machineIdentity } from '../people/identity';
import type { MachineTokens } from '../people/machine-tokens';
import { PERSONAL_TOKEN_PREFIX, resolvePersonalToken } from '../people/personal-tokens';
import { leastRoleFor, roleAllows } from '../people/roles';
import type { Permission } from '../people/roles';
import { secretsEqual } from '../people/secrets';
import { CSRF_HEADER, readSessionCookie } from './session-cookie';

export type { Permission } from '../people/roles';
export { roleAllows } from '../people/roles';
/** Who the caller is (res.locals.auth), kept under its old name for the handlers that read it. */
export type Authed = Identity;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function bearerOf(req: Request): string | null {
  const header = req.headers.authorization;
  if (!header) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m?.[1] ?? null;
}

/** The caller as the auth layer found it (undefined on a route without auth); the handlers' name for identityOf. */
export function authOf(res: Response): Identity | undefined {
  return identityOf(res);
}

export function identityOf(res: Response): Identity | undefined {
  return res.locals.auth as Identity | undefined;
}

/** Why no identity was found (for the 401 message), when credentials were sent. */
function failureOf(res: Response): string | undefined {
  return res.locals.authFailure as string | undefined;
}

async function identifyRequest(deps: Deps, machines: MachineTokens, req: Request): Promise<Identity | string | null> {
  const bearer = bearerOf(req);
  // A bearer token decides alone: an unknown one is refused even with a valid cookie next to it.
  if (bearer) {
    const machine = machines.byToken(bearer);
    if (machine) return machineIdentity(machine.role, machine.hash);
    const personal = bearer.startsWith(PERSONAL_TOKEN_PREFIX) ? await resolvePersonalToken(deps, null, bearer) : null;
    return personal ?? 'unknown, revoked or expired token: check the Authorization header';
  }
  const cookie = readSessionCookie(req);
  if (!cookie) return null;
  return (await resolveBrowserSession(deps, machines, cookie)) ?? 'your session has ended: sign in again';
}

/**
 * Finds who the caller is, from `Authorization: Bearer` (machine or personal token) or else the
 * `livecue_session` cookie, and refuses nobody: the route guards below do. Runs once per request.
 */
export function identify(deps: Deps, machines: MachineTokens): RequestHandler {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (res.locals.identified === true) {
      next();
      return;
    }
    identifyRequest(deps, machines, req).then(
      (found) => {
        res.locals.identified = true;
        if (typeof found === 'string') res.locals.authFailure = found;
        else if (found) res.locals.auth = found;
        next();
      },
      (err: unknown) => {
        next(err);
      },
    );
  };
}

/**
 * A cookie-authenticated unsafe request must carry the session's CSRF token (`403 csrf_failed`);
 * bearer requests need none. Any other Authorization scheme (Basic…) does not count as bearer.
 */
export function csrfProblem(req: Request, who: Identity): DomainError | null {
  if (!who.session || SAFE_METHODS.has(req.method)) return null;
  const sent = req.get(CSRF_HEADER);
  if (sent && secretsEqual(sent, who.session.csrfToken)) return null;
  return new DomainError('csrf_failed', `send the X-CSRF-Token header with the csrfToken of your sign-in (or GET /v1/me) on every ${req.method} made with the session cookie`);
}

function unauthorized(res: Response): DomainError {
  res.setHeader('WWW-Authenticate', 'Bearer realm="livecue"');
  return new DomainError('unauthorized', failureOf(res) ?? 'sign in, or send Authorization: Bearer <token>');
}

/** Requires an identity whose role has `permission` (after `identify`), CSRF-checked for cookies. */
export function requirePermission(permission: Permission): RequestHandler {
  return (req: Request, res: Response, next: NextFunction): void => {
    const who = identityOf(res);
    if (!who) {
      next(unauthorized(res));
      return;
    }
    const csrf = csrfProblem(req, who);
    if (csrf) {
      next(csrf);
      return;
    }
    if (!roleAllows(who.role, permission)) {
      next(new DomainError('forbidden', `the ${who.role} role may not do this (needs ${leastRoleFor(permission)})`));
      return;
    }
    next();
  };
}

/** Requires a person (a browser session or a personal token), CSRF-checked for cookies. */
export function requirePerson(): RequestHandler {
  return (req: Request, res: Response, next: NextFunction): void => {
    const who = identityOf(res);
    if (!who) {
      next(unauthorized(res));
      return;
    }
    const csrf = csrfProblem(req, who);
    if (csrf) {
      next(csrf);
      return;
    }
    if (!who.user) {
      next(new DomainError('forbidden', 'this is for people: sign in with your email (a machine token has no personal tokens)'));
      return;
    }
    next();
  };
}
