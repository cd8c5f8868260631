import type { PlatformAdapters } from './adapter';
import type { AdapterDeps, PlatformEndpoints } from './endpoints';
import { createFacebookAdapter } from './facebook';
import { createTiktokAdapter } from './tiktok';
import { createYoutubeAdapter } from './youtube';

export function createAdapters(endpoints: PlatformEndpoints, deps: AdapterDeps): PlatformAdapters {
  return {
    facebook: createFacebookAdapter(endpoints.facebook, deps),
    tiktok: createTiktokAdapter(endpoints.tiktok, deps),
    youtube: createYoutubeAdapter(endpoints.youtube, deps),
  };
}
