import type { Catalog, Session } from '../../api/types';
import type { Platform } from '../../../domain/platform';
import { capabilitiesOf } from '../../../platforms/capabilities';
import { renderAnnounce, renderLiveDescription } from '../../../text/render';
import type { TextInput, TextLocale } from '../../../text/text-input';

export interface PostText {
  platform: Platform;
  kind: 'announce' | 'live';
  text: string;
}

/** The text input of a previewed session, with the catalog's products and vendor it names (as the workers do). */
function textInputOf(session: Session & { products?: { name: string; price?: number }[] }, catalog: Catalog | undefined, locale: TextLocale): TextInput {
  const chosen = catalog?.products.filter((p) => session.productIds?.includes(p.id)) ?? [];
  const vendor = catalog?.vendors.find((v) => session.vendorIds?.includes(v.id));
  return {
    title: session.title,
    startsAt: session.startsAt,
    endsAt: session.endsAt,
    timezone: session.timezone,
    locale,
    products: [...(session.products ?? []), ...chosen.map((p) => (p.price === undefined ? { name: p.name } : { name: p.name, price: p.price }))],
    ...(vendor ? { vendor: { name: vendor.name, ...(vendor.stall ? { stall: vendor.stall } : {}), ...(vendor.market ? { market: vendor.market } : {}) } } : {}),
    ...(session.host ? { host: session.host } : {}),
    promotions: [],
  };
}

/** Each target platform's generated text: the promo post (Facebook, TikTok) or the live's description (YouTube). */
export function postTexts(session: Session, catalog: Catalog | undefined, locale: TextLocale): PostText[] {
  const input = textInputOf(session, catalog, locale);
  const platforms = [...new Set(session.targets.map((t) => t.platform))];
  return platforms.map((platform) =>
    capabilitiesOf(platform).canPost ? { platform, kind: 'announce', text: renderAnnounce(input) } : { platform, kind: 'live', text: renderLiveDescription(input) },
  );
}
