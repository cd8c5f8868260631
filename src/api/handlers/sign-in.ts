import type { Request, Response } from 'express';
import type { Deps } from '../../deps';
import { endBrowserSession } from '../../people/browser-sessions';
import type { StartedSession } from '../../people/browser-sessions';
import { acceptInvitation } from '../../people/invitations';
import { isSecureCookie } from '../../people/public-url';
import { signIn } from '../../people/sign-in';
import type { User } from '../../people/user';
import { auditQuietly } from '../../store/audit-store';
import { csrfProblem, identityOf } from '../auth';
import { acceptInvitationBody, signInBody } from '../schemas/people-schema';
import { clearSessionCookie, readSessionCookie, setSessionCookie } from '../session-cookie';
import { parseOrThrow } from '../validate';
import type { HandlerResult } from '../handler-result';

/** The client address the sign-in limit counts (LIVECUE_TRUST_PROXY decides what req.ip believes). */
export const addressOf = (req: Request): string => req.ip ?? req.socket.remoteAddress ?? 'unknown';

/** Sets the new session's cookie and answers `{ user, csrfToken }`. */
export function signedIn(deps: Deps, res: Response, outcome: { user: User; session: StartedSession }): HandlerResult {
  setSessionCookie(res, outcome.session.secret, isSecureCookie(deps.config));
  res.setHeader('Cache-Control', 'no-store');
  return { status: 200, body: { user: outcome.user, csrfToken: outcome.session.csrfToken } };
}

/** `POST /v1/auth/sign-in` (anyone). A wrong email and a wrong password answer alike (401). */
export async function postSignIn(deps: Deps, req: Request, res: Response): Promise<HandlerResult> {
  const body = parseOrThrow(signInBody, req.body);
  return signedIn(deps, res, await signIn(deps, { email: body.email, password: body.password, address: addressOf(req), replacing: readSessionCookie(req) }));
}

/** `POST /v1/auth/invitation` (anyone with the link): sets the password and signs in. */
export async function postAcceptInvitation(deps: Deps, req: Request, res: Response): Promise<HandlerResult> {
  const body = parseOrThrow(acceptInvitationBody, req.body);
  return signedIn(deps, res, await acceptInvitation(deps, { token: body.token, password: body.password, replacing: readSessionCookie(req) }));
}

/** `POST /v1/auth/sign-out` and `POST /ops/logout`: ends the cookie's session (CSRF-checked) and clears the cookie. */
export async function postSignOut(deps: Deps, req: Request, res: Response): Promise<HandlerResult> {
  const who = identityOf(res);
  if (who?.session) {
    const csrf = csrfProblem(req, who);
    if (csrf) throw csrf;
  }
  const cookie = readSessionCookie(req);
  if (cookie && (who?.session || !who)) await endBrowserSession(deps, cookie);
  if (who?.session) await auditQuietly(deps, who.principal, { action: 'auth.sign-out', target: who.user?.id ?? who.principal, details: {} });
  clearSessionCookie(res, isSecureCookie(deps.config));
  return { status: 204, body: null };
}
