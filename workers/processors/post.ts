import { targetKey } from '../../src/domain/session';
import { appendMarker, createMarker, renderAnnounce, renderCancelNotice } from '../../src/text';
import { loadAccount } from '../context';
import type { ActionContext, ActionOutcome } from '../context';
import { once } from '../once';
import { textInputFor } from '../text-for';

/** announce / cancel-notice on a platform: one post, made at most once, marked to be found again. */
export async function publishPost(ctx: ActionContext): Promise<ActionOutcome> {
  const { platform, accountId } = ctx.record;
  if (!platform || !accountId) throw new Error(`job ${ctx.jobId} names no platform account`);
  const adapter = ctx.deps.adapters[platform];
  const account = await loadAccount(ctx.deps, accountId);
  const input = textInputFor(ctx.session);
  const body = ctx.record.kind === 'cancel-notice' ? renderCancelNotice(input) : renderAnnounce(input, ctx.record.offset ?? undefined);
  const marker = createMarker(ctx.jobId);
  const imageUrls = imagesFor(ctx);
  const { result, reused } = await once(
    ctx,
    async () => {
      const found = await adapter.findPost(account, marker);
      return found ? { postId: found.postId, url: found.url ?? null } : null;
    },
    async () => {
      const post = await adapter.publishPost(account, { text: appendMarker(body, marker), title: ctx.session.title, marker, imageUrls });
      return { postId: post.postId, url: post.url ?? null, ...(post.details ?? {}) };
    },
  );
  return {
    state: 'completed',
    result: { ...result, reused },
    runtime: { target: targetKey(platform, accountId), addPostId: result.postId },
  };
}

/** TikTok photo posts need an image: the session's, else the configured default. */
function imagesFor(ctx: ActionContext): string[] {
  if (ctx.session.imageUrls.length > 0) return ctx.session.imageUrls;
  const fallback = ctx.deps.config.defaultImageUrl ?? (ctx.deps.sandboxUrl ? `${ctx.deps.sandboxUrl}/__sandbox/promo.jpg` : null);
  return fallback ? [fallback] : [];
}
