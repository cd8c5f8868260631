import { classifyTiktokError, msUntilNextUtcDay, parseRetryAfterMs, tiktokErrorTable } from '../../../../src/platforms/tiktok/classify-error';
import type { TiktokFailure } from '../../../../src/platforms/tiktok/classify-error';

const nowMs = Date.UTC(2030, 4, 17, 22, 30, 0);
const failure = (overrides: Partial<TiktokFailure>): TiktokFailure => ({
  operation: 'publishPost',
  accountName: 'Hanoi Jazz Club',
  httpStatus: 403,
  code: null,
  nowMs,
  ...overrides,
});

describe('classifyTiktokError', () => {
  it.each([
    ['invalid_param', 'invalid_request', false, undefined],
    ['invalid_params', 'invalid_request', false, undefined],
    ['app_version_check_failed', 'invalid_request', false, undefined],
    ['spam_risk_too_many_posts', 'quota_exhausted', false, 90 * 60_000],
    ['spam_risk_too_many_pending_share', 'rate_limited', false, 3_600_000],
    ['spam_risk_user_banned_from_posting', 'policy', false, undefined],
    ['reached_active_user_cap', 'quota_exhausted', false, 90 * 60_000],
    ['unaudited_client_can_only_post_to_private_accounts', 'permission', false, undefined],
    ['url_ownership_unverified', 'permission', false, undefined],
    ['privacy_level_option_mismatch', 'invalid_request', false, undefined],
    ['access_token_invalid', 'auth', true, undefined],
    ['scope_not_authorized', 'permission', true, undefined],
    ['scope_permission_missed', 'permission', true, undefined],
    ['rate_limit_exceeded', 'rate_limited', false, 60_000],
    ['invalid_publish_id', 'invalid_request', false, undefined],
    ['token_not_authorized_for_specified_publish_id', 'invalid_request', false, undefined],
    ['publish_not_cancellable', 'invalid_request', false, undefined],
    ['internal_error', 'unavailable', false, undefined],
  ] as const)('maps %s to %s', (code, kind, flagsAccount, retryAfterMs) => {
    const err = classifyTiktokError(failure({ code, logId: '2030LOG' }));
    expect(err).toMatchObject({ platform: 'tiktok', kind, flagsAccount, retryAfterMs, platformCode: code, httpStatus: 403 });
    expect(err.message).toContain("'Hanoi Jazz Club'");
    expect(err.message).toContain('log 2030LOG');
  });

  it('covers every code of the table in the test above', () => {
    expect(Object.keys(tiktokErrorTable).sort()).toEqual(
      [
        'access_token_invalid', 'app_version_check_failed', 'internal_error', 'invalid_file_upload', 'invalid_param',
        'invalid_params', 'invalid_publish_id', 'privacy_level_option_mismatch', 'publish_not_cancellable',
        'rate_limit_exceeded', 'reached_active_user_cap', 'scope_not_authorized', 'scope_permission_missed',
        'spam_risk_too_many_pending_share', 'spam_risk_too_many_posts', 'spam_risk_user_banned_from_posting',
        'token_not_authorized_for_specified_publish_id', 'unaudited_client_can_only_post_to_private_accounts',
        'url_ownership_unverified',
      ].sort(),
    );
  });

  it('decides by error.code even when the HTTP status says success', () => {
    expect(classifyTiktokError(failure({ code: 'spam_risk_too_many_posts', httpStatus: 200 })).kind).toBe('quota_exhausted');
  });

  it('never reads the message text', () => {
    const err = classifyTiktokError(failure({ code: 'something_new', httpStatus: 403 }));
    expect(err).toMatchObject({ kind: 'unknown', platformCode: 'something_new', retryable: true });
  });

  it.each([
    [401, 'auth'],
    [429, 'rate_limited'],
    [500, 'unavailable'],
    [503, 'unavailable'],
    [404, 'unknown'],
  ] as const)('falls back to HTTP %i without a TikTok body: %s', (httpStatus, kind) => {
    const err = classifyTiktokError(failure({ httpStatus }));
    expect(err.kind).toBe(kind);
    expect(err.platformCode).toBeUndefined();
  });

  it('uses Retry-After for the per-minute limit when present', () => {
    expect(classifyTiktokError(failure({ code: 'rate_limit_exceeded', retryAfterHeader: '90' })).retryAfterMs).toBe(90_000);
  });
});

describe('msUntilNextUtcDay', () => {
  it('counts to the next 00:00 UTC', () => {
    expect(msUntilNextUtcDay(nowMs)).toBe(90 * 60_000);
    expect(msUntilNextUtcDay(Date.UTC(2030, 11, 31, 0, 0, 0))).toBe(86_400_000);
  });

  it('waits at least a minute just before midnight', () => {
    expect(msUntilNextUtcDay(Date.UTC(2030, 0, 1, 23, 59, 59, 500))).toBe(60_000);
  });
});

describe('parseRetryAfterMs', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfterMs('30', nowMs)).toBe(30_000);
    expect(parseRetryAfterMs(new Date(nowMs + 45_000).toUTCString(), nowMs)).toBe(45_000);
  });

  it('ignores absent or unreadable values', () => {
    expect(parseRetryAfterMs(undefined, nowMs)).toBeUndefined();
    expect(parseRetryAfterMs('soon', nowMs)).toBeUndefined();
  });
});
