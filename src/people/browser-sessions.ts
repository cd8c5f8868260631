import type { Role } from '../../config/schema';
import type { Deps } from '../deps';
import type { AuthSessionRecord } from '../store/auth-session-store';
import type { Identity } from './identity';
import { machineIdentity } from './identity';
import type { MachineTokens } from './machine-tokens';
import { resolvePersonalToken } from './personal-tokens';
import { createSecret, hashSecret } from './secrets';
import { presentUser } from './user';
import type { StoredUser } from './user';

/** A session ends after 12 h without a request, and 7 days after sign-in whatever happens. */
export const SESSION_IDLE_MS = 12 * 3_600_000;
export const SESSION_ABSOLUTE_MS = 7 * 24 * 3_600_000;
/** lastSeen is written at most once a minute per session. */
const TOUCH_EVERY_MS = 60_000;

type SessionDeps = Pick<Deps, 'people' | 'clock' | 'audit' | 'logger'>;

/** What a browser session stands for: a person, a personal token or a machine token typed into the ops sign-in. */
export type SessionSubject =
  | { kind: 'user'; user: StoredUser }
  | { kind: 'personal-token'; tokenId: string }
  | { kind: 'machine'; role: Role; hash: string };

export interface StartedSession {
  /** The cookie value: only the browser holds it; the store keeps its SHA-256. */
  secret: string;
  csrfToken: string;
}

/**
 * A new session (a new id at every sign-in: the session is rotated); `replacing`, the cookie the
 * browser sent, if any, ends.
 */
export async function startBrowserSession(deps: SessionDeps, subject: SessionSubject, replacing: string | null): Promise<StartedSession> {
  if (replacing) await deps.people.sessions.remove(hashSecret(replacing));
  const secret = createSecret();
  const csrfToken = createSecret();
  const now = deps.clock.now();
  const record: AuthSessionRecord = {
    userId: subject.kind === 'user' ? subject.user.id : null,
    epoch: subject.kind === 'user' ? subject.user.epoch : 0,
    tokenId: subject.kind === 'personal-token' ? subject.tokenId : null,
    machineRole: subject.kind === 'machine' ? subject.role : null,
    machineHash: subject.kind === 'machine' ? subject.hash : null,
    csrfToken,
    createdMs: now,
    lastSeenMs: now,
  };
  // Redis forgets it a day after its absolute end at the latest; the Clock decides before that.
  await deps.people.sessions.create(hashSecret(secret), record, SESSION_ABSOLUTE_MS + 24 * 3_600_000);
  return { secret, csrfToken };
}

export async function endBrowserSession(deps: SessionDeps, secret: string): Promise<void> {
  await deps.people.sessions.remove(hashSecret(secret));
}

/**
 * The identity behind a session cookie, or null: unknown, idle 12 h, older than 7 days, its user
 * disabled or their password reset since (epoch), its token revoked or expired.
 */
export async function resolveBrowserSession(deps: SessionDeps, machines: MachineTokens, secret: string): Promise<Identity | null> {
  const secretHash = hashSecret(secret);
  const record = await deps.people.sessions.get(secretHash);
  if (!record) return null;
  const now = deps.clock.now();
  if (now - record.lastSeenMs >= SESSION_IDLE_MS || now - record.createdMs >= SESSION_ABSOLUTE_MS) {
    await deps.people.sessions.remove(secretHash);
    return null;
  }
  const base = await subjectIdentity(deps, machines, record);
  if (!base) return null;
  if (now - record.lastSeenMs >= TOUCH_EVERY_MS) await deps.people.sessions.touch(secretHash, now);
  return { ...base, session: { secretHash, csrfToken: record.csrfToken } };
}

async function subjectIdentity(deps: SessionDeps, machines: MachineTokens, record: AuthSessionRecord): Promise<Identity | null> {
  if (record.userId) {
    const user = await deps.people.users.get(record.userId);
    if (!user || user.status !== 'active' || user.epoch !== record.epoch) return null;
    return { role: user.role, principal: `user:${user.email}`, key: `user:${user.id}`, user: presentUser(user), session: null, tokenId: null };
  }
  if (record.tokenId) return resolvePersonalToken(deps, record.tokenId, null);
  if (record.machineHash) {
    const role = machines.byHash(record.machineHash);
    return role ? machineIdentity(role, record.machineHash) : null;
  }
  return null;
}
