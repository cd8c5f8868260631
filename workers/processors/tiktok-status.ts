import type { AccountContext, PlatformAdapter } from '../../src/platforms/adapter';
import { classifyTiktokFailReason } from '../../src/platforms/tiktok';
import type { ActionContext } from '../context';
import { EffectInFlightError } from '../once';
import { pace } from './rate-gate';

/** How long one job run polls TikTok's publish status before it hands the job back (delayed). */
export const statusPollWindowMs = 45_000;
/** Pause between two status fetches (TikTok allows 30 a minute per token). */
export const statusPollEveryMs = 1500;
/** Delay before the next run polls again when the post is still processing. */
export const statusRecheckMs = 30_000;
/** After this long in processing, the job completes with status `processing` (TikTok may take hours to moderate). */
export const statusGiveUpMs = 6 * 3_600_000;

/** The post is still being processed by TikTok: look again later (no attempt burned). */
export class PublishProcessingError extends EffectInFlightError {
  constructor(retryAfterMs: number, status: string) {
    super(retryAfterMs);
    this.message = `TikTok is still processing the promo post (status ${status}): LiveCue checks again shortly`;
    this.name = 'PublishProcessingError';
  }
}

export interface PublishOutcome {
  status: string;
  publicIds: string[];
}

const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

/**
 * Poll `status/fetch` after a TikTok init until PUBLISH_COMPLETE or FAILED. FAILED releases the
 * ledger claim (nothing was published, a retry may post again) and throws the classified
 * `fail_reason`; still processing after the poll window keeps the ledger's result current and
 * hands the job back with a delay.
 */
export async function awaitTiktokPublish(
  ctx: ActionContext,
  adapter: PlatformAdapter,
  account: AccountContext,
  recorded: Record<string, unknown> & { postId: string },
): Promise<PublishOutcome> {
  const { deps } = ctx;
  const submittedMs = typeof recorded.submittedAt === 'string' ? Date.parse(recorded.submittedAt) : deps.clock.now();
  const deadline = deps.clock.now() + statusPollWindowMs;
  for (;;) {
    await pace(deps, { platform: 'tiktok', accountId: account.accountId, endpoints: ['status'] });
    const now = deps.clock.now();
    const st = await adapter.getPostStatus(account, recorded.postId);
    if (st.state === 'published') return { status: 'PUBLISH_COMPLETE', publicIds: st.publicIds ?? [] };
    if (st.state === 'failed') {
      await deps.ledger.release(ctx.jobId);
      throw classifyTiktokFailReason(st.failReason ?? 'unknown', { accountName: account.name, operation: 'getPostStatus', nowMs: now });
    }
    const status = 'PROCESSING';
    if (now - submittedMs > statusGiveUpMs) return { status, publicIds: [] };
    if (now + statusPollEveryMs > deadline) {
      await deps.ledger.record(ctx.jobId, { ...recorded, status, checkedAt: new Date(now).toISOString() }, new Date(now).toISOString());
      throw new PublishProcessingError(statusRecheckMs, status);
    }
    await sleep(statusPollEveryMs);
  }
}
