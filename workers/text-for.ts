import type { Deps } from '../src/deps';
import type { Session } from '../src/domain/session';
import { localDate } from '../src/planning/time';
import type { Campaign, Catalog, CatalogVendor } from '../src/store/campaign-store';
import { createTextInput } from '../src/text';
import type { TextInput, TextProduct } from '../src/text';

/** What a session's campaign adds to its text: its promotions and its catalog. */
export interface CampaignFacts {
  campaign: Pick<Campaign, 'timezone' | 'promotions'>;
  catalog: Catalog;
}

/**
 * Text input for a session; the watch link is the YouTube broadcast's when one exists. With the
 * campaign's facts, the products it names by id (or, for a vendor named without products, that
 * vendor's products) join its own with their VND prices, the catalog vendor (stall, market) stands
 * in when the session names none, and the promotions running on its day (in the campaign's zone)
 * are named.
 */
export function textInputFor(session: Session, facts?: CampaignFacts | null): TextInput {
  const youtube = Object.entries(session.runtime).find(([target, r]) => target.startsWith('youtube:') && r.liveId !== null);
  const liveId = youtube?.[1].liveId;
  const link = liveId ? { link: `https://www.youtube.com/watch?v=${liveId}` } : {};
  if (!facts) return createTextInput(session, link);
  const input = createTextInput(session, { ...link, promotions: promotionsOn(session, facts.campaign) });
  input.products = [...input.products, ...catalogProducts(session, facts.catalog, input.products)];
  if (!input.vendor) {
    const vendor = catalogVendor(session, facts.catalog);
    if (vendor) input.vendor = vendor;
  }
  return input;
}

/** `textInputFor` with the session's campaign loaded from the store (none: the session alone). */
export async function loadTextInput(deps: Pick<Deps, 'campaigns'>, session: Session): Promise<TextInput> {
  if (!session.campaignId) return textInputFor(session);
  const store = deps.campaigns;
  const [campaign, catalog] = await Promise.all([store.get(session.campaignId), store.catalog(session.campaignId)]);
  return textInputFor(session, campaign ? { campaign, catalog } : null);
}

function promotionsOn(session: Session, campaign: CampaignFacts['campaign']): string[] {
  const day = localDate(Date.parse(session.startsAt), campaign.timezone);
  return campaign.promotions.filter((p) => p.startsOn <= day && day <= p.endsOn).map((p) => p.name);
}

function catalogProducts(session: Session, catalog: Catalog, already: readonly TextProduct[]): TextProduct[] {
  const named = new Set(session.productIds);
  const namedVendors = new Set(catalog.products.filter((p) => named.has(p.id)).map((p) => p.vendorId));
  const wanted = catalog.products.filter((p) => named.has(p.id) || (session.vendorIds.includes(p.vendorId) && !namedVendors.has(p.vendorId)));
  const seen = new Set(already.map((p) => p.name));
  return wanted
    .filter((p) => !seen.has(p.name))
    .map((p) => (p.price !== undefined && (p.unit === undefined || p.unit === 'VND') ? { name: p.name, price: p.price } : { name: p.name }));
}

function catalogVendor(session: Session, catalog: Catalog): TextInput['vendor'] | null {
  const vendorIds = session.vendorIds.length > 0 ? session.vendorIds : [...new Set(catalog.products.filter((p) => session.productIds.includes(p.id)).map((p) => p.vendorId))];
  const vendors = vendorIds.map((id) => catalog.vendors.find((v) => v.id === id)).filter((v): v is CatalogVendor => v !== undefined);
  const [first] = vendors;
  if (!first) return null;
  if (vendors.length === 1) return { name: first.name, ...(first.stall ? { stall: first.stall } : {}), ...(first.market ? { market: first.market } : {}) };
  const markets = new Set(vendors.map((v) => v.market));
  const market = markets.size === 1 ? first.market : undefined;
  return { name: vendors.map((v) => v.name).join(', '), ...(market ? { market } : {}) };
}
