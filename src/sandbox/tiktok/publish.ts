import type { SandboxContext } from '../context';
import type { TikTokPost } from '../state';
import { errorAnswer, okAnswer } from './envelope';
import type { TiktokAnswer } from './envelope';
import type { PostDraft } from './validate-init';

/** A 19-digit int64-sized post id (sent as a bare JSON number, see envelope.ts). */
function createPostId(ctx: SandboxContext): string {
  return `7${ctx.nextNumericId().padStart(18, '0')}`;
}

function publishIdPrefix(draft: PostDraft): string {
  const media = draft.mediaType === 'PHOTO' ? 'p' : 'v';
  const mode = draft.postMode === 'MEDIA_UPLOAD' ? 'inbox' : 'pub';
  return `${media}_${mode}_url~v2`;
}

/** Store a new post; it downloads for `tiktokPublishMs`, then settles (see `settleTiktokPosts`). */
export function startPublish(ctx: SandboxContext, openId: string, draft: PostDraft): TiktokAnswer {
  const now = ctx.clock.now();
  const post: TikTokPost = {
    ...draft,
    publishId: `${publishIdPrefix(draft)}.${ctx.nextNumericId()}`,
    openId,
    status: 'PROCESSING_DOWNLOAD',
    postIds: [],
    createdAt: new Date(now).toISOString(),
    completesAt: now + ctx.options.tiktokPublishMs,
  };
  ctx.state.tiktok.posts.push(post);
  return okAnswer(now, { publish_id: post.publishId });
}

/**
 * Move downloads that are due to their final status. Direct posts complete; public ones get a
 * public post id at once (real moderation can take minutes to hours); inbox uploads wait for the
 * user in the app.
 */
export function settleTiktokPosts(ctx: SandboxContext): void {
  const now = ctx.clock.now();
  for (const post of ctx.state.tiktok.posts) {
    if (post.status !== 'PROCESSING_DOWNLOAD' || post.completesAt > now) continue;
    if (post.postMode === 'MEDIA_UPLOAD') {
      post.status = 'SEND_TO_USER_INBOX';
      continue;
    }
    post.status = 'PUBLISH_COMPLETE';
    if (post.privacyLevel === 'PUBLIC_TO_EVERYONE') post.postIds = [createPostId(ctx)];
  }
}

type Lookup = { ok: true; post: TikTokPost } | { ok: false; answer: TiktokAnswer };

function findOwnPost(ctx: SandboxContext, openId: string, body: unknown): Lookup {
  const now = ctx.clock.now();
  const publishId = (body as { publish_id?: unknown } | undefined)?.publish_id;
  if (typeof publishId !== 'string' || publishId === '') {
    return { ok: false, answer: errorAnswer(now, 400, 'invalid_param', 'publish_id is required') };
  }
  const post = ctx.state.tiktok.posts.find((p) => p.publishId === publishId);
  if (!post) return { ok: false, answer: errorAnswer(now, 400, 'invalid_publish_id', 'The publish_id does not exist.') };
  if (post.openId !== openId) {
    return {
      ok: false,
      answer: errorAnswer(now, 400, 'token_not_authorized_for_specified_publish_id', 'The publish_id belongs to another user.'),
    };
  }
  return { ok: true, post };
}

/** `POST /v2/post/publish/status/fetch/`. */
export function fetchPublishStatus(ctx: SandboxContext, openId: string, body: unknown): TiktokAnswer {
  const found = findOwnPost(ctx, openId, body);
  if (!found.ok) return found.answer;
  const { post } = found;
  const data: Record<string, unknown> = { status: post.status, publicaly_available_post_id: post.postIds };
  if (post.failReason !== undefined) data.fail_reason = post.failReason;
  if (post.mediaType === 'VIDEO' && post.status !== 'PROCESSING_DOWNLOAD') data.downloaded_bytes = 1_048_576;
  return okAnswer(ctx.clock.now(), data);
}

/** `POST /v2/post/publish/cancel/`: only a download still in progress can be cancelled. */
export function cancelPublish(ctx: SandboxContext, openId: string, body: unknown): TiktokAnswer {
  const found = findOwnPost(ctx, openId, body);
  if (!found.ok) return found.answer;
  const now = ctx.clock.now();
  if (found.post.status !== 'PROCESSING_DOWNLOAD') {
    return errorAnswer(now, 400, 'publish_not_cancellable', 'The publish has already finished.');
  }
  found.post.status = 'FAILED';
  found.post.failReason = 'publish_cancelled';
  return okAnswer(now, {});
}
