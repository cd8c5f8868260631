import { createHash } from 'node:crypto';
import { z } from 'zod';
import { forgetSubscriberDeliveries } from '../../channels/forget-subscribers';
import type { Deps } from '../../deps';
import { DomainError, notFound, validationError } from '../../domain/errors';
import type { Subscription } from '../../store/subscription-store';
import { emailSchema, phoneSchema } from '../schemas/contact-schema';
import { idString } from '../schemas/common';
import { parseOrThrow } from '../validate';
import type { HandlerResult } from '../handler-result';
import { notifyConfirmation } from '../../channels/send-confirmation';
import { CONSENT_WORDING } from '../../text/consent-wording';

export const subscribeSchema = z
  .strictObject({
    sessionId: idString.optional(),
    vendorId: idString.optional(),
    email: emailSchema.optional(),
    phone: phoneSchema.optional(),
    consent: z.literal(true, { error: 'must be true: the person agrees to get these reminders' }),
    locale: z.enum(['vi', 'en']).optional(),
  })
  .refine((b) => (b.sessionId === undefined) !== (b.vendorId === undefined), { message: 'give sessionId or vendorId (one of them)', path: ['sessionId'] })
  .refine((b) => (b.email === undefined) !== (b.phone === undefined), { message: 'give email or phone (one of them)', path: ['email'] });


/** Requests per window: per address (what a person could be flooded with) and per client address. */
const LIMITS = { address: { max: 3, windowMs: 3_600_000 }, ip: { max: 20, windowMs: 600_000 } };

async function checkLimit(deps: Deps, scope: 'address' | 'ip', subject: string): Promise<void> {
  const { max, windowMs } = LIMITS[scope];
  const key = `${deps.keys.base}:rl-sub:${scope}:${createHash('sha256').update(subject).digest('hex').slice(0, 32)}`;
  const [[, count]] = (await deps.redis.multi().incr(key).pexpire(key, windowMs, 'NX').exec()) as [[null, number], [null, number]];
  if (count > max) throw new DomainError('rate_limited', `too many reminder requests from this ${scope === 'ip' ? 'network address' : 'email or phone'}: try again later`, undefined, { retryAfterSeconds: Math.ceil(windowMs / 1000) });
}

/** `POST /v1/public/campaigns/:id/subscriptions`: the same 202 whether or not the person already asked. */
export async function subscribe(deps: Deps, campaignId: string, body: unknown, ip: string): Promise<HandlerResult> {
  await checkLimit(deps, 'ip', ip);
  const input = parseOrThrow(subscribeSchema, body);
  const address = input.email ?? input.phone ?? '';
  await checkLimit(deps, 'address', address);
  const store = deps.campaigns;
  const campaign = await store.get(campaignId);
  if (!campaign) throw notFound('campaign', campaignId);
  if (input.sessionId) {
    const session = await deps.sessions.get(input.sessionId);
    if (session?.campaignId !== campaignId) throw validationError([{ path: 'sessionId', message: `no session '${input.sessionId}' in this campaign` }]);
  }
  if (input.vendorId && !(await store.catalog(campaignId)).vendors.some((v) => v.id === input.vendorId)) {
    throw validationError([{ path: 'vendorId', message: `no vendor '${input.vendorId}' in this campaign's catalog` }]);
  }
  const locale = input.locale ?? 'vi';
  const made = await deps.subscriptions.subscribe({
    campaignId, sessionId: input.sessionId ?? null, vendorId: input.vendorId ?? null,
    channel: input.email ? 'email' : 'zalo', address, locale, consentWording: CONSENT_WORDING[locale], nowIso: deps.clock.nowIso(),
  });
  if (made) await notifyConfirmation(deps, made.subscription, made.confirmToken);
  return { status: 202, body: { status: 'pending_confirmation' } };
}

/** `POST /v1/public/subscriptions/confirm` `{ token }`. */
export async function confirmSubscription(deps: Deps, body: unknown): Promise<HandlerResult> {
  const { token } = parseOrThrow(z.strictObject({ token: z.string().min(1).max(200) }), body);
  const confirmed: Subscription | null = await deps.subscriptions.confirm(token, deps.clock.nowIso());
  if (!confirmed) throw new DomainError('invalid_token', 'this confirmation link is unknown or was already used: ask for reminders again');
  return { status: 200, body: { status: 'confirmed' } };
}

/** Unsubscribe (one click, RFC 8058 POST or the page's button): the contact is deleted. */
export async function unsubscribe(deps: Deps, token: string): Promise<HandlerResult> {
  const gone = await deps.subscriptions.unsubscribe(token);
  if (!gone) throw new DomainError('invalid_token', 'this unsubscribe link is unknown or was already used: you get no more reminders from it');
  await forgetSubscriberDeliveries(deps, gone.campaignId, new Set([gone.id]));
  return { status: 200, body: { status: 'unsubscribed' } };
}

/** `GET /v1/campaigns/:id/subscribers` (organizer): counts per session and vendor, never the contacts. */
export async function countSubscribers(deps: Deps, campaignId: string): Promise<HandlerResult> {
  if (!(await deps.campaigns.get(campaignId))) throw notFound('campaign', campaignId);
  const all = await deps.subscriptions.listOfCampaign(campaignId);
  const tally = (pick: (s: Subscription) => string | null): Record<string, { confirmed: number; pending: number }> => {
    const out: Record<string, { confirmed: number; pending: number }> = {};
    for (const s of all) {
      const k = pick(s);
      if (k === null) continue;
      const row = (out[k] ??= { confirmed: 0, pending: 0 });
      row[s.state] += 1;
    }
    return out;
  };
  return { status: 200, body: { sessions: tally((s) => s.sessionId), vendors: tally((s) => s.vendorId), total: { confirmed: all.filter((s) => s.state === 'confirmed').length, pending: all.filter((s) => s.state === 'pending').length } } };
}
