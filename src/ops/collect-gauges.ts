import type { Deps } from '../deps';
import { QUEUE_NAMES } from '../scheduling/queues';
import { findOverdueDelayed } from './overdue';
import { summarizeLateness } from './percentile';

const HEARTBEAT_WINDOW_MS = 30_000;
const QUEUE_STATES = ['waiting', 'active', 'delayed', 'completed', 'failed', 'prioritized'] as const;

/**
 * Sets the gauges from Redis right before a scrape: queue depth, overdue delayed jobs, worker
 * heartbeats, account token status and the last hour's lateness percentiles. Shared state, so any
 * API process reports the whole installation.
 */
export async function collectGauges(deps: Deps): Promise<void> {
  const { metrics } = deps;
  const nowMs = deps.clock.now();
  for (const name of QUEUE_NAMES) {
    const counts = await deps.queues[name].getJobCounts(...QUEUE_STATES);
    for (const state of QUEUE_STATES) metrics.queueDepth.set({ queue: name, state }, counts[state] ?? 0);
  }
  const overdue = await findOverdueDelayed(deps.redis, deps.queues, nowMs - deps.config.watchdog.overdueAfterMs, 0);
  for (const name of QUEUE_NAMES) metrics.overdueDelayed.set({ queue: name }, overdue.counts[name]);

  metrics.workersAlive.set((await deps.ops.liveWorkers(nowMs - HEARTBEAT_WINDOW_MS)).length);
  const newest = await deps.redis.zrevrange(deps.keys.workers, 0, 0, 'WITHSCORES');
  metrics.lastHeartbeatAge.set(newest[1] ? Math.max(0, (nowMs - Number(newest[1])) / 1000) : -1);

  metrics.accountTokens.reset();
  for (const account of await deps.accounts.list()) {
    metrics.accountTokens.set({ platform: account.platform, account: account.id, status: account.tokenStatus }, 1);
  }
  const lateness = summarizeLateness(await deps.ops.lateness(nowMs - 3_600_000));
  for (const q of ['p50', 'p95', 'p99', 'max'] as const) {
    const value = lateness[q];
    if (value === null) metrics.latenessQuantile.remove({ quantile: q });
    else metrics.latenessQuantile.set({ quantile: q }, value);
  }
}
