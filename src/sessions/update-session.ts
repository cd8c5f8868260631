import type { UpdateSessionInput } from '../api/schemas/session-schema';
import type { Deps } from '../deps';
import { DomainError, notFound } from '../domain/errors';
import type { Session } from '../domain/session';
import { mergePlan } from '../planning/merge-plan';
import type { SessionInput } from '../planning/normalize-session';
import { planSession } from '../planning/plan-session';
import { auditQuietly } from '../store/audit-store';
import { syncMarkOf } from '../store/session-store';
import { queuesAndIndex, readCommitted, scheduleAfterCommit } from './commit';
import { createdLives } from './new-session';
import { checkHookUrls, checkSessionInput, loadRefs } from './session-input';
import { stageConflictError } from './stage-conflict';

export type UpdateSessionDeps = Pick<Deps, 'config' | 'clock' | 'logger' | 'sessions' | 'syncMarks' | 'accounts' | 'campaigns' | 'audit' | 'scheduler' | 'planCalls'>;

export interface UpdateSessionRequest {
  id: string;
  /** The checked PATCH body: the fields to change. */
  patch: UpdateSessionInput;
  /** `If-Match`: the version the change was made against, or null (no check). */
  expectedVersion: number | null;
  principal?: string | undefined;
}

/** A change to a session: checked by the create rules, re-planned, stored (the commit), then its jobs moved. */
export async function updateSession(deps: UpdateSessionDeps, request: UpdateSessionRequest): Promise<Session> {
  const { id, patch, expectedVersion, principal } = request;
  const current = await deps.sessions.get(id);
  if (!current) throw notFound('session', id);
  if (expectedVersion !== null && expectedVersion !== current.version) {
    throw new DomainError('version_mismatch', `the session is at version ${current.version}, not ${expectedVersion}: read it again and re-apply your change`, undefined, { currentVersion: current.version });
  }
  if (current.status === 'ended' || current.status === 'cancelled') {
    throw new DomainError('invalid_state', `the session is ${current.status}: it can no longer be changed`);
  }
  const merged = mergeInput(current, patch);
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
  const nowMs = deps.clock.now();
  const jobs = mergePlan(current.jobs, planSession(def, nowMs), {
    sessionId: id,
    version,
    nowMs,
    startMs: Date.parse(def.startsAt),
    endMs: Date.parse(def.endsAt),
    liveDetailsChanged,
    createdLives: createdLives(current),
    targets: def.targets,
  });
  const updatedAt = deps.clock.nowIso();
  const written = await deps.sessions.write([
    { id, create: false, expectedVersion: current.version, version, status: current.status, definition: def, createdAt: current.createdAt, updatedAt, setJobs: jobs, delJobs: [] },
  ]);
  if (!written.ok) {
    const err = written.errors[0];
    if (err?.code === 'stage_conflict' && err.conflicts) throw await stageConflictError(deps, def, err.conflicts, [], id);
    if (err?.code === 'version_mismatch') throw new DomainError('version_mismatch', 'the session was changed meanwhile: read it again and re-apply your change');
    throw notFound('session', id);
  }
  await scheduleAfterCommit(deps, [syncMarkOf({ id, updatedAt })], queuesAndIndex(deps, [{ records: jobs, targets: def.targets }], () => deps.scheduler.sync(id, jobs)));
  await auditQuietly(deps, principal, { action: 'session.update', target: id, details: { version, fields: Object.keys(patch) } });
  const committed: Session = { ...current, ...def, version, jobs: sortJobs(jobs), updatedAt };
  return readCommitted(() => deps.sessions.get(id), committed);
}

const sortJobs = (jobs: Session['jobs']): Session['jobs'] => [...jobs].sort((a, b) => a.runAt.localeCompare(b.runAt) || a.key.localeCompare(b.key));

/** The stored definition with the patch on top; a new start keeps the duration unless the patch says otherwise. */
function mergeInput(current: Session, patch: UpdateSessionInput): SessionInput {
  const merged: SessionInput = { ...toInput(current), ...(patch as Partial<SessionInput>) };
  if (patch.durationMinutes !== undefined) delete merged.endsAt;
  else if (patch.endsAt !== undefined) delete merged.durationMinutes;
  else if (patch.startsAt !== undefined) {
    merged.durationMinutes = Math.round((Date.parse(current.endsAt) - Date.parse(current.startsAt)) / 60_000);
    delete merged.endsAt;
  }
  return merged;
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
    guardOffsets: s.guardOffsets,
    notify: s.notify,
    locale: s.locale,
    text: s.text,
  };
}
