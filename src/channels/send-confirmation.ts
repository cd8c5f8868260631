import type { Deps } from '../deps';
import type { Subscription } from '../store/subscription-store';
import { renderConfirmMessage } from '../text';

/** What the person asked reminders for, in words: the session's title or the vendor's name. */
async function describe(deps: Deps, s: Subscription): Promise<string> {
  if (s.sessionId) return (await deps.sessions.get(s.sessionId))?.title ?? s.sessionId;
  const vendor = (await deps.campaigns.catalog(s.campaignId)).vendors.find((v) => v.id === s.vendorId);
  return vendor?.name ?? s.vendorId ?? s.campaignId;
}

/**
 * Sends the double opt-in message (email link, or the Zalo confirm template with the link). A
 * failure is logged, not answered: the answer must not tell whether this address is known.
 */
export async function notifyConfirmation(deps: Deps, s: Subscription, confirmToken: string): Promise<void> {
  const channel = s.channel === 'email' ? deps.channels.email : deps.channels.zalo;
  if (!channel) {
    deps.logger.warn('confirmation not sent: the channel is not configured', { component: 'subscriptions', channel: s.channel });
    return;
  }
  const url = `${deps.links.publicUrl}/v1/public/subscriptions/confirm?token=${encodeURIComponent(confirmToken)}`;
  const rendered = renderConfirmMessage(await describe(deps, s), url, s.locale);
  try {
    await channel.send(s.address, { subject: rendered.subject, text: rendered.text, html: rendered.html, zalo: { template: 'confirm', data: rendered.zaloData }, trackingId: s.id.slice(4) });
    deps.metrics.deliveries.inc({ channel: s.channel, outcome: 'sent' });
  } catch (err: unknown) {
    deps.metrics.deliveries.inc({ channel: s.channel, outcome: 'failed' });
    deps.logger.warn('confirmation not sent', { component: 'subscriptions', channel: s.channel, subscriptionId: s.id, error: err instanceof Error ? err.message : String(err) });
  }
}
