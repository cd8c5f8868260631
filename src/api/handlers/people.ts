import type { Request, Response } from 'express';
import type { Deps } from '../../deps';
import { reissueInvitation } from '../../people/invitations';
import { mailInvitation } from '../../people/mail-invitation';
import { createUser, getUser, updateUser } from '../../people/manage-users';
import { presentUser } from '../../people/user';
import { publicBaseUrl } from '../../people/public-url';
import { identityOf } from '../auth';
import { createUserBody, updateUserBody } from '../schemas/people-schema';
import { parseOrThrow } from '../validate';
import type { HandlerResult } from '../handler-result';

/** Where invitation links point: LIVECUE_PUBLIC_URL, else this server's own port on 127.0.0.1. */
export function baseUrlOf(deps: Deps, req: Request): string {
  return publicBaseUrl(deps.config, req.socket.localPort ?? deps.config.port);
}

const principalOf = (res: Response): string => identityOf(res)?.principal ?? 'unknown';

/** `POST /v1/users` (admin) → `201 { user, invitation: { url, expiresAt } }`. */
export async function postUser(deps: Deps, req: Request, res: Response): Promise<HandlerResult> {
  const body = parseOrThrow(createUserBody, req.body);
  const created = await createUser(deps, body, baseUrlOf(deps, req), principalOf(res));
  await mailInvitation(deps, created.user, created.invitation);
  return { status: 201, body: created };
}

/** `GET /v1/users` (admin). */
export async function listUsers(deps: Deps): Promise<HandlerResult> {
  const users = await deps.people.users.list();
  return { status: 200, body: { items: users.map(presentUser) } };
}

/** `GET /v1/users/:id` (admin). */
export async function readUser(deps: Deps, id: string): Promise<HandlerResult> {
  return { status: 200, body: await getUser(deps, id) };
}

/** `PATCH /v1/users/:id` (admin): name, role, status. */
export async function patchUser(deps: Deps, id: string, req: Request, res: Response): Promise<HandlerResult> {
  const body = parseOrThrow(updateUserBody, req.body);
  const patch = { ...(body.name !== undefined ? { name: body.name } : {}), ...(body.role !== undefined ? { role: body.role } : {}), ...(body.status !== undefined ? { status: body.status } : {}) };
  return { status: 200, body: await updateUser(deps, id, patch, principalOf(res)) };
}

/** `POST /v1/users/:id/invitation` (admin) → `201 { url, expiresAt }`. */
export async function postInvitation(deps: Deps, id: string, req: Request, res: Response): Promise<HandlerResult> {
  const invitation = await reissueInvitation(deps, id, baseUrlOf(deps, req), principalOf(res));
  const user = await deps.people.users.get(id);
  if (user) await mailInvitation(deps, user, invitation);
  return { status: 201, body: invitation };
}
