import type { Credentials as GoogleTokens } from 'google-auth-library';
import type { Credentials } from '../../domain/account';

/**
 * Stored credentials after a Google refresh (`tokens` event). Google sends a refresh token only at
 * first consent, so the stored one is kept unless a non-empty new one arrives.
 */
export function mergeGoogleTokens(current: Credentials, tokens: GoogleTokens): Credentials {
  const next: Credentials = { accessToken: tokens.access_token ?? current.accessToken };
  const refreshToken = tokens.refresh_token ?? '';
  const keptRefreshToken = refreshToken !== '' ? refreshToken : current.refreshToken;
  if (keptRefreshToken !== undefined && keptRefreshToken !== '') next.refreshToken = keptRefreshToken;
  if (typeof tokens.expiry_date === 'number') next.expiresAt = new Date(tokens.expiry_date).toISOString();
  else if (tokens.access_token == null && current.expiresAt !== undefined) next.expiresAt = current.expiresAt;
  if (current.refreshExpiresAt !== undefined) next.refreshExpiresAt = current.refreshExpiresAt;
  return next;
}
