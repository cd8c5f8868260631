import { createHash } from 'node:crypto';

/** Event types sent to `notify` hooks (api.md "Outgoing webhooks"). */
export const WEBHOOK_EVENT_TYPES = [
  'session.reminder',
  'session.cue',
  /** The on-air guard found a live without signal (api.md "On-air guard"). */
  'session.guard',
  'session.live',
  'session.ended',
  'session.cancelled',
  'job.failed',
  /** To the ops hooks only (LIVECUE_OPS_WEBHOOKS): watchdog alerts and account problems. */
  'ops.alert',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/**
 * The JSON body of one webhook call. `id` is derived from a stable key, so every retry of the same
 * effect carries the same id and receivers can drop duplicates. `occurredAt` is a UTC ISO instant.
 */
export interface WebhookEvent {
  id: string;
  type: WebhookEventType;
  sessionId: string;
  occurredAt: string;
  data: Record<string, unknown>;
}

export interface CreateEventInput {
  type: WebhookEventType;
  sessionId: string;
  data: Record<string, unknown>;
  /** UTC ISO instant of the fact reported (not of the delivery attempt). */
  occurredAt: string;
  /** What makes this event unique, e.g. the job id `ses_x__reminder__PT1H`. */
  stableKey: string;
}

/** `evt_` + the first 24 hex chars of sha256(stableKey). */
export function createEventId(stableKey: string): string {
  return `evt_${createHash('sha256').update(stableKey, 'utf8').digest('hex').slice(0, 24)}`;
}

/** Builds an event whose id depends only on `stableKey`. */
export function createEvent(input: CreateEventInput): WebhookEvent {
  return {
    id: createEventId(input.stableKey),
    type: input.type,
    sessionId: input.sessionId,
    occurredAt: input.occurredAt,
    data: input.data,
  };
}
