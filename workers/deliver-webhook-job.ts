import { UnrecoverableError } from 'bullmq';
import type { Job } from 'bullmq';
import type { Deps } from '../src/deps';
import { deliverWebhook, HookRefusedError, WebhookDeliveryError } from '../src/notify';
import { loadEvent } from '../src/scheduling/emit-event';
import { webhookPayload } from '../src/scheduling/job-catalog';
import { unsealStored } from '../src/store/crypto';

/** One delivery of one stored event to one hook; retried by BullMQ with backoff, same event id. */
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
    const res = await deliverWebhook(hook, event, { clock: deps.clock, timeoutMs: deps.config.webhookTimeoutMs, allowLinkLocal: deps.config.allowLinkLocalHooks });
    return { status: res.status, eventId: e };
  } catch (err) {
    if (err instanceof WebhookDeliveryError && err.detail !== undefined) deps.logger.info('webhook delivery failed', { component: 'notify', eventId: e, sessionId: s, error: err.message, detail: err.detail });
    if (err instanceof HookRefusedError || (err instanceof WebhookDeliveryError && !err.retryable)) {
      deps.logger.warn('webhook refused for good', { component: 'notify', eventId: e, sessionId: s, error: err.message });
      throw new UnrecoverableError(err.message);
    }
    throw err instanceof Error ? err : new Error(String(err));
  }
}
