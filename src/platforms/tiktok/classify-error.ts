import { PlatformError } from '../platform-error';
import type { PlatformErrorKind } from '../platform-error';

/** How long to back off for a per-minute limit without a Retry-After header (limits are per minute per token). */
export const tiktokRateWindowMs = 60_000;
/** Pending inbox shares free up as TikTok discards or the user finishes them; look again in an hour. */
export const tiktokPendingShareBackoffMs = 3_600_000;

type Backoff = 'rate_window' | 'pending_shares' | 'next_utc_day';

interface ErrorRow {
  kind: PlatformErrorKind;
  /** An organizer-readable sentence naming the account. */
  explain: (account: string) => string;
  backoff?: Backoff;
  /** Overrides PlatformError's default (auth and permission flag the account). */
  flagsAccount?: boolean;
}

const malformed: ErrorRow = {
  kind: 'invalid_request',
  explain: (a) => `TikTok rejected LiveCue's request for '${a}' as malformed; this is a LiveCue bug, not something to fix in the account`,
};
const missingScope: ErrorRow = {
  kind: 'permission',
  explain: (a) => `the TikTok login of '${a}' lacks a permission LiveCue needs: reconnect the account and allow every permission`,
};
const wrongPublish: ErrorRow = {
  kind: 'invalid_request',
  explain: (a) => `TikTok does not know this post for '${a}' (wrong or foreign publish id)`,
};

/**
 * TikTok v2 `error.code` → PlatformError (https://developers.tiktok.com/doc/tiktok-api-v2-error-handling). The code decides, whatever the
 * HTTP status: creator_info reports caps with HTTP 200 and a non-ok code.
 */
export const tiktokErrorTable: Readonly<Record<string, ErrorRow>> = {
  invalid_param: malformed,
  invalid_params: malformed,
  invalid_file_upload: malformed,
  app_version_check_failed: {
    kind: 'invalid_request',
    explain: (a) => `the TikTok app of '${a}' is too old to receive drafts: update the TikTok app on the phone`,
  },
  spam_risk_too_many_posts: {
    kind: 'quota_exhausted',
    backoff: 'next_utc_day',
    explain: (a) => `'${a}' reached TikTok's daily limit of posts made through apps; LiveCue tries again tomorrow`,
  },
  spam_risk_too_many_pending_share: {
    kind: 'rate_limited',
    backoff: 'pending_shares',
    explain: (a) => `'${a}' has too many unfinished TikTok drafts waiting in the app inbox: finish or delete them`,
  },
  spam_risk_user_banned_from_posting: {
    kind: 'policy',
    explain: (a) => `TikTok has banned '${a}' from posting; check the account in the TikTok app`,
  },
  reached_active_user_cap: {
    kind: 'quota_exhausted',
    backoff: 'next_utc_day',
    flagsAccount: false,
    explain: (a) => `LiveCue's TikTok app reached its daily cap of posting users, so '${a}' can post again tomorrow`,
  },
  // The app's state, not the account's login: the account is not flagged.
  unaudited_client_can_only_post_to_private_accounts: {
    kind: 'permission',
    flagsAccount: false,
    explain: (a) =>
      `LiveCue's TikTok app is not audited yet: TikTok takes only SELF_ONLY posts from private accounts, so make '${a}' a private account in the TikTok app (or wait for the audit and set TIKTOK_AUDITED=true)`,
  },
  url_ownership_unverified: {
    kind: 'permission',
    flagsAccount: false,
    explain: (a) => `TikTok refused the promo image for '${a}': its web address is not verified for LiveCue's TikTok app`,
  },
  privacy_level_option_mismatch: {
    kind: 'invalid_request',
    explain: (a) => `TikTok no longer offers the chosen privacy level for '${a}'; check the account's privacy settings`,
  },
  access_token_invalid: {
    kind: 'auth',
    explain: (a) => `the TikTok login of '${a}' expired or was revoked: reconnect the account`,
  },
  scope_not_authorized: missingScope,
  scope_permission_missed: missingScope,
  rate_limit_exceeded: {
    kind: 'rate_limited',
    backoff: 'rate_window',
    explain: (a) => `TikTok's per-minute limit for '${a}' was reached; LiveCue waits and tries again`,
  },
  invalid_publish_id: wrongPublish,
  token_not_authorized_for_specified_publish_id: wrongPublish,
  publish_not_cancellable: {
    kind: 'invalid_request',
    explain: (a) => `the TikTok post of '${a}' has already finished and cannot be cancelled`,
  },
  internal_error: {
    kind: 'unavailable',
    explain: (a) => `TikTok had an internal error while acting for '${a}'; LiveCue tries again`,
  },
};

/** A failed TikTok answer, as read from the wire. */
export interface TiktokFailure {
  operation: string;
  accountName: string;
  httpStatus: number;
  /** `error.code`, or null when the body was not a TikTok envelope. */
  code: string | null;
  logId?: string | undefined;
  retryAfterHeader?: string | undefined;
  nowMs: number;
}

/** Milliseconds until the next 00:00 UTC (at least one minute). */
export function msUntilNextUtcDay(nowMs: number): number {
  const now = new Date(nowMs);
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
  return Math.max(midnight - nowMs, 60_000);
}

/** `Retry-After` as delta-seconds or an HTTP date, in ms from now; undefined when absent or unreadable. */
export function parseRetryAfterMs(header: string | undefined, nowMs: number): number | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(at - nowMs, 0);
}

/**
 * TikTok does not publish when its daily caps reset: we wait until the next UTC midnight (a
 * rolling window that has not reset then costs one more refused call and another day's wait).
 */
function backoffMs(backoff: Backoff, failure: TiktokFailure): number {
  switch (backoff) {
    case 'rate_window':
      return parseRetryAfterMs(failure.retryAfterHeader, failure.nowMs) ?? tiktokRateWindowMs;
    case 'pending_shares':
      return tiktokPendingShareBackoffMs;
    case 'next_utc_day':
      return msUntilNextUtcDay(failure.nowMs);
  }
}

function rowForStatus(httpStatus: number): ErrorRow {
  if (httpStatus === 401) return tiktokErrorTable.access_token_invalid ?? malformed;
  if (httpStatus === 429) return tiktokErrorTable.rate_limit_exceeded ?? malformed;
  if (httpStatus >= 500) return tiktokErrorTable.internal_error ?? malformed;
  return {
    kind: 'unknown',
    explain: (a) => `TikTok answered an unexpected error (HTTP ${httpStatus}) while acting for '${a}'`,
  };
}

/** Classify a TikTok v2 failure from its `error.code` (never its message), falling back to the HTTP status. */
export function classifyTiktokError(failure: TiktokFailure): PlatformError {
  const known = failure.code === null ? undefined : tiktokErrorTable[failure.code];
  const row = known ?? rowForStatus(failure.httpStatus);
  const ref = [failure.code ? `code ${failure.code}` : `HTTP ${failure.httpStatus}`, failure.logId ? `log ${failure.logId}` : null]
    .filter((part) => part !== null)
    .join(', ');
  return new PlatformError({
    platform: 'tiktok',
    operation: failure.operation,
    kind: row.kind,
    message: `${row.explain(failure.accountName)} (TikTok ${ref})`,
    httpStatus: failure.httpStatus,
    ...(failure.code === null ? {} : { platformCode: failure.code }),
    ...(row.backoff === undefined ? {} : { retryAfterMs: backoffMs(row.backoff, failure) }),
    ...(row.flagsAccount === undefined ? {} : { flagsAccount: row.flagsAccount }),
  });
}
