import axios from 'axios';
import type { AxiosInstance } from 'axios';
import type { CandidateGrant } from '../domain/connection';
import type { AdapterDeps, PlatformEndpoints } from '../platforms/endpoints';
import { PLATFORM_CAPABILITIES } from '../platforms/capabilities';
import { classifyGraphError } from '../platforms/facebook/classify-error';
import { classifyTransportError } from '../platforms/facebook/classify-transport-error';
import { ConnectionFailure, failureOfPlatformError } from './connection-failure';
import type { Connector } from './connector';

/** What posting and lives need (the capability record). */
const FACEBOOK_SCOPES = PLATFORM_CAPABILITIES.facebook.connect.scopes;

/** Since 10 June 2024 a Page needs 100 followers to go live (platform-apis.md 1, FB-LIVE-OV). */
const LIVE_MIN_FOLLOWERS = 100;

interface FacebookApp {
  appId: string;
  appSecret: string;
}

/**
 * Facebook Login's manual flow: the Login dialog, the code exchanged for a short-lived user token,
 * that one exchanged for a long-lived one (`fb_exchange_token`), the granted permissions checked,
 * and `/me/accounts` giving each Page with its Page token (which does not expire when it comes
 * from a long-lived user token).
 * https://developers.facebook.com/documentation/facebook-login/guides/advanced/manual-flow
 * https://developers.facebook.com/docs/facebook-login/guides/access-tokens/get-long-lived
 */
export function createFacebookConnector(config: PlatformEndpoints['facebook'], app: FacebookApp, deps: AdapterDeps): Connector {
  const http = axios.create({
    baseURL: `${config.graphBaseUrl}/${config.graphVersion}`,
    timeout: deps.timeoutMs,
    validateStatus: () => true,
    maxRedirects: 0,
  });
  const get = (operation: string, path: string, params: Record<string, string>) => graphGet(http, deps, operation, path, params);
  return {
    authorizeUrl: ({ state, redirectUri }) => {
      const query = new URLSearchParams({ client_id: app.appId, redirect_uri: redirectUri, state, response_type: 'code', scope: FACEBOOK_SCOPES.join(',') });
      return `${config.oauthUrl}/${config.graphVersion}/dialog/oauth?${query.toString()}`;
    },
    exchange: async ({ code, redirectUri }) => {
      const short = await get('exchangeCode', '/oauth/access_token', { client_id: app.appId, client_secret: app.appSecret, redirect_uri: redirectUri, code });
      const long = await get('extendToken', '/oauth/access_token', {
        grant_type: 'fb_exchange_token',
        client_id: app.appId,
        client_secret: app.appSecret,
        fb_exchange_token: stringField(short, 'access_token'),
      });
      const userToken = stringField(long, 'access_token');
      checkPermissions(await get('readPermissions', '/me/permissions', { access_token: userToken }));
      const pages = await get('listPages', '/me/accounts', { access_token: userToken, fields: 'id,name,access_token,followers_count,picture{url}', limit: '100' });
      return toCandidates(pages);
    },
  };
}

async function graphGet(http: AxiosInstance, deps: AdapterDeps, operation: string, path: string, params: Record<string, string>): Promise<Record<string, unknown>> {
  try {
    let response;
    try {
      response = await http.get<unknown>(path, { params });
    } catch (error) {
      throw classifyTransportError({ operation, accountName: 'Facebook sign-in', timeoutMs: deps.timeoutMs, error });
    }
    const body = response.data;
    if (response.status >= 200 && response.status < 300 && isRecord(body) && body.error === undefined) return body;
    throw classifyGraphError({ operation, accountName: 'Facebook sign-in', httpStatus: response.status, body, headers: {} });
  } catch (err) {
    throw failureOfPlatformError(err, 'Facebook');
  }
}

/** `/me/permissions`: every scope LiveCue asked for must be `granted` (people may switch some off). */
function checkPermissions(body: Record<string, unknown>): void {
  const rows = Array.isArray(body.data) ? body.data.filter(isRecord) : [];
  const granted = new Set(rows.filter((r) => r.status === 'granted').map((r) => r.permission));
  const missing = FACEBOOK_SCOPES.filter((scope) => !granted.has(scope));
  const first = missing[0];
  if (first === undefined) return;
  throw new ConnectionFailure(
    'missing_permission',
    `grant '${missing.join("', '")}' when Facebook asks: click Connect Facebook again and leave every permission switched on (LiveCue needs '${first}' to ${purposeOf(first)})`,
  );
}

const PURPOSES: Record<string, string> = {
  pages_show_list: 'list your Pages',
  pages_manage_posts: 'post the promos',
  pages_read_engagement: 'find the posts it made',
  publish_video: 'schedule the lives',
};

function purposeOf(scope: string): string {
  return PURPOSES[scope] ?? 'do its work';
}

function toCandidates(body: Record<string, unknown>): CandidateGrant[] {
  const pages = Array.isArray(body.data) ? body.data.filter(isRecord) : [];
  const grants = pages.flatMap((page): CandidateGrant[] => {
    const id = typeof page.id === 'string' ? page.id : '';
    const token = typeof page.access_token === 'string' ? page.access_token : '';
    if (!id || !token) return [];
    const followers = typeof page.followers_count === 'number' ? page.followers_count : null;
    const picture = isRecord(page.picture) && isRecord(page.picture.data) && typeof page.picture.data.url === 'string' ? page.picture.data.url : undefined;
    const live =
      followers === null || followers >= LIVE_MIN_FOLLOWERS
        ? { eligible: true }
        : { eligible: false, reason: `the Page has ${followers} followers: Facebook lets a Page go live from ${LIVE_MIN_FOLLOWERS} followers (and a Facebook account at least 60 days old); LiveCue can still post its promos` };
    return [{ candidate: { externalId: id, name: typeof page.name === 'string' ? page.name : id, kind: PLATFORM_CAPABILITIES.facebook.connect.candidateKind, ...(picture ? { pictureUrl: picture } : {}), live }, credentials: { accessToken: token } }];
  });
  if (grants.length === 0) {
    throw new ConnectionFailure('no_pages', 'this Facebook user manages no Page LiveCue may use: when Facebook asks which Pages to share, tick the market\'s Pages (you must be an admin of them), then click Connect Facebook again');
  }
  return grants;
}

function stringField(body: Record<string, unknown>, name: string): string {
  const value = body[name];
  if (typeof value !== 'string' || value === '') throw new ConnectionFailure('invalid_grant', `Facebook's answer had no ${name}: click Connect Facebook again`);
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
