import { mergeGoogleTokens } from '../../../../src/platforms/youtube/merge-google-tokens';

const stored = { accessToken: 'old-access', refreshToken: 'old-refresh', expiresAt: '2024-06-07T12:00:00.000Z' };

describe('mergeGoogleTokens', () => {
  it('takes the new access token and expiry and keeps the stored refresh token', () => {
    const expiry = Date.parse('2024-06-07T13:00:00.000Z');
    expect(mergeGoogleTokens(stored, { access_token: 'new-access', expiry_date: expiry, token_type: 'Bearer' })).toEqual({
      accessToken: 'new-access',
      refreshToken: 'old-refresh',
      expiresAt: '2024-06-07T13:00:00.000Z',
    });
  });

  it('never replaces the refresh token with an empty or missing one', () => {
    expect(mergeGoogleTokens(stored, { access_token: 'a', refresh_token: '' }).refreshToken).toBe('old-refresh');
    expect(mergeGoogleTokens(stored, { access_token: 'a', refresh_token: null }).refreshToken).toBe('old-refresh');
    expect(mergeGoogleTokens({ accessToken: 'x' }, { access_token: 'a' })).toEqual({ accessToken: 'a' });
  });

  it('takes a new refresh token when Google sends one, and keeps fields Google does not know', () => {
    const merged = mergeGoogleTokens({ ...stored, refreshExpiresAt: '2025-01-01T00:00:00.000Z' }, { access_token: 'a', refresh_token: 'new-refresh' });
    expect(merged).toEqual({ accessToken: 'a', refreshToken: 'new-refresh', refreshExpiresAt: '2025-01-01T00:00:00.000Z' });
  });
});
