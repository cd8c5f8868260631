import type { Queues } from '../scheduling/queues';
import { QUEUE_NAMES } from '../scheduling/queues';
import type { QueueName } from '../scheduling/queues';
import type { RedisClient } from '../store/redis';

/** A delayed job whose due time passed and no worker took it. */
export interface OverdueJob {
  queue: QueueName;
  jobId: string;
  dueMs: number;
}

/** BullMQ scores a delayed job `dueMs * 0x1000 + counter` (getDelayedScore.lua). */
const SCORE_FACTOR = 0x1000;

/**
 * Delayed jobs of every queue due before `dueBeforeMs` (i.e. overdue by more than the threshold):
 * a count per queue and the first few jobs. Reads the delayed sorted sets with the store client,
 * which fails fast while Redis is down instead of waiting like BullMQ's connection.
 */
export async function findOverdueDelayed(redis: RedisClient, queues: Queues, dueBeforeMs: number, sampleSize = 20): Promise<{ counts: Record<QueueName, number>; jobs: OverdueJob[] }> {
  const counts = {} as Record<QueueName, number>;
  const jobs: OverdueJob[] = [];
  const maxScore = `(${Math.floor(dueBeforeMs) * SCORE_FACTOR}`;
  for (const name of QUEUE_NAMES) {
    const key = queues[name].keys.delayed;
    if (!key) {
      counts[name] = 0;
      continue;
    }
    counts[name] = await redis.zcount(key, 0, maxScore);
    if (counts[name] === 0 || sampleSize === 0) continue;
    const sample = await redis.zrangebyscore(key, 0, maxScore, 'WITHSCORES', 'LIMIT', 0, sampleSize);
    for (let i = 0; i + 1 < sample.length; i += 2) {
      jobs.push({ queue: name, jobId: sample[i] ?? '', dueMs: Math.floor(Number(sample[i + 1]) / SCORE_FACTOR) });
    }
  }
  return { counts, jobs };
}
