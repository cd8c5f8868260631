import type { Job } from 'bullmq';
import type { JobRecord } from '../domain/session';
import { createSystemClock } from '../shared/clock';
import type { Clock } from '../shared/clock';
import { createWorkSlices } from '../shared/work-slices';
import type { ActionPayload } from './job-catalog';
import { queueOf } from './queues';
import type { QueueName, Queues } from './queues';

/** Keeps BullMQ's delayed jobs equal to the plan (invariant 1: one job per pending action). */
export interface Scheduler {
  /** A new session: add a delayed job for every pending action (one addBulk per queue). */
  schedule(sessionId: string, records: readonly JobRecord[]): Promise<void>;
  /** Many new sessions (bulk, CSV import): all their jobs, grouped per queue, in addBulk calls of 100 jobs, two in flight. */
  scheduleMany(sessions: readonly { sessionId: string; records: readonly JobRecord[] }[]): Promise<void>;
  /** After an update, cancel or retry: pending actions get a job due at their runAt; others lose theirs. */
  sync(sessionId: string, records: readonly JobRecord[]): Promise<void>;
}

/**
 * `clock` stamps the jobs: pass a RedisClock (src/shared/redis-clock.ts) so every producer stamps
 * from Redis TIME. A job's due instant is `timestamp + delay`, both taken from one reading of `clock`,
 * so it equals the record's runAt whatever the producer's clock says.
 */
/**
 * Jobs per addBulk (one MULTI). BullMQ builds the MULTI in one synchronous call (~50 µs a job, so
 * 1,000 held the event loop 50–250 ms on the shared 2-core machine during a 10,000-row import);
 * 100 keeps one build to a few milliseconds. 1,000 was raw BullMQ's sweet spot on the anchors'
 * machine: throughput for bulk paths is worth re-measuring with `npm run bench -- --only import`.
 */
const BULK_CHUNK = 100;
/** addBulk calls in flight at once in `scheduleMany`. */
const BULK_LANES = 2;

export function createScheduler(queues: Queues, clock: Clock): Scheduler {
  const local = createSystemClock();
  const delayOf = (record: JobRecord, now: number): number => Math.max(0, Date.parse(record.runAt) - now);
  const jobSpec = (sessionId: string, record: JobRecord, now: number) => ({
    name: record.kind,
    data: { s: sessionId } satisfies ActionPayload,
    opts: { jobId: record.id, delay: delayOf(record, now), timestamp: now },
  });

  const add = async (sessionId: string, records: readonly JobRecord[]): Promise<void> => {
    const byQueue = new Map<QueueName, JobRecord[]>();
    for (const r of records) {
      if (r.state !== 'pending') continue;
      const q = queueOf(r);
      byQueue.set(q, [...(byQueue.get(q) ?? []), r]);
    }
    const now = clock.now();
    await Promise.all([...byQueue].map(([q, rs]) => queues[q].addBulk(rs.map((r) => jobSpec(sessionId, r, now)))));
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
      // changeDelay adds the delay to BullMQ's own Date.now(): measure it from the local clock.
      if (Math.abs(job.timestamp + (job.opts.delay ?? 0) - dueMs) > 5) await job.changeDelay(delayOf(record, local.now()));
    } else if (state === 'completed' || state === 'failed' || ((state === 'waiting' || state === 'prioritized') && dueMs > clock.now() + 1000)) {
      await removeQuietly(job);
      await add(sessionId, [record]);
    }
    // active: the running worker re-reads the record and follows it.
  };

  const addMany = async (sessions: readonly { sessionId: string; records: readonly JobRecord[] }[]): Promise<void> => {
    const now = clock.now();
    const byQueue = new Map<QueueName, ReturnType<typeof jobSpec>[]>();
    // A 10,000-session import has ~90,000 jobs: their specs are built in slices (other requests run between them).
    const slices = createWorkSlices();
    for (const { sessionId, records } of sessions) {
      await slices.turn();
      for (const r of records) {
        if (r.state !== 'pending') continue;
        const q = queueOf(r);
        let list = byQueue.get(q);
        if (!list) byQueue.set(q, (list = []));
        list.push(jobSpec(sessionId, r, now));
      }
    }
    // Chunks of BULK_CHUNK over all queues, two in flight (one is built while Redis runs the other),
    // never every queue's first chunk built in one go.
    const chunks = [...byQueue].flatMap(([q, specs]) => Array.from({ length: Math.ceil(specs.length / BULK_CHUNK) }, (_, n) => ({ q, specs: specs.slice(n * BULK_CHUNK, (n + 1) * BULK_CHUNK) })));
    let next = 0;
    const lane = async (): Promise<void> => {
      for (let chunk = chunks[next++]; chunk; chunk = chunks[next++]) {
        await slices.turn();
        await queues[chunk.q].addBulk(chunk.specs);
      }
    };
    await Promise.all(Array.from({ length: BULK_LANES }, lane));
  };

  return {
    schedule: add,
    scheduleMany: addMany,
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
