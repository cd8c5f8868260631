import { z } from 'zod';

/**
 * Every BullMQ job LiveCue makes, with its payload. Payloads carry ids only: workers read the
 * session at run time, so an edit made after scheduling is what runs, and a delayed job costs
 * ~0.35 KB of Redis instead of ~1.2 KB (performance-anchors.md §2e).
 */
export const actionPayload = z.object({ s: z.string().min(1) });
export type ActionPayload = z.infer<typeof actionPayload>;

/** One delivery of one event to one hook: `h` is `s<index>` (session hook) or `o<index>` (ops hook). */
export const webhookPayload = z.object({ e: z.string().min(1), s: z.string(), h: z.string().regex(/^[so]\d+$/) });
export type WebhookPayload = z.infer<typeof webhookPayload>;

/** One message to one person: `d` is the delivery id (src/store/delivery-store.ts). */
export const messagePayload = z.object({ s: z.string().min(1), d: z.string().regex(/^dlv_[0-9a-f]+$/) });
export type MessagePayload = z.infer<typeof messagePayload>;

export const JOB_NAMES = {
  deliverWebhook: 'deliver-webhook',
  deliverMessage: 'deliver-message',
  reconcile: 'reconcile',
  accountHealth: 'account-health',
  prune: 'prune',
  forgetSubscribers: 'forget-subscribers',
} as const;
