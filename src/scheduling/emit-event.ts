import type { Queue } from 'bullmq';
import type { WebhookEvent } from '../notify';
import { maskStreamKeys } from '../shared/mask-stream-keys';
import type { Keys } from '../store/keys';
import type { RedisClient } from '../store/redis';
import type { WebhookPayload } from './job-catalog';
import { JOB_NAMES } from './job-catalog';

const KEEP_EVENTS_S = 7 * 86_400;

/**
 * The event as it is stored and sent: only the host's go-live cue (`session.cue`) carries stream
 * keys; in every other event an ingest URL is masked (`ingestUrlMasked: true` beside it).
 */
export function withStreamKeysMasked(event: WebhookEvent): WebhookEvent {
  if (event.type === 'session.cue') return event;
  return { ...event, data: maskStreamKeys(event.data) as Record<string, unknown> };
}

/**
 * Queues one delivery job per hook for an event. The event is stored once (first write wins, so a
 * retried emit keeps the first body) and delivery jobs have deterministic ids: emitting the same
 * event twice delivers it once per hook; a failed delivery is retried with the same event id.
 * Stream keys are masked in every event but the cue (`withStreamKeysMasked`).
 */
export async function emitEvent(
  deps: { redis: RedisClient; keys: Keys; notifyQueue: Queue; retryBaseMs: number },
  event: WebhookEvent,
  hookRefs: string[],
): Promise<void> {
  if (hookRefs.length === 0) return;
  await deps.redis.set(deps.keys.event(event.id), JSON.stringify(withStreamKeysMasked(event)), 'EX', KEEP_EVENTS_S, 'NX');
  await deps.notifyQueue.addBulk(
    hookRefs.map((h) => ({
      name: JOB_NAMES.deliverWebhook,
      data: { e: event.id, s: event.sessionId, h } satisfies WebhookPayload,
      opts: { jobId: `${event.id}__${h}`, attempts: 10, backoff: { type: 'exponential', delay: deps.retryBaseMs } },
    })),
  );
}

export async function loadEvent(deps: { redis: RedisClient; keys: Keys }, id: string): Promise<WebhookEvent | null> {
  const raw = await deps.redis.get(deps.keys.event(id));
  return raw ? (JSON.parse(raw) as WebhookEvent) : null;
}
