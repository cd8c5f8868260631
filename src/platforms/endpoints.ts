import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';

/** Where each platform lives and the app credentials LiveCue calls it with (configuration). */
export interface PlatformEndpoints {
  facebook: {
    /** e.g. `https://graph.facebook.com` (no trailing slash, no version). */
    graphBaseUrl: string;
    /** e.g. `v23.0`. */
    graphVersion: string;
    appId?: string;
    appSecret?: string;
  };
  tiktok: {
    /** e.g. `https://open.tiktokapis.com`. */
    apiBaseUrl: string;
    clientKey: string;
    clientSecret: string;
  };
  youtube: {
    /** googleapis `rootUrl`, e.g. `https://youtube.googleapis.com/` (trailing slash). */
    rootUrl: string;
    /** Google's OAuth token URL, e.g. `https://oauth2.googleapis.com/token`. */
    tokenUrl: string;
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
    facebook: { graphBaseUrl: base, graphVersion: 'v23.0', appId: 'sandbox-app', appSecret: 'sandbox-app-secret' },
    tiktok: { apiBaseUrl: base, clientKey: 'sandbox-client-key', clientSecret: 'sandbox-client-secret' },
    youtube: { rootUrl: `${base}/`, tokenUrl: `${base}/token`, clientId: 'sandbox-client-id', clientSecret: 'sandbox-client-secret' },
  };
}
