import { z } from 'zod';
import { emailSchema, phoneSchema } from './contact-schema';
import { isValidZone } from '../../planning/time';
import { httpUrl, idString, isoDate, line } from './common';
import { tiktokSettingsSchema } from './session-schema';

/** `YYYY-MM-DD` names a day that exists (no 2024-02-30). */
function isCalendarDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number);
  return new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1)).toISOString().slice(0, 10) === value;
}

const calendarDay = isoDate.refine(isCalendarDay, 'must be a calendar date like 2024-06-07');

/** An end day before its start day, when both are valid days (a bad day is reported on its own). */
const endsBeforeStart = (range: { startsOn: string; endsOn: string }): boolean =>
  isCalendarDay(range.startsOn) && isCalendarDay(range.endsOn) && range.endsOn < range.startsOn;

/** An IANA zone name (`Asia/Ho_Chi_Minh`); an unknown zone is `validation_failed`. */
const zoneName = z.string().max(64).refine(isValidZone, 'must be an IANA time zone, e.g. Asia/Ho_Chi_Minh');

/** Reports every id that occurs twice in `items`, at `<path>.<index>.id`. */
function checkUniqueIds(items: readonly { id: string }[], path: string, ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (seen.has(item.id)) ctx.addIssue({ code: 'custom', path: [path, index, 'id'], message: `duplicate id '${item.id}'` });
    seen.add(item.id);
  });
}

export const stageSchema = z.strictObject({
  id: idString,
  name: line(200),
});

export const promotionSchema = z.strictObject({
  id: idString,
  name: line(200),
  startsOn: calendarDay,
  endsOn: calendarDay,
});

/** `POST /v1/campaigns`: days are inclusive and read in the campaign's zone. */
export const createCampaignSchema = z
  .strictObject({
    id: idString.optional(),
    name: line(200),
    organizer: line(200).optional(),
    startsOn: calendarDay,
    endsOn: calendarDay,
    timezone: zoneName.optional(),
    imageUrl: httpUrl.optional(),
    tiktok: tiktokSettingsSchema.optional(),
    stages: z.array(stageSchema).max(100, 'at most 100 stages'),
    promotions: z.array(promotionSchema).max(50, 'at most 50 promotions').optional(),
    notifyVendors: z.boolean().optional().meta({ description: "Catalog vendors with a phone or email get their sessions' reminders (default true)" }),
  })
  .superRefine((campaign, ctx) => {
    if (endsBeforeStart(campaign)) ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'must not be before startsOn' });
    (campaign.promotions ?? []).forEach((p, index) => {
      if (endsBeforeStart(p)) ctx.addIssue({ code: 'custom', path: ['promotions', index, 'endsOn'], message: 'must not be before startsOn' });
    });
    checkUniqueIds(campaign.stages, 'stages', ctx);
    checkUniqueIds(campaign.promotions ?? [], 'promotions', ctx);
  });
export type CreateCampaignInput = z.infer<typeof createCampaignSchema>;

export const catalogVendorSchema = z.strictObject({
  id: idString,
  name: line(200),
  stall: line(60).optional(),
  market: line(200).optional(),
  marketId: idString.optional(),
  category: line(200).optional(),
  /** Gets the reminders of its sessions (on Zalo, email as the fallback) while the campaign's `notifyVendors` is on. */
  phone: phoneSchema.optional(),
  email: emailSchema.optional(),
});

export const catalogProductSchema = z.strictObject({
  id: idString,
  vendorId: idString,
  name: line(200),
  price: z.number().nonnegative().max(1e12).optional(),
  unit: line(20).optional(),
});

/** `PUT /v1/campaigns/:id/catalog`: replaces the whole catalog; every product names a vendor of it. */
export const catalogSchema = z
  .strictObject({
    vendors: z.array(catalogVendorSchema).max(2000, 'at most 2000 vendors'),
    products: z.array(catalogProductSchema).max(10000, 'at most 10000 products'),
  })
  .superRefine((catalog, ctx) => {
    checkUniqueIds(catalog.vendors, 'vendors', ctx);
    checkUniqueIds(catalog.products, 'products', ctx);
    const vendorIds = new Set(catalog.vendors.map((v) => v.id));
    catalog.products.forEach((p, index) => {
      if (!vendorIds.has(p.vendorId)) ctx.addIssue({ code: 'custom', path: ['products', index, 'vendorId'], message: `no vendor '${p.vendorId}' in this catalog` });
    });
  });
export type CatalogInput = z.infer<typeof catalogSchema>;

/** `POST /v1/campaigns/:id/import?atomic=false`: the bulk `atomic` flag, as a query parameter. */
export const importCampaignQuery = z.strictObject({
  atomic: z.enum(['true', 'false']).optional(),
});

/** `GET /v1/campaigns/:id/calendar.ics?key=&vendorId=`: the campaign's feed key; one vendor's sessions only. */
export const calendarQuery = z.strictObject({
  key: z.string().min(1).max(200).meta({ description: 'The campaign feedKey' }),
  vendorId: idString.optional().meta({ description: "Only the sessions featuring this catalog vendor (named in vendorIds, or one of its products in productIds); an unknown vendor is 404" }),
});
