import type { Platform } from '../domain/platform';
import type { JobKind } from '../domain/session';
import { streamInsertUnits, youtubeDailyQuota, youtubeUnitsPerOperation, youtubeUnitsPerSession } from './youtube/quota-cost';
import { quotaZone } from './youtube/quota-reset';

/**
 * What a platform can do, as plain data: the planner (src/planning, which imports no adapter),
 * the preview warnings and the calendar read it instead of branching on a platform's name.
 * Worker behaviour (pacing, in-doubt posts, follow-up) is in each adapter folder's worker policy.
 */
export interface PlatformCapabilities {
  /** The name organizers read. */
  displayName: string;
  /** Promo posts (announce / cancel-notice) through the API. */
  canPost: boolean;
  /** Why a promo cannot be asked for, when `canPost` is false (a 422 `path` message). */
  noPostReason: string | null;
  /** A live object (prepare / go / end) through the API. */
  canScheduleLive: boolean;
  /** When `canScheduleLive` is false: what the organizer must know about going live by hand. */
  manualLiveNote: string | null;
  /**
   * How far ahead of its start a scheduled live may be created, in ms (LiveCue's margin included);
   * null: created as soon as the session is planned.
   */
  liveCreateAheadMs: number | null;
  /** What a preview says when the live is created later than now because of that window. */
  liveWindowNote: string | null;
  /** The watch page of a live id (`{liveId}` is replaced); null when there is none to build. */
  liveUrlTemplate: string | null;
  /** A promo post needs at least one image. */
  promoNeedsImage: boolean;
  /**
   * The per-target promo settings object the platform takes (`targets[].tiktok`: privacy level
   * and content disclosure, which TikTok wants to be the user's choice,
   * https://developers.tiktok.com/doc/content-sharing-guidelines/); null: none.
   */
  postSettings: 'tiktok' | null;
  /** What a target gets when the organizer leaves `announce` / `live` out. */
  defaults: { announce: boolean; live: boolean };
  /**
   * How many calls of some kinds one account may make within a window, which the planner checks
   * (`rate_limit_conflict`) so a burst is spread before it is due; null when nothing to foresee.
   */
  burstLimit: {
    /** The job kinds that count (their runAt is when the call is made). */
    kinds: readonly JobKind[];
    windowMs: number;
    limit: number;
    /** What the counted calls are to organizers, e.g. `promos`. */
    calls: string;
    /** The account in messages, e.g. `account` or `page`. */
    accountNoun: string;
    /** Why the limit holds (said in the warning). */
    reason: string;
  } | null;
  /** A daily quota shared by the whole project, which planning budgets; null when none. */
  dailyQuota: {
    /** The default budget (a project Google granted more configures it: YOUTUBE_DAILY_QUOTA). */
    units: number;
    unitsPerSession: number;
    /** Units each job kind spends on the day it runs (planning counts the day's real plan). */
    unitsOfKind: Partial<Record<JobKind, number>>;
    /**
     * Units the first live of an account may add (YouTube: the channel's reusable stream). Planning
     * cannot know whether it exists yet, so it counts them once per account and quota day.
     */
    firstLiveUnits: number;
    /** IANA zone whose midnight starts a quota day, and how organizers call it. */
    dayZone: string;
    dayZoneLabel: string;
    /** How to get more (said in the warning). */
    moreQuota: string;
    /** What else an organizer can do with a day that does not fit (said in the refusal). */
    otherwise: string;
  } | null;
  /** Connecting accounts through the consent screen (src/connections). */
  connect: {
    /** The scopes LiveCue asks for, in the platform's spelling. */
    scopes: readonly string[];
    /** What one connected account is on this platform. */
    candidateKind: 'page' | 'creator' | 'channel';
    /** The variables holding this platform's app credentials (named by `422 not_configured`). */
    appCredentialVariables: string;
  };
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

export const PLATFORM_CAPABILITIES: Readonly<Record<Platform, PlatformCapabilities>> = {
  facebook: {
    displayName: 'Facebook',
    canPost: true,
    noPostReason: null,
    canScheduleLive: true,
    manualLiveNote: null,
    // A scheduled broadcast goes live "up to seven days from its creation date"
    // (https://developers.facebook.com/docs/live-video-api/guides/scheduling); LiveCue stays an hour inside.
    liveCreateAheadMs: 7 * DAY_MS - HOUR_MS,
    liveWindowNote: 'Facebook accepts scheduled lives at most 7 days ahead',
    liveUrlTemplate: 'https://www.facebook.com/{liveId}',
    promoNeedsImage: false,
    postSettings: null,
    defaults: { announce: true, live: true },
    // Page-token calls fall under the Pages Business Use Case limit, a budget per Page
    // (https://developers.facebook.com/docs/graph-api/overview/rate-limiting/#pages); once Graph
    // reports a page's usage high, LiveCue paces the page at 2 calls a minute (facebook/worker-policy.ts),
    // so more promos than that due in one minute on one page would go out late.
    burstLimit: {
      kinds: ['announce', 'cancel-notice'],
      windowMs: 60_000,
      limit: 2,
      calls: 'promos',
      accountNoun: 'page',
      reason: "Facebook throttles a busy page (Pages rate limit) and LiveCue then paces it at 2 calls a minute",
    },
    dailyQuota: null,
    connect: {
      // Listing, posting to and reading the Pages, and publish_video for the Live Video API
      // (https://developers.facebook.com/docs/live-video-api/getting-started).
      scopes: ['pages_show_list', 'pages_manage_posts', 'pages_read_engagement', 'publish_video'],
      candidateKind: 'page',
      appCredentialVariables: 'FACEBOOK_APP_ID and FACEBOOK_APP_SECRET',
    },
  },
  tiktok: {
    displayName: 'TikTok',
    canPost: true,
    noPostReason: null,
    // The Content Posting API publishes videos and photos only; there is no LIVE endpoint
    // (https://developers.tiktok.com/doc/content-posting-api-get-started/).
    canScheduleLive: false,
    manualLiveNote: 'TikTok has no API to schedule or start a LIVE: the host goes live in the app; LiveCue sends the go-live cue (session.cue)',
    liveCreateAheadMs: null,
    liveWindowNote: null,
    liveUrlTemplate: null,
    // Photo posts (media_type PHOTO) carry at least one image; there are no text-only posts
    // (https://developers.tiktok.com/doc/content-posting-api-reference-photo-post).
    promoNeedsImage: true,
    postSettings: 'tiktok',
    defaults: { announce: true, live: false },
    // content/init: 6 calls a minute per user access token
    // (https://developers.tiktok.com/doc/content-posting-api-reference-photo-post), as tiktok/worker-policy.ts paces.
    burstLimit: {
      kinds: ['announce', 'cancel-notice'],
      windowMs: 60_000,
      limit: 6,
      calls: 'promos',
      accountNoun: 'account',
      reason: 'TikTok takes 6 a minute per account',
    },
    dailyQuota: null,
    connect: {
      // The profile, and Direct Post (https://developers.tiktok.com/doc/content-posting-api-get-started/).
      scopes: ['user.info.basic', 'video.publish'],
      candidateKind: 'creator',
      appCredentialVariables: 'TIKTOK_CLIENT_KEY and TIKTOK_CLIENT_SECRET',
    },
  },
  youtube: {
    displayName: 'YouTube',
    canPost: false,
    noPostReason: 'YouTube has no post API: its scheduled broadcast is the announcement (leave announce out)',
    canScheduleLive: true,
    manualLiveNote: null,
    liveCreateAheadMs: null,
    liveWindowNote: null,
    liveUrlTemplate: 'https://www.youtube.com/watch?v={liveId}',
    promoNeedsImage: false,
    postSettings: null,
    defaults: { announce: false, live: true },
    burstLimit: null,
    // Quota per Google Cloud project and Pacific-time day, each call priced
    // (https://developers.google.com/youtube/v3/determine_quota_cost); see youtube/quota-cost.ts.
    dailyQuota: {
      units: youtubeDailyQuota,
      unitsPerSession: youtubeUnitsPerSession,
      unitsOfKind: {
        'prepare-live': youtubeUnitsPerOperation.createLive,
        'go-live': youtubeUnitsPerOperation.goLive,
        'end-live': youtubeUnitsPerOperation.endLive,
        'update-live': youtubeUnitsPerOperation.updateLive,
        'delete-live': youtubeUnitsPerOperation.deleteLive,
        guard: youtubeUnitsPerOperation.readIngest,
      },
      firstLiveUnits: streamInsertUnits,
      dayZone: quotaZone,
      dayZoneLabel: 'Pacific time',
      moreQuota: 'ask Google for a quota increase (Google Cloud console, YouTube Data API quota form) and set YOUTUBE_DAILY_QUOTA',
      otherwise: 'move some lives to another day, or put them on channels connected through another Google Cloud project',
    },
    connect: {
      // One scope manages the channel's broadcasts and streams
      // (https://developers.google.com/youtube/v3/guides/auth/server-side-web-apps).
      scopes: ['https://www.googleapis.com/auth/youtube'],
      candidateKind: 'channel',
      appCredentialVariables: 'GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET',
    },
  },
};

export function capabilitiesOf(platform: Platform): PlatformCapabilities {
  return PLATFORM_CAPABILITIES[platform];
}

/** The watch page of a platform's live id, or null when the platform has none to build. */
export function liveUrlOf(platform: Platform, liveId: string): string | null {
  const template = PLATFORM_CAPABILITIES[platform].liveUrlTemplate;
  return template === null ? null : template.replace('{liveId}', liveId);
}
