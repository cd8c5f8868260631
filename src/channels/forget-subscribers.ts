import type { Deps } from '../deps';
import { subscribersExpireAtMs } from '../planning/subscriber-retention';
import type { Delivery } from '../store/delivery-store';
import { maskEmail, maskPhone } from './normalize-phone';

type ForgetDeps = Pick<Deps, 'campaigns' | 'subscriptions' | 'deliveries' | 'redis' | 'keys'>;

export interface ForgetReport {
  /** Campaigns whose subscribers were deleted now. */
  campaigns: string[];
  subscriptions: number;
  /** Delivery records whose full address was replaced by its masked form. */
  deliveries: number;
}

const masked = (d: Delivery): string => (d.channel === 'email' ? maskEmail(d.to) : maskPhone(d.to));

/**
 * A subscriber's address also sits in the delivery records of the messages sent to them: those keep
 * their state (the organizer's history) with the address masked. `subscriberIds` null: every
 * subscriber of the campaign.
 */
export async function forgetSubscriberDeliveries(deps: ForgetDeps, campaignId: string, subscriberIds: ReadonlySet<string> | null): Promise<number> {
  const sessionIds = await deps.redis.zrange(deps.keys.sessionsByCampaign(campaignId), 0, -1);
  let changed = 0;
  for (const sessionId of sessionIds) {
    const theirs = (await deps.deliveries.list(sessionId)).filter(
      (d) => d.role === 'subscriber' && d.subscriberId !== undefined && (subscriberIds === null || subscriberIds.has(d.subscriberId)) && masked(d) !== d.to,
    );
    if (theirs.length > 0) changed += await deps.deliveries.forgetAddresses(sessionId, new Map(theirs.map((d) => [d.id, masked(d)])));
  }
  return changed;
}

/**
 * Retention (api.md "Reminders that reach people"): 30 days after a campaign's last day its
 * subscribers' contacts are deleted (subscriptions, tokens, the addresses in delivery records).
 * `nowMs` comes from the caller's Clock; run daily by the maintenance queue.
 */
export async function forgetEndedCampaignSubscribers(deps: ForgetDeps, nowMs: number): Promise<ForgetReport> {
  const report: ForgetReport = { campaigns: [], subscriptions: 0, deliveries: 0 };
  for (const campaign of await deps.campaigns.list()) {
    if (subscribersExpireAtMs(campaign) > nowMs) continue;
    const removed = await deps.subscriptions.removeCampaign(campaign.id);
    const scrubbed = await forgetSubscriberDeliveries(deps, campaign.id, null);
    if (removed === 0 && scrubbed === 0) continue;
    report.campaigns.push(campaign.id);
    report.subscriptions += removed;
    report.deliveries += scrubbed;
  }
  return report;
}
