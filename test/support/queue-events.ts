import { QueueEvents } from 'bullmq';
import type { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { testRedisUrl } from './app';

/**
 * BullMQ's own completed/failed events of a queue, collected from now on. The worker writes the
 * session store inside the job and BullMQ writes the job's own fields (attemptsMade, state) after
 * it: a test that reads BullMQ after the session store says a job ended waits for these first.
 */
export interface WatchedQueueEvents {
  ended(jobId: string, event: 'completed' | 'failed'): boolean;
  close(): Promise<void>;
}

export async function watchQueueEvents(queue: Queue): Promise<WatchedQueueEvents> {
  // Its own connection: QueueEvents blocks on it.
  const connection = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
  const events = new QueueEvents(queue.name, { connection, ...(queue.opts.prefix ? { prefix: queue.opts.prefix } : {}) });
  const seen = { completed: new Set<string>(), failed: new Set<string>() };
  events.on('completed', ({ jobId }) => seen.completed.add(jobId));
  events.on('failed', ({ jobId }) => seen.failed.add(jobId));
  await events.waitUntilReady();
  return {
    ended: (jobId, event) => seen[event].has(jobId),
    async close() {
      await events.close();
      connection.disconnect();
    },
  };
}
