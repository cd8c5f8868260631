import type { Deps } from '../deps';
import { DomainError, notFound } from '../domain/errors';
import type { Session } from '../domain/session';
import { planCancel } from '../planning/merge-plan';
import { auditQuietly } from '../store/audit-store';
import { syncMarkOf } from '../store/session-store';
import { queuesAndIndex, readCommitted, scheduleAfterCommit } from './commit';
import { createdLives, definitionOf } from './new-session';

export type CancelSessionDeps = Pick<Deps, 'clock' | 'logger' | 'sessions' | 'syncMarks' | 'audit' | 'scheduler' | 'planCalls'>;

export interface CancelSessionRequest {
  id: string;
  /** Send the cancel notice to the session's channels and hooks. */
  notice: boolean;
  principal?: string | undefined;
}

/** Cancels a session: its pending jobs end, its lives go, its stage is freed (the store write is the commit). */
export async function cancelSession(deps: CancelSessionDeps, request: CancelSessionRequest): Promise<Session> {
  const { id, notice, principal } = request;
  const current = await deps.sessions.get(id);
  if (!current) throw notFound('session', id);
  if (current.status === 'cancelled') return current;
  if (current.status === 'ended') throw new DomainError('invalid_state', 'the session has ended: it can no longer be cancelled');
  const version = current.version + 1;
  const jobs = planCancel(current.jobs, {
    sessionId: id,
    version,
    nowMs: deps.clock.now(),
    startMs: Date.parse(current.startsAt),
    endMs: Date.parse(current.endsAt),
    notice,
    hasHooks: current.notify.length > 0,
    createdLives: createdLives(current),
    targets: current.targets,
  });
  const updatedAt = deps.clock.nowIso();
  const written = await deps.sessions.write([
    { id, create: false, expectedVersion: current.version, version, status: 'cancelled', definition: definitionOf(current), createdAt: current.createdAt, updatedAt, setJobs: jobs, delJobs: [], releaseStage: true },
  ]);
  if (!written.ok) throw new DomainError('version_mismatch', 'the session was changed meanwhile: try again');
  await scheduleAfterCommit(deps, [syncMarkOf({ id, updatedAt })], queuesAndIndex(deps, [{ records: jobs, targets: current.targets }], () => deps.scheduler.sync(id, jobs)));
  await auditQuietly(deps, principal, { action: 'session.cancel', target: id, details: { version, notice } });
  const committed: Session = { ...current, status: 'cancelled', version, jobs: [...jobs].sort((a, b) => a.runAt.localeCompare(b.runAt) || a.key.localeCompare(b.key)), updatedAt };
  return readCommitted(() => deps.sessions.get(id), committed);
}
