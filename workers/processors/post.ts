import { effectiveTiktokSettings, promoImageUrls, targetKey } from '../../src/domain/session';
import type { TiktokPostSettings } from '../../src/domain/session';
import { createCampaignStore } from '../../src/store/campaign-store';
import type { AccountContext, TiktokPostChoice } from '../../src/platforms/adapter';
import { PlatformError } from '../../src/platforms/platform-error';
import { appendMarker, createMarker, renderAnnounce, renderCancelNotice } from '../../src/text';
import { loadAccount } from '../context';
import type { ActionContext, ActionOutcome } from '../context';
import { once } from '../once';
import type { InDoubtPolicy } from '../once';
import { loadTextInput } from '../text-for';
import { noteFacebookUsage, pace } from './rate-gate';
import { awaitTiktokPublish } from './tiktok-status';

/** How long an in-doubt TikTok post is looked for before LiveCue gives up on it (≥ publish + moderation time). */
export const tiktokInDoubtGraceMs = 10 * 60_000;

/** announce / cancel-notice on a platform: one post, made at most once, marked to be found again. */
export async function publishPost(ctx: ActionContext): Promise<ActionOutcome> {
  const { platform, accountId } = ctx.record;
  if (!platform || !accountId) throw new Error(`job ${ctx.jobId} names no platform account`);
  const adapter = ctx.deps.adapters[platform];
  // Independent reads, one round trip.
  const [account, input] = await Promise.all([loadAccount(ctx.deps, accountId), loadTextInput(ctx.deps, ctx.session)]);
  const body = ctx.record.kind === 'cancel-notice' ? renderCancelNotice(input) : renderAnnounce(input, ctx.record.offset ?? undefined);
  const marker = createMarker(ctx.jobId);
  const campaign = platform === 'tiktok' && ctx.session.campaignId ? await createCampaignStore(ctx.deps.redis, ctx.deps.keys).get(ctx.session.campaignId) : null;
  const imageUrls = imagesFor(ctx, campaign?.imageUrl ?? null);
  const tiktok = platform === 'tiktok' ? await tiktokChoiceOf(ctx, campaign?.tiktok) : undefined;
  const { result, reused } = await once<Record<string, unknown> & { postId: string }>(
    ctx,
    async () => {
      const found = await adapter.findPost(account, marker);
      return found ? { postId: found.postId, url: found.url ?? null, ...(found.details ?? {}) } : null;
    },
    async () => {
      // Paced only when a call is really made (a recorded or found post needs none); a pacing
      // refusal has no effect, so once() releases the claim and the job is delayed.
      if (platform === 'tiktok') await pace(ctx.deps, { platform, accountId, endpoints: ['init', 'creatorInfo'] });
      if (platform === 'facebook') await pace(ctx.deps, { platform, accountId });
      const post = await adapter.publishPost(account, { text: appendMarker(body, marker), title: ctx.session.title, marker, imageUrls, ...(tiktok ? { tiktok } : {}) });
      if (platform === 'facebook') await noteFacebookUsage(ctx.deps, accountId, post.details);
      return { postId: post.postId, url: post.url ?? null, submittedAt: new Date(ctx.deps.clock.now()).toISOString(), ...(post.details ?? {}) };
    },
    platform === 'tiktok' ? tiktokInDoubt(account) : undefined,
  );
  const outcome = platform === 'tiktok' && result.status !== 'PUBLISH_COMPLETE' ? await awaitTiktokPublish(ctx, adapter, account, result) : null;
  return {
    state: 'completed',
    result: { ...result, ...(outcome ?? {}), reused },
    runtime: { target: targetKey(platform, accountId), addPostId: result.postId },
  };
}

/** TikTok's findPost sees public published posts only: wait for an earlier init, never post blindly. */
function tiktokInDoubt(account: AccountContext): InDoubtPolicy {
  return {
    graceMs: tiktokInDoubtGraceMs,
    recheckMs: 15_000,
    onUnverified: () =>
      new PlatformError({
        platform: 'tiktok',
        operation: 'publishPost',
        kind: 'conflict',
        platformCode: 'in_doubt',
        message: `an earlier attempt to post the TikTok promo of '${account.name}' was cut off and the post cannot be found (private posts are not listed), so LiveCue does not post again on its own: check the TikTok profile and retry the job if the promo is missing`,
      }),
  };
}

/** TikTok photo posts need an image: the session's, else its campaign's, else the configured default. */
function imagesFor(ctx: ActionContext, campaignImageUrl: string | null): string[] {
  const fallback = ctx.deps.config.defaultImageUrl ?? (ctx.deps.sandboxUrl ? `${ctx.deps.sandboxUrl}/__sandbox/promo.jpg` : null);
  return promoImageUrls(ctx.session.imageUrls, campaignImageUrl, fallback);
}

/** The organizer's TikTok choices for this target (over the campaign's), and whether the app is audited now. */
async function tiktokChoiceOf(ctx: ActionContext, campaignDefaults: TiktokPostSettings | undefined): Promise<TiktokPostChoice> {
  const target = ctx.session.targets.find((t) => t.platform === 'tiktok' && t.accountId === ctx.record.accountId);
  const settings = target ? effectiveTiktokSettings(target, campaignDefaults) : {};
  const rules = await ctx.deps.tiktokRules();
  return { ...settings, audited: rules.audited };
}
