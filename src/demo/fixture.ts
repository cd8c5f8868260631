import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { DateTime } from 'luxon';

/** The Chợ Cồn 2024 model case (test/fixtures/cho-con-2024), for the demo, tests and benchmarks. */
export interface Fixture {
  campaign: {
    id: string;
    name: string;
    organizer: string;
    timezone: string;
    startsOn: string;
    endsOn: string;
    promotions: { id: string; name: string; startsOn: string; endsOn: string }[];
    stages: { id: string; name: string }[];
    accounts: { key: string; platform: 'facebook' | 'tiktok' | 'youtube'; name: string; externalId: string }[];
  };
  vendors: { id: string; name: string; stall?: string; market?: string; marketId?: string; category?: string; phone?: string }[];
  products: { id: string; vendorId: string; name: string; price?: number; unit?: string }[];
  sessionsCsv: string;
  rows: Record<string, string>[];
}

export const FIXTURE_DIR = join(__dirname, '..', '..', 'test', 'fixtures', 'cho-con-2024');

export function loadFixture(dir = FIXTURE_DIR): Fixture {
  const read = (name: string): string => readFileSync(join(dir, name), 'utf8');
  const sessionsCsv = read('sessions.csv');
  return {
    campaign: JSON.parse(read('campaign.json')) as Fixture['campaign'],
    vendors: JSON.parse(read('vendors.json')) as Fixture['vendors'],
    products: JSON.parse(read('products.json')) as Fixture['products'],
    sessionsCsv,
    rows: parse<Record<string, string>>(sessionsCsv, { columns: true, skip_empty_lines: true, bom: true }),
  };
}

/**
 * Whole weeks to add so the fixture's first session starts after `notBeforeMs` (weekdays, times
 * of day and the campaign's shape stay as they are).
 */
export function weeksToShift(fixture: Fixture, notBeforeMs: number): number {
  const first = fixture.rows.map((r) => DateTime.fromISO(r.startsAt ?? '', { zone: fixture.campaign.timezone }).toMillis()).reduce((a, b) => Math.min(a, b), Infinity);
  const week = 7 * 86_400_000;
  return Math.max(0, Math.ceil((notBeforeMs - first) / week));
}

export function shiftDate(isoDate: string, weeks: number): string {
  return DateTime.fromISO(isoDate, { zone: 'utc' }).plus({ weeks }).toISODate() ?? isoDate;
}

export function shiftLocal(localIso: string, weeks: number, zone: string): string {
  return DateTime.fromISO(localIso, { zone }).plus({ weeks }).toFormat("yyyy-MM-dd'T'HH:mm");
}

/** A fixture row as a create body without a campaign: vendors and products written out. */
export function rowToSessionBody(fixture: Fixture, row: Record<string, string>, weeks: number): Record<string, unknown> {
  const vendorIds = (row.vendorIds ?? '').split(';').map((s) => s.trim()).filter(Boolean);
  const vendor = fixture.vendors.find((v) => v.id === vendorIds[0]);
  const products = fixture.products.filter((p) => vendorIds.includes(p.vendorId)).slice(0, 12).map((p) => ({ name: p.name, ...(p.price !== undefined ? { price: p.price } : {}) }));
  return {
    title: row.title,
    stageId: row.stageId,
    startsAt: shiftLocal(row.startsAt ?? '', weeks, fixture.campaign.timezone),
    durationMinutes: Number(row.durationMinutes),
    timezone: fixture.campaign.timezone,
    ...(row.host ? { host: { name: row.host } } : {}),
    ...(vendor ? { vendor: { name: vendor.name, ...(vendor.stall ? { stall: vendor.stall } : {}), ...(vendor.market ? { market: vendor.market } : {}) } } : {}),
    products,
    targets: (row.targets ?? '').split(';').filter(Boolean).map((t) => {
      const [platform, accountId] = t.split(':');
      return { platform, accountId };
    }),
  };
}

/** Every local date-time (`2024-06-07T19:30`) of a sheet moved by whole weeks; the rest stays byte for byte. */
export function shiftCsv(csv: string, weeks: number, zone: string): string {
  return csv.replace(/\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}\b/g, (local) => shiftLocal(local, weeks, zone));
}

/** The fixture campaign as a create body, its days and promotions moved by whole weeks. */
export function campaignBody(fixture: Fixture, weeks: number, id = fixture.campaign.id): Record<string, unknown> {
  const c = fixture.campaign;
  return {
    id,
    name: c.name,
    organizer: c.organizer,
    timezone: c.timezone,
    startsOn: shiftDate(c.startsOn, weeks),
    endsOn: shiftDate(c.endsOn, weeks),
    stages: c.stages,
    promotions: c.promotions.map((p) => ({ ...p, startsOn: shiftDate(p.startsOn, weeks), endsOn: shiftDate(p.endsOn, weeks) })),
  };
}

/** The fixture catalog as a PUT /v1/campaigns/:id/catalog body. */
export function catalogBody(fixture: Fixture): { vendors: Fixture['vendors']; products: Fixture['products'] } {
  return { vendors: fixture.vendors, products: fixture.products };
}

/** The fixture's platform accounts as POST /v1/accounts bodies (sandbox credentials). */
export function accountBodies(fixture: Fixture): Record<string, unknown>[] {
  return fixture.campaign.accounts.map((a) => ({ id: a.key, platform: a.platform, name: a.name, externalId: a.externalId, credentials: { accessToken: `sandbox-${a.key}` } }));
}
