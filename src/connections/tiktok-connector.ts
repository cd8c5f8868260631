import type { CandidateGrant } from '../domain/connection';
import { PLATFORM_CAPABILITIES } from '../platforms/capabilities';
import type { AdapterDeps, PlatformEndpoints } from '../platforms/endpoints';
import { createTiktokHttp } from '../platforms/tiktok/tiktok-http';
import type { TiktokHttp } from '../platforms/tiktok/tiktok-http';
import { envelopeSchema, oauthErrorSchema, tokenGrantSchema } from '../platforms/tiktok/wire';
import type { TiktokHttpResponse } from '../platforms/tiktok/wire';
import { z } from 'zod';
import { ConnectionFailure, failureOfPlatformError } from './connection-failure';
import type { Connector } from './connector';

/** Login Kit scopes: the profile, and Direct Post for the promos (the capability record). */
const TIKTOK_SCOPES = PLATFORM_CAPABILITIES.tiktok.connect.scopes;

const creatorSchema = z.object({
  creator_username: z.string().optional(),
  creator_nickname: z.string().optional(),
  creator_avatar_url: z.string().optional(),
  privacy_level_options: z.array(z.string()),
});

/** Error codes of the v2 envelope that mean the grant lacks a scope (TT-ERR). */
const scopeCodes = new Set(['scope_not_authorized', 'scope_permission_missed']);

/**
 * TikTok Login Kit for Web (OAuth v2): the consent screen at `/v2/auth/authorize/`, the code
 * exchanged at `/v2/oauth/token/` (form-encoded; errors in a flat `{error, error_description}`,
 * sometimes with HTTP 200), then the creator read with `creator_info` (name, avatar, the privacy
 * levels this creator may post with).
 * https://developers.tiktok.com/doc/login-kit-web
 * https://developers.tiktok.com/doc/oauth-user-access-token-management
 * https://developers.tiktok.com/doc/content-posting-api-reference-query-creator-info
 */
export function createTiktokConnector(config: PlatformEndpoints['tiktok'], deps: AdapterDeps): Connector {
  const http = createTiktokHttp(config, deps);
  return {
    authorizeUrl: ({ state, redirectUri }) => {
      const query = new URLSearchParams({ client_key: config.clientKey, scope: TIKTOK_SCOPES.join(','), response_type: 'code', redirect_uri: redirectUri, state });
      return `${config.authUrl}/v2/auth/authorize/?${query.toString()}`;
    },
    exchange: async ({ code, redirectUri }) => {
      const form = { client_key: config.clientKey, client_secret: config.clientSecret, code, grant_type: 'authorization_code', redirect_uri: redirectUri };
      const grant = readGrant(await send(() => http.postForm('/v2/oauth/token/', form, info('exchangeCode'))));
      const granted = new Set((grant.scope ?? '').split(',').map((s) => s.trim()));
      const missing = TIKTOK_SCOPES.filter((s) => !granted.has(s));
      if (missing.length > 0) throw missingScope(missing);
      const creator = await readCreator(http, grant.access_token);
      const nowMs = deps.clock.now();
      const openId = grant.open_id ?? '';
      if (!openId) throw new ConnectionFailure('invalid_grant', "TikTok's answer named no creator (open_id): click Connect TikTok again");
      return [toGrant(openId, creator, grant, nowMs)];
    },
  };
}

const info = (operation: string) => ({ operation, accountName: 'TikTok sign-in' });

async function send(call: () => Promise<TiktokHttpResponse>): Promise<TiktokHttpResponse> {
  try {
    return await call();
  } catch (err) {
    throw failureOfPlatformError(err, 'TikTok');
  }
}

function readGrant(res: TiktokHttpResponse): z.infer<typeof tokenGrantSchema> {
  const refused = oauthErrorSchema.safeParse(res.body);
  if (refused.success) {
    if (refused.data.error === 'access_denied') throw new ConnectionFailure('access_denied', 'the TikTok account did not allow LiveCue: click Connect TikTok again and choose Authorize');
    if (res.status >= 500) throw new ConnectionFailure('platform_unavailable', 'TikTok did not answer the sign-in: click Connect TikTok again in a few minutes');
    throw new ConnectionFailure('invalid_grant', `TikTok refused the sign-in code (${refused.data.error}): it was used or is too old, click Connect TikTok again`);
  }
  const grant = tokenGrantSchema.safeParse(res.body);
  if (!grant.success) {
    throw new ConnectionFailure(res.status >= 500 ? 'platform_unavailable' : 'invalid_grant', `TikTok answered the sign-in with HTTP ${res.status} and no token: click Connect TikTok again`);
  }
  return grant.data;
}

async function readCreator(http: TiktokHttp, accessToken: string): Promise<z.infer<typeof creatorSchema>> {
  const res = await send(() => http.postJson('/v2/post/publish/creator_info/query/', accessToken, {}, info('readCreator')));
  const envelope = envelopeSchema.safeParse(res.body);
  const code = envelope.success ? envelope.data.error.code : 'unreadable';
  if (code === 'ok') {
    const data = creatorSchema.safeParse(envelope.success ? envelope.data.data : undefined);
    if (data.success) return data.data;
  }
  if (scopeCodes.has(code)) throw missingScope(['video.publish']);
  throw new ConnectionFailure('platform_unavailable', `TikTok would not describe the creator (${code}): click Connect TikTok again in a few minutes`);
}

function missingScope(missing: readonly string[]): ConnectionFailure {
  return new ConnectionFailure('missing_permission', `grant '${missing.join("', '")}' when TikTok asks: click Connect TikTok again and keep every permission ticked (LiveCue needs 'video.publish' to post the promos)`);
}

function toGrant(openId: string, creator: z.infer<typeof creatorSchema>, grant: z.infer<typeof tokenGrantSchema>, nowMs: number): CandidateGrant {
  const name = creator.creator_nickname ?? creator.creator_username ?? openId;
  return {
    candidate: {
      externalId: openId,
      name: creator.creator_username && creator.creator_username !== name ? `${name} (@${creator.creator_username})` : name,
      kind: PLATFORM_CAPABILITIES.tiktok.connect.candidateKind,
      ...(creator.creator_avatar_url ? { pictureUrl: creator.creator_avatar_url } : {}),
      live: { eligible: PLATFORM_CAPABILITIES.tiktok.canScheduleLive, reason: PLATFORM_CAPABILITIES.tiktok.manualLiveNote ?? '' },
      privacyLevelOptions: creator.privacy_level_options,
    },
    credentials: {
      accessToken: grant.access_token,
      expiresAt: new Date(nowMs + grant.expires_in * 1000).toISOString(),
      ...(grant.refresh_token ? { refreshToken: grant.refresh_token } : {}),
      ...(grant.refresh_expires_in ? { refreshExpiresAt: new Date(nowMs + grant.refresh_expires_in * 1000).toISOString() } : {}),
    },
  };
}
