import { isChannelError } from '../channels/channel-error';
import type { Deps } from '../deps';
import type { WebhookEvent } from '../notify';
import { toHtml } from '../text/render-messages';

const MAIL_ATTEMPTS = 3;

/** The email of one `ops.alert` (English, like the alert messages; data as indented JSON for the on-call person). */
export function renderOpsAlertMail(event: WebhookEvent): { subject: string; text: string; html: string } {
  const { alert, subject, message, ...rest } = event.data as { alert?: unknown; subject?: unknown; message?: unknown };
  const lines = [
    `LiveCue ops alert: ${String(alert)} (${String(subject)})`,
    String(message),
    `When: ${event.occurredAt}${event.sessionId ? `, session ${event.sessionId}` : ''}`,
    `Event id: ${event.id}`,
    ...(Object.keys(rest).length > 0 ? ['', ...JSON.stringify(rest, null, 2).split('\n')] : []),
  ];
  return { subject: `[LiveCue] ${String(alert)}: ${String(subject)}`, text: lines.join('\n'), html: toHtml(lines) };
}

/**
 * Sends an `ops.alert` to every `LIVECUE_OPS_EMAILS` address, straight over SMTP (not through the
 * notify queue: the alert may be that no worker runs). Transient SMTP failures are tried again a
 * few times; a failure is logged once and does not stop the other addresses or the webhooks.
 */
export async function mailOpsAlert(deps: Pick<Deps, 'config' | 'channels' | 'logger'>, event: WebhookEvent, waitMs: (ms: number) => Promise<void>): Promise<void> {
  const to = deps.config.opsEmails;
  const email = deps.channels.email;
  if (to.length === 0) return;
  if (!email) {
    deps.logger.warn('ops alert not mailed', { component: 'watchdog', eventId: event.id, reason: 'LIVECUE_OPS_EMAILS is set but email is not: set SMTP_URL and MAIL_FROM' });
    return;
  }
  const message = { ...renderOpsAlertMail(event), trackingId: event.id };
  await Promise.all(to.map(async (address) => {
    for (let attempt = 1; attempt <= MAIL_ATTEMPTS; attempt += 1) {
      try {
        await email.send(address, message);
        return;
      } catch (err: unknown) {
        const retryable = isChannelError(err) && err.retryable && !err.inDoubt;
        if (!retryable || attempt === MAIL_ATTEMPTS) {
          deps.logger.warn('ops alert not mailed', { component: 'watchdog', eventId: event.id, error: err instanceof Error ? err.message : String(err) });
          return;
        }
        await waitMs(500 * 2 ** attempt);
      }
    }
  }));
}
