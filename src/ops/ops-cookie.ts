import type { NextFunction, Request, Response } from 'express';
import { DomainError } from '../domain/errors';

/** The sign-in cookie of the ops pages (/ops, /admin/queues) and the board's JSON calls. */
export const OPS_COOKIE = 'livecue_ops';
/** Header the board sends on every state-changing call (a cross-site form cannot set it). */
export const CSRF_HEADER = 'x-livecue-csrf';
const MAX_AGE_S = 12 * 3600;

/** The token in the ops cookie, if any (for `requirePermission`'s cookieToken). */
export function readOpsCookie(req: Request): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== OPS_COOKIE) continue;
    try {
      const value = decodeURIComponent(part.slice(eq + 1).trim());
      return value === '' ? null : value;
    } catch {
      return null;
    }
  }
  return null;
}

/** HttpOnly, SameSite=Strict, Path=/, Secure on HTTPS (req.secure honours `trust proxy`). */
export function setOpsCookie(req: Request, res: Response, token: string): void {
  res.append('Set-Cookie', `${OPS_COOKIE}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${MAX_AGE_S}${req.secure ? '; Secure' : ''}`);
}

export function clearOpsCookie(req: Request, res: Response): void {
  res.append('Set-Cookie', `${OPS_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0${req.secure ? '; Secure' : ''}`);
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Same origin by `Origin` (or `Sec-Fetch-Site`), or the board's custom header. */
export function isSameOriginRequest(req: Request): boolean {
  if (req.get(CSRF_HEADER)) return true;
  const site = req.get('sec-fetch-site');
  if (site) return site === 'same-origin';
  const origin = req.get('origin');
  if (!origin) return false;
  try {
    return new URL(origin).host === req.get('host');
  } catch {
    return false;
  }
}

/**
 * CSRF guard for cookie sign-in: a state-changing request that carries the ops cookie and no
 * bearer token must come from our own pages (SameSite=Strict already keeps the cookie off
 * cross-site requests; this is the second lock). Bearer-token calls are not affected.
 */
export function refuseCrossSiteCookieWrites(req: Request, _res: Response, next: NextFunction): void {
  if (SAFE_METHODS.has(req.method) || req.headers.authorization || !readOpsCookie(req) || isSameOriginRequest(req)) {
    next();
    return;
  }
  next(new DomainError('forbidden', `cross-site request refused: send ${CSRF_HEADER} or call from the LiveCue pages`));
}
