import { classifyTiktokOauthError } from '../../../../src/platforms/tiktok/classify-oauth-error';

const failure = (error: string, httpStatus = 400) => ({ operation: 'publishPost', accountName: 'Hanoi Jazz Club', httpStatus, error });

describe('classifyTiktokOauthError', () => {
  it('asks to reconnect the account on invalid_grant, even with HTTP 200', () => {
    const err = classifyTiktokOauthError(failure('invalid_grant', 200));
    expect(err).toMatchObject({ kind: 'auth', flagsAccount: true, retryable: false, platformCode: 'invalid_grant', httpStatus: 200 });
    expect(err.message).toContain("the TikTok login of 'Hanoi Jazz Club' expired or was revoked: reconnect the account");
  });

  it.each([
    ['access_denied', 'auth', true],
    ['invalid_scope', 'permission', true],
    ['invalid_client', 'invalid_request', false],
    ['unauthorized_client', 'invalid_request', false],
    ['invalid_request', 'invalid_request', false],
    ['unsupported_grant_type', 'invalid_request', false],
    ['unsupported_response_type', 'invalid_request', false],
  ] as const)('maps %s to %s', (error, kind, flagsAccount) => {
    expect(classifyTiktokOauthError(failure(error))).toMatchObject({ kind, flagsAccount });
  });

  it('treats an unknown error as unknown, or unavailable on 5xx', () => {
    expect(classifyTiktokOauthError(failure('temporarily_broken')).kind).toBe('unknown');
    expect(classifyTiktokOauthError(failure('temporarily_broken', 503)).kind).toBe('unavailable');
  });
});
