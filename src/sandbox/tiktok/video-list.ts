import type { SandboxContext } from '../context';
import type { TikTokPost } from '../state';
import { errorAnswer, okAnswer } from './envelope';
import type { TiktokAnswer } from './envelope';

const videoFields: Record<string, (post: TikTokPost) => unknown> = {
  id: (post) => post.postIds[0],
  title: (post) => post.title,
  video_description: (post) => post.description,
  create_time: (post) => Math.floor(Date.parse(post.createdAt) / 1000),
  share_url: (post) => `https://www.tiktok.com/@${post.openId}/${post.mediaType === 'PHOTO' ? 'photo' : 'video'}/${post.postIds[0] ?? ''}`,
};

/**
 * `POST /v2/video/list/?fields=…` (scope `video.list`): the token owner's public posts, newest
 * first. Only published posts with a public id are listed, like the real endpoint. The cursor is
 * an offset here (a millisecond timestamp on TikTok); clients must treat it as opaque.
 */
export function listVideos(ctx: SandboxContext, openId: string, query: Record<string, unknown>, body: unknown): TiktokAnswer {
  const now = ctx.clock.now();
  const fields = typeof query.fields === 'string' ? query.fields.split(',').map((f) => f.trim()).filter(Boolean) : [];
  if (fields.length === 0) return errorAnswer(now, 400, 'invalid_params', 'The fields query parameter is required.');
  const request = (body ?? {}) as { max_count?: unknown; cursor?: unknown };
  const maxCount = request.max_count ?? 20;
  const cursor = request.cursor ?? 0;
  if (typeof maxCount !== 'number' || !Number.isInteger(maxCount) || maxCount < 1 || maxCount > 20) {
    return errorAnswer(now, 400, 'invalid_params', 'max_count must be an integer from 1 to 20.');
  }
  if (typeof cursor !== 'number' || !Number.isInteger(cursor) || cursor < 0) {
    return errorAnswer(now, 400, 'invalid_params', 'cursor must be a non-negative integer.');
  }
  const published = ctx.state.tiktok.posts
    .filter((p) => p.openId === openId && p.status === 'PUBLISH_COMPLETE' && p.postIds.length > 0)
    .reverse();
  const page = published.slice(cursor, cursor + maxCount);
  const videos = page.map((post) => {
    const video: Record<string, unknown> = {};
    for (const field of fields) {
      const read = videoFields[field];
      if (read) video[field] = read(post);
    }
    return video;
  });
  const next = cursor + page.length;
  return okAnswer(now, { videos, cursor: next, has_more: next < published.length });
}
