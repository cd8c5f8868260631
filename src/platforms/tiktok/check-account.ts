import type { AccountContext, AccountHealth } from '../adapter';
import type { AdapterDeps } from '../endpoints';
import { isPlatformError } from '../platform-error';
import type { TokenRefresher } from './token-refresher';

/**
 * Refresh the login now (rotation: the new refresh token is saved before anything uses it), which
 * also pushes the refresh token's own expiry forward; a login without a refresh token is valid
 * until its access token expires. `invalid_grant` and friends → invalid, with the reason.
 */
export async function checkTiktokLogin(refresher: TokenRefresher, deps: AdapterDeps, account: AccountContext): Promise<AccountHealth> {
  const { credentials } = account;
  if (!credentials.refreshToken) {
    const expiresMs = credentials.expiresAt === undefined ? NaN : Date.parse(credentials.expiresAt);
    if (!Number.isNaN(expiresMs) && expiresMs <= deps.clock.now()) {
      return { state: 'invalid', reason: `the TikTok login of '${account.name}' expired and cannot be refreshed: reconnect the account`, refreshed: false };
    }
    return { state: 'valid', reason: null, refreshed: false, ...(credentials.expiresAt ? { expiresAt: credentials.expiresAt } : {}) };
  }
  try {
    const next = await refresher.refreshAfterRejection(account, credentials, 'checkAccount');
    return { state: 'valid', reason: null, refreshed: true, ...(next.refreshExpiresAt ? { expiresAt: next.refreshExpiresAt } : {}) };
  } catch (err) {
    if (isPlatformError(err) && err.kind === 'auth') return { state: 'invalid', reason: err.message, refreshed: false };
    throw err;
  }
}
