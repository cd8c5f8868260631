import { DateTime } from 'luxon';
import type { Deps } from '../deps';
import { DomainError } from '../domain/errors';
import type { ErrorDetail } from '../domain/errors';
import type { Platform } from '../domain/platform';
import { PLATFORMS } from '../domain/platform';
import type { JobRecord, SessionDefinition } from '../domain/session';
import { capabilitiesOf } from '../platforms/capabilities';
import { extent } from '../planning/busiest-window';
import { findBurstConflicts, findQuotaOverruns, plannedCallsOf, quotaDayOf, quotaUnitsByDay, readNearAtMost } from '../planning/platform-rates';
import type { BurstConflict, CrowdedWindow, PlannedCall, QuotaLoad, QuotaOverrun } from '../planning/platform-rates';
import type { IndexedCall } from '../store/plan-calls';
import { createRateBuckets } from '../store/rate-buckets';
import type { Warning } from './preview-warnings';

const DAY_MS = 86_400_000;
/** How far around the new calls a platform with a daily quota is read (its quota day, whatever the zone). */
const aroundMs = 2 * DAY_MS;

export type RateDeps = Pick<Deps, 'sessions' | 'clock' | 'config' | 'redis' | 'keys' | 'planCalls'>;

/** What the other sessions already plan around some calls: their calls, and the quota already spent. */
export interface PlanLoad {
  others: PlannedCall[];
  /** Windows around own calls so crowded that their calls were counted, not read. */
  crowded: CrowdedWindow[];
  quota: QuotaLoad;
}

/** Whether any of the calls is one the planner checks (a burst limit or a daily quota). */
function needsLoad(calls: readonly PlannedCall[]): boolean {
  return calls.some((c) => capabilitiesOf(c.platform).burstLimit !== null || capabilitiesOf(c.platform).dailyQuota !== null);
}

/** Own calls on one account up to which each is looked at on its own (a session's; a sheet's are read as one range). */
const probeAtMost = 32;

/** The first and last instant of some calls. */
function spanOf(calls: readonly PlannedCall[]): { fromMs: number; toMs: number } {
  const { min, max } = extent(calls.map((c) => c.atMs));
  return { fromMs: min, toMs: max };
}

/**
 * Read what the store plans around `calls` (the I/O of the pure checks in planning/platform-rates):
 * the pending calls of other sessions near them, and today's spent quota units (the worker's
 * ledger: calls already made today are no longer in any plan).
 *
 * The plan-call index (by call time, one sorted set per account), not every session of the days
 * around. A burst needs only the calls within its window of this plan's own: for a session, each
 * own call's window is counted (ZCOUNT) and read only when few enough to matter — on an account
 * with hundreds of promos in one minute a count over twice the limit already proves the burst,
 * and reading them made each create cost O(calls in the minute). A sheet reads its span as one
 * range. A quota day reads the days around (the project's every account).
 */
export async function loadPlanLoad(deps: RateDeps, calls: readonly PlannedCall[], excludeSessionIds: ReadonlySet<string> = new Set()): Promise<PlanLoad> {
  const budgets: Partial<Record<Platform, number>> = { youtube: deps.config.youtubeDailyQuota };
  const others: PlannedCall[] = [];
  const crowded: CrowdedWindow[] = [];
  if (calls.length === 0 || !needsLoad(calls)) return { others, crowded, quota: { planned: new Map(), spent: new Map(), budgets } };
  const reads: Promise<void>[] = [];
  for (const p of PLATFORMS) {
    const own = calls.filter((c) => c.platform === p);
    const { dailyQuota, burstLimit } = capabilitiesOf(p);
    if (own.length === 0 || (dailyQuota === null && burstLimit === null)) continue;
    if (dailyQuota !== null || burstLimit === null) {
      const { fromMs, toMs } = spanOf(own);
      reads.push(deps.planCalls.range(p, fromMs - aroundMs, toMs + aroundMs, { exclude: excludeSessionIds }).then((found) => void others.push(...found)));
      continue;
    }
    for (const accountId of new Set(own.map((c) => c.accountId))) {
      const mine = own.filter((c) => c.accountId === accountId && burstLimit.kinds.includes(c.kind));
      if (mine.length === 0) continue;
      if (mine.length > probeAtMost) {
        const { fromMs, toMs } = spanOf(mine);
        reads.push(deps.planCalls.range(p, fromMs - burstLimit.windowMs, toMs + burstLimit.windowMs, { accounts: [accountId], exclude: excludeSessionIds }).then((found) => void others.push(...found)));
        continue;
      }
      // A crowded window's count includes an excluded (updated) session's own few calls.
      const instants = [...new Set(mine.map((c) => c.atMs))];
      reads.push(deps.planCalls.around(p, accountId, instants, burstLimit.windowMs, readNearAtMost(burstLimit.limit), excludeSessionIds).then((found) => {
        const near: IndexedCall[] = [];
        for (const w of found) {
          if (w.calls === null) crowded.push({ platform: p, accountId, atMs: w.atMs, count: w.count, fromMs: w.fromMs, toMs: w.toMs });
          else near.push(...w.calls);
        }
        others.push(...dedupeCalls(near));
      }));
    }
  }
  await Promise.all(reads);
  const planned = quotaUnitsByDay(others);
  const spent = new Map<string, number>();
  const buckets = createRateBuckets(deps.redis, deps.keys);
  for (const platform of PLATFORMS) {
    const today = quotaDayOf(platform, deps.clock.now());
    if (today === null || !calls.some((c) => c.platform === platform)) continue;
    spent.set(`${platform}:${today}`, await buckets.spent(platform, today));
  }
  return { others, crowded, quota: { planned, spent, budgets } };
}

/** One call per job and kind (windows around nearby instants overlap). */
function dedupeCalls(calls: Iterable<IndexedCall>): IndexedCall[] {
  const out = new Map<string, IndexedCall>();
  for (const c of calls) out.set(`${c.sessionId}|${c.kind}|${c.atMs}`, c);
  return [...out.values()];
}

/** `rate_limit_conflict` warnings of one session's plan (preview, create, bulk and import items). */
export function rateConflictWarnings(def: SessionDefinition, jobs: readonly JobRecord[], load: PlanLoad): Warning[] {
  const out = burstWarnings(def, jobs, load.others, load.crowded);
  for (const overrun of findQuotaOverruns(plannedCallsOf(jobs, def.targets), load.quota)) out.push(quotaConflictWarning(def, overrun));
  return out;
}

/** The burst part of `rateConflictWarnings` (bulk and import check quotas item by item themselves). */
export function burstWarnings(def: SessionDefinition, jobs: readonly JobRecord[], others: readonly PlannedCall[], crowded: readonly CrowdedWindow[] = []): Warning[] {
  return findBurstConflicts(plannedCallsOf(jobs, def.targets), others, crowded).map((c) => burstWarning(def, c));
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
