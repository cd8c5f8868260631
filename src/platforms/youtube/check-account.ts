import type { AccountContext, AccountHealth } from '../adapter';
import type { AdapterDeps, PlatformEndpoints } from '../endpoints';
import { classifyYoutubeError } from './classify-youtube-error';
import { openYoutubeSession } from './youtube-session';

/**
 * Refresh the Google login now through OAuth2Client (the `tokens` event saves the new access token;
 * the stored refresh token is kept when Google sends none). Costs no YouTube quota. A revoked or
 * expired refresh token (`invalid_grant`) → invalid, with the reason.
 */
export async function checkYoutubeLogin(config: PlatformEndpoints['youtube'], deps: AdapterDeps, account: AccountContext): Promise<AccountHealth> {
  const session = openYoutubeSession(config, deps, account);
  try {
    const refreshed = await session.forceRefresh();
    if (!refreshed) await session.refreshIfDue('checkAccount');
    return { state: 'valid', reason: null, refreshed };
  } catch (err) {
    await session.settleSaves();
    const classified = classifyYoutubeError(err, { operation: 'checkAccount', accountName: account.name, nowMs: deps.clock.now() });
    if (classified.kind === 'auth') return { state: 'invalid', reason: classified.message, refreshed: false };
    throw classified;
  }
}
