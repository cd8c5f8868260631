import { PlatformError } from '../../../../src/platforms/platform-error';
import type { PlatformErrorKind } from '../../../../src/platforms/platform-error';
import { classifyYoutubeError, defaultRateLimitDelayMs } from '../../../../src/platforms/youtube/classify-youtube-error';

const nowMs = Date.parse('2024-06-07T12:00:00Z'); // 05:00 in Los Angeles (PDT)
const context = { operation: 'goLive', accountName: 'Chợ Cồn Live', nowMs };

/** What gaxios throws for an HTTP failure (only the fields the classifier reads). */
function httpError(status: number, data: unknown, headers: Record<string, string> = {}): Error {
  return Object.assign(new Error('Request failed'), { response: { status, data, headers: new Headers(headers) } });
}

function youtubeError(status: number, reason: string): Error {
  return httpError(status, { error: { code: status, message: 'ignored text', errors: [{ reason, domain: 'youtube.liveBroadcast', message: 'x' }] } });
}

function gaxiosTransportError(cause: unknown): Error {
  return Object.assign(new Error('request to youtube failed'), { [Symbol.for('gaxios-gaxios-error')]: '7.1.3', cause });
}

describe('classifyYoutubeError', () => {
  const table: [string, number, PlatformErrorKind][] = [
    ['quotaExceeded', 403, 'quota_exhausted'],
    ['rateLimitExceeded', 403, 'rate_limited'],
    ['userRateLimitExceeded', 429, 'rate_limited'],
    ['userRequestsExceedRateLimit', 403, 'rate_limited'],
    ['liveStreamingNotEnabled', 403, 'permission'],
    ['insufficientLivePermissions', 403, 'permission'],
    ['liveBroadcastBindingNotAllowed', 403, 'conflict'],
    ['invalidTransition', 403, 'conflict'],
    ['redundantTransition', 403, 'conflict'],
    ['errorStreamInactive', 403, 'unavailable'],
    ['dailyLimitExceeded', 403, 'quota_exhausted'],
    ['userBroadcastsExceedLimit', 403, 'conflict'],
    ['concurrentBroadcastsExceedLimit', 403, 'rate_limited'],
    ['liveBroadcastDeletionNotAllowed', 403, 'conflict'],
    ['livePermissionBlocked', 403, 'permission'],
    ['errorExecutingTransition', 403, 'unavailable'],
    ['liveBroadcastNotFound', 404, 'not_found'],
    ['liveStreamNotFound', 404, 'not_found'],
    ['idRequired', 400, 'invalid_request'],
    ['scheduledStartTimeRequired', 400, 'invalid_request'],
    ['invalidScheduledStartTime', 400, 'invalid_request'],
    ['invalidValue', 400, 'invalid_request'],
    ['authError', 401, 'auth'],
    ['backendError', 500, 'unavailable'],
    ['internalError', 503, 'unavailable'],
  ];

  it.each(table)('maps reason %s (HTTP %d) to %s', (reason, status, kind) => {
    const err = classifyYoutubeError(youtubeError(status, reason), context);
    expect(err).toMatchObject({ platform: 'youtube', operation: 'goLive', kind, platformCode: reason, httpStatus: status });
    expect(err.message).toContain('"Chợ Cồn Live"');
  });

  it('flags the account for no limit or state error, only for a lost permission', () => {
    for (const reason of ['dailyLimitExceeded', 'userBroadcastsExceedLimit', 'concurrentBroadcastsExceedLimit', 'liveBroadcastDeletionNotAllowed', 'errorExecutingTransition']) {
      expect(classifyYoutubeError(youtubeError(403, reason), context).flagsAccount).toBe(false);
    }
    expect(classifyYoutubeError(youtubeError(403, 'livePermissionBlocked'), context)).toMatchObject({ flagsAccount: true, retryable: false });
    expect(classifyYoutubeError(youtubeError(403, 'dailyLimitExceeded'), context).retryAfterMs).toBe(19 * 3_600_000);
    expect(classifyYoutubeError(youtubeError(403, 'errorExecutingTransition'), context).retryable).toBe(true);
  });

  it('waits for midnight Pacific time when the quota is spent', () => {
    const err = classifyYoutubeError(youtubeError(403, 'quotaExceeded'), context);
    expect(err.retryAfterMs).toBe(19 * 3_600_000);
    expect(err.retryable).toBe(true);
  });

  it('backs off a rate limit by Retry-After, else by the default', () => {
    const withHeader = httpError(429, { error: { errors: [{ reason: 'rateLimitExceeded' }] } }, { 'retry-after': '12' });
    expect(classifyYoutubeError(withHeader, context).retryAfterMs).toBe(12_000);
    expect(classifyYoutubeError(youtubeError(403, 'rateLimitExceeded'), context).retryAfterMs).toBe(defaultRateLimitDelayMs);
  });

  it('classifies by reason, never by message text', () => {
    const misleading = httpError(403, { error: { code: 403, message: 'quotaExceeded rateLimitExceeded', errors: [{ reason: 'invalidTransition' }] } });
    expect(classifyYoutubeError(misleading, context).kind).toBe('conflict');
  });

  it('falls back on reason families and then on the HTTP status', () => {
    expect(classifyYoutubeError(youtubeError(400, 'privacyStatusRequired'), context).kind).toBe('invalid_request');
    expect(classifyYoutubeError(youtubeError(400, 'invalidPrivacyStatus'), context).kind).toBe('invalid_request');
    expect(classifyYoutubeError(youtubeError(403, 'somethingNew'), context)).toMatchObject({ kind: 'unknown', retryable: true, flagsAccount: false });
    expect(classifyYoutubeError(httpError(502, '<html>bad gateway</html>'), context)).toMatchObject({ kind: 'unavailable', httpStatus: 502 });
    expect(classifyYoutubeError(httpError(401, ''), context)).toMatchObject({ kind: 'auth', flagsAccount: true });
  });

  it('reads Google OAuth refresh failures', () => {
    const revoked = httpError(400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
    expect(classifyYoutubeError(revoked, context)).toMatchObject({ kind: 'auth', platformCode: 'invalid_grant', flagsAccount: true, retryable: false });
    const badClient = httpError(401, { error: 'invalid_client', error_description: 'The OAuth client was not found.' });
    expect(classifyYoutubeError(badClient, context)).toMatchObject({ kind: 'invalid_request', platformCode: 'invalid_client' });
  });

  it('maps transport failures: timeouts to timeout, connection failures to unavailable', () => {
    const timeout = gaxiosTransportError(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
    expect(classifyYoutubeError(timeout, context)).toMatchObject({ kind: 'timeout', retryable: true });
    const refused = gaxiosTransportError(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }));
    expect(classifyYoutubeError(refused, context)).toMatchObject({ kind: 'unavailable', platformCode: 'ECONNREFUSED' });
    expect(classifyYoutubeError(gaxiosTransportError(new TypeError('fetch failed')), context).kind).toBe('unavailable');
  });

  it('passes PlatformErrors through and marks anything else unknown', () => {
    const own = new PlatformError({ platform: 'youtube', operation: 'goLive', kind: 'conflict', message: 'ended' });
    expect(classifyYoutubeError(own, context)).toBe(own);
    expect(classifyYoutubeError(new Error('boom'), context)).toMatchObject({ kind: 'unknown', retryable: true });
    expect(classifyYoutubeError('not even an error', context).kind).toBe('unknown');
  });
});
