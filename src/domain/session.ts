import type { Platform } from './platform';

/** Session lifecycle: scheduled → live → ended, or cancelled. */
export const SESSION_STATUSES = ['scheduled', 'live', 'ended', 'cancelled'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export const JOB_KINDS = [
  'prepare-live',
  'announce',
  'reminder',
  'go-live',
  'end-live',
  'update-live',
  'delete-live',
  'cancel-notice',
  /** The on-air guard: reads each live's ingest state before the start (api.md "On-air guard"). */
  'guard',
] as const;
export type JobKind = (typeof JOB_KINDS)[number];

export const JOB_STATES = ['pending', 'running', 'completed', 'failed', 'skipped', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];

/** A job state from which nothing more will happen. */
export function isFinalJobState(state: JobState): boolean {
  return state === 'completed' || state === 'failed' || state === 'skipped' || state === 'cancelled';
}

/** TikTok's privacy levels (`post_info.privacy_level`). */
export const TIKTOK_PRIVACY_LEVELS = ['PUBLIC_TO_EVERYONE', 'MUTUAL_FOLLOW_FRIENDS', 'FOLLOWER_OF_CREATOR', 'SELF_ONLY'] as const;
export type TiktokPrivacyLevel = (typeof TIKTOK_PRIVACY_LEVELS)[number];

/**
 * The organizer's choices for a TikTok promo, which TikTok wants to be the user's: who sees it
 * (one of the creator's `privacy_level_options`), the content disclosure ("your brand" /
 * "branded content") and comments. Absent fields: the campaign's, else LiveCue's defaults
 * (widest privacy offered, no disclosure, comments on).
 */
export interface TiktokPostSettings {
  privacyLevel?: TiktokPrivacyLevel;
  brandOrganic?: boolean;
  brandContent?: boolean;
  disableComment?: boolean;
}

export interface SessionTarget {
  platform: Platform;
  accountId: string;
  /** Post promos on this target (facebook/tiktok default true, youtube false). */
  announce: boolean;
  /** Create a live on the platform (facebook/youtube) or cue the host (tiktok, manual). */
  live: boolean;
  /** TikTok targets only. */
  tiktok?: TiktokPostSettings;
}

export interface WebhookHook {
  type: 'webhook';
  url: string;
  /**
   * The HMAC key of the hook's signatures. Sealed at rest: as read from the store it is sealed
   * (src/store/crypto.ts `unsealStored` opens it where a delivery is signed).
   */
  secret: string;
}

/** A `notify` entry: a signed webhook, or a person by email or Zalo (phone stored as `84…`). */
export type NotifyHook = WebhookHook | { type: 'email'; to: string } | { type: 'zalo'; phone: string };

/** Who hosts a session; `phone` is stored as `84905123456`. */
export interface SessionHost {
  name: string;
  phone?: string;
  email?: string;
}

export interface Product {
  name: string;
  price?: number;
  url?: string;
}

/** What an organizer defines; instants are UTC ISO strings, the zone is IANA. */
export interface SessionDefinition {
  title: string;
  description?: string;
  startsAt: string;
  endsAt: string;
  timezone: string;
  campaignId: string | null;
  stageId: string | null;
  host?: SessionHost;
  vendor?: { name: string; stall?: string; market?: string };
  products: Product[];
  vendorIds: string[];
  productIds: string[];
  imageUrls: string[];
  targets: SessionTarget[];
  /** ISO 8601 durations before start, normalized (e.g. `P1D`, `PT1H`). */
  announceOffsets: string[];
  reminderOffsets: string[];
  /** On-air guard checks before the start (api.md "On-air guard"; default `PT10M`, `PT3M`; `[]` none). */
  guardOffsets: string[];
  notify: NotifyHook[];
  locale: 'vi' | 'en';
  text?: { announce?: string; live?: string };
  /** Recurrence series this session belongs to, if any. */
  seriesId?: string;
}

/** What the platforms gave back for one target. */
export interface TargetRuntime {
  liveId: string | null;
  ingestUrl: string | null;
  streamId?: string | null;
  postIds: string[];
  /** What the last on-air guard read of the live's ingest (api.md "On-air guard"). */
  signal?: TargetSignal | null;
  signalCheckedAt?: string | null;
}

/** Ingest state of a live: video arrives and is healthy, nothing arrives, or it arrives broken. */
export const TARGET_SIGNALS = ['ok', 'none', 'bad'] as const;
export type TargetSignal = (typeof TARGET_SIGNALS)[number];

/** One planned or past action of a session, as stored and as reported by the API. */
export interface JobRecord {
  /** Action key: `<kind>__<platform>__<accountId>__<offset>` (parts omitted when absent). */
  key: string;
  /** BullMQ job id: `<sessionId>__<key>`. */
  id: string;
  kind: JobKind;
  platform: Platform | null;
  accountId: string | null;
  /** ISO 8601 duration before start for announce/reminder, else null. */
  offset: string | null;
  /** When the job is due (UTC ISO). */
  runAt: string;
  /** Past this instant the job is skipped as stale instead of done late (UTC ISO). */
  staleAt: string;
  state: JobState;
  attempts: number;
  lastError: string | null;
  /** Why a job was skipped or cancelled. */
  reason: string | null;
  result: Record<string, unknown> | null;
  firedAt: string | null;
  finishedAt: string | null;
  /** Session version this job was planned for. */
  plannedVersion: number;
}

export interface Session extends SessionDefinition {
  id: string;
  version: number;
  status: SessionStatus;
  runtime: Record<string, TargetRuntime>;
  jobs: JobRecord[];
  createdAt: string;
  updatedAt: string;
}

/** A TikTok target's settings over its campaign's defaults (the target's own win, key by key). */
export function effectiveTiktokSettings(target: SessionTarget, campaignDefaults: TiktokPostSettings | undefined): TiktokPostSettings {
  return { ...(campaignDefaults ?? {}), ...(target.tiktok ?? {}) };
}

/**
 * The promo images of a session: its own, else its campaign's, else the configured fallback
 * (api.md `imageUrls`).
 */
export function promoImageUrls(imageUrls: string[], campaignImageUrl: string | null, fallback: string | null): string[] {
  if (imageUrls.length > 0) return imageUrls;
  if (campaignImageUrl) return [campaignImageUrl];
  return fallback ? [fallback] : [];
}

/** Key of a target in `Session.runtime`. */
export function targetKey(platform: Platform, accountId: string): string {
  return `${platform}:${accountId}`;
}

/** Delivery refs (`s<index>`) of the session's webhook hooks; email and Zalo entries are people, not hooks. */
export function webhookRefs(session: Pick<SessionDefinition, 'notify'>): string[] {
  return session.notify.flatMap((h, i) => (h.type === 'webhook' ? [`s${String(i)}`] : []));
}
