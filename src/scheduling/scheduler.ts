import type { Job } from 'bullmq';
import type { JobRecord } from '../domain/session';
import type { Clock } from '../shared/clock';
import type { ActionPayload } from './job-catalog';
import { queueOf } from './queues';
import type { QueueName, Queues } from './queues';

/** Keeps BullMQ's delayed jobs equal to the plan (invariant 1: one job per pending action). */
export interface Scheduler {
  /** A new session: add a delayed job for every pending action (one addBulk per queue). */
  schedule(sessionId: string, records: readonly JobRecord[]): Promise<void>;
  /** After an update, cancel or retry: pending actions get a job due at their runAt; others lose theirs. */
  sync(sessionId: string, records: readonly JobRecord[]): Promise<void>;
}

export function createScheduler(queues: Queues, clock: Clock): Scheduler {
  const delayOf = (record: JobRecord): number => Math.max(0, Date.parse(record.runAt) - clock.now());
  const jobSpec = (sessionId: string, record: JobRecord) => ({
    name: record.kind,
    data: { s: sessionId } satisfies ActionPayload,
    opts: { jobId: record.id, delay: delayOf(record), timestamp: clock.now() },
  });

  const add = async (sessionId: string, records: readonly JobRecord[]): Promise<void> => {
    const byQueue = new Map<QueueName, JobRecord[]>();
    for (const r of records) {
      if (r.state !== 'pending') continue;
      const q = queueOf(r);
      byQueue.set(q, [...(byQueue.get(q) ?? []), r]);
    }
    await Promise.all([...byQueue].map(([q, rs]) => queues[q].addBulk(rs.map((r) => jobSpec(sessionId, r)))));
  };

  const syncOne = async (sessionId: string, record: JobRecord): Promise<void> => {
    const queue = queues[queueOf(record)];
    const job = (await queue.getJob(record.id)) as Job | undefined;
    if (record.state !== 'pending') {
      if (!job) return;
      const state = await job.getState();
      if (state === 'delayed' || state === 'waiting' || state === 'prioritized') await removeQuietly(job);
      return;
    }
    if (!job) {
      await add(sessionId, [record]);
      return;
    }
    const state = await job.getState();
    const dueMs = Date.parse(record.runAt);
    if (state === 'delayed') {
      if (Math.abs(job.timestamp + (job.opts.delay ?? 0) - dueMs) > 5) await job.changeDelay(delayOf(record));
    } else if (state === 'completed' || state === 'failed' || ((state === 'waiting' || state === 'prioritized') && dueMs > clock.now() + 1000)) {
      await removeQuietly(job);
      await add(sessionId, [record]);
    }
    // active: the running worker re-reads the record and follows it.
  };

  return {
    schedule: add,
    async sync(sessionId, records) {
      await Promise.all(records.map((r) => syncOne(sessionId, r)));
    },
  };
}

async function removeQuietly(job: Job): Promise<void> {
  try {
    await job.remove();
  } catch {
    // Locked by a worker right now: the worker re-reads the record and skips it.
  }
}
