import type { ErrorDetail } from '../domain/errors';
import type { Platform } from '../domain/platform';
import { capabilitiesOf } from '../platforms/capabilities';
import type { NotifyHook, Product, SessionDefinition, SessionTarget, TiktokPostSettings } from '../domain/session';
import { parseInstant, parseOffset, isValidZone, localDate } from './time';

/** What a session body may say, after schema validation (shapes only). */
export interface SessionInput {
  title: string;
  description?: string | undefined;
  startsAt: string;
  endsAt?: string | undefined;
  durationMinutes?: number | undefined;
  timezone?: string | undefined;
  campaignId?: string | null | undefined;
  stageId?: string | null | undefined;
  host?: { name: string; phone?: string | undefined; email?: string | undefined } | null | undefined;
  vendor?: { name: string; stall?: string | undefined; market?: string | undefined } | null | undefined;
  products?: { name: string; price?: number | undefined; url?: string | undefined }[] | undefined;
  vendorIds?: string[] | undefined;
  productIds?: string[] | undefined;
  imageUrls?: string[] | undefined;
  targets: { platform: Platform; accountId: string; announce?: boolean | undefined; live?: boolean | undefined; tiktok?: TiktokSettingsInput | undefined }[];
  announceOffsets?: string[] | undefined;
  reminderOffsets?: string[] | undefined;
  guardOffsets?: string[] | undefined;
  notify?: ({ type: 'webhook'; url: string; secret: string } | { type: 'email'; to: string } | { type: 'zalo'; phone: string })[] | undefined;
  locale?: 'vi' | 'en' | undefined;
  text?: { announce?: string | undefined; live?: string | undefined } | undefined;
}

type TiktokSettingsInput = { [K in keyof TiktokPostSettings]?: TiktokPostSettings[K] | undefined };

/** The campaign facts a session is checked against. */
export interface CampaignRef {
  id: string;
  timezone: string;
  startsOn: string;
  endsOn: string;
  stageIds: ReadonlySet<string>;
  vendorIds: ReadonlySet<string>;
  productIds: ReadonlySet<string>;
}

export interface NormalizeContext {
  defaultZone: string;
  /** Registered accounts: id → platform. */
  accounts: ReadonlyMap<string, Platform>;
  /** The campaign named by `campaignId`, when it exists. */
  campaign: CampaignRef | null;
}

export type NormalizeResult =
  | { ok: true; definition: SessionDefinition; campaignDays: { first: string; last: string } | null }
  | { ok: false; details: ErrorDetail[] };

const MAX_LENGTH_MS = 24 * 3_600_000;
export const DEFAULT_ANNOUNCE_OFFSETS = ['P1D', 'PT1H'];
export const DEFAULT_REMINDER_OFFSETS = ['PT1H', 'PT10M'];
/** api.md "On-air guard": the encoder is checked 10 and 3 minutes before the start. */
export const DEFAULT_GUARD_OFFSETS = ['PT10M', 'PT3M'];

/**
 * Validated input → a session definition with UTC instants and normalized offsets, pure. Every
 * problem is reported at once with its path. Being in the past and fitting the campaign's days
 * are checked by the caller (they have their own error codes).
 */
export function normalizeSession(input: SessionInput, ctx: NormalizeContext): NormalizeResult {
  const details: ErrorDetail[] = [];
  const fail = (path: string, message: string): void => {
    details.push({ path, message });
  };
  const campaign = input.campaignId ? ctx.campaign : null;
  if (input.campaignId && !ctx.campaign) fail('campaignId', `campaign '${input.campaignId}' does not exist`);

  const zone = input.timezone ?? campaign?.timezone ?? ctx.defaultZone;
  if (!isValidZone(zone)) fail('timezone', `unknown IANA time zone "${zone}" (e.g. Asia/Ho_Chi_Minh)`);
  // With an unknown zone (already reported), still read the times in UTC so that their own
  // problems are reported too: no definition comes out of this call anyway.
  const readZone = isValidZone(zone) ? zone : 'UTC';

  let startMs = NaN;
  const start = parseInstant(input.startsAt, readZone);
  if (!start.ok) fail('startsAt', start.message);
  else startMs = start.ms;

  let endMs = NaN;
  if ((input.endsAt === undefined) === (input.durationMinutes === undefined)) {
    fail(input.endsAt === undefined ? 'endsAt' : 'durationMinutes', 'give exactly one of endsAt and durationMinutes');
  } else if (input.endsAt !== undefined) {
    const end = parseInstant(input.endsAt, readZone);
    if (!end.ok) fail('endsAt', end.message);
    else endMs = end.ms;
  } else if (input.durationMinutes !== undefined) {
    endMs = startMs + input.durationMinutes * 60_000;
  }
  if (Number.isFinite(startMs) && Number.isFinite(endMs)) {
    if (endMs <= startMs) fail('endsAt', 'must be after startsAt');
    else if (endMs - startMs > MAX_LENGTH_MS) fail('endsAt', 'a session lasts at most 24 hours');
  }

  if (input.stageId && campaign && !campaign.stageIds.has(input.stageId)) {
    fail('stageId', `stage '${input.stageId}' is not one of campaign '${campaign.id}' stages (${[...campaign.stageIds].join(', ')})`);
  }
  checkCatalog(input, campaign, fail);
  const targets = normalizeTargets(input.targets, ctx.accounts, fail);
  const announceOffsets = normalizeOffsets(input.announceOffsets ?? DEFAULT_ANNOUNCE_OFFSETS, 'announceOffsets', fail);
  const reminderOffsets = normalizeOffsets(input.reminderOffsets ?? DEFAULT_REMINDER_OFFSETS, 'reminderOffsets', fail);
  const guardOffsets = normalizeOffsets(input.guardOffsets ?? DEFAULT_GUARD_OFFSETS, 'guardOffsets', fail);

  if (details.length > 0) return { ok: false, details };
  const definition: SessionDefinition = {
    title: input.title,
    startsAt: new Date(startMs).toISOString(),
    endsAt: new Date(endMs).toISOString(),
    timezone: zone,
    campaignId: input.campaignId ?? null,
    stageId: input.stageId ?? null,
    products: (input.products ?? []).map(cleanProduct),
    vendorIds: input.vendorIds ?? [],
    productIds: input.productIds ?? [],
    imageUrls: input.imageUrls ?? [],
    targets,
    announceOffsets,
    reminderOffsets,
    guardOffsets,
    notify: (input.notify ?? []).map(copyNotify),
    locale: input.locale ?? 'vi',
  };
  if (input.description !== undefined) definition.description = input.description;
  if (input.host) definition.host = { name: input.host.name, ...(input.host.phone ? { phone: input.host.phone } : {}), ...(input.host.email ? { email: input.host.email } : {}) };
  if (input.vendor) definition.vendor = dropUndefined(input.vendor);
  if (input.text) definition.text = dropUndefined(input.text);
  const campaignDays = campaign ? { first: campaign.startsOn, last: campaign.endsOn } : null;
  return { ok: true, definition, campaignDays };
}

/** Does [start, end) fall inside the campaign's days (inclusive) in `zone`, the campaign's zone? */
export function fitsCampaignDays(startMs: number, endMs: number, zone: string, days: { first: string; last: string }): boolean {
  return localDate(startMs, zone) >= days.first && localDate(endMs - 1, zone) <= days.last;
}

function normalizeTargets(
  targets: SessionInput['targets'],
  accounts: ReadonlyMap<string, Platform>,
  fail: (path: string, message: string) => void,
): SessionTarget[] {
  const seen = new Set<string>();
  return targets.map((t, i) => {
    const registered = accounts.get(t.accountId);
    if (!registered) fail(`targets.${i}.accountId`, `no registered account '${t.accountId}' (POST /v1/accounts first)`);
    else if (registered !== t.platform) fail(`targets.${i}.accountId`, `account '${t.accountId}' is a ${registered} account, not ${t.platform}`);
    const key = `${t.platform}:${t.accountId}`;
    if (seen.has(key)) fail(`targets.${i}`, `account '${t.accountId}' is targeted twice`);
    seen.add(key);
    const caps = capabilitiesOf(t.platform);
    if (!caps.canPost && t.announce === true) fail(`targets.${i}.announce`, caps.noPostReason ?? `${caps.displayName} has no post API`);
    if (t.tiktok !== undefined && caps.postSettings !== 'tiktok') fail(`targets.${i}.tiktok`, `TikTok settings belong on a tiktok target only, not on ${caps.displayName}`);
    const tiktok = caps.postSettings === 'tiktok' ? compactTiktokSettings(t.tiktok) : undefined;
    return {
      platform: t.platform,
      accountId: t.accountId,
      announce: t.announce ?? caps.defaults.announce,
      live: t.live ?? caps.defaults.live,
      ...(tiktok ? { tiktok } : {}),
    };
  });
}

/** The settings given, without absent keys; none given → undefined (nothing stored). */
export function compactTiktokSettings(input: TiktokSettingsInput | undefined): TiktokPostSettings | undefined {
  if (!input) return undefined;
  const out: TiktokPostSettings = {};
  if (input.privacyLevel !== undefined) out.privacyLevel = input.privacyLevel;
  if (input.brandOrganic !== undefined) out.brandOrganic = input.brandOrganic;
  if (input.brandContent !== undefined) out.brandContent = input.brandContent;
  if (input.disableComment !== undefined) out.disableComment = input.disableComment;
  return Object.keys(out).length > 0 ? out : undefined;
}

function normalizeOffsets(values: string[], path: string, fail: (path: string, message: string) => void): string[] {
  const out: string[] = [];
  // Compared by length, not spelling: PT60M and PT1H would be two posts at the same instant.
  const seenMs = new Map<number, string>();
  values.forEach((value, i) => {
    const parsed = parseOffset(value);
    if (!parsed.ok) {
      fail(`${path}.${i}`, parsed.message);
      return;
    }
    const same = seenMs.get(parsed.ms);
    if (same !== undefined) {
      fail(`${path}.${i}`, same === parsed.iso ? `duplicate offset ${parsed.iso}` : `duplicate offset ${parsed.iso} (the same as ${same})`);
      return;
    }
    seenMs.set(parsed.ms, parsed.iso);
    out.push(parsed.iso);
  });
  return out;
}

function checkCatalog(input: SessionInput, campaign: CampaignRef | null, fail: (path: string, message: string) => void): void {
  const lists: ['vendorIds' | 'productIds', ReadonlySet<string> | undefined][] = [
    ['vendorIds', campaign?.vendorIds],
    ['productIds', campaign?.productIds],
  ];
  for (const [field, known] of lists) {
    const ids = input[field] ?? [];
    if (ids.length === 0) continue;
    if (!input.campaignId) {
      fail(field, `${field} name a campaign's catalog: give campaignId`);
      continue;
    }
    if (!known) continue;
    ids.forEach((id, i) => {
      if (!known.has(id)) fail(`${field}.${i}`, `'${id}' is not in campaign '${input.campaignId}' catalog`);
    });
  }
}

function cleanProduct(p: { name: string; price?: number | undefined; url?: string | undefined }): Product {
  return dropUndefined(p);
}

function dropUndefined<T extends object>(obj: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> };
}

function copyNotify(h: NonNullable<SessionInput['notify']>[number]): NotifyHook {
  if (h.type === 'email') return { type: 'email', to: h.to };
  if (h.type === 'zalo') return { type: 'zalo', phone: h.phone };
  return { type: 'webhook', url: h.url, secret: h.secret };
}
