import type { Credentials } from '../../domain/account';
import type { AccountContext } from '../adapter';
import type { AdapterDeps, PlatformEndpoints } from '../endpoints';
import { PlatformError } from '../platform-error';
import { classifyTiktokError } from './classify-error';
import { classifyTiktokOauthError } from './classify-oauth-error';
import type { TiktokHttp } from './tiktok-http';
import { envelopeSchema, oauthErrorSchema, tokenGrantSchema } from './wire';
import type { TiktokHttpResponse, TokenGrant } from './wire';

/** Refresh this long before the access token expires (TikTok advises 5–10 min). */
export const refreshLeadMs = 5 * 60_000;
/** Replaced refresh tokens remembered per account (rotation every ~2 h). */
const maxRemembered = 50;

/** The newest credentials this process obtained for an account, and which tokens they replaced. */
interface Successor {
  credentials: Credentials;
  replacedRefreshTokens: Set<string>;
  saved: boolean;
}

export interface TokenRefresher {
  /** Credentials to call with now: the newest known, refreshed first when they expire within 5 min. */
  current(account: AccountContext, operation: string): Promise<Credentials>;
  /** After a 401 with `rejected`: refresh once (or reuse a refresh another call already made). */
  refreshAfterRejection(account: AccountContext, rejected: Credentials, operation: string): Promise<Credentials>;
}

/**
 * TikTok Login Kit refresh with rotation (https://developers.tiktok.com/doc/oauth-user-access-token-management). Refreshes are serialized per
 * account inside this process, the new credentials are saved before first use, and a stale
 * AccountContext (still holding a rotated refresh token) is mapped to the newest credentials.
 */
export function createTokenRefresher(config: PlatformEndpoints['tiktok'], deps: AdapterDeps, http: TiktokHttp): TokenRefresher {
  const inflight = new Map<string, Promise<Credentials>>();
  const successors = new Map<string, Successor>();
  const log = deps.logger.child({ component: 'tiktok-adapter', platform: 'tiktok' });

  function newestKnown(account: AccountContext): Successor | null {
    const successor = successors.get(account.accountId);
    const refreshToken = account.credentials.refreshToken;
    if (!successor || refreshToken === undefined || !successor.replacedRefreshTokens.has(refreshToken)) return null;
    return successor;
  }

  async function latest(account: AccountContext): Promise<Credentials> {
    const successor = newestKnown(account);
    if (!successor) return account.credentials;
    if (!successor.saved) {
      await account.saveCredentials(successor.credentials);
      successor.saved = true;
    }
    return successor.credentials;
  }

  function remember(account: AccountContext, replaced: Credentials, next: Credentials, saved: boolean): void {
    const previous = successors.get(account.accountId);
    const replacedRefreshTokens = new Set(previous?.replacedRefreshTokens ?? []);
    if (replaced.refreshToken !== undefined) replacedRefreshTokens.add(replaced.refreshToken);
    if (next.refreshToken !== undefined) replacedRefreshTokens.add(next.refreshToken);
    while (replacedRefreshTokens.size > maxRemembered) {
      const oldest = replacedRefreshTokens.values().next().value;
      if (oldest === undefined) break;
      replacedRefreshTokens.delete(oldest);
    }
    successors.set(account.accountId, { credentials: next, replacedRefreshTokens, saved });
  }

  async function runRefresh(account: AccountContext, stale: Credentials, refreshToken: string, operation: string): Promise<Credentials> {
    const info = { operation, accountName: account.name };
    const form = {
      client_key: config.clientKey,
      client_secret: config.clientSecret,
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
    };
    const grant = readTokenGrant(await http.postForm('/v2/oauth/token/', form, info), info, deps.clock.now());
    const next = mergeGrant(stale, grant, deps.clock.now());
    try {
      await account.saveCredentials(next);
    } catch (err: unknown) {
      // The old refresh token is already rotated away: keep the new one in memory and save it again before its first use.
      remember(account, stale, next, false);
      throw err;
    }
    remember(account, stale, next, true);
    log.info('tiktok token refreshed', { accountId: account.accountId, expiresAt: next.expiresAt, operation });
    return next;
  }

  function refresh(account: AccountContext, stale: Credentials, operation: string): Promise<Credentials> {
    const running = inflight.get(account.accountId);
    if (running) return running;
    const known = newestKnown(account)?.credentials;
    if (known && known.accessToken !== stale.accessToken) return latest(account);
    const refreshToken = stale.refreshToken;
    if (refreshToken === undefined || refreshToken === '') {
      return Promise.reject(
        new PlatformError({
          platform: 'tiktok',
          operation,
          kind: 'auth',
          message: `the TikTok login of '${account.name}' expired or was revoked: reconnect the account`,
        }),
      );
    }
    const started = runRefresh(account, stale, refreshToken, operation).finally(() => inflight.delete(account.accountId));
    inflight.set(account.accountId, started);
    return started;
  }

  return {
    async current(account, operation) {
      const running = inflight.get(account.accountId);
      if (running) return running;
      const credentials = await latest(account);
      return isExpiringSoon(credentials, deps.clock.now()) ? refresh(account, credentials, operation) : credentials;
    },
    refreshAfterRejection: (account, rejected, operation) => refresh(account, rejected, operation),
  };
}

/** True when the access token expires within `refreshLeadMs` and a refresh token exists to renew it. */
export function isExpiringSoon(credentials: Credentials, nowMs: number): boolean {
  if (!credentials.refreshToken || credentials.expiresAt === undefined) return false;
  const expiresAtMs = Date.parse(credentials.expiresAt);
  return !Number.isNaN(expiresAtMs) && expiresAtMs - nowMs <= refreshLeadMs;
}

/**
 * New credentials from a token grant. A grant without a refresh token keeps the stored one (never
 * overwrite it with an empty value); lifetimes come from the response, not from assumptions.
 */
export function mergeGrant(stale: Credentials, grant: TokenGrant, nowMs: number): Credentials {
  const next: Credentials = {
    accessToken: grant.access_token,
    expiresAt: new Date(nowMs + grant.expires_in * 1000).toISOString(),
  };
  const rotated = grant.refresh_token !== undefined && grant.refresh_token !== '';
  const refreshToken = rotated ? grant.refresh_token : stale.refreshToken;
  if (refreshToken !== undefined && refreshToken !== '') next.refreshToken = refreshToken;
  if (rotated && grant.refresh_expires_in !== undefined) {
    next.refreshExpiresAt = new Date(nowMs + grant.refresh_expires_in * 1000).toISOString();
  } else if (!rotated && stale.refreshExpiresAt !== undefined) {
    next.refreshExpiresAt = stale.refreshExpiresAt;
  }
  return next;
}

/** Read `/v2/oauth/token/`: flat OAuth errors may come with HTTP 200, so the body decides. */
function readTokenGrant(res: TiktokHttpResponse, info: { operation: string; accountName: string }, nowMs: number): TokenGrant {
  const oauthError = oauthErrorSchema.safeParse(res.body);
  if (oauthError.success) {
    throw classifyTiktokOauthError({ ...info, httpStatus: res.status, error: oauthError.data.error, logId: oauthError.data.log_id });
  }
  const envelope = envelopeSchema.safeParse(res.body);
  if (envelope.success && envelope.data.error.code !== 'ok') {
    const { code, log_id: logId } = envelope.data.error;
    throw classifyTiktokError({ ...info, httpStatus: res.status, code, logId, retryAfterHeader: res.retryAfter, nowMs });
  }
  const grant = tokenGrantSchema.safeParse(res.body);
  if (res.status === 200 && grant.success) return grant.data;
  throw classifyTiktokError({ ...info, httpStatus: res.status, code: null, retryAfterHeader: res.retryAfter, nowMs });
}
