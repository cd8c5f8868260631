import type { Clock } from '../../shared/clock';
import { deliverWebhook, HookRefusedError, WebhookDeliveryError } from '../../notify';
import type { WebhookEvent, WebhookTarget } from '../../notify';
import type { Channel, SentMessage } from '../channel';
import { ChannelError } from '../channel-error';

export interface WebhookChannelOptions {
  clock: Clock;
  /** Whole-call deadline, ms (LIVECUE_WEBHOOK_TIMEOUT_MS, default 5000). */
  timeoutMs: number;
  /** LIVECUE_ALLOW_LINK_LOCAL_HOOKS. */
  allowLinkLocal: boolean;
}

/** What a hook answered: the event id (the same on every retry, api.md "Outgoing webhooks") and the HTTP status. */
export interface SentWebhook extends SentMessage {
  status: number;
}

export interface WebhookChannel extends Channel<WebhookTarget, WebhookEvent> {
  send(hook: WebhookTarget, event: WebhookEvent): Promise<SentWebhook>;
}

/**
 * Webhook failures as channel failures, with the same messages (they are stored as the job's
 * lastError): a refused URL or a non-retryable answer (other 4xx, redirects) will not pass —
 * `recipient`; timeouts, network errors, 5xx, 408 and 429 are `transient`. The original error is
 * the `cause` (its `detail` is for the log only).
 */
export function classifyWebhookError(err: unknown): ChannelError {
  if (err instanceof HookRefusedError) return new ChannelError('webhook', err.message, { kind: 'recipient', code: 'refused', cause: err });
  if (err instanceof WebhookDeliveryError) {
    return new ChannelError('webhook', err.message, {
      kind: err.retryable ? 'transient' : 'recipient',
      code: err.status === undefined ? err.kind : String(err.status),
      ...(err.retryAfterMs === undefined ? {} : { retryAfterMs: err.retryAfterMs }),
      cause: err,
    });
  }
  return new ChannelError('webhook', err instanceof Error ? err.message : String(err), { kind: 'transient', cause: err });
}

/** Signed webhooks (src/notify/deliver-webhook.ts) behind the channel interface: POST, HMAC signature, SSRF guard. */
export function createWebhookChannel(options: WebhookChannelOptions): WebhookChannel {
  return {
    name: 'webhook',
    async send(hook, event) {
      try {
        const res = await deliverWebhook(hook, event, { clock: options.clock, timeoutMs: options.timeoutMs, allowLinkLocal: options.allowLinkLocal });
        return { id: event.id, status: res.status };
      } catch (err: unknown) {
        throw classifyWebhookError(err);
      }
    },
  };
}
