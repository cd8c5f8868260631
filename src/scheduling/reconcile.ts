import type { JobRecord, Session } from '../domain/session';
import { parseJobId } from '../planning/action-key';
import type { SessionStore } from '../store/session-store';
import type { Clock } from '../shared/clock';
import { JOB_NAMES } from './job-catalog';
import { ACTION_QUEUES, queueOf } from './queues';
import type { Queues } from './queues';
import type { Scheduler } from './scheduler';

export interface ReconcileReport {
  sessionsChecked: number;
  restored: number;
  orphansRemoved: number;
  /** `running` actions whose job BullMQ gave up on (worker killed again and again) or lost. */
  rearmed: number;
}

const LOOKBACK_MS = 3 * 86_400_000;
const BATCH = 500;

/**
 * Makes BullMQ equal to the store again (invariant 1): restores the job of every pending action
 * that has none (lost between the store write and the queue write, or to a failover) and removes
 * delayed or waiting jobs whose action is no longer pending (orphans).
 */
export async function reconcile(deps: { store: SessionStore; queues: Queues; scheduler: Scheduler; clock: Clock }): Promise<ReconcileReport> {
  const { store, queues, scheduler, clock } = deps;
  const report: ReconcileReport = { sessionsChecked: 0, restored: 0, orphansRemoved: 0, rearmed: 0 };
  const pendingIds = new Set<string>();
  let fromMs = clock.now() - LOOKBACK_MS;
  let afterId: string | undefined;
  for (;;) {
    const page = await store.listIds({ fromMs, toMs: Infinity, limit: BATCH, ...(afterId ? { afterId } : {}) });
    if (page.length === 0) break;
    const sessions = (await store.getMany(page.map((p) => p.id))).filter((s): s is Session => s !== null);
    report.sessionsChecked += sessions.length;
    for (const s of sessions) {
      const pending = s.jobs.filter((j) => j.state === 'pending');
      for (const j of pending) pendingIds.add(j.id);
      const missing = await findMissing(queues, pending);
      if (missing.length > 0) {
        await scheduler.schedule(s.id, missing);
        report.restored += missing.length;
      }
      for (const j of await findAbandoned(queues, s.jobs.filter((r) => r.state === 'running'))) {
        // Its worker died holding it more often than BullMQ allows (it failed the job as stalled)
        // or the job is gone: run it again; the effects ledger makes the re-run safe.
        const back = await store.updateJob(s.id, j.key, { op: 'delay', now: new Date(clock.now()).toISOString(), lastError: 'its worker stopped while running it; run again' });
        if (!back.ok) continue;
        pendingIds.add(j.id);
        await scheduler.sync(s.id, [back.record]);
        report.rearmed += 1;
      }
    }
    const last = page[page.length - 1];
    if (!last || page.length < BATCH) break;
    fromMs = last.startMs;
    afterId = last.id;
  }
  for (const name of ACTION_QUEUES) {
    const queue = queues[name];
    const jobs = await queue.getJobs(['delayed', 'waiting', 'prioritized'], 0, -1);
    for (const job of jobs) {
      // Webhook deliveries belong to events, not to a session action.
      if (job.name === JOB_NAMES.deliverWebhook) continue;
      if (!job.id || pendingIds.has(job.id) || !parseJobId(job.id)) continue;
      // Not pending in the store (or its session is gone, or older than the look-back): an orphan.
      const parsed = parseJobId(job.id);
      const session = parsed ? await store.get(parsed.sessionId) : null;
      const record = session?.jobs.find((j) => j.id === job.id);
      if (record?.state === 'pending') continue;
      try {
        await job.remove();
        report.orphansRemoved += 1;
      } catch {
        // taken by a worker meanwhile
      }
    }
  }
  return report;
}

async function findAbandoned(queues: Queues, running: JobRecord[]): Promise<JobRecord[]> {
  const out: JobRecord[] = [];
  for (const record of running) {
    const job = await queues[queueOf(record)].getJob(record.id);
    if (!job || (await job.getState()) === 'failed') out.push(record);
  }
  return out;
}

async function findMissing(queues: Queues, pending: JobRecord[]): Promise<JobRecord[]> {
  const missing: JobRecord[] = [];
  for (const record of pending) {
    const job = await queues[queueOf(record)].getJob(record.id);
    if (!job) missing.push(record);
  }
  return missing;
}
