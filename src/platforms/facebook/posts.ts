import type { AccountContext, PostContent, PostResult, PostStatus } from '../adapter';
import type { GraphClient } from './graph-client';
import { graphId } from './graph-client';
import { unexpectedAnswer } from './unexpected-answer';

/**
 * Publish now: with images a photo post (`/photos`, the first image, text as caption), else a feed
 * post (`/feed`, message + link). A photo post cannot carry a link, so the link joins the caption
 * when the text does not already hold it.
 */
export async function publishPost(graph: GraphClient, account: AccountContext, content: PostContent): Promise<PostResult> {
  const page = graphId(account.externalId);
  const [imageUrl] = content.imageUrls;
  if (imageUrl !== undefined) {
    const caption = content.link && !content.text.includes(content.link) ? `${content.text}\n${content.link}` : content.text;
    const reply = await graph.call({ operation: 'publishPost', account, method: 'POST', path: `/${page}/photos`, params: { url: imageUrl, caption } });
    const postId = readId(reply.body.post_id) ?? readId(reply.body.id);
    if (postId === undefined) throw unexpectedAnswer('publishPost', account, 'a post id');
    return toPostResult(postId, { photoId: readId(reply.body.id), usagePercent: reply.usagePercent });
  }
  const reply = await graph.call({
    operation: 'publishPost',
    account,
    method: 'POST',
    path: `/${page}/feed`,
    params: { message: content.text, link: content.link },
  });
  const postId = readId(reply.body.id);
  if (postId === undefined) throw unexpectedAnswer('publishPost', account, 'a post id');
  return toPostResult(postId, { usagePercent: reply.usagePercent });
}

/** The newest of the page's last 100 posts whose text holds `marker`, or null. */
export async function findPost(graph: GraphClient, account: AccountContext, marker: string): Promise<PostResult | null> {
  const reply = await graph.call({
    operation: 'findPost',
    account,
    method: 'GET',
    path: `/${graphId(account.externalId)}/feed`,
    params: { fields: 'id,message,created_time', limit: '100' },
  });
  const data = Array.isArray(reply.body.data) ? (reply.body.data as unknown[]) : [];
  for (const item of data) {
    if (typeof item !== 'object' || item === null) continue;
    const { id, message } = item as { id?: unknown; message?: unknown };
    const postId = readId(id);
    if (postId !== undefined && typeof message === 'string' && message.includes(marker)) {
      return toPostResult(postId, { usagePercent: reply.usagePercent });
    }
  }
  return null;
}

/** Facebook posts are published when created: a post that still exists is `published`. */
export async function getPostStatus(graph: GraphClient, account: AccountContext, postId: string): Promise<PostStatus> {
  await graph.call({ operation: 'getPostStatus', account, method: 'GET', path: `/${graphId(postId)}`, params: { fields: 'id' } });
  return { state: 'published' };
}

function toPostResult(postId: string, details: Record<string, unknown>): PostResult {
  const facts = Object.fromEntries(Object.entries(details).filter(([, v]) => v !== undefined));
  return {
    postId,
    // facebook.com/{page}_{story} opens the post.
    url: `https://www.facebook.com/${postId}`,
    ...(Object.keys(facts).length > 0 ? { details: facts } : {}),
  };
}

function readId(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}
