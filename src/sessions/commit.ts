import type { Deps } from '../deps';
import type { PlanCallsEntry } from '../store/plan-calls';
import type { SyncMark } from '../store/sync-marks';

/**
 * A commit's queue write with the plan-call index beside it (rate foresight reads the index):
 * both owed after the store write, both repaired by reconcile when they fail.
 */
export function queuesAndIndex(deps: Pick<Deps, 'planCalls'>, entries: readonly PlanCallsEntry[], queueWrite: () => Promise<void>): () => Promise<void> {
  return async () => {
    await Promise.all([queueWrite(), deps.planCalls.sync(entries)]);
  };
}

/**
 * The one commit rule of every session workflow: the store write is the commit, and it marks the
 * sessions "to sync" in the same atomic step. The queue write follows; once it succeeded the marks
 * are cleared. When it fails (Redis gone between the two writes), the answer is still the
 * committed result and the marks stay: reconcile drains them on its next run and makes BullMQ equal
 * to the store. Answering 503 would tell the client nothing changed and invite a duplicate.
 */
export async function scheduleAfterCommit(deps: Pick<Deps, 'logger' | 'syncMarks'>, marks: readonly SyncMark[], queueWrite: () => Promise<void>): Promise<void> {
  const what = marks.length === 1 ? (marks[0]?.sessionId ?? '') : `${marks.length} sessions`;
  try {
    await queueWrite();
  } catch (err) {
    deps.logger.warn('queue write failed after the store write: reconcile will bring the jobs in line', { component: 'sessions', target: what, error: err instanceof Error ? err.message : String(err) });
    return;
  }
  try {
    await deps.syncMarks.clear(marks);
  } catch (err) {
    // The queue is right; reconcile finds nothing to change and clears the marks itself.
    deps.logger.warn('could not clear the to-sync marks after the queue write', { component: 'sessions', target: what, error: err instanceof Error ? err.message : String(err) });
  }
}

/**
 * The committed session as the store holds it now, read back after the queue write; when that read
 * fails, `committed` (what the write stored) is the answer: the change happened either way.
 */
export async function readCommitted<T>(read: () => Promise<T | null>, committed: T): Promise<T> {
  try {
    return (await read()) ?? committed;
  } catch {
    return committed;
  }
}
