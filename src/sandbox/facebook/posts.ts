import type { SandboxContext } from '../context';
import type { FacebookPost } from '../state';
import { GraphFailure, invalidParameter } from './graph-failure';
import type { GraphParams } from './graph-params';
import { formatGraphTime, readBoolean, readJson, readLimit, readString, readUnixSeconds, selectFields } from './graph-params';
import type { GraphRules } from './graph-rules';

const defaultPostFields = ['id', 'message', 'created_time'];

/** `POST /{page}/feed`: message, link or attached_media; scheduled with `published=false`. */
export function createFeedPost(ctx: SandboxContext, rules: GraphRules, pageId: string, params: GraphParams): Record<string, unknown> {
  const message = readString(params, 'message') ?? '';
  const link = readString(params, 'link');
  const photoIds = readAttachedMedia(params.attached_media);
  if (message === '' && !link && photoIds.length === 0) {
    throw invalidParameter('Missing message or attachment');
  }
  const published = readBoolean(params, 'published') ?? true;
  // scheduled_publish_time is honoured only with published=false; otherwise the post goes out now.
  const scheduledPublishTime = published ? undefined : readScheduledTime(ctx, rules, params.scheduled_publish_time);
  rejectDuplicate(ctx, pageId, message);
  const post = addPost(ctx, {
    pageId,
    message,
    photoIds,
    published,
    ...(link ? { link } : {}),
    ...(scheduledPublishTime === undefined ? {} : { scheduledPublishTime }),
  });
  const fields = readString(params, 'fields');
  return fields ? selectFields(describePost(post), fields, []) : { id: post.id };
}

/** `POST /{page}/photos`: one photo by `url`; a post unless `published=false` without a time. */
export function createPhoto(ctx: SandboxContext, rules: GraphRules, pageId: string, params: GraphParams): Record<string, unknown> {
  const url = readString(params, 'url');
  if (!url) throw invalidParameter('Missing url or source');
  const photoId = ctx.nextNumericId();
  const published = readBoolean(params, 'published') ?? true;
  const scheduledPublishTime = published ? undefined : readScheduledTime(ctx, rules, params.scheduled_publish_time);
  // An unpublished photo without a time is material for attached_media, not a post.
  if (!published && scheduledPublishTime === undefined) return { id: photoId };
  const post = addPost(ctx, {
    pageId,
    message: readString(params, 'caption') ?? readString(params, 'message') ?? '',
    photoIds: [photoId],
    published,
    ...(scheduledPublishTime === undefined ? {} : { scheduledPublishTime }),
  });
  return { id: photoId, post_id: post.id };
}

/** `GET /{page}/feed` (and `/posts`): published posts, newest first. */
export function listFeed(ctx: SandboxContext, pageId: string, params: GraphParams): Record<string, unknown> {
  return listPosts(ctx, pageId, params, (p) => p.published);
}

/** `GET /{page}/scheduled_posts`: posts waiting for their scheduled time. */
export function listScheduledPosts(ctx: SandboxContext, pageId: string, params: GraphParams): Record<string, unknown> {
  return listPosts(ctx, pageId, params, (p) => !p.published && p.scheduledPublishTime !== undefined);
}

export function readPost(post: FacebookPost, params: GraphParams): Record<string, unknown> {
  return selectFields(describePost(post), readString(params, 'fields'), defaultPostFields);
}

/** `POST /{post}`: new message, new time, or publish now (`is_published=true`). */
export function updatePost(ctx: SandboxContext, rules: GraphRules, post: FacebookPost, params: GraphParams): Record<string, unknown> {
  const message = readString(params, 'message');
  const publishNow = readBoolean(params, 'is_published');
  const time = post.published ? undefined : readScheduledTime(ctx, rules, params.scheduled_publish_time);
  if (message !== undefined) post.message = message;
  if (time !== undefined) post.scheduledPublishTime = time;
  if (publishNow === true) {
    post.published = true;
    delete post.scheduledPublishTime;
  }
  return { success: true };
}

export function deletePost(ctx: SandboxContext, post: FacebookPost): Record<string, unknown> {
  ctx.state.facebook.posts = ctx.state.facebook.posts.filter((p) => p.id !== post.id);
  return { success: true };
}

export function findPostById(ctx: SandboxContext, id: string): FacebookPost | undefined {
  return ctx.state.facebook.posts.find((p) => p.id === id);
}

/** Scheduled posts whose time has come are published (the fake clock drives it). */
export function settlePosts(ctx: SandboxContext): void {
  const nowS = ctx.clock.now() / 1000;
  for (const post of ctx.state.facebook.posts) {
    if (!post.published && post.scheduledPublishTime !== undefined && post.scheduledPublishTime <= nowS) {
      post.published = true;
    }
  }
}

function addPost(ctx: SandboxContext, fields: Omit<FacebookPost, 'id' | 'createdAt'>): FacebookPost {
  const post: FacebookPost = {
    id: `${fields.pageId}_${ctx.nextNumericId()}`,
    createdAt: ctx.clock.nowIso(),
    ...fields,
  };
  ctx.state.facebook.posts.push(post);
  return post;
}

function listPosts(ctx: SandboxContext, pageId: string, params: GraphParams, keep: (p: FacebookPost) => boolean): Record<string, unknown> {
  const fields = readString(params, 'fields');
  const data = ctx.state.facebook.posts
    .filter((p) => p.pageId === pageId && keep(p))
    .reverse()
    .slice(0, readLimit(params))
    .map((p) => selectFields(describePost(p), fields, defaultPostFields));
  return { data };
}

function describePost(post: FacebookPost): Record<string, unknown> {
  const storyId = post.id.slice(post.id.indexOf('_') + 1);
  return {
    id: post.id,
    message: post.message === '' ? undefined : post.message,
    link: post.link,
    created_time: formatGraphTime(Date.parse(post.createdAt)),
    is_published: post.published,
    scheduled_publish_time: post.scheduledPublishTime,
    permalink_url: `https://www.facebook.com/${post.pageId}/posts/${storyId}`,
    attachments: post.photoIds.length > 0 ? { data: post.photoIds.map((id) => ({ target: { id } })) } : undefined,
  };
}

/** Validate a scheduled time against the window (code 100 outside it); `undefined` when absent. */
function readScheduledTime(ctx: SandboxContext, rules: GraphRules, value: unknown): number | undefined {
  const time = readUnixSeconds(value);
  if (time === undefined) return undefined;
  const nowS = Math.floor(ctx.clock.now() / 1000);
  if (time === null || time < nowS + rules.feedScheduleMinS || time > nowS + rules.feedScheduleMaxS) {
    throw invalidParameter('The specified scheduled publish time is invalid.');
  }
  return time;
}

/** Graph refuses the same text posted twice in a row on a page (code 506). */
function rejectDuplicate(ctx: SandboxContext, pageId: string, message: string): void {
  if (message === '') return;
  const last = ctx.state.facebook.posts.filter((p) => p.pageId === pageId).at(-1);
  if (last?.message === message) throw new GraphFailure(506, '(#506) Duplicate status message');
}

function readAttachedMedia(value: unknown): string[] {
  const parsed = readJson(value);
  if (parsed === undefined) return [];
  if (!Array.isArray(parsed)) throw invalidParameter('attached_media must be an array');
  return parsed.map((item: unknown) => {
    const id = typeof item === 'object' && item !== null ? (item as { media_fbid?: unknown }).media_fbid : undefined;
    if (typeof id !== 'string' && typeof id !== 'number') throw invalidParameter('attached_media entries need a media_fbid');
    return String(id);
  });
}
