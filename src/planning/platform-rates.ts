import { DateTime } from 'luxon';
import type { Platform } from '../domain/platform';
import type { JobKind, JobRecord, SessionTarget } from '../domain/session';
import { PLATFORM_CAPABILITIES } from '../platforms/capabilities';
import { busiestWindow, extent } from './busiest-window';

/**
 * One platform call the plan makes: when, on which account, of which kind. Pure data: the
 * workflow reads the other sessions' jobs from the store and passes them in.
 */
export interface PlannedCall {
  platform: Platform;
  accountId: string;
  kind: JobKind;
  /** When the call is made (the job's runAt), ms since the epoch. */
  atMs: number;
}

/** Too many calls of one account within a platform's window (`rate_limit_conflict`). */
export interface BurstConflict {
  platform: Platform;
  accountId: string;
  /** The calls around the burst (this plan's and the others'), first and last instant. */
  count: number;
  fromMs: number;
  toMs: number;
  limit: number;
  windowMs: number;
  /** Spread the calls over at least this many windows, about `gapMs` apart. */
  spreadWindows: number;
  gapMs: number;
}

/** A quota day that the plan takes past its budget. */
export interface QuotaOverrun {
  platform: Platform;
  /** The quota day (ISO date in the quota's zone). */
  day: string;
  /** Units the day's plan needs, this plan included, and the budget. */
  units: number;
  budget: number;
  /** Units this plan adds to that day. */
  ownUnits: number;
  /** Lives (prepare-live calls) of the day's plan that would have to go to fit. */
  livesOver: number;
}

/**
 * The platform calls of a plan's jobs still to run (`pending`, `running`). A job of one target
 * is one call; a session-level `guard` reads every live target of the session (`targets`).
 */
export function plannedCallsOf(jobs: readonly JobRecord[], targets: readonly Pick<SessionTarget, 'platform' | 'accountId' | 'live'>[] = []): PlannedCall[] {
  const out: PlannedCall[] = [];
  for (const j of jobs) {
    if (j.state !== 'pending' && j.state !== 'running') continue;
    const atMs = Date.parse(j.runAt);
    if (j.kind === 'guard' && j.platform === null) {
      for (const t of targets) if (t.live) out.push({ platform: t.platform, accountId: t.accountId, kind: 'guard', atMs });
      continue;
    }
    if (j.platform === null || j.accountId === null) continue;
    out.push({ platform: j.platform, accountId: j.accountId, kind: j.kind, atMs });
  }
  return out;
}

/**
 * Whether the planner counts a call (a burst limit's kind, or units of a daily quota): only
 * those are kept in the plan-call index, so what it counts around an instant is what matters.
 */
export function countsForRates(call: Pick<PlannedCall, 'platform' | 'kind'>): boolean {
  const { burstLimit, dailyQuota } = PLATFORM_CAPABILITIES[call.platform];
  return (burstLimit?.kinds.includes(call.kind) ?? false) || (dailyQuota?.unitsOfKind[call.kind] ?? 0) > 0;
}

/**
 * The other plans' calls within one burst window either side of `atMs` on an account, counted
 * but not read: so many (over twice the limit) that a burst is certain, whichever they are.
 * Reading them all made a create cost O(calls in the minute) on a crowded account.
 */
export interface CrowdedWindow {
  platform: Platform;
  accountId: string;
  /** The own call's instant the window is around. */
  atMs: number;
  count: number;
  fromMs: number;
  toMs: number;
}

/**
 * The least count of calls within one window either side of an instant that makes a burst
 * certain: the two windows before and after it hold them all, so one holds more than the limit.
 */
export function certainBurstCount(limit: number): number {
  return 2 * limit + 1;
}

/**
 * Calls near one instant that rate foresight reads one by one at most; more are counted (they
 * prove the burst). The margin over `certainBurstCount` absorbs the few calls of a session being
 * updated, which a count cannot leave out.
 */
export function readNearAtMost(limit: number): number {
  return 2 * certainBurstCount(limit) + 32;
}

/**
 * Bursts on one account beyond the platform's `burstLimit` (TikTok: 6 promos a minute per
 * creator; Facebook: the page pacing), counting `own` calls and the `others` already planned
 * (and `crowded` windows, counted without their calls). One conflict per account: the busiest
 * window around one of `own`'s calls.
 */
export function findBurstConflicts(own: readonly PlannedCall[], others: readonly PlannedCall[], crowded: readonly CrowdedWindow[] = []): BurstConflict[] {
  const out: BurstConflict[] = [];
  const seen = new Set<string>();
  for (const call of own) {
    const rule = PLATFORM_CAPABILITIES[call.platform].burstLimit;
    const key = `${call.platform}:${call.accountId}`;
    if (rule === null || !rule.kinds.includes(call.kind) || seen.has(key)) continue;
    const near: number[] = [];
    // A crowded window's calls are not among `others` (counted, not read): its count is added.
    const crowd = crowded.find((w) => w.platform === call.platform && w.accountId === call.accountId && w.atMs === call.atMs && w.count >= certainBurstCount(rule.limit));
    for (const list of [own, others]) {
      for (const c of list) if (c.platform === call.platform && c.accountId === call.accountId && rule.kinds.includes(c.kind) && Math.abs(c.atMs - call.atMs) < rule.windowMs) near.push(c.atMs);
    }
    // O(n log n): with every session of a busy account due in one minute, the quadratic count was most of a create.
    if (!crowd && busiestWindow(near, rule.windowMs) <= rule.limit) continue;
    seen.add(key);
    const span = extent(crowd ? [...near, crowd.fromMs, crowd.toMs] : near);
    const count = near.length + (crowd?.count ?? 0);
    out.push({
      platform: call.platform,
      accountId: call.accountId,
      count,
      fromMs: span.min,
      toMs: span.max,
      limit: rule.limit,
      windowMs: rule.windowMs,
      spreadWindows: Math.ceil(count / rule.limit),
      gapMs: Math.ceil(rule.windowMs / rule.limit),
    });
  }
  return out;
}

/** The quota day of an instant for a platform with a daily quota (YouTube: the Pacific-time date). */
export function quotaDayOf(platform: Platform, atMs: number): string | null {
  const quota = PLATFORM_CAPABILITIES[platform].dailyQuota;
  if (quota === null) return null;
  return DateTime.fromMillis(atMs, { zone: quota.dayZone }).toISODate();
}

/**
 * Units per quota day (`platform:day` → units) of some calls. An account's first live of a day
 * adds the capability's `firstLiveUnits` once, marked by a `platform:day|accountId` entry so that
 * merging tallies (`addQuotaUnits`, `findQuotaOverruns`) never counts it twice.
 */
export function quotaUnitsByDay(calls: readonly PlannedCall[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of calls) {
    const quota = PLATFORM_CAPABILITIES[c.platform].dailyQuota;
    const units = quota?.unitsOfKind[c.kind] ?? 0;
    const day = quotaDayOf(c.platform, c.atMs);
    if (quota === null || units === 0 || day === null) continue;
    const key = `${c.platform}:${day}`;
    out.set(key, (out.get(key) ?? 0) + units);
    const marker = `${key}|${c.accountId}`;
    if (c.kind === 'prepare-live' && quota.firstLiveUnits > 0 && !out.has(marker)) {
      out.set(marker, quota.firstLiveUnits);
      out.set(key, (out.get(key) ?? 0) + quota.firstLiveUnits);
    }
  }
  return out;
}

/** `own`'s units per day, less the first-live units of accounts `tally` already counted that day. */
function unitsBeyond(tally: ReadonlyMap<string, number>, own: ReadonlyMap<string, number>): Map<string, number> {
  const out = new Map<string, number>();
  for (const [key, units] of own) if (!key.includes('|')) out.set(key, units);
  for (const [marker, units] of own) {
    if (!marker.includes('|') || !tally.has(marker)) continue;
    const key = marker.slice(0, marker.indexOf('|'));
    out.set(key, (out.get(key) ?? 0) - units);
  }
  return out;
}

/** What already weighs on the quota days: the other plans' units, and units spent today that no plan shows. */
export interface QuotaLoad {
  /** `platform:day` → units of the other sessions' calls still to run on that day. */
  planned: ReadonlyMap<string, number>;
  /** `platform:day` → units already spent (the worker's ledger: today's finished calls). */
  spent: ReadonlyMap<string, number>;
  /** Budget per platform with a daily quota (configuration; default the capability's). */
  budgets: Partial<Record<Platform, number>>;
}

/**
 * The quota days `own` takes past their budget, given what already weighs on them. Empty: the
 * plan fits. Pure: a bulk request calls it item after item, adding each accepted item to `planned`.
 */
export function findQuotaOverruns(own: readonly PlannedCall[], load: QuotaLoad): QuotaOverrun[] {
  const out: QuotaOverrun[] = [];
  for (const [key, ownUnits] of unitsBeyond(load.planned, quotaUnitsByDay(own))) {
    const [platformName, day] = key.split(':') as [Platform, string];
    const quota = PLATFORM_CAPABILITIES[platformName].dailyQuota;
    if (quota === null) continue;
    const budget = load.budgets[platformName] ?? quota.units;
    const units = (load.planned.get(key) ?? 0) + (load.spent.get(key) ?? 0) + ownUnits;
    if (units <= budget) continue;
    out.push({ platform: platformName, day, units, budget, ownUnits, livesOver: Math.ceil((units - budget) / quota.unitsPerSession) });
  }
  return out;
}

/** Add `calls`' units to a running per-day tally (bulk: the items accepted so far). */
export function addQuotaUnits(tally: Map<string, number>, calls: readonly PlannedCall[]): void {
  const own = quotaUnitsByDay(calls);
  for (const [key, units] of unitsBeyond(tally, own)) tally.set(key, (tally.get(key) ?? 0) + units);
  for (const [marker, units] of own) if (marker.includes('|')) tally.set(marker, units);
}
