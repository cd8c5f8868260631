import type { JobRecord, SessionDefinition } from '../domain/session';
import { capabilitiesOf } from '../platforms/capabilities';
import { addQuotaUnits, countsForRates, findQuotaOverruns, plannedCallsOf, readNearAtMost } from '../planning/platform-rates';
import type { PlannedCall } from '../planning/platform-rates';
import type { ItemError } from './create-many';
import { createWorkSlices, mapInSlices } from '../shared/work-slices';
import type { WorkSlices } from '../shared/work-slices';
import { burstWarnings, loadPlanLoad, quotaRefusal } from './rate-conflicts';
import type { RateDeps } from './rate-conflicts';

/** A warning of one item of a bulk request or sheet. */
export interface ItemWarning {
  index: number;
  code: string;
  message: string;
  path?: string;
}

interface BatchItem {
  index: number;
  id: string;
  def: SessionDefinition;
  jobs: JobRecord[];
}

/** The widest burst window of any platform (calls farther apart never count together). */
const burstWindowMs = Math.max(0, ...(['facebook', 'tiktok', 'youtube'] as const).map((p) => capabilitiesOf(p).burstLimit?.windowMs ?? 0));

/**
 * The platform rates of a batch (bulk, import): items whose lives do not fit their quota day,
 * counted in item order over the day's whole plan (the store's and the items accepted before),
 * are refused with `quota_exceeded`; bursts on one account (the store's calls and the other
 * items') are `rate_limit_conflict` warnings. One store read for the whole batch.
 */
export async function checkBatchRates(
  deps: RateDeps,
  items: readonly BatchItem[],
  label: (index: number) => string,
  describe: (index: number) => string,
  slices: WorkSlices = createWorkSlices(),
): Promise<{ refused: ItemError[]; warnings: ItemWarning[] }> {
  // A 10,000-row sheet: every loop in slices, so other requests are answered meanwhile (#18).
  const callsOf = new Map(await mapInSlices(items, (p) => [p.index, plannedCallsOf(p.jobs, p.def.targets)] as const, slices));
  const all = [...callsOf.values()].flat();
  const load = await loadPlanLoad(deps, all);
  const refused: ItemError[] = [];
  const tally = new Map(load.quota.planned);
  const accepted: BatchItem[] = [];
  for (const item of [...items].sort((a, b) => a.index - b.index)) {
    await slices.turn();
    const own = callsOf.get(item.index) ?? [];
    const overruns = findQuotaOverruns(own, { ...load.quota, planned: tally });
    if (overruns.length > 0) {
      const err = quotaRefusal(item.def, overruns, label(item.index));
      refused.push({ index: item.index, error: { code: err.code, message: `${describe(item.index)}: ${err.message}`, ...(err.details ? { details: err.details } : {}) } });
      continue;
    }
    addQuotaUnits(tally, own);
    accepted.push(item);
  }
  const warnings: ItemWarning[] = [];
  // Only what bursts count (as the store's index holds), so a window's size is its count.
  const byAccount = groupByAccount([...load.others, ...accepted.flatMap((p) => (callsOf.get(p.index) ?? []).filter(countsForRates).map((c) => ({ ...c, item: p.index })))]);
  for (const item of accepted) {
    await slices.turn();
    const own = callsOf.get(item.index) ?? [];
    if (own.every((c) => capabilitiesOf(c.platform).burstLimit === null)) continue;
    const near: TaggedCall[] = [];
    const crowded = [...load.crowded];
    for (const c of own) {
      const rule = capabilitiesOf(c.platform).burstLimit;
      if (rule === null || !rule.kinds.includes(c.kind)) continue;
      const mine = own.filter((o) => o.platform === c.platform && o.accountId === c.accountId && countsForRates(o) && Math.abs(o.atMs - c.atMs) < burstWindowMs).length;
      const found = callsNear(byAccount.get(`${c.platform}:${c.accountId}`) ?? [], c.atMs, { item: item.index, mine }, readNearAtMost(rule.limit));
      if (Array.isArray(found)) near.push(...found);
      else crowded.push({ platform: c.platform, accountId: c.accountId, atMs: c.atMs, ...found });
    }
    // The same messages as a single create's, over the store's and the batch's calls nearby.
    for (const w of burstWarnings(item.def, item.jobs, dedupe(near), crowded)) warnings.push({ index: item.index, ...w });
  }
  return { refused, warnings };
}

type TaggedCall = PlannedCall & { item?: number };

function groupByAccount(calls: readonly TaggedCall[]): Map<string, TaggedCall[]> {
  const out = new Map<string, TaggedCall[]>();
  for (const c of calls) {
    const key = `${c.platform}:${c.accountId}`;
    const list = out.get(key) ?? [];
    list.push(c);
    out.set(key, list);
  }
  for (const list of out.values()) list.sort((a, b) => a.atMs - b.atMs);
  return out;
}

/** The first index of a sorted list whose call is at or after `atMs` (binary search). */
function firstAtOrAfter(sorted: readonly TaggedCall[], atMs: number): number {
  return firstWhere(sorted, (t) => t >= atMs);
}

/** The first index of a sorted list whose call is after `atMs`. */
function firstAfter(sorted: readonly TaggedCall[], atMs: number): number {
  return firstWhere(sorted, (t) => t > atMs);
}

function firstWhere(sorted: readonly TaggedCall[], holds: (atMs: number) => boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (holds(sorted[mid]?.atMs ?? 0)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * The calls of a sorted list strictly within one burst window of `atMs`, not the item's own; when
 * there are more than `atMost`, only their count and span (found by two binary searches, so a
 * sheet of thousands of promos in one minute costs O(n log n), not a list per row).
 */
function callsNear(sorted: readonly TaggedCall[], atMs: number, own: { item: number; mine: number }, atMost: number): TaggedCall[] | { count: number; fromMs: number; toMs: number } {
  const { item, mine } = own;
  const lo = firstAfter(sorted, atMs - burstWindowMs);
  const hi = firstAtOrAfter(sorted, atMs + burstWindowMs);
  // `mine`: the item's own calls in the window, which the list holds too and are not counted.
  if (hi - lo - mine > atMost) return { count: hi - lo - mine, fromMs: sorted[lo]?.atMs ?? atMs, toMs: sorted[hi - 1]?.atMs ?? atMs };
  const out: TaggedCall[] = [];
  for (let i = lo; i < hi; i += 1) {
    const c = sorted[i];
    if (c && c.item !== item) out.push(c);
  }
  return out;
}

function dedupe(calls: readonly TaggedCall[]): TaggedCall[] {
  return [...new Set(calls)];
}
