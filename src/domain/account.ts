import type { Platform } from './platform';

export const TOKEN_STATUSES = ['valid', 'expiring', 'expired', 'unknown', 'invalid'] as const;
export type TokenStatus = (typeof TOKEN_STATUSES)[number];

/** Platform credentials; only ever held decrypted in memory, never returned or logged. */
export interface Credentials {
  accessToken: string;
  refreshToken?: string;
  /** UTC ISO instant the access token expires. */
  expiresAt?: string;
  /** UTC ISO instant the refresh token expires (TikTok). */
  refreshExpiresAt?: string;
}

/** A platform account as the API shows it. */
export interface Account {
  id: string;
  platform: Platform;
  name: string;
  externalId: string;
  tokenStatus: TokenStatus;
  tokenStatusReason: string | null;
  /** The token is expired or invalid, or its refresh token ends within 7 days: connect it again (POST /v1/connections). */
  reconnect: boolean;
  createdAt: string;
  updatedAt: string;
}
