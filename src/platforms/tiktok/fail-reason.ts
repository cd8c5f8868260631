import { PlatformError } from '../platform-error';
import type { PlatformErrorKind } from '../platform-error';
import { msUntilNextUtcDay } from './classify-error';

interface FailReasonRow {
  kind: PlatformErrorKind;
  explain: (account: string) => string;
}

const badMedia: FailReasonRow = {
  kind: 'invalid_request',
  explain: (a) => `TikTok could not use the promo media of '${a}' (format, size, duration or frame rate): change the image or video`,
};
const pullFailed: FailReasonRow = {
  kind: 'unavailable',
  explain: (a) => `TikTok could not download the promo media of '${a}'; LiveCue tries again (check the image address if this repeats)`,
};
const blocked: FailReasonRow = {
  kind: 'policy',
  explain: (a) => `TikTok blocked the promo post of '${a}' as spam risk; change the text or check the account`,
};

/**
 * `fail_reason` of a FAILED publish (status fetch or `post.publish.failed` webhook, TT-STATUS) →
 * PlatformError kind. `spam_risk_too_many_posts` is the daily cap, as the error code of the
 * same name; the other `spam_risk*` reasons are content or account blocks.
 */
export const tiktokFailReasonTable: Readonly<Record<string, FailReasonRow>> = {
  file_format_check_failed: badMedia,
  duration_check_failed: badMedia,
  frame_rate_check_failed: badMedia,
  picture_size_check_failed: badMedia,
  internal: {
    kind: 'unavailable',
    explain: (a) => `TikTok failed internally while publishing the promo of '${a}'; LiveCue tries again`,
  },
  video_pull_failed: pullFailed,
  photo_pull_failed: pullFailed,
  publish_cancelled: {
    kind: 'conflict',
    explain: (a) => `the TikTok promo of '${a}' was cancelled before it was published`,
  },
  auth_removed: {
    kind: 'auth',
    explain: (a) => `'${a}' removed LiveCue's access on TikTok: reconnect the account`,
  },
  spam_risk_too_many_posts: {
    kind: 'quota_exhausted',
    explain: (a) => `'${a}' reached TikTok's daily limit of posts made through apps; LiveCue tries again tomorrow`,
  },
  spam_risk_user_banned_from_posting: {
    kind: 'policy',
    explain: (a) => `TikTok has banned '${a}' from posting; check the account in the TikTok app`,
  },
  spam_risk_text: blocked,
  spam_risk: blocked,
};

export interface FailReasonContext {
  accountName: string;
  /** e.g. `getPostStatus`. */
  operation: string;
  /** Clock reading (epoch ms), for the retry time of the daily cap. */
  nowMs: number;
}

/** The error to record when a TikTok publish ended FAILED with `failReason` (for the post worker). */
export function classifyTiktokFailReason(failReason: string, context: FailReasonContext): PlatformError {
  const row: FailReasonRow = tiktokFailReasonTable[failReason] ?? {
    kind: 'unknown',
    explain: (a) => `TikTok could not publish the promo of '${a}'`,
  };
  return new PlatformError({
    platform: 'tiktok',
    operation: context.operation,
    kind: row.kind,
    message: `${row.explain(context.accountName)} (TikTok fail_reason ${failReason})`,
    platformCode: failReason,
    ...(row.kind === 'quota_exhausted' ? { retryAfterMs: msUntilNextUtcDay(context.nowMs) } : {}),
  });
}
