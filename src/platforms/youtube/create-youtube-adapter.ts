import type { AccountContext, PlatformAdapter } from '../adapter';
import type { AdapterDeps, PlatformEndpoints } from '../endpoints';
import { PlatformError } from '../platform-error';
import { checkYoutubeLogin } from './check-account';
import { classifyYoutubeError, httpStatusOf } from './classify-youtube-error';
import { deleteLive, endLive, goLive, readIngest } from './live-control';
import type { YoutubeOp } from './live-resources';
import { createLive, findLive, updateLive } from './live-setup';
import { openYoutubeSession } from './youtube-session';

/**
 * YouTube through googleapis (youtube v3) and google-auth-library's OAuth2Client, pointed at
 * `config.rootUrl` / `config.tokenUrl`. Lives only: YouTube has no post API LiveCue uses (the
 * scheduled broadcast is the announcement). Every failure is a `PlatformError`; nothing retries.
 */
export function createYoutubeAdapter(config: PlatformEndpoints['youtube'], deps: AdapterDeps): PlatformAdapter {
  async function run<T>(operation: string, account: AccountContext, work: (op: YoutubeOp) => Promise<T>): Promise<T> {
    const session = openYoutubeSession(config, deps, account);
    const classify = (err: unknown): PlatformError =>
      classifyYoutubeError(err, { operation, accountName: account.name, nowMs: deps.clock.now() });
    const op: YoutubeOp = { yt: session.youtube, operation, accountName: account.name };
    let result: T;
    try {
      await session.refreshIfDue(operation);
      result = await workOnceMoreAfter401(op, work, () => session.forceRefresh());
    } catch (err: unknown) {
      await session.settleSaves();
      throw classify(err);
    }
    const saveError = await session.settleSaves();
    if (saveError) {
      // The call succeeded; Google keeps the old refresh token valid, so only log it.
      deps.logger.warn('youtube refreshed credentials not saved', {
        platform: 'youtube',
        accountId: account.accountId,
        operation,
        error: saveError.message,
      });
    }
    return result;
  }

  /**
   * A 401 on an access token Google revoked or expired early is not a dead login while the refresh
   * token is good: refresh once (forced: the stored expiry still looks fine) and retry the call
   * once; a second 401, or a failed refresh, is then classified as usual. A 401 means the call had
   * no effect, so retrying an insert is safe.
   */
  async function workOnceMoreAfter401<T>(op: YoutubeOp, work: (op: YoutubeOp) => Promise<T>, forceRefresh: () => Promise<boolean>): Promise<T> {
    try {
      return await work(op);
    } catch (err: unknown) {
      if (httpStatusOf(err) !== 401 || !(await forceRefresh())) throw err;
      deps.logger.info('youtube access token rejected, refreshed once', { platform: 'youtube', operation: op.operation });
      return work(op);
    }
  }

  const noPosts = (operation: string): Promise<never> =>
    Promise.reject(
      new PlatformError({
        platform: 'youtube',
        operation,
        kind: 'invalid_request',
        message: 'YouTube has no post API in LiveCue: its scheduled broadcast is the announcement.',
      }),
    );

  return {
    platform: 'youtube',
    canPost: false,
    canScheduleLive: true,
    publishPost: () => noPosts('publishPost'),
    findPost: () => noPosts('findPost'),
    getPostStatus: () => noPosts('getPostStatus'),
    createLive: (account, spec) => run('createLive', account, (op) => createLive(op, spec)),
    findLive: (account, marker) => run('findLive', account, (op) => findLive(op, marker)),
    updateLive: (account, live, spec) => run('updateLive', account, (op) => updateLive(op, live, spec)),
    goLive: (account, live) => run('goLive', account, (op) => goLive(op, live)),
    endLive: (account, live) => run('endLive', account, (op) => endLive(op, live)),
    deleteLive: (account, live) => run('deleteLive', account, (op) => deleteLive(op, live)),
    checkAccount: (account) => checkYoutubeLogin(config, deps, account),
    readIngest: (account, live) => run('readIngest', account, (op) => readIngest(op, live)),
  };
}
