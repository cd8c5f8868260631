import { UnrecoverableError } from 'bullmq';
import type { Job } from 'bullmq';
import type { Deps } from '../src/deps';
import { isChannelError } from '../src/channels/channel-error';
import { WebhookDeliveryError } from '../src/notify';
import { loadEvent } from '../src/scheduling/emit-event';
import { webhookPayload } from '../src/scheduling/job-catalog';
import { unsealStored } from '../src/store/crypto';

/** One delivery of one stored event to one hook (the webhook channel); retried by BullMQ with backoff, same event id. */
export async function processWebhookDelivery(job: Job, deps: Deps): Promise<Record<string, unknown>> {
  const { e, s, h } = webhookPayload.parse(job.data);
  const event = await loadEvent(deps, e);
  if (!event) return { skipped: 'event expired' };
  const index = Number(h.slice(1));
  let hook: { url: string; secret: string } | undefined;
  if (h.startsWith('o')) hook = deps.config.opsWebhooks[index];
  else {
    // Session hooks' secrets are sealed at rest (those stored before sealing read as they are).
    const stored = (await deps.sessions.get(s))?.notify[index];
    hook = stored?.type === 'webhook' ? { url: stored.url, secret: unsealStored(deps.cipher, stored.secret) } : undefined;
  }
  if (!hook) return { skipped: 'hook no longer configured' };
  try {
    const sent = await deps.channels.webhook.send(hook, event);
    return { status: sent.status, eventId: e };
  } catch (err) {
    if (!isChannelError(err)) throw err instanceof Error ? err : new Error(String(err));
    const cause: unknown = err.cause;
    if (cause instanceof WebhookDeliveryError && cause.detail !== undefined) deps.logger.info('webhook delivery failed', { component: 'notify', eventId: e, sessionId: s, error: err.message, detail: cause.detail });
    if (!err.retryable) {
      deps.logger.warn('webhook refused for good', { component: 'notify', eventId: e, sessionId: s, error: err.message });
      throw new UnrecoverableError(err.message);
    }
    throw err;
  }
}
