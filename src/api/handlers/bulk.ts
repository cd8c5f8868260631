import type { Deps } from '../../deps';
import { DomainError, validationError } from '../../domain/errors';
import type { ErrorDetail } from '../../domain/errors';
import type { JobRecord, SessionDefinition } from '../../domain/session';
import { createId } from '../../shared/ids';
import type { SessionWrite } from '../../store/session-store';
import { bulkSchema } from '../schemas/session-schema';
import { parseOrThrow } from '../validate';
import { checkSessionBody, loadRefs } from './session-input';
import type { HandlerResult } from './sessions';
import { planNew } from './sessions';
import { conflictsWithinBatch } from './stage-conflict';

interface ItemError {
  index: number;
  error: { code: string; message: string; details?: ErrorDetail[]; conflicts?: unknown[] };
}

interface Prepared {
  index: number;
  id: string;
  def: SessionDefinition;
  jobs: JobRecord[];
}

/**
 * Many sessions at once (bulk and CSV import). All are validated first; conflicts with what exists
 * and between items count. Atomic (default): all or nothing. Otherwise the valid ones are created.
 */
export async function bulkCreate(deps: Deps, body: unknown): Promise<HandlerResult> {
  const { sessions, atomic = true } = parseOrThrow(bulkSchema, body);
  return createMany(deps, sessions, atomic);
}

export async function createMany(deps: Deps, items: unknown[], atomic: boolean): Promise<HandlerResult> {
  const campaignIds = items.map((i) => (i as { campaignId?: unknown } | null)?.campaignId).filter((c): c is string => typeof c === 'string');
  const refs = await loadRefs(deps, campaignIds);
  const errors: ItemError[] = [];
  const prepared: Prepared[] = [];
  items.forEach((item, index) => {
    const checked = checkSessionBody(item, refs, deps, String(index));
    if (!checked.ok) {
      errors.push({ index, error: { code: checked.error.code, message: checked.error.message, ...(checked.error.details ? { details: checked.error.details } : {}) } });
      return;
    }
    const id = createId('ses');
    prepared.push({ index, id, def: checked.definition, jobs: planNew(deps, id, checked.definition) });
  });
  for (const [index, overlaps] of conflictsWithinBatch(prepared.map((p) => ({ index: p.index, def: p.def })))) {
    errors.push({ index, error: conflictError(`overlaps item ${overlaps[0]?.sessionId ?? ''} of this request on its stage`, overlaps.map((o) => ({ item: Number(o.sessionId.slice(1)), startsAt: new Date(o.startMs).toISOString(), endsAt: new Date(o.endMs).toISOString() }))) });
  }
  let candidates = prepared.filter((p) => !errors.some((e) => e.index === p.index));
  if (atomic && errors.length > 0) throw batchError(errors);

  // Write; in non-atomic mode drop the items the store refuses and try the rest again.
  for (;;) {
    const written = await deps.sessions.write(candidates.map((p) => toWrite(deps, p)));
    if (written.ok) break;
    for (const e of written.errors) {
      const item = candidates[e.index];
      if (!item) continue;
      errors.push({
        index: item.index,
        error: e.code === 'stage_conflict'
          ? conflictError(`stage '${item.def.stageId ?? ''}' is already booked in that window`, (e.conflicts ?? []).map((c) => ({ sessionId: c.sessionId, startsAt: new Date(c.startMs).toISOString(), endsAt: new Date(c.endMs).toISOString() })))
          : { code: 'internal', message: e.code },
      });
    }
    if (atomic) throw batchError(errors);
    const refused = new Set(written.errors.map((e) => e.index));
    candidates = candidates.filter((_, i) => !refused.has(i));
  }
  await scheduleMany(deps, candidates);
  errors.sort((a, b) => a.index - b.index);
  const created = candidates.sort((a, b) => a.index - b.index).map((p) => p.id);
  return atomic ? { status: 201, body: { created, errors: [] } } : { status: 200, body: { created, errors } };
}

function toWrite(deps: Deps, p: Prepared): SessionWrite {
  const at = new Date(deps.clock.now()).toISOString();
  return { id: p.id, create: true, expectedVersion: null, version: 1, status: 'scheduled', definition: p.def, createdAt: at, updatedAt: at, setJobs: p.jobs, delJobs: [] };
}

/** One addBulk per queue per chunk of sessions, instead of one per session. */
async function scheduleMany(deps: Deps, items: Prepared[]): Promise<void> {
  const CHUNK = 150;
  for (let i = 0; i < items.length; i += CHUNK) {
    await Promise.all(items.slice(i, i + CHUNK).map((p) => deps.scheduler.schedule(p.id, p.jobs)));
  }
}

function conflictError(message: string, conflicts: unknown[]): ItemError['error'] {
  return { code: 'stage_conflict', message, conflicts };
}

function batchError(errors: ItemError[]): DomainError {
  errors.sort((a, b) => a.index - b.index);
  const onlyConflicts = errors.every((e) => e.error.code === 'stage_conflict');
  const details: ErrorDetail[] = errors.flatMap((e) =>
    e.error.details && e.error.details.length > 0 ? e.error.details : [{ path: String(e.index), message: e.error.message }],
  );
  if (onlyConflicts) {
    return new DomainError('stage_conflict', `${errors.length} item(s) conflict with bookings on their stage; nothing was created`, details, {
      conflicts: errors.map((e) => ({ index: e.index, conflicts: e.error.conflicts ?? [] })),
      suggestions: [],
    });
  }
  const err = validationError(details, `${errors.length} item(s) are invalid; nothing was created (first: ${details[0]?.path ?? ''}: ${details[0]?.message ?? ''})`);
  return new DomainError(err.code, err.message, err.details, { errors });
}
