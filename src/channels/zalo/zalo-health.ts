import type { ZaloTokens } from './zalo-token-store';

/**
 * An OA refresh token is single use and lasts 3 months; the access token 25 h
 * (https://www.hexasync.vn/zalo-oa-api-huong-dan-cach-lay-access-token-tu-refresh-token/ — "Refresh
 * token chỉ có thể sử dụng 1 lần. Và có hiệu lực 3 tháng"). Every refresh rotates it, so only an
 * OA that sent nothing for weeks gets near the end: warn two weeks ahead.
 */
export const REFRESH_TOKEN_LIFETIME_MS = 90 * 86_400_000;
export const REFRESH_WARNING_MS = 14 * 86_400_000;

export interface ZaloHealthInput {
  /** Why Zalo is off (settings missing), or null when it is configured. */
  missing: string | null;
  /** Some ZALO_* variable is set: a Zalo that is off was meant to be on. */
  anyZaloSetting: boolean;
  tokens: ZaloTokens;
  /** A refresh token from configuration (or the sandbox's) will be stored on first use. */
  hasSeed: boolean;
  nowMs: number;
}

/** `/readyz` warnings about the Zalo OA: off though configured in part, not connected, refused, or its refresh token near its end. Never a token. */
export function zaloWarnings(input: ZaloHealthInput): string[] {
  if (input.missing !== null) return input.anyZaloSetting ? [`${input.missing}: Zalo messages fall back to email`] : [];
  const { tokens } = input;
  const reconnect = 'connect the OA again with npm run zalo -- connect';
  if (tokens.status === 'invalid') return [`Zalo OA token is invalid: ${tokens.statusReason ?? reconnect}`];
  if (!tokens.refreshToken) return input.hasSeed ? [] : [`Zalo OA is not connected: set ZALO_REFRESH_TOKEN or ${reconnect.replace('connect the OA again with ', 'run ')}`];
  if (tokens.refreshIssuedAtMs === null) return [];
  const leftMs = tokens.refreshIssuedAtMs + REFRESH_TOKEN_LIFETIME_MS - input.nowMs;
  if (leftMs <= 0) return [`Zalo OA refresh token is older than 3 months and has probably expired: ${reconnect}`];
  if (leftMs <= REFRESH_WARNING_MS) return [`Zalo OA refresh token expires in ${String(Math.ceil(leftMs / 86_400_000))} day(s) unless a message is sent before: send one, or ${reconnect}`];
  return [];
}
