import type { PlatformAdapter, PlatformAdapters } from '../platforms/adapter';
import { isPlatformError } from '../platforms/platform-error';
import type { Clock } from '../shared/clock';
import type { Metrics } from './metrics';

type Operation = 'publishPost' | 'findPost' | 'getPostStatus' | 'createLive' | 'findLive' | 'updateLive' | 'goLive' | 'endLive' | 'deleteLive' | 'readIngest';

/**
 * Wraps every adapter so each call counts in `livecue_platform_calls_total` (ok/error), its
 * duration in a histogram, its PlatformError kind in `livecue_platform_errors_total`, and rate
 * limits / spent quotas in `livecue_rate_limit_delays_total`. Behaviour is unchanged: results and
 * errors pass through as they are.
 */
export function instrumentAdapters(adapters: PlatformAdapters, metrics: Metrics, clock: Clock): PlatformAdapters {
  return {
    facebook: instrumentAdapter(adapters.facebook, metrics, clock),
    tiktok: instrumentAdapter(adapters.tiktok, metrics, clock),
    youtube: instrumentAdapter(adapters.youtube, metrics, clock),
  };
}

function instrumentAdapter(adapter: PlatformAdapter, metrics: Metrics, clock: Clock): PlatformAdapter {
  const platform = adapter.platform;
  const wrap = <A extends unknown[], R>(operation: Operation, call: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const startedMs = clock.now();
      try {
        const result = await call(...args);
        metrics.platformCalls.inc({ platform, operation, outcome: 'ok' });
        return result;
      } catch (err) {
        const kind = isPlatformError(err) ? err.kind : 'unclassified';
        metrics.platformCalls.inc({ platform, operation, outcome: 'error' });
        metrics.platformErrors.inc({ platform, operation, kind });
        if (kind === 'rate_limited' || kind === 'quota_exhausted') metrics.rateLimitDelays.inc({ platform, kind });
        throw err;
      } finally {
        metrics.platformCallDuration.observe({ platform, operation }, (clock.now() - startedMs) / 1000);
      }
    };
  return {
    platform,
    canPost: adapter.canPost,
    canScheduleLive: adapter.canScheduleLive,
    publishPost: wrap('publishPost', adapter.publishPost.bind(adapter)),
    findPost: wrap('findPost', adapter.findPost.bind(adapter)),
    getPostStatus: wrap('getPostStatus', adapter.getPostStatus.bind(adapter)),
    createLive: wrap('createLive', adapter.createLive.bind(adapter)),
    findLive: wrap('findLive', adapter.findLive.bind(adapter)),
    updateLive: wrap('updateLive', adapter.updateLive.bind(adapter)),
    goLive: wrap('goLive', adapter.goLive.bind(adapter)),
    endLive: wrap('endLive', adapter.endLive.bind(adapter)),
    deleteLive: wrap('deleteLive', adapter.deleteLive.bind(adapter)),
    ...(adapter.checkAccount ? { checkAccount: adapter.checkAccount.bind(adapter) } : {}),
    ...(adapter.readIngest ? { readIngest: wrap('readIngest', adapter.readIngest.bind(adapter)) } : {}),
    ...(adapter.readPostingOptions ? { readPostingOptions: adapter.readPostingOptions.bind(adapter) } : {}),
  };
}
