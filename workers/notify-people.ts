import { recipientsFor } from '../src/channels/recipients';
import type { SubscriberContact } from '../src/channels/recipients';
import type { Deps } from '../src/deps';
import type { Session } from '../src/domain/session';
import { emitMessages } from '../src/scheduling/emit-messages';
import type { CatalogVendor } from '../src/store/campaign-store';

/** The session's catalog vendors, when its campaign notifies vendors (default). */
async function vendorsOf(deps: Deps, session: Session): Promise<CatalogVendor[]> {
  if (!session.campaignId || session.vendorIds.length === 0) return [];
  const store = deps.campaigns;
  const campaign = await store.get(session.campaignId);
  if (!campaign || campaign.notifyVendors === false) return [];
  const catalog = await store.catalog(session.campaignId);
  return catalog.vendors.filter((v) => session.vendorIds.includes(v.id));
}

/** Confirmed subscribers of the session, or of one of its vendors. */
async function subscribersOf(deps: Deps, session: Session): Promise<SubscriberContact[]> {
  if (!session.campaignId) return [];
  const all = await deps.subscriptions.listOfCampaign(session.campaignId);
  return all
    .filter((s) => s.state === 'confirmed' && (s.sessionId === session.id || (s.vendorId !== null && session.vendorIds.includes(s.vendorId))))
    .map((s) => ({ id: s.id, locale: s.locale, ...(s.channel === 'email' ? { email: s.address } : { phone: s.address }) }));
}

/** Queues the messages of one event to the people around the session (host, notify, vendors, subscribers). */
export async function notifyPeople(deps: Deps, session: Session, event: string, eventKey: string, offset: string | null): Promise<number> {
  const toAll = event === 'session.reminder';
  const [vendors, subscribers] = toAll ? await Promise.all([vendorsOf(deps, session), subscribersOf(deps, session)]) : [[], []];
  const recipients = recipientsFor(event, { session, vendors, subscribers });
  if (recipients.length === 0) return 0;
  const queued = await emitMessages(
    { deliveries: deps.deliveries, notifyQueue: deps.queues.notify, maxAttempts: deps.config.maxAttempts },
    { sessionId: session.id, event, eventKey, offset, nowIso: deps.clock.nowIso() },
    recipients,
  );
  return queued.length;
}
