import type { Queue } from 'bullmq';
import type { Recipient } from '../channels/recipients';
import type { Delivery, DeliveryStore } from '../store/delivery-store';
import { createDeliveryId } from '../store/delivery-store';
import type { MessagePayload } from './job-catalog';
import { JOB_NAMES } from './job-catalog';

export interface EmitMessagesDeps {
  deliveries: DeliveryStore;
  notifyQueue: Queue;
  maxAttempts: number;
}

export interface MessageEvent {
  sessionId: string;
  event: string;
  /** What makes the event unique (the action's job id). */
  eventKey: string;
  offset: string | null;
  nowIso: string;
}

/** A delivery job's id: deterministic, no `:` (BullMQ). */
export function messageJobId(sessionId: string, deliveryId: string): string {
  return `${sessionId}__msg__${deliveryId}`;
}

/** Queues the delivery of one message to one recipient (the delivery is stored first). */
export async function queueDelivery(deps: EmitMessagesDeps, delivery: Delivery): Promise<void> {
  await deps.notifyQueue.add(JOB_NAMES.deliverMessage, { s: delivery.sessionId, d: delivery.id } satisfies MessagePayload, {
    jobId: messageJobId(delivery.sessionId, delivery.id),
    attempts: deps.maxAttempts,
  });
}

/**
 * One delivery per recipient of an event, stored (first write wins: a repeated emit keeps the
 * first) and then queued under a deterministic job id, so emitting twice sends once.
 */
export async function emitMessages(deps: EmitMessagesDeps, event: MessageEvent, recipients: Recipient[]): Promise<Delivery[]> {
  const deliveries = recipients.map((r): Delivery => ({
    id: createDeliveryId(event.eventKey, r.channel, r.to),
    sessionId: event.sessionId,
    event: event.event,
    eventKey: event.eventKey,
    offset: event.offset,
    channel: r.channel,
    to: r.to,
    role: r.role,
    locale: r.locale,
    ...(r.subscriberId ? { subscriberId: r.subscriberId } : {}),
    ...(r.fallbackEmail ? { fallbackEmail: r.fallbackEmail } : {}),
    state: 'pending',
    attempts: 0,
    lastError: null,
    sentAt: null,
    createdAt: event.nowIso,
  }));
  await deps.deliveries.addMany(deliveries);
  for (const d of deliveries) await queueDelivery(deps, d);
  return deliveries;
}
