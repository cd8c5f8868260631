import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';

/** Where each platform lives and the app credentials LiveCue calls it with (configuration). */
export interface PlatformEndpoints {
  facebook: {
    /** e.g. `https://graph.facebook.com` (no trailing slash, no version). */
    graphBaseUrl: string;
    /** e.g. `v23.0`. */
    graphVersion: string;
    /** Base of the Login dialog, e.g. `https://www.facebook.com` (the version and `/dialog/oauth` follow). */
    oauthUrl: string;
    appId?: string;
    appSecret?: string;
  };
  tiktok: {
    /** e.g. `https://open.tiktokapis.com`. */
    apiBaseUrl: string;
    /** Base of Login Kit's consent screen, e.g. `https://www.tiktok.com` (`/v2/auth/authorize/` follows). */
    authUrl: string;
    clientKey: string;
    clientSecret: string;
  };
  youtube: {
    /** googleapis `rootUrl`, e.g. `https://youtube.googleapis.com/` (trailing slash). */
    rootUrl: string;
    /** Google's OAuth token URL, e.g. `https://oauth2.googleapis.com/token`. */
    tokenUrl: string;
    /** Base of Google's consent screen, e.g. `https://accounts.google.com` (`/o/oauth2/v2/auth` follows). */
    authUrl: string;
    clientId: string;
    clientSecret: string;
  };
}

export interface AdapterDeps {
  clock: Clock;
  logger: Logger;
  /** Per-request timeout; a timeout is a `PlatformError` of kind `timeout`. */
  timeoutMs: number;
}

/** All three platforms at one sandbox base URL (`http://127.0.0.1:PORT`). */
export function sandboxEndpoints(baseUrl: string): PlatformEndpoints {
  const base = baseUrl.replace(/\/+$/, '');
  return {
    facebook: { graphBaseUrl: base, graphVersion: 'v23.0', oauthUrl: base, appId: 'sandbox-app', appSecret: 'sandbox-app-secret' },
    tiktok: { apiBaseUrl: base, authUrl: base, clientKey: 'sandbox-client-key', clientSecret: 'sandbox-client-secret' },
    youtube: { rootUrl: `${base}/`, tokenUrl: `${base}/token`, authUrl: base, clientId: 'sandbox-client-id', clientSecret: 'sandbox-client-secret' },
  };
}
