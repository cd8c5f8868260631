import { OAuth2Client } from 'google-auth-library';
import type { Credentials as GoogleCredentials } from 'google-auth-library';
import type { CandidateGrant } from '../domain/connection';
import type { Credentials } from '../domain/account';
import { PLATFORM_CAPABILITIES } from '../platforms/capabilities';
import type { AdapterDeps, PlatformEndpoints } from '../platforms/endpoints';
import { classifyYoutubeError, youtubeReasonOf } from '../platforms/youtube/classify-youtube-error';
import { openYoutubeSession } from '../platforms/youtube/youtube-session';
import type { YoutubeSession } from '../platforms/youtube/youtube-session';
import { ConnectionFailure, failureOfPlatformError } from './connection-failure';
import type { Connector } from './connector';

/** One scope manages the channel's broadcasts and streams (the capability record). */
const YOUTUBE_SCOPES = PLATFORM_CAPABILITIES.youtube.connect.scopes;

/**
 * Google's web-server flow through google-auth-library's `OAuth2Client`: `generateAuthUrl` with
 * `access_type=offline` and `prompt=consent` (so Google sends a refresh token every time, also on a
 * reconnect), `getToken` for the code, then `channels.list mine=true` and one cheap live call per
 * channel: YouTube answers `liveStreamingNotEnabled` while the channel has not enabled live.
 * https://developers.google.com/identity/protocols/oauth2/web-server
 * https://developers.google.com/youtube/v3/docs/channels/list
 * https://developers.google.com/youtube/v3/live/docs/errors
 */
export function createYoutubeConnector(config: PlatformEndpoints['youtube'], deps: AdapterDeps): Connector {
  const clientFor = (redirectUri: string): OAuth2Client => {
    const client = new OAuth2Client({
      clientId: config.clientId,
      clientSecret: config.clientSecret,
      redirectUri,
      endpoints: { oauth2AuthBaseUrl: `${config.authUrl}/o/oauth2/v2/auth`, oauth2TokenUrl: config.tokenUrl },
      // Node's own fetch: gaxios would otherwise import node-fetch dynamically (see youtube-session.ts).
      transporterOptions: { timeout: deps.timeoutMs, fetchImplementation: fetch },
    });
    // getToken asks gaxios to retry POSTs on 5xx: a code is good once, so a replay after a lost
    // answer would only earn invalid_grant. One attempt; the person clicks Connect again.
    client.transporter.interceptors.request.add({
      resolved: (options) => {
        options.retry = false;
        options.retryConfig = { retry: 0, noResponseRetries: 0 };
        return Promise.resolve(options);
      },
    });
    return client;
  };
  return {
    authorizeUrl: ({ state, redirectUri }) =>
      clientFor(redirectUri).generateAuthUrl({ access_type: 'offline', prompt: 'consent', scope: [...YOUTUBE_SCOPES], state }),
    exchange: async ({ code, redirectUri }) => {
      const tokens = await exchangeCode(clientFor(redirectUri), code);
      const credentials = toCredentials(tokens);
      const session = openYoutubeSession(config, deps, { accountId: 'connection', externalId: '', name: 'YouTube sign-in', credentials, saveCredentials: () => Promise.resolve() });
      const channels = await listChannels(session, deps);
      const grants: CandidateGrant[] = [];
      for (const channel of channels) grants.push({ candidate: { ...channel, live: await readLiveEligibility(session, deps) }, credentials });
      return grants;
    },
  };
}

async function exchangeCode(client: OAuth2Client, code: string): Promise<GoogleCredentials> {
  let tokens: GoogleCredentials;
  try {
    tokens = (await client.getToken(code)).tokens;
  } catch (err) {
    if (youtubeReasonOf(err) === 'access_denied') throw new ConnectionFailure('access_denied', 'the Google account did not allow LiveCue: click Connect YouTube again and choose Allow');
    throw failureOfPlatformError(classifyYoutubeError(err, { operation: 'exchangeCode', accountName: 'YouTube sign-in', nowMs: 0 }), 'Google');
  }
  const scopes = (tokens.scope ?? '').split(' ');
  if (!YOUTUBE_SCOPES.every((s) => scopes.includes(s))) {
    throw new ConnectionFailure('missing_permission', "grant 'Manage your YouTube account' when Google asks: click Connect YouTube again and tick it (LiveCue needs it to schedule the broadcasts)");
  }
  if (!tokens.access_token || !tokens.refresh_token) {
    throw new ConnectionFailure('invalid_grant', 'Google sent no refresh token: remove LiveCue at https://myaccount.google.com/permissions, then click Connect YouTube again');
  }
  return tokens;
}

function toCredentials(tokens: GoogleCredentials): Credentials {
  return {
    accessToken: tokens.access_token ?? '',
    ...(tokens.refresh_token ? { refreshToken: tokens.refresh_token } : {}),
    ...(typeof tokens.expiry_date === 'number' ? { expiresAt: new Date(tokens.expiry_date).toISOString() } : {}),
  };
}

type ChannelCandidate = Omit<CandidateGrant['candidate'], 'live'>;

async function listChannels(session: YoutubeSession, deps: AdapterDeps): Promise<ChannelCandidate[]> {
  let items;
  try {
    items = (await session.youtube.channels.list({ part: ['snippet'], mine: true, maxResults: 50 })).data.items ?? [];
  } catch (err) {
    throw failureOfPlatformError(classifyYoutubeError(err, { operation: 'listChannels', accountName: 'YouTube sign-in', nowMs: deps.clock.now() }), 'YouTube');
  }
  const channels = items.flatMap((c): ChannelCandidate[] => {
    if (!c.id) return [];
    const picture = c.snippet?.thumbnails?.default?.url ?? undefined;
    return [{ externalId: c.id, name: c.snippet?.title ?? c.id, kind: PLATFORM_CAPABILITIES.youtube.connect.candidateKind, ...(picture ? { pictureUrl: picture } : {}) }];
  });
  if (channels.length === 0) throw new ConnectionFailure('no_channel', 'this Google account has no YouTube channel: create one at https://www.youtube.com/create_channel, then click Connect YouTube again');
  return channels;
}

/** `liveBroadcasts.list` (1 quota unit) answers 403 `liveStreamingNotEnabled` for a channel without live. */
async function readLiveEligibility(session: YoutubeSession, deps: AdapterDeps): Promise<{ eligible: boolean; reason?: string }> {
  try {
    await session.youtube.liveBroadcasts.list({ part: ['id'], mine: true, maxResults: 1 });
    return { eligible: true };
  } catch (err) {
    const reason = youtubeReasonOf(err);
    if (reason === 'liveStreamingNotEnabled' || reason === 'livePermissionBlocked') {
      return { eligible: false, reason: 'this channel has live streaming disabled: enable it in YouTube Studio (Create → Go live; the first time takes up to 24 hours), then click Connect YouTube again' };
    }
    throw failureOfPlatformError(classifyYoutubeError(err, { operation: 'checkLive', accountName: 'YouTube sign-in', nowMs: deps.clock.now() }), 'YouTube');
  }
}
