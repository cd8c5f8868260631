import type { SessionDefinition } from '../domain/session';

/** Language of generated text; Vietnamese is the default of a session. */
export type TextLocale = 'vi' | 'en';

/** A product line in generated text; `price` is in VND (whole đồng). */
export interface TextProduct {
  name: string;
  price?: number;
}

/**
 * Everything the renderers need, and nothing they must look up: rendering is pure.
 * `startsAt`/`endsAt` are UTC ISO instants; `timezone` is the IANA zone the text shows times in.
 * An invalid instant or zone makes a renderer throw a `RangeError`.
 */
export interface TextInput {
  title: string;
  startsAt: string;
  endsAt: string;
  timezone: string;
  locale: TextLocale;
  products: TextProduct[];
  vendor?: { name: string; stall?: string; market?: string };
  host?: { name: string; phone?: string };
  /** Names of the promotions running on the session's day. */
  promotions: string[];
  /** Watch link (the live's or the page's URL). */
  link?: string;
  /** Organizer templates with `{title}`, `{start}`, `{link}`, `{products}` placeholders. */
  overrides?: { announce?: string; live?: string };
}

/** Facts about a session that are not part of its definition. */
export interface TextExtras {
  promotions?: string[];
  link?: string;
}

/** Builds a `TextInput` from a session definition (products keep only name and price). */
export function createTextInput(session: SessionDefinition, extras: TextExtras = {}): TextInput {
  const input: TextInput = {
    title: session.title,
    startsAt: session.startsAt,
    endsAt: session.endsAt,
    timezone: session.timezone,
    locale: session.locale,
    products: session.products.map((p) =>
      p.price === undefined ? { name: p.name } : { name: p.name, price: p.price },
    ),
    promotions: extras.promotions ?? [],
  };
  if (session.vendor) input.vendor = session.vendor;
  if (session.host) input.host = session.host;
  if (extras.link !== undefined) input.link = extras.link;
  if (session.text) input.overrides = session.text;
  return input;
}
