import type { JobRecord, SessionDefinition } from '../domain/session';
import { capabilitiesOf } from '../platforms/capabilities';
import { addQuotaUnits, findQuotaOverruns, plannedCallsOf } from '../planning/platform-rates';
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
  const byAccount = groupByAccount([...load.others, ...accepted.flatMap((p) => (callsOf.get(p.index) ?? []).map((c) => ({ ...c, item: p.index })))]);
  for (const item of accepted) {
    await slices.turn();
    const own = callsOf.get(item.index) ?? [];
    if (own.every((c) => capabilitiesOf(c.platform).burstLimit === null)) continue;
    const near = own.flatMap((c) => callsNear(byAccount.get(`${c.platform}:${c.accountId}`) ?? [], c.atMs, item.index));
    // The same messages as a single create's, over the store's and the batch's calls nearby.
    for (const w of burstWarnings(item.def, item.jobs, dedupe(near), load.crowded)) warnings.push({ index: item.index, ...w });
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

/** The calls of a sorted list within one burst window of `atMs`, not the item's own. */
function callsNear(sorted: readonly TaggedCall[], atMs: number, item: number): TaggedCall[] {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid]?.atMs ?? 0) <= atMs - burstWindowMs) lo = mid + 1;
    else hi = mid;
  }
  const out: TaggedCall[] = [];
  for (let i = lo; i < sorted.length; i += 1) {
    const c = sorted[i];
    if (!c || c.atMs >= atMs + burstWindowMs) break;
    if (c.item !== item) out.push(c);
  }
  return out;
}

function dedupe(calls: readonly TaggedCall[]): TaggedCall[] {
  return [...new Set(calls)];
}
