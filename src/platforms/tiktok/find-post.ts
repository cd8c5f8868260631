import type { AccountContext, PostResult } from '../adapter';
import { isPlatformError, PlatformError } from '../platform-error';
import type { TiktokApi } from './tiktok-api';
import { videoListSchema } from './wire';

const operation = 'findPost';
/** Newest posts looked through: 5 pages of 20. */
const maxPages = 5;
const scopeCodes: ReadonlySet<string> = new Set(['scope_not_authorized', 'scope_permission_missed']);

/**
 * Look for a published post whose description carries `marker`, via `POST /v2/video/list/` (needs
 * the `video.list` scope). It only sees published public posts, so a found post is already
 * `PUBLISH_COMPLETE` and its id is the public post id (not a publish id: do not poll its status).
 * Without the scope the earlier attempt cannot be checked: that is a `conflict`, so nothing is
 * posted twice blindly.
 */
export async function findPostByMarker(api: TiktokApi, account: AccountContext, marker: string): Promise<PostResult | null> {
  let cursor: number | undefined;
  for (let page = 0; page < maxPages; page += 1) {
    const body = cursor === undefined ? { max_count: 20 } : { max_count: 20, cursor };
    const list = await listPage(api, account, body);
    const found = list.videos.find((video) => (video.video_description ?? video.title ?? '').includes(marker));
    if (found?.id !== undefined) {
      const id = String(found.id);
      return { postId: id, details: { status: 'PUBLISH_COMPLETE', publicIds: [id], foundBy: 'video.list' } };
    }
    if (list.has_more !== true || list.cursor === undefined) return null;
    cursor = list.cursor;
  }
  return null;
}

async function listPage(api: TiktokApi, account: AccountContext, body: object) {
  try {
    return await api(
      account,
      { operation, path: '/v2/video/list/', query: { fields: 'id,title,video_description' }, body },
      videoListSchema,
    );
  } catch (err: unknown) {
    if (isPlatformError(err) && err.platformCode !== undefined && scopeCodes.has(err.platformCode)) {
      throw new PlatformError({
        platform: 'tiktok',
        operation,
        kind: 'conflict',
        message: `an earlier TikTok post attempt for '${account.name}' cannot be verified (the login lacks the video.list permission), so LiveCue will not post again on its own: check the TikTok profile, or reconnect the account allowing every permission`,
        httpStatus: err.httpStatus ?? 401,
        platformCode: err.platformCode,
        flagsAccount: true,
        cause: err,
      });
    }
    throw err;
  }
}
