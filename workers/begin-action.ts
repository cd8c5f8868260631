import type { Job } from 'bullmq';
import type { Deps } from '../src/deps';
import { PLATFORMS } from '../src/domain/platform';
import type { Platform } from '../src/domain/platform';
import type { BeginResult } from '../src/store/job-steps';
import { workerPolicyOf } from '../src/platforms/worker-policies';
import type { Prefetched } from './context';

/** How early a job may fire before its runAt (BullMQ promotes on the Redis tick) before it is re-delayed. */
export const EARLY_TOLERANCE_MS = 1000;

/** Kinds whose effect goes through once() first thing: begin claims their ledger entry. */
const CLAIMED_AT_START = new Set(['announce', 'cancel-notice']);

/** Kind, platform and account named by an action key (`announce__facebook__fb-sct__P1D`). */
function targetOfKey(key: string): { kind: string; platform: Platform | null; accountId: string | null } {
  const [kind = '', platform, accountId] = key.split('__');
  const isPlatform = (PLATFORMS as readonly string[]).includes(platform ?? '');
  return { kind, platform: isPlatform ? (platform as Platform) : null, accountId: isPlatform ? accountId ?? null : null };
}

/**
 * The begin step of one action job (src/store/job-steps.ts): one round trip that checks the job
 * against its session, starts it, samples its lateness and reads (or claims) what its action
 * needs. `prefetched` is what an ActionContext carries from it.
 */
export async function beginAction(job: Job, deps: Deps, sessionId: string, jobKey: string): Promise<{ begun: BeginResult; prefetched: Prefetched | null; nowMs: number }> {
  const nowMs = deps.clock.now();
  const jobId = job.id ?? '';
  const owner = `${jobId}#${job.attemptsStarted}`;
  const { kind, platform, accountId } = targetOfKey(jobKey);
  const claimFor = platform && CLAIMED_AT_START.has(kind) ? owner : undefined;
  // Pacing by the platform's usage headers reads the last reading before every call: read it now.
  const usageOf = platform && accountId && workerPolicyOf(platform).pacing.kind === 'usage-headers' ? accountId : undefined;
  const begun = await deps.jobSteps.begin({
    sessionId,
    jobKey,
    nowMs,
    nowIso: deps.clock.nowIso(),
    earlyToleranceMs: EARLY_TOLERANCE_MS,
    latenessSample: deps.ops.latenessSample(job.queueName, nowMs),
    effectKey: jobId,
    ...(claimFor ? { claimFor } : {}),
    ...(accountId ? { accountId } : {}),
    ...(usageOf ? { usageOf } : {}),
  });
  if (begun.outcome !== 'started') return { begun, prefetched: null, nowMs };
  const latenessMs = Math.max(0, nowMs - Date.parse(begun.record.runAt));
  deps.metrics.jobLateness.observe({ queue: job.queueName }, latenessMs / 1000);
  return {
    begun,
    nowMs,
    prefetched: {
      account: accountId ? { id: accountId, found: begun.account } : null,
      usage: usageOf ? { accountId: usageOf, reading: begun.usage } : null,
      ledger: begun.claim,
      claimedFor: claimFor ?? null,
      claimTaken: false,
    },
  };
}
