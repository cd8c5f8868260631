import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Deps } from '../deps';
import { DomainError, validationError } from '../domain/errors';
import type { ErrorDetail } from '../domain/errors';
import type { JobRecord, SessionDefinition } from '../domain/session';
import { createId } from '../shared/ids';
import type { IdempotencySeal } from '../store/idempotency-store';
import { syncMarkOf } from '../store/session-store';
import type { SessionWrite } from '../store/session-store';
import type { SyncMark } from '../store/sync-marks';
import { scheduleAfterCommit } from './commit';
import { planNew } from './new-session';
import { checkHookUrls, checkSessionBody, loadRefs } from './session-input';
import { conflictsWithinBatch } from './stage-conflict';
import { checkBatchRates } from './batch-rates';
import type { ItemWarning } from './batch-rates';

export type CreateManyDeps = Pick<Deps, 'config' | 'clock' | 'logger' | 'sessions' | 'syncMarks' | 'accounts' | 'campaigns' | 'scheduler' | 'redis' | 'keys'>;

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

/** Items checked between two yields to the event loop (a few milliseconds of work). */
const YIELD_EVERY = 200;

interface Prepared {
  index: number;
  id: string;
  def: SessionDefinition;
  jobs: JobRecord[];
}

/**
 * Many sessions at once (bulk, CSV import, series). All are validated first; conflicts with what
 * exists and between items count. Atomic (default): all or nothing. Otherwise the valid ones are created.
 */
export async function createMany(deps: CreateManyDeps, items: unknown[], atomic: boolean, options: ManyOptions = {}): Promise<ManyResult> {
  const label = options.label ?? String;
  const describe = options.describe ?? ((i: number) => `item #${i}`);
  const campaignIds = items.map((i) => (i as { campaignId?: unknown } | null)?.campaignId).filter((c): c is string => typeof c === 'string');
  const refs = await loadRefs(deps, campaignIds);
  const errors: ItemError[] = [...(options.extraErrors ?? [])];
  const prepared: Prepared[] = [];
  const hookChecks: { index: number; def: SessionDefinition }[] = [];
  for (const [index, item] of items.entries()) {
    // A big batch (a 10,000-row sheet) is checked in chunks: other requests (/healthz) run between them.
    if (index > 0 && index % YIELD_EVERY === 0) await yieldToEventLoop();
    if (item !== null && typeof item === 'object' && 'recurrence' in item) {
      errors.push({ index, error: { code: 'validation_failed', message: `${describe(index)}: a recurring session is created on its own`, details: [{ path: `${label(index)}.recurrence`, message: 'not in bulk: POST the recurring session to /v1/sessions' }] } });
      continue;
    }
    const checked = checkSessionBody(item, refs, deps, label(index));
    if (checked.ok) hookChecks.push({ index, def: checked.definition });
    if (!checked.ok) {
      errors.push({ index, error: { code: checked.error.code, message: checked.error.message, ...(checked.error.details ? { details: checked.error.details } : {}) } });
      continue;
    }
    const id = createId('ses');
    const def = options.seriesId ? { ...checked.definition, seriesId: options.seriesId } : checked.definition;
    prepared.push({ index, id, def, jobs: planNew(deps, id, def) });
  }
  for (const [n, { index, def }] of hookChecks.entries()) {
    if (n > 0 && n % YIELD_EVERY === 0) await yieldToEventLoop();
    const hookError = await checkHookUrls(def, deps, label(index));
    if (hookError) errors.push({ index, error: { code: hookError.code, message: hookError.message, ...(hookError.details ? { details: hookError.details } : {}) } });
  }
  for (const [index, overlaps] of conflictsWithinBatch(prepared.map((p) => ({ index: p.index, def: p.def })))) {
    errors.push({ index, error: conflictError(`${describe(index)} overlaps ${describe(Number(overlaps[0]?.sessionId.slice(1)))} of this request on stage '${prepared.find((p) => p.index === index)?.def.stageId ?? ''}'`, overlaps.map((o) => ({ item: Number(o.sessionId.slice(1)), startsAt: new Date(o.startMs).toISOString(), endsAt: new Date(o.endMs).toISOString() }))) });
  }
  let candidates = prepared.filter((p) => !errors.some((e) => e.index === p.index));
  // Platform rates foreseen: items whose lives do not fit their quota day are refused (in item
  // order: the first that fit are kept), bursts on one account are warned about.
  const rates = await checkBatchRates(deps, candidates, label, describe);
  errors.push(...rates.refused);
  candidates = candidates.filter((p) => !rates.refused.some((e) => e.index === p.index));
  const warnings = rates.warnings;
  if (atomic && errors.length > 0) {
    // Nothing will be written: say now which of the other items conflict with existing bookings too.
    errors.push(...(await conflictsWithExisting(deps, candidates, describe)));
    throw batchError(errors, label);
  }

  // Write; in non-atomic mode drop the items the store refuses and try the rest again.
  let writes: SessionWrite[] | undefined;
  for (;;) {
    const at = deps.clock.nowIso();
    writes = candidates.map((p) => toWrite(p, at));
    const written = await deps.sessions.write(writes, options.seal?.(answerFor(candidates, errors, atomic, warnings)));
    if (written.ok) break;
    for (const e of written.errors) {
      const item = candidates[e.index];
      if (!item) continue;
      errors.push({
        index: item.index,
        error: e.code === 'stage_conflict'
          ? conflictError(`${describe(item.index)}: stage '${item.def.stageId ?? ''}' is already booked in that window`, (e.conflicts ?? []).map((c) => ({ sessionId: c.sessionId, startsAt: new Date(c.startMs).toISOString(), endsAt: new Date(c.endMs).toISOString() })))
          : { code: 'internal', message: e.code },
      });
    }
    if (atomic) throw batchError(errors, label);
    const refused = new Set(written.errors.map((e) => e.index));
    candidates = candidates.filter((_, i) => !refused.has(i));
  }
  await scheduleMany(deps, candidates, (writes ?? []).map(syncMarkOf));
  return answerFor(candidates, errors, atomic, warnings);
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
async function scheduleMany(deps: Pick<Deps, 'logger' | 'syncMarks' | 'scheduler'>, items: Prepared[], marks: SyncMark[]): Promise<void> {
  await scheduleAfterCommit(deps, marks, () => deps.scheduler.scheduleMany(items.map((p) => ({ sessionId: p.id, records: p.jobs }))));
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
