import { z } from 'zod';
import { PLATFORMS } from '../../domain/platform';
import { isValidZone } from '../../planning/time';
import { httpUrl, idString, line, multiline } from './common';

export const targetSchema = z.strictObject({
  platform: z.enum(PLATFORMS, { message: 'expected facebook | tiktok | youtube' }),
  accountId: line(64),
  announce: z.boolean().optional(),
  live: z.boolean().optional(),
});

export const notifySchema = z.strictObject({
  type: z.literal('webhook'),
  url: httpUrl,
  secret: z.string().min(8, 'must be at least 8 characters').max(200),
});

const offsets = z.array(z.string().max(40)).max(20, 'at most 20 offsets');

/** Every field of a session body; create requires some, update takes any subset. */
const sessionFields = {
  title: line(200),
  description: multiline(5000).optional(),
  startsAt: z.string().max(64),
  endsAt: z.string().max(64).optional(),
  durationMinutes: z.number().int().min(1).max(1440).optional(),
  timezone: z.string().max(64).refine(isValidZone, 'unknown IANA time zone (e.g. Asia/Ho_Chi_Minh)').optional(),
  campaignId: idString.nullable().optional(),
  stageId: idString.nullable().optional(),
  host: z.strictObject({ name: line(120), phone: line(40).optional() }).nullable().optional(),
  vendor: z.strictObject({ name: line(200), stall: line(60).optional(), market: line(200).optional() }).nullable().optional(),
  products: z
    .array(z.strictObject({ name: line(200), price: z.number().nonnegative().max(1e12).optional(), url: httpUrl.optional() }))
    .max(200, 'at most 200 products')
    .optional(),
  vendorIds: z.array(idString).max(200).optional(),
  productIds: z.array(idString).max(500).optional(),
  imageUrls: z.array(httpUrl).max(35, 'at most 35 images').optional(),
  targets: z.array(targetSchema).min(1, 'at least one target').max(10, 'at most 10 targets'),
  announceOffsets: offsets.optional(),
  reminderOffsets: offsets.optional(),
  notify: z.array(notifySchema).max(10, 'at most 10 hooks').optional(),
  locale: z.enum(['vi', 'en']).optional(),
  text: z.strictObject({ announce: multiline(5000).optional(), live: multiline(5000).optional() }).optional(),
};

export const createSessionSchema = z.strictObject(sessionFields);
export type CreateSessionInput = z.infer<typeof createSessionSchema>;

export const updateSessionSchema = z.strictObject({
  ...sessionFields,
  title: sessionFields.title.optional(),
  startsAt: sessionFields.startsAt.optional(),
  targets: sessionFields.targets.optional(),
});
export type UpdateSessionInput = z.infer<typeof updateSessionSchema>;

export const cancelSessionSchema = z.strictObject({ notice: z.boolean().optional() });

export const bulkSchema = z.strictObject({
  sessions: z.array(z.unknown()).min(1, 'at least one session').max(5000, 'at most 5000 sessions'),
  atomic: z.boolean().optional(),
});

export const listSessionsQuery = z.strictObject({
  from: z.string().max(64).optional(),
  to: z.string().max(64).optional(),
  campaignId: idString.optional(),
  stageId: idString.optional(),
  status: z.enum(['scheduled', 'live', 'ended', 'cancelled']).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  cursor: z.string().max(200).optional(),
});
