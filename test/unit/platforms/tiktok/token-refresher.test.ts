import { isExpiringSoon, mergeGrant } from '../../../../src/platforms/tiktok/token-refresher';
import { parseTiktokJson } from '../../../../src/platforms/tiktok/wire';

const nowMs = Date.UTC(2030, 0, 1, 12, 0, 0);
const at = (offsetMs: number): string => new Date(nowMs + offsetMs).toISOString();

describe('isExpiringSoon', () => {
  it('is true within 5 minutes of expiry when a refresh token exists', () => {
    expect(isExpiringSoon({ accessToken: 'a', refreshToken: 'r', expiresAt: at(4 * 60_000) }, nowMs)).toBe(true);
    expect(isExpiringSoon({ accessToken: 'a', refreshToken: 'r', expiresAt: at(-1) }, nowMs)).toBe(true);
  });

  it('is false further out, without a refresh token, or without an expiry', () => {
    expect(isExpiringSoon({ accessToken: 'a', refreshToken: 'r', expiresAt: at(6 * 60_000) }, nowMs)).toBe(false);
    expect(isExpiringSoon({ accessToken: 'a', expiresAt: at(60_000) }, nowMs)).toBe(false);
    expect(isExpiringSoon({ accessToken: 'a', refreshToken: 'r' }, nowMs)).toBe(false);
  });
});

describe('mergeGrant', () => {
  const stale = { accessToken: 'old-a', refreshToken: 'old-r', expiresAt: at(0), refreshExpiresAt: at(1000) };

  it('takes the rotated refresh token and lifetimes from the response', () => {
    expect(mergeGrant(stale, { access_token: 'new-a', expires_in: 7200, refresh_token: 'new-r', refresh_expires_in: 15_552_000 }, nowMs)).toEqual({
      accessToken: 'new-a',
      refreshToken: 'new-r',
      expiresAt: at(7_200_000),
      refreshExpiresAt: at(15_552_000_000),
    });
  });

  it('keeps the stored refresh token when the response has none or an empty one', () => {
    for (const refreshToken of [undefined, '']) {
      const grant = { access_token: 'new-a', expires_in: 86_400, ...(refreshToken === undefined ? {} : { refresh_token: refreshToken }) };
      expect(mergeGrant(stale, grant, nowMs)).toEqual({
        accessToken: 'new-a',
        refreshToken: 'old-r',
        expiresAt: at(86_400_000),
        refreshExpiresAt: stale.refreshExpiresAt,
      });
    }
  });
});

describe('parseTiktokJson', () => {
  it('keeps int64 public post ids exact', () => {
    const body = parseTiktokJson('{"data":{"status":"PUBLISH_COMPLETE","publicaly_available_post_id":[7300000000000000123, 7300000000000000999]}}');
    expect(body).toEqual({ data: { status: 'PUBLISH_COMPLETE', publicaly_available_post_id: ['7300000000000000123', '7300000000000000999'] } });
  });

  it('returns null for a body that is not JSON', () => {
    expect(parseTiktokJson('<html>502</html>')).toBeNull();
  });
});
