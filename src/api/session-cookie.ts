import type { Request, Response } from 'express';

/** The browser session cookie (api.md "People and sign-in"); the value is a random id, never a token. */
export const SESSION_COOKIE = 'livecue_session';
/** The header a cookie-authenticated unsafe request carries (the `csrfToken` of sign-in and /v1/me). */
export const CSRF_HEADER = 'x-csrf-token';
/** The cookie lives as long as a session can (7 days); the server ends it sooner when idle. */
const MAX_AGE_S = 7 * 24 * 3600;

/** The session cookie's value, if any. */
export function readSessionCookie(req: Request): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== SESSION_COOKIE) continue;
    const value = part.slice(eq + 1).trim();
    return /^[A-Za-z0-9_-]{20,100}$/.test(value) ? value : null;
  }
  return null;
}

/** HttpOnly, SameSite=Lax, Path=/, Secure unless LIVECUE_PUBLIC_URL is plain http. */
export function setSessionCookie(res: Response, secret: string, secure: boolean): void {
  res.append('Set-Cookie', `${SESSION_COOKIE}=${secret}; HttpOnly; SameSite=Lax; Path=/; Max-Age=${MAX_AGE_S}${secure ? '; Secure' : ''}`);
}

export function clearSessionCookie(res: Response, secure: boolean): void {
  res.append('Set-Cookie', `${SESSION_COOKIE}=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0${secure ? '; Secure' : ''}`);
}
