import type { Deps } from '../deps';
import type { Credentials } from '../domain/account';
import type { AccountWithCredentials } from '../store/account-store';
import type { JobRecord, SessionDefinition } from '../domain/session';
import { capabilitiesOf } from '../platforms/capabilities';
import { findQuotaOverruns, plannedCallsOf } from '../planning/platform-rates';
import { loadPlanLoad, rateConflictWarnings } from './rate-conflicts';
import type { PlanLoad, RateDeps } from './rate-conflicts';
import { loadTiktokCampaignFacts, tiktokWarnings } from './tiktok-checks';
import type { TiktokCheckDeps } from './tiktok-checks';

export type WarningDeps = Pick<Deps, 'clock' | 'accounts' | 'sessions'> & RateDeps & TiktokCheckDeps;

export interface Warning {
  code: string;
  message: string;
  path?: string;
}

/** What will not go as the organizer may expect, said before anything is saved. */
export async function previewWarnings(deps: WarningDeps, def: SessionDefinition, jobs: JobRecord[], excludeSessionId?: string, known?: ReadonlyMap<string, AccountWithCredentials>, planLoad?: PlanLoad): Promise<Warning[]> {
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
  const [accounts, tiktok, load] = await Promise.all([
    accountWarnings(deps, def, known),
    loadTiktokCampaignFacts(deps, def).then((facts) => tiktokWarnings(deps, def, facts)),
    planLoad ?? loadPlanLoad(deps, plannedCallsOf(jobs, def.targets), new Set(excludeSessionId === undefined ? [] : [excludeSessionId])),
  ]);
  out.push(...accounts, ...tiktok, ...rateConflictWarnings(def, jobs, load), ...quotaWarnings(def, jobs, load));
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
 * `<platform>_quota`: the day's real plan (every call still to run on that quota day, this
 * session's included, and what today already spent) needs more units than the project has.
 */
function quotaWarnings(def: SessionDefinition, jobs: readonly JobRecord[], load: PlanLoad): Warning[] {
  return findQuotaOverruns(plannedCallsOf(jobs, def.targets), load.quota).map((o) => {
    const quota = capabilitiesOf(o.platform).dailyQuota;
    const name = capabilitiesOf(o.platform).displayName;
    const lives = Math.ceil(o.units / (quota?.unitsPerSession ?? 1));
    return {
      code: `${o.platform}_quota`,
      message: `about ${lives} ${name} lives on ${o.day} (${quota?.dayZoneLabel ?? ''}) need ${o.units} quota units, more than the project's ${o.budget} a day: creating this session will be refused (${quota?.moreQuota ?? ''}, or ${quota?.otherwise ?? ''})`,
    };
  });
}
