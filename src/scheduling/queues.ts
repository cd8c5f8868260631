import { Queue } from 'bullmq';
import type { ConnectionOptions, JobsOptions } from 'bullmq';
import type { JobRecord } from '../domain/session';
import type { Platform } from '../domain/platform';

/** One queue per platform (its limits and outages stay its own), one for notifications and one for upkeep. */
export const QUEUE_NAMES = ['facebook', 'tiktok', 'youtube', 'notify', 'maintenance'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];
export const ACTION_QUEUES = ['facebook', 'tiktok', 'youtube', 'notify'] as const satisfies readonly QueueName[];

/** BullMQ key prefix of a queue: its own hash tag, so each queue can live on its own Cluster shard. */
export function bullPrefix(redisPrefix: string, queue: QueueName): string {
  return `{${redisPrefix}-${queue}}`;
}

/** Platform jobs run on their platform's queue; session-level jobs and reminders on `notify`. */
export function queueOf(record: Pick<JobRecord, 'platform'>): QueueName {
  const platform: Platform | null = record.platform;
  return platform ?? 'notify';
}

export type Queues = Record<QueueName, Queue>;

export interface QueueSettings {
  redisPrefix: string;
  maxAttempts: number;
}

/** Retention keeps Redis memory flat: a week of completed jobs (at most 20k per queue), a month of failed ones. */
export function defaultJobOptions(settings: QueueSettings): JobsOptions {
  return {
    attempts: settings.maxAttempts,
    backoff: { type: 'livecue' },
    removeOnComplete: { age: 7 * 86_400, count: 20_000 },
    removeOnFail: { age: 30 * 86_400, count: 50_000 },
  };
}

/**
 * Entries kept in each queue's BullMQ event stream. The stream only feeds QueueEvents listeners,
 * which LiveCue does not use (the session store and the audit log are its record), so the five
 * queues share the 10,000 entries one queue keeps by default instead of holding 10,000 each —
 * at 20,000 sessions that was about 1 KB per session.
 */
export const EVENTS_PER_QUEUE = Math.ceil(10_000 / QUEUE_NAMES.length);

export function createQueues(connection: ConnectionOptions, settings: QueueSettings): Queues {
  const make = (name: QueueName): Queue =>
    new Queue(name, {
      connection,
      prefix: bullPrefix(settings.redisPrefix, name),
      defaultJobOptions: defaultJobOptions(settings),
      streams: { events: { maxLen: EVENTS_PER_QUEUE } },
    });
  return {
    facebook: make('facebook'),
    tiktok: make('tiktok'),
    youtube: make('youtube'),
    notify: make('notify'),
    maintenance: make('maintenance'),
  };
}

export async function closeQueues(queues: Queues): Promise<void> {
  await Promise.all(Object.values(queues).map((q) => q.close()));
}
