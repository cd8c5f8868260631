import type { PlatformAdapter } from '../adapter';
import type { AdapterDeps, PlatformEndpoints } from '../endpoints';
import { checkPageToken } from './check-account';
import { createGraphClient } from './graph-client';
import { createLive, deleteLive, endLive, findLive, goLive, readIngest, updateLive } from './lives';
import { findPost, getPostStatus, publishPost } from './posts';

/**
 * Facebook Pages through the Graph API (axios): page posts and scheduled page lives. Acts with the
 * page token (`account.credentials.accessToken`) on the page `account.externalId`. Never sleeps or
 * retries; every failure is a classified `PlatformError` (see classify-error.ts).
 */
export function createFacebookAdapter(config: PlatformEndpoints['facebook'], deps: AdapterDeps): PlatformAdapter {
  const graph = createGraphClient(config, deps);
  return {
    platform: 'facebook',
    canPost: true,
    canScheduleLive: true,
    publishPost: (account, content) => publishPost(graph, account, content),
    findPost: (account, marker) => findPost(graph, account, marker),
    getPostStatus: (account, postId) => getPostStatus(graph, account, postId),
    createLive: (account, spec) => createLive(graph, account, spec),
    findLive: (account, marker) => findLive(graph, account, marker),
    updateLive: (account, live, spec) => updateLive(graph, account, live, spec),
    goLive: (account, live) => goLive(graph, account, live),
    endLive: (account, live) => endLive(graph, account, live),
    deleteLive: (account, live) => deleteLive(graph, account, live),
    checkAccount: (account) => checkPageToken(graph, config, account),
    readIngest: (account, live) => readIngest(graph, account, live),
  };
}
