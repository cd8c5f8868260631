import type { Deps } from '../deps';
import { DomainError, validationError } from '../domain/errors';
import { auditQuietly } from '../store/audit-store';
import type { NewUser } from '../store/user-store';
import { startBrowserSession } from './browser-sessions';
import type { StartedSession } from './browser-sessions';
import { hashPassword } from './hash-password';
import { checkPassword } from './password-rules';
import { createSecret, hashSecret } from './secrets';
import { presentUser } from './user';
import type { User } from './user';

/** Invitation links are valid 72 h and work once (api.md "People and sign-in"). */
export const INVITATION_TTL_MS = 72 * 3_600_000;

type InviteDeps = Pick<Deps, 'people' | 'clock' | 'audit' | 'logger'>;

export interface IssuedInvitation {
  /** `<public URL>/console/invite#<secret>`: the secret stays out of server logs (a fragment is not sent). */
  url: string;
  expiresAt: string;
}

/** A fresh link secret and what the store keeps of it. */
export function newInvitation(deps: Pick<Deps, 'clock'>, baseUrl: string): { stored: NewUser['invitation']; issued: IssuedInvitation } {
  const secret = createSecret();
  const expiresMs = deps.clock.now() + INVITATION_TTL_MS;
  return {
    stored: { secretHash: hashSecret(secret), expiresMs, ttlMs: INVITATION_TTL_MS },
    issued: { url: `${baseUrl}/console/invite#${secret}`, expiresAt: new Date(expiresMs).toISOString() },
  };
}

/** A new link for a user: earlier links, the password and every session of theirs stop working. */
export async function reissueInvitation(deps: InviteDeps, id: string, baseUrl: string, principal: string): Promise<IssuedInvitation> {
  const { stored, issued } = newInvitation(deps, baseUrl);
  const outcome = await deps.people.users.replaceInvitation(id, stored);
  if (outcome === 'not_found') throw new DomainError('not_found', `user '${id}' does not exist`);
  if (outcome === 'disabled') throw new DomainError('invalid_state', 'the user is disabled: set status active first, then issue a link');
  await auditQuietly(deps, principal, { action: 'user.invite', target: id, details: { expiresAt: issued.expiresAt } });
  return issued;
}

const invalid = (): DomainError => new DomainError('invalid_token', 'this invitation link is unknown, used or expired: ask an admin for a new one');

/** Opening the link: sets the password (checked first), makes the user active, signs them in. */
export async function acceptInvitation(deps: InviteDeps, input: { token: string; password: string; replacing: string | null }): Promise<{ user: User; session: StartedSession }> {
  const secretHash = hashSecret(input.token);
  const user = await deps.people.users.findInvitation(secretHash, deps.clock.now());
  if (!user) throw invalid();
  const problems = checkPassword(input.password, user.email);
  if (problems.length > 0) throw validationError(problems);
  const passwordHash = await hashPassword(input.password);
  if (!(await deps.people.users.acceptInvitation(secretHash, user.id, passwordHash, deps.clock.now()))) throw invalid();
  const active = await deps.people.users.get(user.id);
  if (!active) throw invalid();
  const session = await startBrowserSession(deps, { kind: 'user', user: active }, input.replacing);
  const at = deps.clock.nowIso();
  await deps.people.users.recordSignIn(user.id, at);
  await auditQuietly(deps, `user:${user.email}`, { action: 'user.activate', target: user.id, details: {} });
  return { user: { ...presentUser(active), lastSignInAt: at }, session };
}
