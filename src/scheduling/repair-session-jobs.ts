import type { Job } from 'bullmq';
import type { JobRecord, Session } from '../domain/session';
import { queueOf } from './queues';
import type { Queues } from './queues';
import type { Scheduler } from './scheduler';
import type { PlanCalls } from '../store/plan-calls';

/** What a repair changed in BullMQ. */
export interface RepairCounts {
  /** Pending actions that had no job: added. */
  restored: number;
  /** Pending actions whose job was due at another time than the plan's runAt: moved. */
  moved: number;
  /** Delayed or waiting jobs whose action is no longer pending: removed. */
  orphansRemoved: number;
}

/** Tolerance between a job's due time (timestamp + delay) and the record's runAt. */
const DUE_TOLERANCE_MS = 5;

/**
 * Makes one session's jobs in BullMQ equal to its records: a pending action gets a job due at its
 * runAt (added, or moved when its due time differs), an action no longer pending loses its delayed
 * or waiting job. Running actions are left to their worker. Counts land in `counts`.
 */
export async function repairSessionJobs(deps: { queues: Queues; scheduler: Scheduler; planCalls?: PlanCalls }, session: Session, counts: RepairCounts): Promise<void> {
  // The plan-call index of rate foresight follows the records too (it is written with the queues).
  await deps.planCalls?.sync([{ records: session.jobs, targets: session.targets }]);
  for (const record of session.jobs) {
    if (record.state === 'running') continue;
    const job = (await deps.queues[queueOf(record)].getJob(record.id)) as Job | undefined;
    if (record.state === 'pending') await repairPending(deps, session.id, record, job, counts);
    else if (job && isQueued(await job.getState())) {
      try {
        await job.remove();
        counts.orphansRemoved += 1;
      } catch {
        // taken by a worker meanwhile: it re-reads the record and skips it
      }
    }
  }
}

async function repairPending(deps: { scheduler: Scheduler }, sessionId: string, record: JobRecord, job: Job | undefined, counts: RepairCounts): Promise<void> {
  if (!job) {
    await deps.scheduler.schedule(sessionId, [record]);
    counts.restored += 1;
    return;
  }
  const dueMs = job.timestamp + (job.opts.delay ?? 0);
  if (Math.abs(dueMs - Date.parse(record.runAt)) > DUE_TOLERANCE_MS && (await job.getState()) === 'delayed') {
    // The scheduler moves the delayed job to the record's runAt (changeDelay).
    await deps.scheduler.sync(sessionId, [record]);
    counts.moved += 1;
  }
}

const isQueued = (state: string): boolean => state === 'delayed' || state === 'waiting' || state === 'prioritized';
