import type { Role } from '../../config/schema';
import type { Deps } from '../deps';
import { DomainError, notFound } from '../domain/errors';
import { createId } from '../shared/ids';
import { auditQuietly } from '../store/audit-store';
import type { PersonalToken } from '../store/personal-token-store';
import type { Identity } from './identity';
import { capRole, isRoleWithin } from './roles';
import { createSecret, hashSecret } from './secrets';
import { presentUser } from './user';

export const PERSONAL_TOKEN_PREFIX = 'lc_';
/** lastUsedAt is written at most this often per token (a busy CI token does not write on every call). */
const TOUCH_EVERY_MS = 60_000;

export interface NewTokenInput {
  name: string;
  role?: Role | undefined;
  expiresAt?: string | undefined;
}

type TokenDeps = Pick<Deps, 'people' | 'clock' | 'audit' | 'logger'>;

/** A token for the signed-in person: role ≤ what they may do now; the secret is returned once. */
export async function createPersonalToken(deps: TokenDeps, who: Identity, input: NewTokenInput): Promise<PersonalToken & { token: string }> {
  const user = who.user;
  if (!user) throw new DomainError('forbidden', 'personal tokens belong to people: sign in with your email first');
  const role = input.role ?? who.role;
  if (!isRoleWithin(role, who.role)) throw new DomainError('forbidden', `a token's role cannot be above your own (${who.role}); choose ${who.role === 'ops' || who.role === 'organizer' ? `viewer or ${who.role}` : who.role === 'admin' ? 'any role' : 'viewer'}`);
  if (input.expiresAt && Date.parse(input.expiresAt) <= deps.clock.now()) throw new DomainError('validation_failed', 'expiresAt: must be in the future', [{ path: 'expiresAt', message: 'must be in the future' }]);
  const secret = createSecret(PERSONAL_TOKEN_PREFIX);
  const token: PersonalToken = { id: createId('tok'), userId: user.id, name: input.name, role, expiresAt: input.expiresAt ? new Date(Date.parse(input.expiresAt)).toISOString() : null, createdAt: deps.clock.nowIso(), lastUsedAt: null };
  await deps.people.tokens.create(token, hashSecret(secret));
  await auditQuietly(deps, who.principal, { action: 'token.create', target: token.id, details: { name: token.name, role, expiresAt: token.expiresAt } });
  return { ...token, token: secret };
}

export async function revokePersonalToken(deps: TokenDeps, who: Identity, id: string): Promise<void> {
  if (!who.user) throw new DomainError('forbidden', 'personal tokens belong to people: sign in with your email first');
  if (!(await deps.people.tokens.revoke(who.user.id, id))) throw notFound('token', id);
  await auditQuietly(deps, who.principal, { action: 'token.revoke', target: id, details: {} });
}

/**
 * The identity of a presented personal token, or null: unknown, revoked, expired (by the Clock),
 * or its user is no longer active. Acts with its role cut to what the user may do now.
 */
export async function resolvePersonalToken(deps: TokenDeps, tokenId: string | null, secret: string | null): Promise<Identity | null> {
  const token = secret ? await deps.people.tokens.getBySecretHash(hashSecret(secret)) : tokenId ? await deps.people.tokens.get(tokenId) : null;
  if (!token) return null;
  const now = deps.clock.now();
  if (token.expiresAt && Date.parse(token.expiresAt) <= now) return null;
  const user = await deps.people.users.get(token.userId);
  if (!user || user.status !== 'active') return null;
  if (!token.lastUsedAt || now - Date.parse(token.lastUsedAt) >= TOUCH_EVERY_MS) await deps.people.tokens.touch(token.id, deps.clock.nowIso());
  return { role: capRole(token.role, user.role), principal: `token:${token.name}`, key: `tok:${token.id}`, user: presentUser(user), session: null, tokenId: token.id };
}
