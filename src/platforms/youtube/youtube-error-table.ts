import type { PlatformErrorKind } from '../platform-error';

/** How one YouTube `reason` (or Google OAuth `error`) is handled, and what an organizer reads. */
export interface YoutubeErrorRule {
  kind: PlatformErrorKind;
  /** A sentence for organizers; `account` is the account's quoted name. */
  explain(account: string): string;
}

const rule = (kind: PlatformErrorKind, explain: (account: string) => string): YoutubeErrorRule => ({ kind, explain });

const rateLimited = rule(
  'rate_limited',
  (a) => `YouTube is rate limiting requests for ${a}; LiveCue will try again shortly.`,
);
const notFound = (what: string): YoutubeErrorRule =>
  rule('not_found', (a) => `The YouTube ${what} no longer exists on ${a} (deleted on YouTube?).`);

/**
 * `error.errors[0].reason` of a YouTube Data API error → kind (https://developers.google.com/youtube/v3/live/docs/errors). Classified
 * from this field only, never from message text.
 */
export const youtubeReasonTable: Readonly<Record<string, YoutubeErrorRule>> = {
  quotaExceeded: rule(
    'quota_exhausted',
    (a) => `The YouTube API daily quota used by ${a} is spent; it resets at midnight Pacific time.`,
  ),
  rateLimitExceeded: rateLimited,
  userRateLimitExceeded: rateLimited,
  userRequestsExceedRateLimit: rateLimited,
  liveStreamingNotEnabled: rule(
    'permission',
    (a) => `Live streaming is not enabled on the YouTube channel of ${a}; enable it in YouTube Studio (it can take 24 hours).`,
  ),
  insufficientLivePermissions: rule(
    'permission',
    (a) => `${a} is not allowed to create or control live broadcasts on this YouTube channel.`,
  ),
  insufficientPermissions: rule(
    'permission',
    (a) => `${a} did not grant LiveCue the YouTube permissions it needs; reconnect the account.`,
  ),
  forbidden: rule('permission', (a) => `YouTube refused the request for ${a}: the account lacks the rights for it.`),
  liveBroadcastBindingNotAllowed: rule(
    'conflict',
    (a) => `YouTube does not allow changing the stream of this broadcast on ${a} in its current state.`,
  ),
  invalidTransition: rule(
    'conflict',
    (a) => `The YouTube broadcast on ${a} cannot move to that state from where it is now.`,
  ),
  // Callers treat this as success (the broadcast is already where we want it); see platformCode.
  redundantTransition: rule('conflict', (a) => `The YouTube broadcast on ${a} is already in that state.`),
  errorStreamInactive: rule(
    'unavailable',
    (a) => `YouTube cannot start the broadcast on ${a} yet: no video is arriving from the encoder yet.`,
  ),
  liveBroadcastNotFound: notFound('broadcast'),
  liveStreamNotFound: notFound('stream'),
  notFound: notFound('resource'),
  authError: rule('auth', (a) => `YouTube no longer accepts the sign-in of ${a}; reconnect the account.`),
  backendError: rule('unavailable', (a) => `YouTube had an internal error while serving ${a}; LiveCue will try again.`),
  internalError: rule('unavailable', (a) => `YouTube had an internal error while serving ${a}; LiveCue will try again.`),
};

/** Google OAuth token endpoint `error` field (refresh failures) → kind. */
export const googleOauthErrorTable: Readonly<Record<string, YoutubeErrorRule>> = {
  invalid_grant: rule(
    'auth',
    (a) => `Google no longer accepts the saved sign-in of ${a} (revoked or expired); reconnect the account.`,
  ),
  invalid_client: rule(
    'invalid_request',
    (a) => `Google refused LiveCue's OAuth client while refreshing ${a}; check the Google client id and secret.`,
  ),
  unauthorized_client: rule(
    'invalid_request',
    (a) => `Google does not let LiveCue's OAuth client refresh ${a}; check the Google client settings.`,
  ),
};

/** Reasons of the `…Required` / `invalid…` families: our request was wrong. */
export function isInvalidRequestReason(reason: string): boolean {
  return /Required$/.test(reason) || /^invalid[A-Z]/.test(reason) || reason === 'unknownPart';
}

/** Fallback when the reason is unknown: by HTTP status. */
export function kindOfHttpStatus(status: number): PlatformErrorKind {
  if (status === 401) return 'auth';
  if (status === 403) return 'permission';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 408) return 'timeout';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'unavailable';
  if (status >= 400) return 'invalid_request';
  return 'unknown';
}
