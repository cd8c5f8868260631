import type { Deps } from '../../deps';
import { DomainError, notFound } from '../../domain/errors';
import type { JobRecord, Session, SessionDefinition } from '../../domain/session';
import { targetKey } from '../../domain/session';
import { planSession } from '../../planning/plan-session';
import { mergePlan, planCancel, toJobRecord } from '../../planning/merge-plan';
import type { SessionInput } from '../../planning/normalize-session';
import { createId } from '../../shared/ids';
import { cancelSessionSchema, updateSessionSchema } from '../schemas/session-schema';
import { parseOrThrow } from '../validate';
import { presentSession } from '../present';
import { checkHookUrls, checkSessionBody, checkSessionInput, loadRefs, targetAccountIds } from './session-input';
import { auditQuietly } from '../../store/audit-store';
import { stageConflictError } from './stage-conflict';
import { previewWarnings } from './preview-warnings';
import type { SealAnswer } from '../idempotency';

export interface HandlerResult {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

const withEtag = (session: Session, status: number): HandlerResult => ({
  status,
  body: presentSession(session),
  headers: { ETag: `"${session.version}"` },
});

const nowIso = (deps: Deps): string => new Date(deps.clock.now()).toISOString();

/** Plan a new session's jobs: offsets already past are recorded as skipped. */
export function planNew(deps: Deps, id: string, def: SessionDefinition): JobRecord[] {
  return planSession(def, deps.clock.now()).map((a) => toJobRecord(id, 1, a));
}

export async function createSession(deps: Deps, body: unknown, principal?: string, seal?: SealAnswer): Promise<HandlerResult> {
  const campaignId = (body as { campaignId?: unknown } | null)?.campaignId;
  const refs = await loadRefs(deps, typeof campaignId === 'string' ? [campaignId] : [], targetAccountIds(body));
  const checked = checkSessionBody(body, refs, deps);
  if (!checked.ok) throw checked.error;
  const def = checked.definition;
  const hookError = await checkHookUrls(def, deps);
  if (hookError) throw hookError;
  const id = createId('ses');
  const jobs = planNew(deps, id, def);
  const warnings = await previewWarnings(deps, def, jobs, undefined, refs.accountDetails);
  const at = nowIso(deps);
  // The answer is exactly what the write stores, known before it (and sealed with it).
  const created = withEtag(newSession(id, def, jobs, at), 201);
  // Additive to api.md's create response: the preview's warnings (what will not go as expected).
  const answer = { ...created, body: { ...(created.body as Record<string, unknown>), warnings } };
  const written = await deps.sessions.write([{ id, create: true, expectedVersion: null, version: 1, status: 'scheduled', definition: def, createdAt: at, updatedAt: at, setJobs: jobs, delJobs: [] }], seal?.(answer));
  if (!written.ok) {
    const conflict = written.errors.find((e) => e.code === 'stage_conflict');
    if (conflict?.conflicts) throw await stageConflictError(deps, def, conflict.conflicts);
    throw new Error(`session write refused: ${written.errors.map((e) => e.code).join(', ')}`);
  }
  // The queue write and the audit line go out together (one round trip).
  await Promise.all([
    scheduleOrLeaveToReconcile(deps, id, () => deps.scheduler.schedule(id, jobs)),
    auditQuietly(deps, principal, { action: 'session.create', target: id, details: { title: def.title, startsAt: def.startsAt } }),
  ]);
  return answer;
}

export async function getSession(deps: Deps, id: string): Promise<HandlerResult> {
  const session = await deps.sessions.get(id);
  if (!session) throw notFound('session', id);
  return withEtag(session, 200);
}

/**
 * Once the store holds the session, the answer is 201 whatever happens to the queue write: a
 * failure here (Redis gone between the two writes) is repaired by reconcile, which restores every
 * pending job. Answering 503 would tell the client nothing was made and invite a duplicate.
 */
export async function scheduleOrLeaveToReconcile(deps: Deps, what: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (err) {
    deps.logger.warn('queue write failed after the store write: reconcile will restore the jobs', { component: 'api', target: what, error: err instanceof Error ? err.message : String(err) });
  }
}

/** A freshly created session as the store now holds it. */
function newSession(id: string, def: SessionDefinition, jobs: JobRecord[], at: string): Session {
  const runtime = Object.fromEntries(def.targets.map((t) => [targetKey(t.platform, t.accountId), { liveId: null, ingestUrl: null, streamId: null, postIds: [] }]));
  const sorted = [...jobs].sort((a, b) => a.runAt.localeCompare(b.runAt) || a.key.localeCompare(b.key));
  return { ...def, id, version: 1, status: 'scheduled', runtime, jobs: sorted, createdAt: at, updatedAt: at };
}

/** `If-Match: 3` or `"3"` or `W/"3"` → 3. */
export function parseIfMatch(value: string | undefined): number | null {
  if (value === undefined) return null;
  const m = /^\s*(?:W\/)?"?(\d+)"?\s*$/.exec(value);
  if (!m) throw new DomainError('validation_failed', 'If-Match must be the session version, e.g. 3 or "3"', [{ path: 'If-Match', message: 'expected a version number' }]);
  return Number(m[1]);
}

/** The stored definition as create input, so an update can be checked by the same rules. */
function toInput(s: Session): SessionInput {
  return {
    title: s.title,
    description: s.description,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    timezone: s.timezone,
    campaignId: s.campaignId,
    stageId: s.stageId,
    host: s.host ?? null,
    vendor: s.vendor ?? null,
    products: s.products,
    vendorIds: s.vendorIds,
    productIds: s.productIds,
    imageUrls: s.imageUrls,
    targets: s.targets,
    announceOffsets: s.announceOffsets,
    reminderOffsets: s.reminderOffsets,
    notify: s.notify,
    locale: s.locale,
    text: s.text,
  };
}

function definitionOf(s: Session): SessionDefinition {
  const { id: _id, version: _v, status: _s, runtime: _r, jobs: _j, createdAt: _c, updatedAt: _u, ...definition } = s;
  return definition;
}

function createdLives(s: Session): Set<string> {
  return new Set(Object.entries(s.runtime).filter(([, r]) => r.liveId !== null).map(([k]) => k));
}

export async function updateSession(deps: Deps, id: string, body: unknown, ifMatch: string | undefined, principal?: string): Promise<HandlerResult> {
  const patch = parseOrThrow(updateSessionSchema, body);
  const expected = parseIfMatch(ifMatch);
  const current = await deps.sessions.get(id);
  if (!current) throw notFound('session', id);
  if (expected !== null && expected !== current.version) {
    throw new DomainError('version_mismatch', `the session is at version ${current.version}, not ${expected}: read it again and re-apply your change`, undefined, { currentVersion: current.version });
  }
  if (current.status === 'ended' || current.status === 'cancelled') {
    throw new DomainError('invalid_state', `the session is ${current.status}: it can no longer be changed`);
  }
  const merged: SessionInput = { ...toInput(current), ...(patch as Partial<SessionInput>) };
  if (patch.durationMinutes !== undefined) delete merged.endsAt;
  else if (patch.endsAt !== undefined) delete merged.durationMinutes;
  else if (patch.startsAt !== undefined) {
    merged.durationMinutes = Math.round((Date.parse(current.endsAt) - Date.parse(current.startsAt)) / 60_000);
    delete merged.endsAt;
  }
  const refs = await loadRefs(deps, merged.campaignId ? [merged.campaignId] : []);
  const checked = checkSessionInput(merged, refs, deps, '', patch.startsAt !== undefined || patch.endsAt !== undefined || patch.durationMinutes !== undefined);
  if (!checked.ok) throw checked.error;
  const def = checked.definition;
  const hookError = await checkHookUrls(def, deps);
  if (hookError) throw hookError;
  // A session edited on its own stays a member of its recurrence series.
  if (current.seriesId) def.seriesId = current.seriesId;
  const version = current.version + 1;
  const liveDetailsChanged = def.title !== current.title || def.description !== current.description || def.startsAt !== current.startsAt || def.endsAt !== current.endsAt;
  const jobs = mergePlan(current.jobs, planSession(def, deps.clock.now()), {
    sessionId: id,
    version,
    nowMs: deps.clock.now(),
    startMs: Date.parse(def.startsAt),
    endMs: Date.parse(def.endsAt),
    liveDetailsChanged,
    createdLives: createdLives(current),
    targets: def.targets,
  });
  const written = await deps.sessions.write([
    { id, create: false, expectedVersion: current.version, version, status: current.status, definition: def, createdAt: current.createdAt, updatedAt: nowIso(deps), setJobs: jobs, delJobs: [] },
  ]);
  if (!written.ok) {
    const err = written.errors[0];
    if (err?.code === 'stage_conflict' && err.conflicts) throw await stageConflictError(deps, def, err.conflicts, [], id);
    if (err?.code === 'version_mismatch') throw new DomainError('version_mismatch', 'the session was changed meanwhile: read it again and re-apply your change');
    throw notFound('session', id);
  }
  await deps.scheduler.sync(id, jobs);
  await auditQuietly(deps, principal, { action: 'session.update', target: id, details: { version, fields: Object.keys(patch) } });
  return withEtag((await deps.sessions.get(id)) ?? current, 200);
}

export async function cancelSession(deps: Deps, id: string, body: unknown, principal?: string): Promise<HandlerResult> {
  const { notice } = parseOrThrow(cancelSessionSchema, body ?? {});
  const current = await deps.sessions.get(id);
  if (!current) throw notFound('session', id);
  if (current.status === 'cancelled') return withEtag(current, 200);
  if (current.status === 'ended') throw new DomainError('invalid_state', 'the session has ended: it can no longer be cancelled');
  const version = current.version + 1;
  const jobs = planCancel(current.jobs, {
    sessionId: id,
    version,
    nowMs: deps.clock.now(),
    startMs: Date.parse(current.startsAt),
    endMs: Date.parse(current.endsAt),
    notice: notice ?? false,
    hasHooks: current.notify.length > 0,
    createdLives: createdLives(current),
    targets: current.targets,
  });
  const written = await deps.sessions.write([
    { id, create: false, expectedVersion: current.version, version, status: 'cancelled', definition: definitionOf(current), createdAt: current.createdAt, updatedAt: nowIso(deps), setJobs: jobs, delJobs: [], releaseStage: true },
  ]);
  if (!written.ok) throw new DomainError('version_mismatch', 'the session was changed meanwhile: try again');
  await deps.scheduler.sync(id, jobs);
  await auditQuietly(deps, principal, { action: 'session.cancel', target: id, details: { version, notice: notice ?? false } });
  return withEtag((await deps.sessions.get(id)) ?? current, 200);
}

export async function previewSession(deps: Deps, body: unknown): Promise<HandlerResult> {
  const campaignId = (body as { campaignId?: unknown } | null)?.campaignId;
  const refs = await loadRefs(deps, typeof campaignId === 'string' ? [campaignId] : [], targetAccountIds(body));
  const checked = checkSessionBody(body, refs, deps);
  if (!checked.ok) throw checked.error;
  const def = checked.definition;
  // Preview answers what create would: a hook create refuses is refused here too.
  const hookError = await checkHookUrls(def, deps);
  if (hookError) throw hookError;
  const id = 'ses_preview';
  const jobs = planNew(deps, id, def);
  const startMs = Date.parse(def.startsAt);
  const endMs = Date.parse(def.endsAt);
  const conflicts = def.stageId
    ? (await deps.sessions.stageBookings(def.stageId, startMs, endMs)).filter((b) => b.startMs < endMs && b.endMs > startMs)
    : [];
  const at = nowIso(deps);
  const session: Session = { ...def, id, version: 1, status: 'scheduled', runtime: Object.fromEntries(def.targets.map((t) => [targetKey(t.platform, t.accountId), { liveId: null, ingestUrl: null, postIds: [] }])), jobs, createdAt: at, updatedAt: at };
  return {
    status: 200,
    body: {
      session: presentSession(session),
      conflicts: conflicts.map((c) => ({ sessionId: c.sessionId, startsAt: new Date(c.startMs).toISOString(), endsAt: new Date(c.endMs).toISOString() })),
      warnings: await previewWarnings(deps, def, jobs, undefined, refs.accountDetails),
    },
  };
}
