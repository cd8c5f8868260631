import type { Deps } from '../deps';
import { DomainError } from '../domain/errors';
import { auditQuietly } from '../store/audit-store';
import { startBrowserSession } from './browser-sessions';
import type { StartedSession } from './browser-sessions';
import { verifyPassword } from './hash-password';
import { ADDRESS_POLICY, EMAIL_POLICY } from './lockout';
import { hashSecret } from './secrets';
import { normalizeEmail, presentUser } from './user';
import type { User } from './user';

type SignInDeps = Pick<Deps, 'people' | 'clock' | 'audit' | 'logger'>;

export interface SignInInput {
  email: string;
  password: string;
  /** The client address (rate limit per address). */
  address: string;
  /** The session cookie the browser sent, if any: it ends (rotation). */
  replacing: string | null;
}

const wrong = (): DomainError => new DomainError('unauthorized', 'wrong email or password');

function tooMany(retryAfterMs: number): DomainError {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new DomainError('rate_limited', `too many failed sign-ins: try again in ${seconds} s`, undefined, { retryAfterSeconds: seconds });
}

/**
 * Email + password → a new browser session. Every attempt is counted (per email and per address)
 * before the password is checked; a wrong email and a wrong password answer alike, and take as long.
 */
export async function signIn(deps: SignInDeps, input: SignInInput): Promise<{ user: User; session: StartedSession }> {
  const email = normalizeEmail(input.email);
  const emailKey = hashSecret(email);
  const now = deps.clock.now();
  const byAddress = await deps.people.attempts.claim('address', input.address, now, ADDRESS_POLICY);
  if (!byAddress.allowed) throw tooMany(byAddress.retryAfterMs);
  const byEmail = await deps.people.attempts.claim('email', emailKey, now, EMAIL_POLICY);
  if (!byEmail.allowed) {
    // Refused before any password check: it does not count against the address.
    await deps.people.attempts.succeed('address', input.address, ADDRESS_POLICY);
    throw tooMany(byEmail.retryAfterMs);
  }

  const user = await deps.people.users.getByEmail(email);
  const ok = await verifyPassword(user?.passwordHash ?? '', input.password);
  if (!user || !ok || user.status !== 'active') {
    await auditBurst(deps, email, input.address, byEmail.count, byAddress.count);
    throw wrong();
  }
  await deps.people.attempts.succeed('email', emailKey, EMAIL_POLICY);
  await deps.people.attempts.succeed('address', input.address, ADDRESS_POLICY);
  const session = await startBrowserSession(deps, { kind: 'user', user }, input.replacing);
  const at = deps.clock.nowIso();
  await deps.people.users.recordSignIn(user.id, at);
  await auditQuietly(deps, `user:${user.email}`, { action: 'auth.sign-in', target: user.id, details: {} });
  return { user: { ...presentUser(user), lastSignInAt: at }, session };
}

/** The failure that locks an email or an address is audited once (a burst, not every typo). */
async function auditBurst(deps: SignInDeps, email: string, address: string, emailCount: number, addressCount: number): Promise<void> {
  if (emailCount === EMAIL_POLICY.lockAfter) await auditQuietly(deps, `user:${email}`, { action: 'auth.sign-in-locked', target: email, details: { failures: emailCount, address, lockedMinutes: EMAIL_POLICY.lockMs / 60_000 } });
  if (addressCount === ADDRESS_POLICY.lockAfter) await auditQuietly(deps, `address:${address}`, { action: 'auth.sign-in-locked', target: address, details: { failures: addressCount, lockedMinutes: ADDRESS_POLICY.lockMs / 60_000 } });
}
