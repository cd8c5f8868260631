import { z } from 'zod';
import { normalizePhone } from '../../channels/normalize-phone';
import { httpUrl, line } from './common';

/** A phone number in any usual Vietnamese form, stored as `84905123456` (libphonenumber-js, region VN). */
export const phoneSchema = line(40).transform((value, ctx) => {
  const phone = normalizePhone(value);
  if (phone === null) {
    ctx.addIssue({ code: 'custom', message: 'not a valid phone number (e.g. 0905 123 456 or +84 905 123 456)' });
    return z.NEVER;
  }
  return phone;
});

export const emailSchema = z.email('not a valid email address (e.g. an@example.vn)').max(254);

export const webhookSchema = z.strictObject({
  type: z.literal('webhook'),
  url: httpUrl,
  secret: z.string().min(8, 'must be at least 8 characters').max(200),
});

/** A `notify` entry: a signed webhook, an email address, or a phone on Zalo. */
export const notifySchema = z.discriminatedUnion('type', [
  webhookSchema,
  z.strictObject({ type: z.literal('email'), to: emailSchema }),
  z.strictObject({ type: z.literal('zalo'), phone: phoneSchema }),
], { error: 'expected a notify entry of type webhook | email | zalo' });

export const hostSchema = z.strictObject({ name: line(120), phone: phoneSchema.optional(), email: emailSchema.optional() });
