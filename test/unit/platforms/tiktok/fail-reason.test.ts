import { classifyTiktokFailReason } from '../../../../src/platforms/tiktok/fail-reason';

const context = { accountName: 'Hanoi Jazz Club', operation: 'getPostStatus', nowMs: Date.UTC(2030, 4, 17, 12, 0, 0) };

describe('classifyTiktokFailReason', () => {
  it.each([
    ['file_format_check_failed', 'invalid_request'],
    ['duration_check_failed', 'invalid_request'],
    ['frame_rate_check_failed', 'invalid_request'],
    ['picture_size_check_failed', 'invalid_request'],
    ['internal', 'unavailable'],
    ['video_pull_failed', 'unavailable'],
    ['photo_pull_failed', 'unavailable'],
    ['publish_cancelled', 'conflict'],
    ['auth_removed', 'auth'],
    ['spam_risk_too_many_posts', 'quota_exhausted'],
    ['spam_risk_user_banned_from_posting', 'policy'],
    ['spam_risk_text', 'policy'],
    ['spam_risk', 'policy'],
    ['never_seen_before', 'unknown'],
  ] as const)('maps %s to %s', (reason, kind) => {
    const err = classifyTiktokFailReason(reason, context);
    expect(err).toMatchObject({ kind, platformCode: reason, operation: 'getPostStatus' });
    expect(err.message).toContain("'Hanoi Jazz Club'");
  });

  it('retries the daily cap at the next UTC day', () => {
    expect(classifyTiktokFailReason('spam_risk_too_many_posts', context).retryAfterMs).toBe(12 * 3_600_000);
  });

  it('flags the account when the user removed access', () => {
    expect(classifyTiktokFailReason('auth_removed', context)).toMatchObject({ flagsAccount: true, retryable: false });
  });
});
