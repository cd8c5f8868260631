/** What coverage needs of a session: what it features, how long, and whether it is done. */
export interface CoverageSession {
  vendorIds: readonly string[];
  productIds: readonly string[];
  startsAt: string;
  endsAt: string;
  status: 'scheduled' | 'live' | 'ended' | 'cancelled';
}

/** Airtime of one vendor or product: sessions featuring it (not cancelled), their minutes, how many ended. */
export interface Airtime {
  sessions: number;
  minutes: number;
  done: number;
}

export interface Coverage {
  vendors: ({ id: string; name: string } & Airtime)[];
  products: ({ id: string; vendorId: string; name: string } & Airtime)[];
}

export interface CoverageCatalog {
  vendors: readonly { id: string; name: string }[];
  products: readonly { id: string; vendorId: string; name: string }[];
}

/**
 * How often each vendor and product of the catalog is featured, in catalog order. A session
 * features the vendors it names and the vendors of the products it names; it features the products
 * it names, and for a vendor it names without naming any of its products, all that vendor's
 * products. Cancelled sessions do not count; `done` counts the ended ones. Pure.
 */
export function computeCoverage(catalog: CoverageCatalog, sessions: readonly CoverageSession[]): Coverage {
  const vendorOf = new Map(catalog.products.map((p) => [p.id, p.vendorId]));
  const productsOf = new Map<string, string[]>();
  for (const p of catalog.products) productsOf.set(p.vendorId, [...(productsOf.get(p.vendorId) ?? []), p.id]);
  const vendorAir = new Map<string, Airtime>();
  const productAir = new Map<string, Airtime>();
  const add = (map: Map<string, Airtime>, id: string, minutes: number, done: boolean): void => {
    const a = map.get(id) ?? { sessions: 0, minutes: 0, done: 0 };
    map.set(id, { sessions: a.sessions + 1, minutes: a.minutes + minutes, done: a.done + (done ? 1 : 0) });
  };
  for (const s of sessions) {
    if (s.status === 'cancelled') continue;
    const minutes = Math.round((Date.parse(s.endsAt) - Date.parse(s.startsAt)) / 60_000);
    const done = s.status === 'ended';
    const named = new Set(s.productIds);
    const vendors = new Set([...s.vendorIds, ...s.productIds.map((p) => vendorOf.get(p)).filter((v): v is string => v !== undefined)]);
    const products = new Set(named);
    for (const v of s.vendorIds) {
      const own = productsOf.get(v) ?? [];
      if (!own.some((p) => named.has(p))) for (const p of own) products.add(p);
    }
    for (const v of vendors) add(vendorAir, v, minutes, done);
    for (const p of products) add(productAir, p, minutes, done);
  }
  const none: Airtime = { sessions: 0, minutes: 0, done: 0 };
  return {
    vendors: catalog.vendors.map((v) => ({ id: v.id, name: v.name, ...(vendorAir.get(v.id) ?? none) })),
    products: catalog.products.map((p) => ({ id: p.id, vendorId: p.vendorId, name: p.name, ...(productAir.get(p.id) ?? none) })),
  };
}
