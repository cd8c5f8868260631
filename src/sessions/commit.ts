import type { Deps } from '../deps';

/**
 * The one commit rule of every session workflow: the store write is the commit. Once the store
 * holds the change, the answer is the committed result whatever happens to the queue write that
 * follows: a failure there (Redis gone between the two writes) leaves the session to reconcile,
 * which makes BullMQ equal to the store again. Answering 503 would tell the client nothing changed
 * and invite a duplicate or a second edit.
 */
export async function scheduleAfterCommit(deps: Pick<Deps, 'logger'>, what: string, queueWrite: () => Promise<void>): Promise<void> {
  try {
    await queueWrite();
  } catch (err) {
    deps.logger.warn('queue write failed after the store write: reconcile will bring the jobs in line', { component: 'sessions', target: what, error: err instanceof Error ? err.message : String(err) });
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
