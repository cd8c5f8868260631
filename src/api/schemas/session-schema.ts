import { z } from 'zod';
import { PLATFORMS } from '../../domain/platform';
import { TIKTOK_PRIVACY_LEVELS } from '../../domain/session';
import { isValidZone } from '../../planning/time';
import { httpUrl, idString, isoDate, line, multiline } from './common';
import { hostSchema, notifySchema } from './contact-schema';
import { MAX_OCCURRENCES, WEEKDAYS } from '../../planning/recurrence';

/** A TikTok target's promo settings (and a campaign's defaults for them). */
export const tiktokSettingsSchema = z.strictObject({
  privacyLevel: z.enum(TIKTOK_PRIVACY_LEVELS, { message: `expected ${TIKTOK_PRIVACY_LEVELS.join(' | ')}` }).optional(),
  brandOrganic: z.boolean().optional(),
  brandContent: z.boolean().optional(),
  disableComment: z.boolean().optional(),
});

export const targetSchema = z.strictObject({
  platform: z.enum(PLATFORMS, { message: 'expected facebook | tiktok | youtube' }),
  accountId: line(64),
  announce: z.boolean().optional(),
  live: z.boolean().optional(),
  tiktok: tiktokSettingsSchema.optional(),
});

/** `notify`: webhooks, and people by email or Zalo (api.md "Reminders that reach people"). */
export { notifySchema } from './contact-schema';

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
  host: hostSchema.nullable().optional(),
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
  guardOffsets: offsets.optional(),
  notify: z.array(notifySchema).max(10, 'at most 10 hooks').optional(),
  locale: z.enum(['vi', 'en']).optional(),
  text: z.strictObject({ announce: multiline(5000).optional(), live: multiline(5000).optional() }).optional(),
};

/** `recurrence` of a create body: the session repeats (src/planning/recurrence.ts). */
export const recurrenceSchema = z
  .strictObject({
    freq: z.enum(['daily', 'weekly'], { message: 'expected daily | weekly' }),
    interval: z.number().int().min(1).max(52).optional().meta({ description: 'Every n days (daily) or weeks (weekly); default 1' }),
    byWeekday: z.array(z.enum(WEEKDAYS, { message: 'expected MO | TU | WE | TH | FR | SA | SU' })).min(1).max(7).optional().meta({ description: 'Weekly: the days, e.g. ["FR","SA","SU"]; default the first start\'s weekday' }),
    until: isoDate.optional().meta({ description: 'Last day (inclusive, local in the session zone); default the campaign\'s last day' }),
    count: z.number().int().min(1).max(MAX_OCCURRENCES).optional().meta({ description: 'Number of sessions instead of until' }),
    exceptOn: z.array(isoDate).max(366).optional().meta({ description: 'Days left out, e.g. a holiday' }),
  })
  .refine((r) => !(r.until !== undefined && r.count !== undefined), { message: 'give until or count, not both', path: ['count'] })
  .meta({
    id: 'Recurrence',
    description: [
      'A repeating session. POST /v1/sessions with `recurrence` expands it into ordinary sessions, one per day the rule names, each at the first start\'s local wall time (19:30 stays 19:30) with the same duration, each checked like a bulk item (stage conflicts, campaign days, starts in the past) and created atomically: all or nothing.',
      'Answer `201 { "seriesId", "created": [ids], "errors": [] }`; failures as atomic bulk, detail paths `occurrences.<n>.<field>`.',
      'Every created session carries the `seriesId`. Edit one with PATCH /v1/sessions/{id}; edit every occurrence still to come with PATCH /v1/series/{seriesId} (the update fields except startsAt/endsAt, plus `startTime` `HH:mm` for a new local start time), cancel them all with POST /v1/series/{seriesId}/cancel; GET /v1/series/{seriesId} lists them.',
      'Not in bulk items; preview shows the first occurrence.',
    ].join(' '),
  });
export type RecurrenceInput = z.infer<typeof recurrenceSchema>;

export const createSessionSchema = z.strictObject({ ...sessionFields, recurrence: recurrenceSchema.optional() });
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

/** `PATCH /v1/series/:seriesId`: update fields for every occurrence still to come; `startTime` moves each to a new local time on its own day. */
export const seriesUpdateSchema = updateSessionSchema.omit({ startsAt: true, endsAt: true }).extend({
  startTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a local time like 19:30').optional(),
});
export type SeriesUpdateInput = z.infer<typeof seriesUpdateSchema>;
