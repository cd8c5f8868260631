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
 * `error.errors[0].reason` of a YouTube Data API error → kind. Classified
 * from this field only, never from message text. Limits and state errors are not `permission`
 * (which flags the account and never retries): reasons per method from
 * https://developers.google.com/youtube/v3/live/docs/errors (liveBroadcasts.insert, .delete,
 * .transition) and https://developers.google.com/youtube/v3/docs/errors (dailyLimitExceeded).
 */
export const youtubeReasonTable: Readonly<Record<string, YoutubeErrorRule>> = {
  quotaExceeded: rule(
    'quota_exhausted',
    (a) => `The YouTube API daily quota used by ${a} is spent; it resets at midnight Pacific time.`,
  ),
  // usageLimits: the project's daily limit; like quotaExceeded it lifts at the Pacific midnight reset.
  dailyLimitExceeded: rule(
    'quota_exhausted',
    (a) => `The daily limit of LiveCue's Google project is reached while serving ${a}; it resets at midnight Pacific time.`,
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
  livePermissionBlocked: rule(
    'permission',
    (a) => `The YouTube channel of ${a} is currently blocked from streaming live; see the channel's features in YouTube Studio.`,
  ),
  // liveBroadcasts.insert: too many broadcasts exist on the channel; a human deletes or archives some.
  userBroadcastsExceedLimit: rule(
    'conflict',
    (a) => `The YouTube channel of ${a} holds too many scheduled broadcasts; delete or archive some in YouTube Studio, then retry the job.`,
  ),
  // liveBroadcasts.transition: another broadcast of the channel is live; it passes when that one ends.
  concurrentBroadcastsExceedLimit: rule(
    'rate_limited',
    (a) => `The YouTube channel of ${a} already runs as many live broadcasts at once as YouTube allows; LiveCue tries again in a minute.`,
  ),
  // liveBroadcasts.delete: the broadcast's state (live, complete) does not allow deletion.
  liveBroadcastDeletionNotAllowed: rule(
    'conflict',
    (a) => `YouTube does not allow deleting this broadcast of ${a} in its current state (live or complete); end or remove it in YouTube Studio.`,
  ),
  // liveBroadcasts.transition: YouTube failed while changing the status; it passes on a retry.
  errorExecutingTransition: rule(
    'unavailable',
    (a) => `YouTube failed while changing the broadcast status on ${a}; LiveCue will try again.`,
  ),
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

/**
 * Fallback when the reason is unknown: by HTTP status. An unknown 403 is `unknown` (retried, the
 * account not flagged): YouTube answers limits and state errors with 403 too, and a reason new to
 * LiveCue must not disable an account.
 */
export function kindOfHttpStatus(status: number): PlatformErrorKind {
  if (status === 401) return 'auth';
  if (status === 403) return 'unknown';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 408) return 'timeout';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'unavailable';
  if (status >= 400) return 'invalid_request';
  return 'unknown';
}
