import type { AccountContext, PlatformAdapter } from '../adapter';
import type { AdapterDeps, PlatformEndpoints } from '../endpoints';
import { PlatformError } from '../platform-error';
import { checkTiktokLogin } from './check-account';
import { findPostByMarker } from './find-post';
import { fetchPostStatus } from './post-status';
import { publishPhotoPost } from './publish-post';
import { createTiktokApi } from './tiktok-api';
import { createTiktokHttp } from './tiktok-http';
import { createTokenRefresher } from './token-refresher';
import { creatorInfoSchema } from './wire';

/**
 * TikTok has no LIVE API (the Content Posting API posts videos and photos only:
 * https://developers.tiktok.com/doc/content-posting-api-get-started/): every live operation
 * explains the manual step.
 */
function noLiveApi(operation: string, account: AccountContext): Promise<never> {
  return Promise.reject(
    new PlatformError({
      platform: 'tiktok',
      operation,
      kind: 'invalid_request',
      message: `TikTok has no API to schedule or run a LIVE: the host of '${account.name}' goes live by hand in the TikTok app or LIVE Studio (LiveCue only posts the promo)`,
    }),
  );
}

/**
 * The TikTok adapter: promo photo posts through the Content Posting API v2 (axios), Login Kit
 * token refresh with rotation. Never sleeps, never retries except one call after a token refresh.
 */
export function createTiktokAdapter(config: PlatformEndpoints['tiktok'], deps: AdapterDeps): PlatformAdapter {
  const http = createTiktokHttp(config, deps);
  const refresher = createTokenRefresher(config, deps, http);
  const api = createTiktokApi(http, refresher, deps);
  return {
    platform: 'tiktok',
    canPost: true,
    canScheduleLive: false,
    publishPost: (account, content) => publishPhotoPost(api, account, content),
    findPost: (account, marker) => findPostByMarker(api, account, marker),
    getPostStatus: (account, postId) => fetchPostStatus(api, account, postId),
    createLive: (account) => noLiveApi('createLive', account),
    findLive: (account) => noLiveApi('findLive', account),
    updateLive: (account) => noLiveApi('updateLive', account),
    goLive: (account) => noLiveApi('goLive', account),
    endLive: (account) => noLiveApi('endLive', account),
    deleteLive: (account) => noLiveApi('deleteLive', account),
    checkAccount: (account) => checkTiktokLogin(refresher, deps, account),
    readPostingOptions: async (account) => {
      const creator = await api(account, { operation: 'readPostingOptions', path: '/v2/post/publish/creator_info/query/' }, creatorInfoSchema);
      return { privacyLevelOptions: creator.privacy_level_options };
    },
  };
}
