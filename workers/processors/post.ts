import { effectiveTiktokSettings, promoImageUrls, targetKey } from '../../src/domain/session';
import type { TiktokPostSettings } from '../../src/domain/session';
import type { TiktokPostChoice } from '../../src/platforms/adapter';
import { capabilitiesOf } from '../../src/platforms/capabilities';
import { workerPolicyOf } from '../../src/platforms/worker-policies';
import { appendMarker, createMarker, renderAnnounce, renderCancelNotice } from '../../src/text';
import { loadAccount } from '../context';
import type { ActionContext, ActionOutcome } from '../context';
import { once } from '../once';
import { loadTextInput } from '../text-for';
import { followUpPublish } from './follow-up-publish';
import { noteUsage, pace } from './rate-gate';

/** announce / cancel-notice on a platform: one post, made at most once, marked to be found again. */
export async function publishPost(ctx: ActionContext): Promise<ActionOutcome> {
  const { platform, accountId } = ctx.record;
  if (!platform || !accountId) throw new Error(`job ${ctx.jobId} names no platform account`);
  const adapter = ctx.deps.adapters[platform];
  const policy = workerPolicyOf(platform);
  // Independent reads, one round trip.
  const [account, input] = await Promise.all([loadAccount(ctx.deps, accountId, ctx.prefetched), loadTextInput(ctx.deps, ctx.session)]);
  const body = ctx.record.kind === 'cancel-notice' ? renderCancelNotice(input) : renderAnnounce(input, ctx.record.offset ?? undefined);
  const marker = createMarker(ctx.jobId);
  const campaign = ctx.session.campaignId ? await ctx.deps.campaigns.get(ctx.session.campaignId) : null;
  const imageUrls = imagesFor(ctx, campaign?.imageUrl ?? null);
  // The per-target settings object the platform takes (its capability record names it).
  const tiktok = capabilitiesOf(platform).postSettings === 'tiktok' ? await tiktokChoiceOf(ctx, campaign?.tiktok) : undefined;
  const followUp = policy.followUpPublish;
  const { result, reused, extra } = await once<Record<string, unknown> & { postId: string }>(
    ctx,
    async () => {
      const found = await adapter.findPost(account, marker);
      return found ? { postId: found.postId, url: found.url ?? null, ...(found.details ?? {}) } : null;
    },
    async () => {
      // Paced only when a call is really made (a recorded or found post needs none); a pacing
      // refusal has no effect, so once() releases the claim and the job is delayed.
      await pace(ctx.deps, { platform, accountId, operation: 'publishPost', knownUsage: ctx.prefetched?.usage ?? null });
      const post = await adapter.publishPost(account, { text: appendMarker(body, marker), title: ctx.session.title, marker, imageUrls, ...(tiktok ? { tiktok } : {}) });
      await noteUsage(ctx.deps, platform, accountId, post.details, ctx.deferred);
      return { postId: post.postId, url: post.url ?? null, submittedAt: ctx.deps.clock.nowIso(), ...(post.details ?? {}) };
    },
    policy.inDoubtPost?.(account),
    followUp ? (recorded) => followUpPublish(ctx, adapter, account, followUp, recorded) : undefined,
  );
  return {
    state: 'completed',
    result: { ...result, ...extra, reused },
    runtime: { target: targetKey(platform, accountId), addPostId: result.postId },
  };
}

/** Photo posts (TikTok) need an image: the session's, else its campaign's, else the configured default. */
function imagesFor(ctx: ActionContext, campaignImageUrl: string | null): string[] {
  const fallback = ctx.deps.config.defaultImageUrl ?? (ctx.deps.sandboxUrl ? `${ctx.deps.sandboxUrl}/__sandbox/promo.jpg` : null);
  return promoImageUrls(ctx.session.imageUrls, campaignImageUrl, fallback);
}

/** The organizer's TikTok choices for this target (over the campaign's), and whether the app is audited now. */
async function tiktokChoiceOf(ctx: ActionContext, campaignDefaults: TiktokPostSettings | undefined): Promise<TiktokPostChoice> {
  const target = ctx.session.targets.find((t) => t.platform === ctx.record.platform && t.accountId === ctx.record.accountId);
  const settings = target ? effectiveTiktokSettings(target, campaignDefaults) : {};
  const rules = await ctx.deps.tiktokRules();
  return { ...settings, audited: rules.audited };
}
