import axios from 'axios';
import type { Clock } from '../../shared/clock';
import { ChannelError } from '../channel-error';
import { zaloTransportError } from './classify-zalo-error';
import type { ZaloSettings } from './zalo-settings';
import type { ZaloTokenStore } from './zalo-token-store';

/** Refresh this long before the access token expires (Zalo's lasts 25 h). */
export const REFRESH_MARGIN_MS = 10 * 60_000;
const LOCK_TTL_MS = 30_000;

/** The OA token endpoint's answer (form-encoded request, JSON answer; `expires_in` is seconds, as a string). */
interface TokenAnswer {
  access_token?: string;
  refresh_token?: string;
  expires_in?: string | number;
  error?: number;
  error_name?: string;
}

export interface OaTokenDeps {
  settings: ZaloSettings;
  store: ZaloTokenStore;
  clock: Clock;
  /** Identifies this process for the refresh lock. */
  owner: string;
  /** The OA cannot refresh any more (revoked, expired refresh token): flag it and tell ops. */
  onInvalid: (reason: string) => Promise<void>;
  /** ZALO_REFRESH_TOKEN (or the sandbox's): stored when the store has none, never over a rotated one. */
  seedRefreshToken: string | null;
}

/**
 * Exchanges the stored refresh token for a new pair. Zalo's OA refresh token is single use and
 * comes back rotated with every access token (`POST https://oauth.zaloapp.com/v4/oa/access_token`,
 * header `secret_key`, form `app_id`, `grant_type=refresh_token`, `refresh_token`; the answer's
 * `expires_in` is seconds as a string, 25 h; a refresh token is single use and lasts 3 months —
 * Zalo for Developers, Official Account API, "Xác thực và ủy quyền": https://developers.zalo.me/docs/official-account/).
 * Error answers carry a numeric `error` (never read from text): the grant is gone and a person must
 * connect the OA again.
 */
async function callTokenEndpoint(deps: OaTokenDeps, refreshToken: string): Promise<TokenAnswer> {
  const { settings } = deps;
  try {
    const res = await axios.post<TokenAnswer>(
      `${settings.oauthUrl}/v4/oa/access_token`,
      new URLSearchParams({ app_id: settings.appId, grant_type: 'refresh_token', refresh_token: refreshToken }).toString(),
      { headers: { 'content-type': 'application/x-www-form-urlencoded', secret_key: settings.appSecret }, timeout: settings.timeoutMs, validateStatus: () => true, proxy: false },
    );
    if (res.status >= 500 || res.status === 429) throw zaloTransportError(res.status, undefined);
    return res.data;
  } catch (err: unknown) {
    if (err instanceof ChannelError) throw err;
    throw new ChannelError('zalo', 'the Zalo token endpoint could not be reached: it is tried again', { kind: 'transient', cause: err });
  }
}

async function refreshLocked(deps: OaTokenDeps): Promise<string> {
  const current = await deps.store.read();
  if (current.accessToken && current.expiresAtMs - deps.clock.now() > REFRESH_MARGIN_MS) return current.accessToken;
  if (!current.refreshToken) throw notConnected();
  const answer = await callTokenEndpoint(deps, current.refreshToken);
  if (!answer.access_token || (typeof answer.error === 'number' && answer.error !== 0)) {
    const reason = `Zalo refused the OA refresh token (error ${String(answer.error ?? 'none')}): connect the OA again with npm run zalo -- connect`;
    await deps.store.markInvalid(reason);
    await deps.onInvalid(reason);
    throw new ChannelError('zalo', reason, { kind: 'config', code: String(answer.error ?? 'no_token') });
  }
  const expiresAtMs = deps.clock.now() + Number(answer.expires_in ?? 3600) * 1000;
  const saved = await deps.store.save(current.generation, { accessToken: answer.access_token, refreshToken: answer.refresh_token ?? '', expiresAtMs, issuedAtMs: deps.clock.now() });
  if (!saved) {
    // Another process saved a newer pair meanwhile: theirs is the one to use.
    const again = await deps.store.read();
    if (again.accessToken) return again.accessToken;
  }
  return answer.access_token;
}

function notConnected(): ChannelError {
  return new ChannelError('zalo', 'the Zalo OA is not connected: set ZALO_REFRESH_TOKEN or run npm run zalo -- connect <refresh token>', { kind: 'config', code: 'not_connected' });
}

/**
 * A valid OA access token: the stored one while it has more than the margin left, else a fresh
 * one. One process refreshes at a time (a Redis lock); the others are told to try again shortly,
 * since using the same single-use refresh token twice would kill the grant.
 */
export async function getOaAccessToken(deps: OaTokenDeps): Promise<string> {
  let current = await deps.store.read();
  if (!current.refreshToken && deps.seedRefreshToken && (await deps.store.seed(deps.seedRefreshToken))) current = await deps.store.read();
  if (current.accessToken && current.expiresAtMs - deps.clock.now() > REFRESH_MARGIN_MS) return current.accessToken;
  if (!current.refreshToken) throw notConnected();
  if (current.status === 'invalid') throw new ChannelError('zalo', current.statusReason ?? 'the Zalo OA must be connected again', { kind: 'config', code: 'oa_invalid' });
  if (!(await deps.store.lock(deps.owner, LOCK_TTL_MS))) {
    throw new ChannelError('zalo', 'another process is refreshing the Zalo OA token', { kind: 'transient', code: 'refresh_in_progress', retryAfterMs: 1000 });
  }
  try {
    return await refreshLocked(deps);
  } finally {
    await deps.store.unlock(deps.owner);
  }
}
