import { createHash, timingSafeEqual } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Role } from '../../config/schema';
import { DomainError } from '../domain/errors';

export type Permission = 'read' | 'write' | 'operate' | 'admin';

const grants: Record<Role, readonly Permission[]> = {
  viewer: ['read'],
  organizer: ['read', 'write'],
  ops: ['read', 'operate'],
  admin: ['read', 'write', 'operate', 'admin'],
};

/** The permission that lets in exactly `role` and the roles above it (the least role of a route). */
export const PERMISSION_OF: Record<Role, Permission> = { viewer: 'read', organizer: 'write', ops: 'operate', admin: 'admin' };

export function roleAllows(role: Role, permission: Permission): boolean {
  return grants[role].includes(permission);
}

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/** Finds the role of a token, comparing against every configured token in constant time. */
export function createTokenResolver(tokens: { role: Role; token: string }[]): (presented: string) => Role | null {
  const known = tokens.map((t) => ({ role: t.role, hash: digest(t.token) }));
  return (presented) => {
    const hash = digest(presented);
    let found: Role | null = null;
    for (const k of known) if (timingSafeEqual(hash, k.hash) && found === null) found = k.role;
    return found;
  };
}

export interface Authed {
  role: Role;
  /** A short, non-secret name for the token (audit, rate limiting). */
  principal: string;
}

/** The audit and rate-limit name of a token: its role and a short hash, never the token. */
export function principalFor(role: Role, token: string): string {
  return `${role}:${digest(token).toString('hex').slice(0, 8)}`;
}

export function bearerOf(req: Request): string | null {
  const header = req.headers.authorization;
  if (!header) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m?.[1] ?? null;
}

/**
 * Who sends this request, when it says (a known bearer token), without requiring anyone: for
 * routes authorized by something else, such as the OAuth callback's `state`.
 */
export function principalOfRequest(resolve: (t: string) => Role | null, req: Request): string | null {
  const token = bearerOf(req);
  const role = token ? resolve(token) : null;
  return token && role ? principalFor(role, token) : null;
}

/** Requires a known token whose role has `permission`; the cookie of the ops pages works too. */
export function requirePermission(resolve: (t: string) => Role | null, permission: Permission, cookieToken?: (req: Request) => string | null) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const token = bearerOf(req) ?? cookieToken?.(req) ?? null;
    const role = token ? resolve(token) : null;
    if (!role) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="livecue"');
      next(new DomainError('unauthorized', token ? 'unknown token: check the Authorization header' : 'send Authorization: Bearer <token>'));
      return;
    }
    if (!roleAllows(role, permission)) {
      next(new DomainError('forbidden', `the ${role} role may not do this (needs ${permission === 'write' ? 'organizer' : permission === 'operate' ? 'ops' : permission === 'admin' ? 'admin' : 'viewer'})`));
      return;
    }
    const authed: Authed = { role, principal: principalFor(role, token ?? '') };
    res.locals.auth = authed;
    next();
  };
}
