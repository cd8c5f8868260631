import type { AccountContext, PlatformAdapter } from '../../src/platforms/adapter';
import { capabilitiesOf } from '../../src/platforms/capabilities';
import type { PublishFollowUp } from '../../src/platforms/worker-policy';
import type { ActionContext } from '../context';
import { EffectInFlightError } from '../once';
import type { SettleOutcome } from '../once';
import { pace } from './rate-gate';

/** The post is still being processed by the platform: look again later (no attempt burned). */
export class PublishProcessingError extends EffectInFlightError {
  constructor(retryAfterMs: number, platformName: string, status: string) {
    super(retryAfterMs);
    this.message = `${platformName} is still processing the promo post (status ${status}): LiveCue checks again shortly`;
    this.name = 'PublishProcessingError';
  }
}

type Recorded = Record<string, unknown> & { postId: string };

const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

/**
 * Poll the post status after a publish the platform finishes later until it is published or
 * failed. Failed: once() releases the claim and throws the classified reason; still processing
 * after the poll window: once() keeps the ledger's result current and the job is handed back.
 */
export async function followUpPublish(
  ctx: ActionContext,
  adapter: PlatformAdapter,
  account: AccountContext,
  policy: PublishFollowUp,
  recorded: Recorded,
): Promise<SettleOutcome<Recorded>> {
  if (policy.isSettled(recorded)) return { state: 'settled', extra: {} };
  const { deps } = ctx;
  const platform = adapter.platform;
  const submittedMs = typeof recorded.submittedAt === 'string' ? Date.parse(recorded.submittedAt) : deps.clock.now();
  const deadline = deps.clock.now() + policy.pollWindowMs;
  for (;;) {
    await pace(deps, { platform, accountId: account.accountId, operation: 'getPostStatus' });
    const now = deps.clock.now();
    const st = await adapter.getPostStatus(account, recorded.postId);
    if (st.state === 'published') return { state: 'settled', extra: { status: 'PUBLISH_COMPLETE', publicIds: st.publicIds ?? [] } };
    if (st.state === 'failed') return { state: 'failed', error: policy.classifyFailure(st.failReason ?? 'unknown', account, now) };
    const status = 'PROCESSING';
    if (now - submittedMs > policy.giveUpMs) return { state: 'settled', extra: { status, publicIds: [] } };
    if (now + policy.pollEveryMs > deadline) {
      const checkedAt = new Date(now).toISOString();
      return { state: 'pending', result: { ...recorded, status, checkedAt }, error: new PublishProcessingError(policy.recheckMs, capabilitiesOf(platform).displayName, status) };
    }
    await sleep(policy.pollEveryMs);
  }
}
