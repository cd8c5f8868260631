import type { Request, Response } from 'express';
import { signedIn, addressOf } from '../api/handlers/sign-in';
import type { HandlerResult } from '../api/handler-result';
import { signInBody } from '../api/schemas/people-schema';
import { readSessionCookie, setSessionCookie } from '../api/session-cookie';
import { parseOrThrow } from '../api/validate';
import type { Deps } from '../deps';
import { DomainError } from '../domain/errors';
import { startBrowserSession } from '../people/browser-sessions';
import type { SessionSubject } from '../people/browser-sessions';
import { ADDRESS_POLICY } from '../people/lockout';
import type { MachineTokens } from '../people/machine-tokens';
import { PERSONAL_TOKEN_PREFIX, resolvePersonalToken } from '../people/personal-tokens';
import { isSecureCookie } from '../people/public-url';
import { signIn } from '../people/sign-in';
import { z } from 'zod';

const tokenBody = z.strictObject({ token: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters') });

/** A browser not on our pages (a foreign Origin, or Sec-Fetch-Site cross-site) is refused. */
export function isCrossSite(req: Request): boolean {
  const site = req.get('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') return true;
  const origin = req.get('origin');
  if (!origin) return false;
  try {
    return new URL(origin).host !== req.get('host');
  } catch {
    return true;
  }
}

/** What a typed token opens a session for: a machine token or a person's token (never stored itself). */
async function subjectOfToken(deps: Deps, machines: MachineTokens, token: string): Promise<SessionSubject | null> {
  const machine = machines.byToken(token);
  if (machine) return { kind: 'machine', role: machine.role, hash: machine.hash };
  const personal = token.startsWith(PERSONAL_TOKEN_PREFIX) ? await resolvePersonalToken(deps, null, token) : null;
  return personal?.tokenId ? { kind: 'personal-token', tokenId: personal.tokenId } : null;
}

/**
 * `POST /ops/login`: `{ email, password }` (a person) or `{ token }` (the second way, for machine
 * tokens). Either way the cookie holds a new server-side session id, never the token.
 */
export async function opsSignIn(deps: Deps, machines: MachineTokens, req: Request, res: Response): Promise<HandlerResult> {
  if (isCrossSite(req)) throw new DomainError('csrf_failed', 'sign in from the LiveCue sign-in page');
  const body: unknown = req.body;
  const replacing = readSessionCookie(req);
  if (typeof body === 'object' && body !== null && 'token' in body) {
    const { token } = parseOrThrow(tokenBody, body);
    const address = addressOf(req);
    const claim = await deps.people.attempts.claim('address', address, deps.clock.now(), ADDRESS_POLICY);
    if (!claim.allowed) throw new DomainError('rate_limited', 'too many failed sign-ins from this address: try again later', undefined, { retryAfterSeconds: Math.max(1, Math.ceil(claim.retryAfterMs / 1000)) });
    const subject = await subjectOfToken(deps, machines, token);
    if (!subject) throw new DomainError('unauthorized', 'unknown token: type the token you were given, or sign in with your email');
    await deps.people.attempts.succeed('address', address, ADDRESS_POLICY);
    const session = await startBrowserSession(deps, subject, replacing);
    setSessionCookie(res, session.secret, isSecureCookie(deps.config));
    res.setHeader('Cache-Control', 'no-store');
    return { status: 200, body: { user: null, csrfToken: session.csrfToken } };
  }
  const { email, password } = parseOrThrow(signInBody, body);
  return signedIn(deps, res, await signIn(deps, { email, password, address: addressOf(req), replacing }));
}
