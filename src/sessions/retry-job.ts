import type { Deps } from '../deps';
import { DomainError, notFound } from '../domain/errors';
import type { JobRecord, Session } from '../domain/session';
import { parseJobId } from '../planning/action-key';
import { auditQuietly } from '../store/audit-store';
import { queuesAndIndex, scheduleAfterCommit } from './commit';

export type RetryJobDeps = Pick<Deps, 'clock' | 'logger' | 'sessions' | 'syncMarks' | 'audit' | 'scheduler' | 'planCalls'>;

export interface RetriedJob {
  session: Session;
  /** The job as stored now: pending, due now. */
  record: JobRecord;
}

/** A failed (or stale-skipped) job runs again now: the store's reset is the commit, the queue follows. */
export async function retryJob(deps: RetryJobDeps, jobId: string, principal?: string): Promise<RetriedJob> {
  const parsed = parseJobId(jobId);
  const session = parsed ? await deps.sessions.get(parsed.sessionId) : null;
  const record = session?.jobs.find((j) => j.id === jobId);
  if (!session || !record || !parsed) throw notFound('job', jobId);
  if (record.state !== 'failed' && record.state !== 'skipped') {
    throw new DomainError('invalid_state', `job is ${record.state}: only failed or skipped jobs can be retried`);
  }
  if (session.status === 'cancelled' && record.kind !== 'delete-live' && record.kind !== 'cancel-notice') {
    throw new DomainError('invalid_state', 'the session is cancelled');
  }
  const nowMs = deps.clock.now();
  const runAt = new Date(nowMs).toISOString();
  const staleAt = new Date(Math.max(Date.parse(record.staleAt), nowMs + 15 * 60_000)).toISOString();
  const updated = await deps.sessions.updateJob(session.id, parsed.key, { op: 'reset', now: runAt, runAt, staleAt });
  if (!updated.ok) throw new DomainError('invalid_state', `job is ${updated.reason}`);
  await scheduleAfterCommit(deps, [{ sessionId: session.id, markMs: nowMs }], queuesAndIndex(deps, [{ records: [updated.record], targets: session.targets }], () => deps.scheduler.sync(session.id, [updated.record])));
  await auditQuietly(deps, principal, { action: 'job.retry', target: jobId, details: { sessionId: session.id, previousState: record.state } });
  return { session, record: updated.record };
}
