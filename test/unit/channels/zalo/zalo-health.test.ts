import { REFRESH_TOKEN_LIFETIME_MS, zaloWarnings } from '../../../../src/channels/zalo/zalo-health';
import type { ZaloHealthInput } from '../../../../src/channels/zalo/zalo-health';
import type { ZaloTokens } from '../../../../src/channels/zalo/zalo-token-store';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 1);
const tokens = (over: Partial<ZaloTokens> = {}): ZaloTokens => ({ accessToken: 'zoa-secret-access', refreshToken: 'zrt-secret-refresh', expiresAtMs: NOW + DAY, generation: 3, status: 'ok', statusReason: null, refreshIssuedAtMs: NOW - DAY, ...over });
const input = (over: Partial<ZaloHealthInput> = {}): ZaloHealthInput => ({ missing: null, anyZaloSetting: true, tokens: tokens(), hasSeed: false, nowMs: NOW, ...over });

describe('zaloWarnings', () => {
  it('is silent for a healthy OA and for an install that never set up Zalo', () => {
    expect(zaloWarnings(input())).toEqual([]);
    expect(zaloWarnings(input({ missing: 'Zalo is not configured (missing ZALO_APP_ID)', anyZaloSetting: false }))).toEqual([]);
  });

  it('warns when Zalo is configured in part', () => {
    expect(zaloWarnings(input({ missing: 'Zalo is not configured (missing ZALO_APP_SECRET)' }))).toEqual(['Zalo is not configured (missing ZALO_APP_SECRET): Zalo messages fall back to email']);
  });

  it('warns when the OA is not connected, unless a refresh token is configured', () => {
    const none = tokens({ accessToken: null, refreshToken: null, refreshIssuedAtMs: null });
    expect(zaloWarnings(input({ tokens: none }))[0]).toContain('Zalo OA is not connected: set ZALO_REFRESH_TOKEN or run npm run zalo -- connect');
    expect(zaloWarnings(input({ tokens: none, hasSeed: true }))).toEqual([]);
  });

  it('passes on the reason Zalo refused the OA', () => {
    expect(zaloWarnings(input({ tokens: tokens({ status: 'invalid', statusReason: 'Zalo refused the OA refresh token (error -14014)' }) }))).toEqual(['Zalo OA token is invalid: Zalo refused the OA refresh token (error -14014)']);
  });

  it('warns two weeks before the refresh token’s 3 months end, and after', () => {
    const issued = (agoMs: number) => input({ tokens: tokens({ refreshIssuedAtMs: NOW - agoMs }) });
    expect(zaloWarnings(issued(REFRESH_TOKEN_LIFETIME_MS - 15 * DAY))).toEqual([]);
    expect(zaloWarnings(issued(REFRESH_TOKEN_LIFETIME_MS - 10 * DAY))[0]).toContain('expires in 10 day(s)');
    expect(zaloWarnings(issued(REFRESH_TOKEN_LIFETIME_MS + DAY))[0]).toContain('has probably expired');
  });

  it('never shows a token', () => {
    for (const w of [input(), input({ tokens: tokens({ status: 'invalid', statusReason: null }) }), input({ tokens: tokens({ refreshIssuedAtMs: NOW - REFRESH_TOKEN_LIFETIME_MS }) })].flatMap(zaloWarnings)) {
      expect(w).not.toContain('secret');
    }
  });
});
