import type { Deps } from '../deps';
import { isChannelError } from '../channels/channel-error';
import { createEvent } from '../notify';
import { mailOpsAlert } from './mail-ops-alert';
import type { WebhookEvent } from '../notify';

/** What the watchdog alerts about (`data.alert` of an `ops.alert` event). */
export type AlertKind = 'job_overdue' | 'no_worker' | 'redis_eviction' | 'account_problem' | 'no_signal' | 'live_recreated';

export interface OpsAlert {
  alert: AlertKind;
  /** What the alert is about (queue, account id, `redis`…): one alert per kind and subject per repeat time. */
  subject: string;
  message: string;
  sessionId?: string;
  data?: Record<string, unknown>;
}

const DELIVERY_ATTEMPTS = 3;
const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const alertKey = (deps: Pick<Deps, 'keys'>, alert: AlertKind, subject: string): string => `${deps.keys.base}:alert:${alert}:${subject}`;

/** The problem is gone: the next occurrence alerts at once. */
export async function clearOpsAlert(deps: Pick<Deps, 'keys' | 'redis'>, alert: AlertKind, subject: string): Promise<void> {
  await deps.redis.del(alertKey(deps, alert, subject));
}

/**
 * Raises an alert: a log line, `livecue_alerts_total`, and an `ops.alert` event delivered straight
 * to every ops hook and emailed to every `LIVECUE_OPS_EMAILS` address (not through the notify queue: the alert may be that no worker runs). The same
 * kind and subject alert once per `LIVECUE_ALERT_REPEAT_MS` across all processes (Redis SET NX).
 * Returns the event, or null when this alert was already sent.
 */
export async function sendOpsAlert(deps: Deps, alert: OpsAlert): Promise<WebhookEvent | null> {
  const { repeatMs } = deps.config.watchdog;
  const fresh = await deps.redis.set(alertKey(deps, alert.alert, alert.subject), '1', 'PX', repeatMs, 'NX');
  if (fresh !== 'OK') return null;
  const nowMs = deps.clock.now();
  deps.metrics.alerts.inc({ alert: alert.alert });
  deps.logger.warn('ops alert', { component: 'watchdog', alert: alert.alert, subject: alert.subject, reason: alert.message });
  const event = createEvent({
    type: 'ops.alert',
    sessionId: alert.sessionId ?? '',
    occurredAt: new Date(nowMs).toISOString(),
    stableKey: `ops.alert__${alert.alert}__${alert.subject}__${Math.floor(nowMs / repeatMs)}`,
    data: { alert: alert.alert, subject: alert.subject, message: alert.message, ...alert.data },
  });
  await Promise.all([...deps.config.opsWebhooks.map((hook) => deliverWithRetries(deps, hook, event)), mailOpsAlert(deps, event, wait)]);
  return event;
}

async function deliverWithRetries(deps: Deps, hook: { url: string; secret: string }, event: WebhookEvent): Promise<void> {
  for (let attempt = 1; attempt <= DELIVERY_ATTEMPTS; attempt += 1) {
    try {
      await deps.channels.webhook.send(hook, event);
      return;
    } catch (err) {
      const retryable = isChannelError(err) && err.retryable;
      if (!retryable || attempt === DELIVERY_ATTEMPTS) {
        deps.logger.warn('ops alert not delivered', { component: 'watchdog', eventId: event.id, error: err instanceof Error ? err.message : String(err) });
        return;
      }
      await wait(500 * 2 ** attempt);
    }
  }
}
