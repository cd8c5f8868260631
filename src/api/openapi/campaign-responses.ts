import { z } from 'zod';
import { utcInstant } from './responses';

/** Response bodies of the campaign routes (planned in api.md "Campaigns"), for the document only. */

const day = z.string().meta({ example: '2024-06-07', description: 'Calendar day, YYYY-MM-DD' });

export const CatalogVendorSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    stall: z.string().optional(),
    market: z.string().optional(),
    marketId: z.string().optional(),
    category: z.string().optional(),
    phone: z.string().optional(),
  })
  .meta({ id: 'CatalogVendor' });

export const CatalogProductSchema = z
  .object({
    id: z.string(),
    vendorId: z.string(),
    name: z.string(),
    price: z.number().optional().meta({ description: 'VND unless `unit` says otherwise' }),
    unit: z.string().optional(),
  })
  .meta({ id: 'CatalogProduct' });

export const CatalogSchema = z
  .object({ vendors: z.array(CatalogVendorSchema), products: z.array(CatalogProductSchema) })
  .meta({ id: 'Catalog', description: 'The vendors and products that sessions of the campaign may name by id' });

export const CampaignSchema = z
  .object({
    id: z.string().meta({ example: 'danang-livestream-2024' }),
    name: z.string(),
    organizer: z.string().nullable(),
    startsOn: day,
    endsOn: day,
    timezone: z.string().meta({ example: 'Asia/Ho_Chi_Minh' }),
    imageUrl: z.string().nullable(),
    tiktok: z
      .object({ privacyLevel: z.string().optional(), brandOrganic: z.boolean().optional(), brandContent: z.boolean().optional(), disableComment: z.boolean().optional() })
      .optional()
      .meta({ description: 'Defaults for the TikTok promos of its sessions; a target\'s own tiktok settings win' }),
    stages: z.array(z.object({ id: z.string(), name: z.string() })),
    promotions: z.array(z.object({ id: z.string(), name: z.string(), startsOn: day, endsOn: day })),
    feedKey: z.string().optional().meta({ description: 'Key of the calendar feed; only in answers to organizer and admin tokens' }),
    sessionCounts: z.object({
      total: z.number().int().nonnegative(),
      scheduled: z.number().int().nonnegative(),
      live: z.number().int().nonnegative(),
      ended: z.number().int().nonnegative(),
      cancelled: z.number().int().nonnegative(),
    }),
    createdAt: utcInstant,
    updatedAt: utcInstant,
  })
  .meta({ id: 'Campaign' });

export const CampaignListSchema = z.object({ items: z.array(CampaignSchema) }).meta({ id: 'CampaignList' });

const airtime = {
  sessions: z.number().int().nonnegative().meta({ description: 'Sessions featuring it, scheduled or done (not cancelled); 0: no airtime yet' }),
  minutes: z.number().nonnegative().meta({ description: 'Total minutes of those sessions' }),
  done: z.number().int().nonnegative().meta({ description: 'How many of those sessions have ended' }),
};

export const CoverageSchema = z
  .object({
    vendors: z.array(z.object({ id: z.string(), name: z.string(), ...airtime })),
    products: z.array(z.object({ id: z.string(), vendorId: z.string(), name: z.string(), ...airtime })),
  })
  .meta({ id: 'Coverage', description: 'How often each vendor and product of the catalog has been featured' });
