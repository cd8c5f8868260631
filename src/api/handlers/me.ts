import type { Request, Response } from 'express';
import type { Deps } from '../../deps';
import { DomainError } from '../../domain/errors';
import { createPersonalToken, revokePersonalToken } from '../../people/personal-tokens';
import type { Identity } from '../../people/identity';
import { identityOf } from '../auth';
import { createTokenBody } from '../schemas/people-schema';
import { parseOrThrow } from '../validate';
import type { HandlerResult } from '../handler-result';

function who(res: Response): Identity {
  const found = identityOf(res);
  if (!found) throw new DomainError('unauthorized', 'sign in, or send Authorization: Bearer <token>');
  return found;
}

/** `GET /v1/me` → `{ user | null, principal, role, csrfToken? }` (the CSRF token only for a browser session). */
export function getMe(res: Response): Promise<HandlerResult> {
  const me = who(res);
  res.setHeader('Cache-Control', 'no-store');
  return Promise.resolve({ status: 200, body: { user: me.user, principal: me.principal, role: me.role, ...(me.session ? { csrfToken: me.session.csrfToken } : {}) } });
}

/** `POST /v1/me/tokens` → `201 { id, name, role, expiresAt, token }`: the only time the secret is shown. */
export async function postToken(deps: Deps, req: Request, res: Response): Promise<HandlerResult> {
  const body = parseOrThrow(createTokenBody, req.body);
  const t = await createPersonalToken(deps, who(res), { name: body.name, role: body.role, expiresAt: body.expiresAt ?? undefined });
  res.setHeader('Cache-Control', 'no-store');
  return { status: 201, body: { id: t.id, name: t.name, role: t.role, expiresAt: t.expiresAt, token: t.token } };
}

/** `GET /v1/me/tokens`: never the secret. */
export async function listTokens(deps: Deps, res: Response): Promise<HandlerResult> {
  const me = who(res);
  const tokens = me.user ? await deps.people.tokens.list(me.user.id) : [];
  return { status: 200, body: { items: tokens.map((t) => ({ id: t.id, name: t.name, role: t.role, expiresAt: t.expiresAt, lastUsedAt: t.lastUsedAt, createdAt: t.createdAt })) } };
}

/** `DELETE /v1/me/tokens/:id` → 204; the token stops working at once. */
export async function deleteToken(deps: Deps, id: string, res: Response): Promise<HandlerResult> {
  await revokePersonalToken(deps, who(res), id);
  return { status: 204, body: null };
}
