import { DateTime } from 'luxon';
import type { Deps } from '../../src/deps';
import { PlatformError } from '../../src/platforms/platform-error';
import { msUntilQuotaReset, quotaZone, youtubeDailyQuota, youtubeUnitsPerOperation } from '../../src/platforms/youtube';
import type { YoutubeOperation } from '../../src/platforms/youtube';
import { createRateBuckets } from '../../src/store/rate-buckets';
import type { BucketSpec, RateBuckets } from '../../src/store/rate-buckets';

/** TikTok's documented per-token limits per minute (platform-apis.md 2.2). */
export const tiktokLimitsPerMinute = { init: 6, creatorInfo: 20, status: 30 } as const;
export type TiktokEndpoint = keyof typeof tiktokLimitsPerMinute;

/** Facebook usage (percent of a limit in the usage headers) from which LiveCue slows down, and stops. */
export const facebookSlowPercent = 75;
export const facebookStopPercent = 95;
/** While slowed down: calls per minute per page. */
const facebookSlowPerMinute = 2;
/** After a reading at or above the stop percent, no call for this long; then calls resume at the slow pace. */
const facebookStopWaitMs = 10 * 60_000;

/** What a worker is about to ask a platform, for pacing. */
export type PacedCall =
  | { platform: 'tiktok'; accountId: string; endpoints: readonly TiktokEndpoint[] }
  | { platform: 'facebook'; accountId: string }
  | { platform: 'youtube'; accountId: string; operation: YoutubeOperation };

const bucketsOf = new WeakMap<Deps, RateBuckets>();

/** The rate buckets of these deps (one set of Lua commands per store connection). */
export function rateBucketsOf(deps: Deps): RateBuckets {
  let buckets = bucketsOf.get(deps);
  if (!buckets) {
    buckets = createRateBuckets(deps.redis, deps.keys);
    bucketsOf.set(deps, buckets);
  }
  return buckets;
}

/** The YouTube quota day (Pacific time) of an instant, e.g. `2024-06-14`. */
export function youtubeQuotaDay(nowMs: number): string {
  return DateTime.fromMillis(nowMs, { zone: quotaZone }).toISODate() ?? 'unknown-day';
}

/**
 * Wait for a token before a platform call: throws a `rate_limited` (or `quota_exhausted`)
 * PlatformError with the wait, which the worker turns into a delay that burns no attempt.
 */
export async function pace(deps: Deps, call: PacedCall): Promise<void> {
  const buckets = rateBucketsOf(deps);
  const nowMs = deps.clock.now();
  switch (call.platform) {
    case 'tiktok': {
      const specs: BucketSpec[] = call.endpoints.map((e) => ({ name: `tiktok:${e}:${call.accountId}`, capacity: tiktokLimitsPerMinute[e], periodMs: 60_000 }));
      const taken = await buckets.take(specs, nowMs);
      if (!taken.ok) throw paced('tiktok', 'rate_limited', taken.waitMs, `LiveCue keeps under TikTok's per-minute limits for account '${call.accountId}' (${call.endpoints.join(', ')}): waiting ${Math.ceil(taken.waitMs / 1000)} s`);
      return;
    }
    case 'facebook': {
      const usage = await buckets.usage(call.accountId);
      if (!usage || usage.percent < facebookSlowPercent) return;
      // The pause runs from the reading, not from each try: a paused page makes no calls, so no
      // newer reading can come, and a pause counted from now would last as long as Redis keeps it.
      const pausedUntilMs = usage.atMs + facebookStopWaitMs;
      if (usage.percent >= facebookStopPercent && pausedUntilMs > nowMs) {
        throw paced('facebook', 'rate_limited', pausedUntilMs - nowMs, `Facebook reports ${usage.percent}% of its rate limit used for account '${call.accountId}': LiveCue pauses its calls`);
      }
      // Slowed down, or a pause that is over: a few calls a minute, whose answers bring a fresh reading.
      const taken = await buckets.take([{ name: `facebook:slow:${call.accountId}`, capacity: facebookSlowPerMinute, periodMs: 60_000 }], nowMs);
      if (!taken.ok) throw paced('facebook', 'rate_limited', taken.waitMs, `Facebook reports ${usage.percent}% of its rate limit used for account '${call.accountId}': LiveCue slows down`);
      return;
    }
    case 'youtube': {
      const units = youtubeUnitsPerOperation[call.operation];
      if (units === 0) return;
      const spent = await buckets.spend({ scope: 'youtube', day: youtubeQuotaDay(nowMs), units, budget: youtubeDailyQuota, msUntilReset: msUntilQuotaReset(nowMs) });
      if (!spent.ok) {
        throw paced('youtube', 'quota_exhausted', spent.waitMs, `today's YouTube quota is spent (${spent.spent} of ${youtubeDailyQuota} units; ${call.operation} needs ${units}): LiveCue waits for the reset at midnight Pacific time`);
      }
      return;
    }
  }
}

/** Record the usage a Facebook answer reported (PostResult.details.usagePercent). */
export async function noteFacebookUsage(deps: Deps, accountId: string, details: Record<string, unknown> | undefined): Promise<void> {
  const percent = details?.usagePercent;
  if (typeof percent !== 'number' || !Number.isFinite(percent)) return;
  await rateBucketsOf(deps).noteUsage(accountId, { percent, atMs: deps.clock.now() });
}

function paced(platform: 'tiktok' | 'facebook' | 'youtube', kind: 'rate_limited' | 'quota_exhausted', waitMs: number, message: string): PlatformError {
  return new PlatformError({ platform, operation: 'pace', kind, retryAfterMs: Math.max(1, waitMs), message, platformCode: 'livecue_pacing' });
}
