import type { Deps } from '../deps';
import type { JobRecord, Session, SessionDefinition } from '../domain/session';
import { targetKey } from '../domain/session';
import { toJobRecord } from '../planning/merge-plan';
import { planSession } from '../planning/plan-session';

/** Plan a new session's jobs: offsets already past are recorded as skipped. */
export function planNew(deps: Pick<Deps, 'clock'>, id: string, def: SessionDefinition): JobRecord[] {
  return planSession(def, deps.clock.now()).map((a) => toJobRecord(id, 1, a));
}

/** A freshly created session as the store holds it once written (jobs by due time, then key). */
export function newSession(id: string, def: SessionDefinition, jobs: JobRecord[], at: string): Session {
  const runtime = Object.fromEntries(def.targets.map((t) => [targetKey(t.platform, t.accountId), { liveId: null, ingestUrl: null, streamId: null, postIds: [] }]));
  const sorted = [...jobs].sort((a, b) => a.runAt.localeCompare(b.runAt) || a.key.localeCompare(b.key));
  return { ...def, id, version: 1, status: 'scheduled', runtime, jobs: sorted, createdAt: at, updatedAt: at };
}

/** The definition part of a stored session (what an update or cancel writes back). */
export function definitionOf(s: Session): SessionDefinition {
  const { id: _id, version: _v, status: _s, runtime: _r, jobs: _j, createdAt: _c, updatedAt: _u, ...definition } = s;
  return definition;
}

/** Targets whose live exists on the platform already (an update or cancel must update or delete it). */
export function createdLives(s: Session): Set<string> {
  return new Set(Object.entries(s.runtime).filter(([, r]) => r.liveId !== null).map(([k]) => k));
}
