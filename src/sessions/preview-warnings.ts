import { DateTime } from 'luxon';
import type { Deps } from '../deps';
import type { Credentials } from '../domain/account';
import type { AccountWithCredentials } from '../store/account-store';
import type { JobRecord, SessionDefinition } from '../domain/session';
import { PLATFORMS } from '../domain/platform';
import type { Platform } from '../domain/platform';
import { capabilitiesOf } from '../platforms/capabilities';
import { rateConflictWarnings } from './rate-conflicts';
import { loadTiktokCampaignFacts, tiktokWarnings } from './tiktok-checks';
import type { TiktokCheckDeps } from './tiktok-checks';

export type WarningDeps = Pick<Deps, 'clock' | 'accounts' | 'sessions'> & TiktokCheckDeps;

export interface Warning {
  code: string;
  message: string;
  path?: string;
}

/** What will not go as the organizer may expect, said before anything is saved. */
export async function previewWarnings(deps: WarningDeps, def: SessionDefinition, jobs: JobRecord[], excludeSessionId?: string, known?: ReadonlyMap<string, AccountWithCredentials>): Promise<Warning[]> {
  const out: Warning[] = [];
  for (const job of jobs) {
    if (job.state === 'skipped') out.push({ code: 'offset_in_past', message: `${job.kind} ${job.offset ?? ''} is already past and will be skipped`.replace('  ', ' ') });
    const windowNote = job.platform === null ? null : capabilitiesOf(job.platform).liveWindowNote;
    if (job.kind === 'prepare-live' && job.platform !== null && windowNote !== null && Date.parse(job.runAt) > deps.clock.now() + 60_000) {
      out.push({ code: `${job.platform}_live_window`, message: `${windowNote}: nothing to do now, LiveCue creates this one on ${job.runAt}` });
    }
  }
  def.targets.forEach((t, i) => {
    const manual = capabilitiesOf(t.platform).manualLiveNote;
    if (manual !== null && t.live) out.push({ code: `${t.platform}_live_manual`, path: `targets.${i}.live`, message: manual });
  });
  const quotaPlatforms = PLATFORMS.filter((p) => capabilitiesOf(p).dailyQuota !== null);
  const [accounts, tiktok, rates, ...quotas] = await Promise.all([
    accountWarnings(deps, def, known),
    loadTiktokCampaignFacts(deps, def).then((facts) => tiktokWarnings(deps, def, facts)),
    rateConflictWarnings(deps, def, jobs, excludeSessionId),
    ...quotaPlatforms.map((p) => quotaWarning(deps, p, def, excludeSessionId)),
  ]);
  out.push(...accounts, ...tiktok, ...rates);
  for (const quota of quotas) if (quota) out.push(quota);
  return out;
}

async function accountWarnings(deps: WarningDeps, def: SessionDefinition, known?: ReadonlyMap<string, AccountWithCredentials>): Promise<Warning[]> {
  const out: Warning[] = [];
  // Only the session's own accounts (not every account, each decrypted), read once.
  const accounts = known ?? (await deps.accounts.getMany(def.targets.map((t) => t.accountId)));
  for (const [i, t] of def.targets.entries()) {
    const found = accounts.get(t.accountId);
    if (!found) continue;
    const a = found.account;
    if (a.tokenStatus === 'expired' || a.tokenStatus === 'invalid') {
      out.push({ code: 'account_token', path: `targets.${i}.accountId`, message: `account '${a.name}' has a ${a.tokenStatus} token${a.tokenStatusReason ? `: ${a.tokenStatusReason}` : ''}` });
      continue;
    }
    const endsAt = loginEndsAt(found.credentials);
    if (endsAt !== null && Date.parse(endsAt) <= Date.parse(def.endsAt)) {
      out.push({
        code: 'account_token_expires',
        path: `targets.${i}.accountId`,
        message: `the login of '${a.name}' ends on ${endsAt}, before this session is over, and LiveCue cannot renew it: reconnect the account before ${endsAt}`,
      });
    }
  }
  return out;
}

/** When a login stops working for good: the refresh token's end, else the access token's. */
function loginEndsAt(credentials: Credentials | null): string | null {
  if (!credentials) return null;
  if (credentials.refreshToken) return credentials.refreshExpiresAt ?? null;
  return credentials.expiresAt ?? null;
}

/**
 * Scheduled sessions on a platform with a daily quota (YouTube), that quota day × units per
 * session, this one included, vs the daily quota.
 */
async function quotaWarning(deps: WarningDeps, platform: Platform, def: SessionDefinition, excludeSessionId?: string): Promise<Warning | null> {
  const { dailyQuota: quota, displayName: name } = capabilitiesOf(platform);
  if (quota === null || !def.targets.some((t) => t.platform === platform)) return null;
  const day = DateTime.fromISO(def.startsAt, { zone: quota.dayZone }).startOf('day');
  const ids = await deps.sessions.listIds({ fromMs: day.toMillis(), toMs: day.plus({ days: 1 }).toMillis() - 1, limit: 10_000 });
  const sessions = await deps.sessions.getMany(ids.map((x) => x.id).filter((id) => id !== excludeSessionId));
  const others = sessions.filter((s) => s && s.status !== 'cancelled' && s.targets.some((t) => t.platform === platform)).length;
  const units = (others + 1) * quota.unitsPerSession;
  if (units <= quota.units) return null;
  return {
    code: `${platform}_quota`,
    message: `${others + 1} ${name} sessions on ${day.toISODate() ?? ''} (${quota.dayZoneLabel}) need about ${units} quota units, more than ${name}'s ${quota.units} a day: some lives may be created or started late (${quota.moreQuota}, or move sessions)`,
  };
}
