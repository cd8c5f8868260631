import type { Credentials } from '../domain/account';
import type { Platform } from '../domain/platform';
import type { TiktokPostSettings } from '../domain/session';

/** The account an adapter call acts for, with its decrypted credentials. */
export interface AccountContext {
  accountId: string;
  /** Facebook page id, TikTok open_id, YouTube channel id. */
  externalId: string;
  name: string;
  credentials: Credentials;
  /**
   * Persist refreshed credentials before the new access token is used. Called by adapters after a
   * token refresh (TikTok rotation, Google `tokens` event). Never called with an empty refresh token.
   */
  saveCredentials(next: Credentials): Promise<void>;
}

export interface PostContent {
  /** The full post text (already rendered, marker included at the end). */
  text: string;
  /** Short title (TikTok photo title ≤ 90 UTF-16 units). */
  title: string;
  /** A hidden marker embedded in `text`; `findPost` looks for it to avoid posting twice. */
  marker: string;
  link?: string;
  /** Public http(s) image URLs; TikTok photo posts need at least one. */
  imageUrls: string[];
  /** TikTok: the organizer's privacy and disclosure choices, and whether the app is audited. */
  tiktok?: TiktokPostChoice;
}

/** What a TikTok promo is posted with (absent settings: LiveCue's defaults). */
export interface TiktokPostChoice extends TiktokPostSettings {
  /** TikTok audited LiveCue's app; until then only SELF_ONLY is sent. */
  audited: boolean;
}

export interface PostResult {
  postId: string;
  url?: string;
  /** Extra platform facts worth recording (TikTok publish status, Facebook photo id, …). */
  details?: Record<string, unknown>;
}

export interface PostStatus {
  state: 'processing' | 'published' | 'failed';
  /** Platform's reason when failed (e.g. TikTok `fail_reason`). */
  failReason?: string;
  /** Public post ids once known (TikTok `publicaly_available_post_id`). */
  publicIds?: string[];
}

export interface LiveSpec {
  title: string;
  description: string;
  /** UTC ISO instants. */
  startsAt: string;
  endsAt: string;
  /** A hidden marker placed in the description; `findLive` looks for it. */
  marker: string;
}

/** A live object the platform holds for a session. */
export interface LiveRef {
  liveId: string;
  /** YouTube's bound stream. */
  streamId?: string | null;
}

export interface LiveResult extends LiveRef {
  /** Where the encoder pushes (RTMP(S) URL incl. key); a secret, never logged. */
  ingestUrl: string | null;
  /** A watch page, when the platform gives one. */
  url?: string;
  status?: string;
}

/** What a check of an account's login found (the daily account-health job). */
export interface AccountHealth {
  /** `valid`: the login works; `invalid`: it is dead and a human must reconnect it. */
  state: 'valid' | 'invalid';
  /** Organizer-readable, naming the account; null when valid. */
  reason: string | null;
  /** The check refreshed the credentials (and saved them through `saveCredentials`). */
  refreshed: boolean;
  /** When the checked token stops working, when the platform says (absent: never or unknown). */
  expiresAt?: string;
}

/**
 * One interface for every platform. Adapters never sleep and never retry: they make the call,
 * classify failures into `PlatformError`, and return. Operations a platform lacks throw a
 * `PlatformError` of kind `invalid_request`.
 */
export interface PlatformAdapter {
  readonly platform: Platform;
  /** The platform has a post API LiveCue uses (facebook, tiktok). */
  readonly canPost: boolean;
  /** The platform has an API to schedule lives (facebook, youtube). */
  readonly canScheduleLive: boolean;

  publishPost(account: AccountContext, content: PostContent): Promise<PostResult>;
  /** Look for a post carrying `marker` (after a crash between the call and the record). */
  findPost(account: AccountContext, marker: string): Promise<PostResult | null>;
  /**
   * Where a post is now. Facebook posts are published when created; TikTok posts are processed
   * asynchronously (PROCESSING_DOWNLOAD → PUBLISH_COMPLETE or FAILED with a fail_reason).
   */
  getPostStatus(account: AccountContext, postId: string): Promise<PostStatus>;

  createLive(account: AccountContext, spec: LiveSpec): Promise<LiveResult>;
  /** Look for a live carrying `marker` in its description. */
  findLive(account: AccountContext, marker: string): Promise<LiveResult | null>;
  updateLive(account: AccountContext, live: LiveRef, spec: LiveSpec): Promise<void>;
  /** Start the broadcast (Facebook `LIVE_NOW`, YouTube transition to `live`). */
  goLive(account: AccountContext, live: LiveRef): Promise<LiveResult>;
  endLive(account: AccountContext, live: LiveRef): Promise<void>;
  deleteLive(account: AccountContext, live: LiveRef): Promise<void>;
  /**
   * Check the account's login and renew what can be renewed: Facebook asks `debug_token` about the
   * page token (it cannot be refreshed), TikTok and YouTube refresh (with rotation) and save. A
   * dead login is `{state: 'invalid'}`; a failure to ask (outage, rate limit) is thrown as usual.
   */
  checkAccount?(account: AccountContext): Promise<AccountHealth>;
  /** The live's ingest state and existence, for the on-air guard (platforms with live APIs). */
  readIngest?(account: AccountContext, live: LiveRef): Promise<IngestReading>;
  /**
   * What the account may post with now (TikTok `creator_info`: the privacy levels it offers),
   * for checking an organizer's choice before a session is saved. Posts nothing.
   */
  readPostingOptions?(account: AccountContext): Promise<PostingOptions>;
}

export interface PostingOptions {
  /** TikTok `privacy_level_options`. */
  privacyLevelOptions: string[];
}

/**
 * What the on-air guard reads of one live (api.md "On-air guard"): whether the live still exists
 * and can go live (`gone`: deleted, expired or cancelled on the platform), and what arrives from
 * the encoder (`ok`, `none`: nothing, `bad`: video with problems).
 */
export interface IngestReading {
  live: 'present' | 'gone';
  signal: 'ok' | 'none' | 'bad';
  /** The platform's own words (status, health), for people and logs. */
  detail: string;
}

export type PlatformAdapters = Record<Platform, PlatformAdapter>;
