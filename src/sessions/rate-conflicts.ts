import { DateTime } from 'luxon';
import type { Deps } from '../deps';
import { DomainError } from '../domain/errors';
import type { ErrorDetail } from '../domain/errors';
import type { Platform } from '../domain/platform';
import { PLATFORMS } from '../domain/platform';
import type { JobRecord, SessionDefinition } from '../domain/session';
import { capabilitiesOf } from '../platforms/capabilities';
import { findBurstConflicts, findQuotaOverruns, plannedCallsOf, quotaDayOf, quotaUnitsByDay } from '../planning/platform-rates';
import type { BurstConflict, PlannedCall, QuotaLoad, QuotaOverrun } from '../planning/platform-rates';
import { createRateBuckets } from '../store/rate-buckets';
import type { Warning } from './preview-warnings';

const DAY_MS = 86_400_000;
/** How far around the new calls a platform with a daily quota is read (its quota day, whatever the zone). */
const aroundMs = 2 * DAY_MS;

export type RateDeps = Pick<Deps, 'sessions' | 'clock' | 'config' | 'redis' | 'keys' | 'planCalls'>;

/** What the other sessions already plan around some calls: their calls, and the quota already spent. */
export interface PlanLoad {
  others: PlannedCall[];
  quota: QuotaLoad;
}

/** Whether any of the calls is one the planner checks (a burst limit or a daily quota). */
function needsLoad(calls: readonly PlannedCall[]): boolean {
  return calls.some((c) => capabilitiesOf(c.platform).burstLimit !== null || capabilitiesOf(c.platform).dailyQuota !== null);
}

/**
 * Read what the store plans around `calls` (the I/O of the pure checks in planning/platform-rates):
 * the pending calls of other sessions within two days, and today's spent quota units (the
 * worker's ledger: calls already made today are no longer in any plan).
 */
export async function loadPlanLoad(deps: RateDeps, calls: readonly PlannedCall[], excludeSessionIds: ReadonlySet<string> = new Set()): Promise<PlanLoad> {
  const budgets: Partial<Record<Platform, number>> = { youtube: deps.config.youtubeDailyQuota };
  if (calls.length === 0 || !needsLoad(calls)) return { others: [], quota: { planned: new Map(), spent: new Map(), budgets } };
  // The plan-call index (one range read per account), not every session of the days around:
  // that read grew with the sessions stored and was most of a create's time. The index is by
  // call time, so a burst needs only the calls within its window of this plan's own, and a
  // quota day the days around them.
  const platforms = [...new Set(calls.map((c) => c.platform))].filter((p) => capabilitiesOf(p).burstLimit !== null || capabilitiesOf(p).dailyQuota !== null);
  const ranges = await Promise.all(platforms.map((p) => {
    const own = calls.filter((c) => c.platform === p);
    // A loop, not Math.min(...times): a big sheet's calls would pass the engine's argument limit.
    let fromMs = Infinity;
    let toMs = -Infinity;
    for (const c of own) {
      fromMs = Math.min(fromMs, c.atMs);
      toMs = Math.max(toMs, c.atMs);
    }
    const { dailyQuota, burstLimit } = capabilitiesOf(p);
    const marginMs = dailyQuota !== null ? aroundMs : (burstLimit?.windowMs ?? 0);
    // Bursts are per account (this plan's accounts); a daily quota is the project's (every account).
    const accounts = dailyQuota !== null ? undefined : [...new Set(own.map((c) => c.accountId))];
    return deps.planCalls.range(p, fromMs - marginMs, toMs + marginMs, { ...(accounts ? { accounts } : {}), exclude: excludeSessionIds });
  }));
  const others: PlannedCall[] = ranges.flat();
  const planned = quotaUnitsByDay(others);
  const spent = new Map<string, number>();
  const buckets = createRateBuckets(deps.redis, deps.keys);
  for (const platform of PLATFORMS) {
    const today = quotaDayOf(platform, deps.clock.now());
    if (today === null || !calls.some((c) => c.platform === platform)) continue;
    spent.set(`${platform}:${today}`, await buckets.spent(platform, today));
  }
  return { others, quota: { planned, spent, budgets } };
}

/** `rate_limit_conflict` warnings of one session's plan (preview, create, bulk and import items). */
export function rateConflictWarnings(def: SessionDefinition, jobs: readonly JobRecord[], load: PlanLoad): Warning[] {
  const out = burstWarnings(def, jobs, load.others);
  for (const overrun of findQuotaOverruns(plannedCallsOf(jobs, def.targets), load.quota)) out.push(quotaConflictWarning(def, overrun));
  return out;
}

/** The burst part of `rateConflictWarnings` (bulk and import check quotas item by item themselves). */
export function burstWarnings(def: SessionDefinition, jobs: readonly JobRecord[], others: readonly PlannedCall[]): Warning[] {
  return findBurstConflicts(plannedCallsOf(jobs, def.targets), others).map((c) => burstWarning(def, c));
}

function targetPath(def: SessionDefinition, platform: Platform, accountId?: string): string {
  return `targets.${def.targets.findIndex((t) => t.platform === platform && (accountId === undefined || t.accountId === accountId))}`;
}

function burstWarning(def: SessionDefinition, c: BurstConflict): Warning {
  const rule = capabilitiesOf(c.platform).burstLimit;
  const name = capabilitiesOf(c.platform).displayName;
  const minutes = Math.round((c.spreadWindows * c.windowMs) / 60_000);
  return {
    code: 'rate_limit_conflict',
    path: targetPath(def, c.platform, c.accountId),
    message: `${c.count} ${name} ${rule?.calls ?? 'calls'} of ${rule?.accountNoun ?? 'account'} '${c.accountId}' are due between ${new Date(c.fromMs).toISOString()} and ${new Date(c.toMs).toISOString()}, but ${rule?.reason ?? `${name} takes ${c.limit} a minute`}: spread them over at least ${minutes} minutes (about ${Math.ceil(c.gapMs / 1000)} s apart), or the late ones may be skipped as stale`,
  };
}

/** The quota day as organizers read it: the date, its zone, and when it starts in the session's zone. */
function quotaWindow(o: QuotaOverrun, zone: string): string {
  const quota = capabilitiesOf(o.platform).dailyQuota;
  const start = DateTime.fromISO(o.day, { zone: quota?.dayZone ?? 'UTC' });
  const local = (d: DateTime): string => d.setZone(zone).toFormat('yyyy-MM-dd HH:mm');
  return `the quota day ${o.day} (${quota?.dayZoneLabel ?? 'UTC'}: ${local(start)} to ${local(start.plus({ days: 1 }))} ${zone})`;
}

function quotaConflictWarning(def: SessionDefinition, o: QuotaOverrun): Warning {
  return { code: 'rate_limit_conflict', path: targetPath(def, o.platform), message: quotaMessage(def, o, 'preview') };
}

/** What a day over quota needs, and what to do about it (the warning and the refusal say the same). */
export function quotaMessage(def: SessionDefinition, o: QuotaOverrun, mode: 'preview' | 'refusal'): string {
  const quota = capabilitiesOf(o.platform).dailyQuota;
  const name = capabilitiesOf(o.platform).displayName;
  const head = `${name} calls planned on ${quotaWindow(o, def.timezone)} need ${o.units} quota units of the project's ${o.budget} a day (this session's lives ${o.ownUnits}): about ${o.livesOver} live(s) too many`;
  const todo = `${quota?.moreQuota ?? 'ask for more quota'}, or ${quota?.otherwise ?? 'move some lives to another day'}`;
  return mode === 'preview'
    ? `${head}; creating it will be refused: spread the lives over more days (${todo})`
    : `${head}, so this session's ${name} lives cannot be created, started and ended on that day: ${todo}`;
}

/** `422 quota_exceeded`: the session's lives do not fit in their quota days. */
export function quotaRefusal(def: SessionDefinition, overruns: readonly QuotaOverrun[], pathPrefix?: string): DomainError {
  const details: ErrorDetail[] = overruns.map((o) => ({ path: pathPrefix === undefined ? targetPath(def, o.platform) : `${pathPrefix}.${targetPath(def, o.platform)}`, message: quotaMessage(def, o, 'refusal') }));
  return new DomainError('quota_exceeded', details[0]?.message ?? 'the daily quota of a platform does not fit', details);
}
