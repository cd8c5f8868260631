import type { Role } from '../../config/schema';
import type { Deps } from '../deps';
import { DomainError, notFound } from '../domain/errors';
import { createId } from '../shared/ids';
import { auditQuietly } from '../store/audit-store';
import type { UserPatch } from '../store/user-store';
import { newInvitation } from './invitations';
import type { IssuedInvitation } from './invitations';
import { presentUser } from './user';
import type { User } from './user';

type UserDeps = Pick<Deps, 'people' | 'clock' | 'audit' | 'logger'>;

export interface NewUserInput {
  email: string;
  name: string;
  role: Role;
}

/** An invited user and their one-time link; `409 conflict` when the email (any case) is taken. */
export async function createUser(deps: UserDeps, input: NewUserInput, baseUrl: string, principal: string): Promise<{ user: User; invitation: IssuedInvitation }> {
  const { stored, issued } = newInvitation(deps, baseUrl);
  const user: User = { id: createId('usr'), email: input.email.trim(), name: input.name, role: input.role, status: 'invited', createdAt: deps.clock.nowIso(), lastSignInAt: null };
  if (!(await deps.people.users.create({ user, invitation: stored }))) throw new DomainError('conflict', `a user with the email ${user.email} already exists`, [{ path: 'email', message: 'already used by another user' }]);
  await auditQuietly(deps, principal, { action: 'user.create', target: user.id, details: { email: user.email, role: user.role } });
  return { user, invitation: issued };
}

export async function getUser(deps: UserDeps, id: string): Promise<User> {
  const user = await deps.people.users.get(id);
  if (!user) throw notFound('user', id);
  return presentUser(user);
}

/** Name, role, status; the last active admin cannot be demoted or disabled (`422 invalid_state`). */
export async function updateUser(deps: UserDeps, id: string, patch: UserPatch, principal: string): Promise<User> {
  const before = await deps.people.users.get(id);
  if (!before) throw notFound('user', id);
  const outcome = await deps.people.users.update(id, patch);
  if (outcome === 'not_found') throw notFound('user', id);
  if (outcome === 'last_admin') throw new DomainError('invalid_state', 'this is the last active admin: make another user admin first');
  const after = await getUser(deps, id);
  const changes: Record<string, unknown> = {};
  for (const field of ['name', 'role', 'status'] as const) if (before[field] !== after[field]) changes[field] = { from: before[field], to: after[field] };
  if (Object.keys(changes).length > 0) await auditQuietly(deps, principal, { action: 'user.update', target: id, details: { email: after.email, ...changes } });
  return after;
}
