import type { Platform } from '../domain/platform';
import type { AdapterDeps, PlatformEndpoints } from '../platforms/endpoints';
import type { Connector } from './connector';
import { createFacebookConnector } from './facebook-connector';
import { createTiktokConnector } from './tiktok-connector';
import { createYoutubeConnector } from './youtube-connector';

/** Each platform's connector, or null where this install has no app credentials (422 not_configured). */
export type Connectors = Record<Platform, Connector | null>;

export function createConnectors(endpoints: PlatformEndpoints, deps: AdapterDeps): Connectors {
  const { facebook, tiktok, youtube } = endpoints;
  return {
    facebook: facebook.appId && facebook.appSecret ? createFacebookConnector(facebook, { appId: facebook.appId, appSecret: facebook.appSecret }, deps) : null,
    tiktok: tiktok.clientKey && tiktok.clientSecret ? createTiktokConnector(tiktok, deps) : null,
    youtube: youtube.clientId && youtube.clientSecret ? createYoutubeConnector(youtube, deps) : null,
  };
}
