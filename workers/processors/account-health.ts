import type { Deps } from '../../src/deps';
import type { Account, Credentials } from '../../src/domain/account';
import type { Session } from '../../src/domain/session';
import type { PlatformAdapter } from '../../src/platforms/adapter';
import type { Platform } from '../../src/domain/platform';
import { loadAccount } from '../context';

/** Logins that end within this window are flagged `expiring`, whether or not a session needs them yet. */
export const expiryWarningMs = 7 * 86_400_000;
/** How far ahead sessions are read to name the first one an ending login would break. */
const sessionHorizonMs = 60 * 86_400_000;

export interface AccountHealthReport {
  checked: number;
  refreshed: number;
  invalid: number;
  expiring: number;
  /** Checks that could not be made (outage, rate limit): the account's status is left as it was. */
  unchecked: number;
}

/**
 * The daily account-health job: every account's login is checked through its adapter (Facebook
 * debug_token; TikTok and YouTube refresh, with rotation, saved atomically). Dead logins are
 * flagged `invalid`; logins that cannot be refreshed and end within a week, or before a session
 * that needs them, are flagged `expiring` — days before that session — with a reason naming both.
 */
export async function checkAccountHealth(deps: Deps): Promise<AccountHealthReport> {
  const report: AccountHealthReport = { checked: 0, refreshed: 0, invalid: 0, expiring: 0, unchecked: 0 };
  const nextSession = await nextSessionByAccount(deps);
  for (const account of await deps.accounts.list()) {
    const adapter = checkingAdapter(deps, account.platform);
    if (!adapter.checkAccount) continue;
    const log = deps.logger.child({ component: 'account-health', accountId: account.id, platform: account.platform });
    let health;
    try {
      health = await adapter.checkAccount(await loadAccount(deps, account.id));
    } catch (err) {
      report.unchecked += 1;
      log.warn('account check failed', { error: err instanceof Error ? err.message : String(err) });
      continue;
    }
    report.checked += 1;
    if (health.refreshed) report.refreshed += 1;
    if (health.state === 'invalid') {
      report.invalid += 1;
      await deps.accounts.setTokenStatus(account.id, 'invalid', health.reason);
      log.warn('account login is dead', { reason: health.reason });
      continue;
    }
    const credentials = await deps.accounts.credentials(account.id);
    const endsAt = loginEndsAt(credentials, health.expiresAt);
    const reason = endsAt === null ? null : expiryReason(account, endsAt, nextSession.get(account.id), deps.clock.now());
    if (reason) report.expiring += 1;
    await deps.accounts.setTokenStatus(account.id, reason ? 'expiring' : 'valid', reason);
  }
  return report;
}

/** When the login stops working for good: the refresh token's end, else the access token's (if any). */
export function loginEndsAt(credentials: Credentials | null, checkedExpiresAt: string | undefined): string | null {
  if (!credentials) return null;
  if (credentials.refreshToken) return credentials.refreshExpiresAt ?? null;
  return credentials.expiresAt ?? checkedExpiresAt ?? null;
}

function expiryReason(account: Account, endsAt: string, session: Session | undefined, nowMs: number): string | null {
  const endsMs = Date.parse(endsAt);
  const before = session && Date.parse(session.startsAt) >= endsMs ? session : undefined;
  if (!before && endsMs - nowMs > expiryWarningMs) return null;
  const needed = before ? `, before the session '${before.title}' on ${before.startsAt}` : '';
  return `the ${account.platform} login of '${account.name}' ends on ${endsAt}${needed} and cannot be renewed by LiveCue: reconnect the account`;
}

/** The first scheduled session of each account in the next 60 days. */
async function nextSessionByAccount(deps: Deps): Promise<Map<string, Session>> {
  const nowMs = deps.clock.now();
  const ids = await deps.sessions.listIds({ fromMs: nowMs, toMs: nowMs + sessionHorizonMs, limit: 10_000 });
  const sessions = await deps.sessions.getMany(ids.map((i) => i.id));
  const out = new Map<string, Session>();
  for (const s of sessions) {
    if (!s || s.status === 'cancelled' || s.status === 'ended') continue;
    for (const t of s.targets) if (!out.has(t.accountId)) out.set(t.accountId, s);
  }
  return out;
}

/** The adapter of a platform; every adapter (and the metrics wrapper) offers `checkAccount`. */
function checkingAdapter(deps: Deps, platform: Platform): PlatformAdapter {
  return deps.adapters[platform];
}
