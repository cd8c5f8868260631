import type { AccountContext } from '../adapter';
import { PlatformError } from '../platform-error';
import type { WorkerPolicy } from '../worker-policy';
import { classifyTiktokFailReason } from './fail-reason';

/** How long an in-doubt TikTok post is looked for before LiveCue gives up on it (≥ publish + moderation time). */
export const tiktokInDoubtGraceMs = 10 * 60_000;

/**
 * Per-token limits per minute: content/init 6
 * (https://developers.tiktok.com/doc/content-posting-api-reference-photo-post), creator_info/query 20
 * (https://developers.tiktok.com/doc/content-posting-api-reference-query-creator-info), status/fetch 30
 * (https://developers.tiktok.com/doc/content-posting-api-reference-get-video-status).
 */
export const tiktokLimitsPerMinute = { init: 6, creatorInfo: 20, status: 30 } as const;

/**
 * A publish is asynchronous: the post is processed, then moderated, which "usually finishes within
 * one minute" and "may take a few hours"; findPost sees public published posts only
 * (https://developers.tiktok.com/doc/content-posting-api-reference-get-video-status).
 */
export const tiktokWorkerPolicy: WorkerPolicy = {
  pacing: {
    kind: 'per-minute',
    limitsPerMinute: tiktokLimitsPerMinute,
    endpointsOf: { publishPost: ['init', 'creatorInfo'], getPostStatus: ['status'] },
  },
  inDoubtPost: tiktokInDoubt,
  followUpPublish: {
    isSettled: (result) => result.status === 'PUBLISH_COMPLETE',
    pollWindowMs: 45_000,
    pollEveryMs: 1500,
    recheckMs: 30_000,
    giveUpMs: 6 * 3_600_000,
    classifyFailure: (reason, account, nowMs) => classifyTiktokFailReason(reason, { accountName: account.name, operation: 'getPostStatus', nowMs }),
  },
  notesUsage: false,
};

/** An earlier init may still be processing, and a private (SELF_ONLY) post is never listed: never post blindly. */
function tiktokInDoubt(account: AccountContext): ReturnType<NonNullable<WorkerPolicy['inDoubtPost']>> {
  return {
    graceMs: tiktokInDoubtGraceMs,
    recheckMs: 15_000,
    onUnverified: () =>
      new PlatformError({
        platform: 'tiktok',
        operation: 'publishPost',
        kind: 'conflict',
        platformCode: 'in_doubt',
        message: `an earlier attempt to post the TikTok promo of '${account.name}' was cut off and the post cannot be found (private posts are not listed), so LiveCue does not post again on its own: check the TikTok profile and retry the job if the promo is missing`,
      }),
  };
}
