import type { Deps } from '../deps';
import { DomainError, validationError } from '../domain/errors';
import type { ErrorDetail } from '../domain/errors';
import type { JobRecord, SessionDefinition } from '../domain/session';
import { createId } from '../shared/ids';
import type { IdempotencySeal } from '../store/idempotency-store';
import { syncMarkOf } from '../store/session-store';
import type { SessionWrite, WriteError } from '../store/session-store';
import type { SyncMark } from '../store/sync-marks';
import { queuesAndIndex, scheduleAfterCommit } from './commit';
import { planNew } from './new-session';
import { checkHookUrls, checkSessionBody, loadRefs } from './session-input';
import type { SessionRefs } from './session-input';
import { createWorkSlices, mapInSlices } from '../shared/work-slices';
import type { WorkSlices } from '../shared/work-slices';
import { conflictsWithinBatch } from './stage-conflict';
import { checkBatchRates } from './batch-rates';
import type { ItemWarning } from './batch-rates';

export type CreateManyDeps = Pick<Deps, 'config' | 'clock' | 'logger' | 'sessions' | 'syncMarks' | 'accounts' | 'campaigns' | 'scheduler' | 'redis' | 'keys' | 'planCalls'>;

/** What a batch made: the created ids in request order and, when not atomic, the refused items. */
export interface ManyResult {
  atomic: boolean;
  created: string[];
  errors: ItemError[];
  /** Warnings of the created items (`rate_limit_conflict`), by item index. */
  warnings?: ItemWarning[];
}

/** How `createMany` names items (bulk: by index; CSV import: by sheet row) and what it adds. */
export interface ManyOptions {
  /** Prefix of an item's detail paths, e.g. `3` or `row 5`. */
  label?: (index: number) => string;
  /** An item in messages, e.g. `item #3` or `row 5`. */
  describe?: (index: number) => string;
  /** Every created session joins this recurrence series. */
  seriesId?: string;
  /** Failures found before (e.g. rows already imported), reported with the others. */
  extraErrors?: ItemError[];
  /** Commit the answer as the request's idempotency record with the write (bulk with Idempotency-Key). */
  seal?: ((result: ManyResult) => IdempotencySeal) | undefined;
}

export interface ItemError {
  index: number;
  error: { code: string; message: string; details?: ErrorDetail[]; conflicts?: unknown[] };
}

interface Prepared {
  index: number;
  id: string;
  def: SessionDefinition;
  jobs: JobRecord[];
}

/** How items are named in details (`label`) and in messages (`describe`). */
interface Naming {
  label: (index: number) => string;
  describe: (index: number) => string;
}

/**
 * Many sessions at once (bulk, CSV import, series). All are validated first; conflicts with what
 * exists and between items count. Atomic (default): all or nothing. Otherwise the valid ones are created.
 * A big batch (a 10,000-row sheet) is checked, planned and encoded in slices of a few milliseconds:
 * other requests (/healthz) are answered meanwhile.
 */
export async function createMany(deps: CreateManyDeps, items: unknown[], atomic: boolean, options: ManyOptions = {}): Promise<ManyResult> {
  const naming: Naming = { label: options.label ?? String, describe: options.describe ?? ((i: number) => `item #${i}`) };
  const slices = createWorkSlices();
  const checked = await prepareItems(deps, items, naming, options.seriesId, slices);
  const errors: ItemError[] = [...(options.extraErrors ?? []), ...checked.errors];
  errors.push(...(await checkHooks(deps, checked.prepared, naming.label, slices)));
  errors.push(...overlapsWithinBatch(checked.prepared, naming.describe));
  let candidates = withoutRefused(checked.prepared, errors);
  // Platform rates foreseen: items whose lives do not fit their quota day are refused (in item
  // order: the first that fit are kept), bursts on one account are warned about.
  const rates = await checkBatchRates(deps, candidates, naming.label, naming.describe, slices);
  errors.push(...rates.refused);
  candidates = withoutRefused(candidates, rates.refused);
  if (atomic && errors.length > 0) {
    // Nothing will be written: say now which of the other items conflict with existing bookings too.
    errors.push(...(await conflictsWithExisting(deps, candidates, naming.describe)));
    throw batchError(errors, naming.label);
  }
  const { written, writes } = await writeItems(deps, candidates, errors, { atomic, warnings: rates.warnings }, naming, options.seal, slices);
  const marks = await mapInSlices(writes, syncMarkOf, slices);
  await scheduleMany(deps, written, marks);
  return answerFor(written, errors, atomic, rates.warnings);
}

/** Each item checked and, when valid, planned; the invalid ones as item errors (in item order). */
async function prepareItems(deps: CreateManyDeps, items: unknown[], naming: Naming, seriesId: string | undefined, slices: WorkSlices): Promise<{ prepared: Prepared[]; errors: ItemError[] }> {
  const campaignIds = items.map((i) => (i as { campaignId?: unknown } | null)?.campaignId).filter((c): c is string => typeof c === 'string');
  const refs = await loadRefs(deps, campaignIds);
  const prepared: Prepared[] = [];
  const errors: ItemError[] = [];
  for (const [index, item] of items.entries()) {
    await slices.turn();
    const checked = checkItem(deps, item, refs, index, naming);
    if (!checked.ok) {
      errors.push({ index, error: checked.error });
      continue;
    }
    const id = createId('ses');
    const def = seriesId ? { ...checked.definition, seriesId } : checked.definition;
    prepared.push({ index, id, def, jobs: planNew(deps, id, def) });
  }
  return { prepared, errors };
}

/** One item's body checked as `POST /v1/sessions` checks it; a recurring session is refused here. */
function checkItem(deps: CreateManyDeps, item: unknown, refs: SessionRefs, index: number, naming: Naming): { ok: true; definition: SessionDefinition } | { ok: false; error: ItemError['error'] } {
  if (item !== null && typeof item === 'object' && 'recurrence' in item) {
    return { ok: false, error: { code: 'validation_failed', message: `${naming.describe(index)}: a recurring session is created on its own`, details: [{ path: `${naming.label(index)}.recurrence`, message: 'not in bulk: POST the recurring session to /v1/sessions' }] } };
  }
  const checked = checkSessionBody(item, refs, deps, naming.label(index));
  if (!checked.ok) return { ok: false, error: itemErrorOf(checked.error) };
  return { ok: true, definition: checked.definition };
}

/** The webhook URLs of the valid items (the SSRF guard), in item order. */
async function checkHooks(deps: CreateManyDeps, prepared: Prepared[], label: (index: number) => string, slices: WorkSlices): Promise<ItemError[]> {
  const errors: ItemError[] = [];
  for (const { index, def } of prepared) {
    await slices.turn();
    const hookError = await checkHookUrls(def, deps, label(index));
    if (hookError) errors.push({ index, error: itemErrorOf(hookError) });
  }
  return errors;
}

/** Items overlapping an earlier item of the same request on their stage. */
function overlapsWithinBatch(prepared: Prepared[], describe: (index: number) => string): ItemError[] {
  const stageOf = new Map(prepared.map((p) => [p.index, p.def.stageId ?? '']));
  return [...conflictsWithinBatch(prepared.map((p) => ({ index: p.index, def: p.def })))].map(([index, overlaps]) => ({
    index,
    error: conflictError(`${describe(index)} overlaps ${describe(Number(overlaps[0]?.sessionId.slice(1)))} of this request on stage '${stageOf.get(index) ?? ''}'`, overlaps.map((o) => ({ item: Number(o.sessionId.slice(1)), startsAt: new Date(o.startMs).toISOString(), endsAt: new Date(o.endMs).toISOString() }))),
  }));
}

function withoutRefused(prepared: Prepared[], errors: ItemError[]): Prepared[] {
  const refused = new Set(errors.map((e) => e.index));
  return prepared.filter((p) => !refused.has(p.index));
}

/**
 * The store write of the batch (one atomic script). In non-atomic mode the items the store refuses
 * (a stage booked meanwhile) are dropped and the rest written again; atomic: any refusal is the error.
 */
async function writeItems(deps: CreateManyDeps, candidates: Prepared[], errors: ItemError[], { atomic, warnings }: { atomic: boolean; warnings: ItemWarning[] }, naming: Naming, seal: ManyOptions['seal'], slices: WorkSlices): Promise<{ written: Prepared[]; writes: SessionWrite[] }> {
  let remaining = candidates;
  for (;;) {
    const at = deps.clock.nowIso();
    const writes = await mapInSlices(remaining, (p) => toWrite(p, at), slices);
    const result = await deps.sessions.write(writes, seal?.(answerFor(remaining, errors, atomic, warnings)));
    if (result.ok) return { written: remaining, writes };
    errors.push(...refusedByStore(result.errors, remaining, naming.describe));
    if (atomic) throw batchError(errors, naming.label);
    const refused = new Set(result.errors.map((e) => e.index));
    remaining = remaining.filter((_, i) => !refused.has(i));
  }
}

/** The store's refusals as item errors (indexes of the write → the items' own). */
function refusedByStore(refusals: WriteError[], written: Prepared[], describe: (index: number) => string): ItemError[] {
  return refusals.flatMap((e) => {
    const item = written[e.index];
    if (!item) return [];
    return [{
      index: item.index,
      error: e.code === 'stage_conflict'
        ? conflictError(`${describe(item.index)}: stage '${item.def.stageId ?? ''}' is already booked in that window`, (e.conflicts ?? []).map((c) => ({ sessionId: c.sessionId, startsAt: new Date(c.startMs).toISOString(), endsAt: new Date(c.endMs).toISOString() })))
        : { code: 'internal', message: e.code },
    }];
  });
}

/** A domain error as an item's error. */
function itemErrorOf(err: DomainError): ItemError['error'] {
  return { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) };
}

/** The result once `candidates` are written: created ids, the refused items and the created items' warnings, in request order. */
function answerFor(candidates: Prepared[], errors: ItemError[], atomic: boolean, warnings: ItemWarning[]): ManyResult {
  const created = [...candidates].sort((a, b) => a.index - b.index).map((p) => p.id);
  const kept = new Set(candidates.map((p) => p.index));
  return { atomic, created, errors: atomic ? [] : [...errors].sort((a, b) => a.index - b.index), warnings: warnings.filter((w) => kept.has(w.index)) };
}

async function conflictsWithExisting(deps: Pick<Deps, 'sessions'>, items: Prepared[], describe: (index: number) => string): Promise<ItemError[]> {
  const out: ItemError[] = [];
  for (const p of items) {
    if (!p.def.stageId) continue;
    const startMs = Date.parse(p.def.startsAt);
    const endMs = Date.parse(p.def.endsAt);
    const hits = (await deps.sessions.stageBookings(p.def.stageId, startMs, endMs)).filter((b) => b.startMs < endMs && b.endMs > startMs);
    if (hits.length === 0) continue;
    out.push({ index: p.index, error: conflictError(`${describe(p.index)}: stage '${p.def.stageId}' is already booked in that window`, hits.map((c) => ({ sessionId: c.sessionId, startsAt: new Date(c.startMs).toISOString(), endsAt: new Date(c.endMs).toISOString() }))) });
  }
  return out;
}

/** One item's write; every write of a batch carries the same instant (it is the batch's to-sync mark time). */
function toWrite(p: Prepared, at: string): SessionWrite {
  return { id: p.id, create: true, expectedVersion: null, version: 1, status: 'scheduled', definition: p.def, createdAt: at, updatedAt: at, setJobs: p.jobs, delJobs: [] };
}

/** All jobs of the batch grouped per queue, in addBulk calls of 1,000 (not one addBulk per session and queue). */
async function scheduleMany(deps: Pick<Deps, 'logger' | 'syncMarks' | 'scheduler' | 'planCalls'>, items: Prepared[], marks: SyncMark[]): Promise<void> {
  const index = items.map((p) => ({ records: p.jobs, targets: p.def.targets }));
  await scheduleAfterCommit(deps, marks, queuesAndIndex(deps, index, () => deps.scheduler.scheduleMany(items.map((p) => ({ sessionId: p.id, records: p.jobs })))));
}

function conflictError(message: string, conflicts: unknown[]): ItemError['error'] {
  return { code: 'stage_conflict', message, conflicts };
}

function batchError(errors: ItemError[], label: (index: number) => string): DomainError {
  errors.sort((a, b) => a.index - b.index);
  const onlyConflicts = errors.every((e) => e.error.code === 'stage_conflict');
  const details: ErrorDetail[] = errors.flatMap((e) =>
    e.error.details && e.error.details.length > 0 ? e.error.details : [{ path: label(e.index), message: e.error.message }],
  );
  if (errors.length > 0 && errors.every((e) => e.error.code === 'quota_exceeded')) {
    return new DomainError('quota_exceeded', `${errors.length} item(s) do not fit in a platform's daily quota; nothing was created (first: ${errors[0]?.error.message ?? ''})`, details, { errors });
  }
  if (onlyConflicts) {
    return new DomainError('stage_conflict', `${errors.length} item(s) conflict with bookings on their stage; nothing was created`, details, {
      conflicts: errors.map((e) => ({ index: e.index, conflicts: e.error.conflicts ?? [] })),
      suggestions: [],
    });
  }
  const err = validationError(details, `${errors.length} item(s) are invalid; nothing was created (first: ${details[0]?.path ?? ''}: ${details[0]?.message ?? ''})`);
  return new DomainError(err.code, err.message, err.details, { errors });
}
