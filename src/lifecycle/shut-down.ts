import type { RunningApi } from '../api/server';
import type { Deps } from '../deps';
import { settleWithin } from '../shared/settle-within';
import type { RunningWorkers } from '../../workers/start-workers';

/** What a stop did: `clean` when every part closed by itself, else `abandoned` names the rest. */
export interface ShutdownReport {
  clean: boolean;
  abandoned: string[];
  tookMs: number;
}

/** Extra time past the grace for the forced steps (cut connections, close stores) to end. */
export const SHUTDOWN_OVERRUN_MS = 4000;

/**
 * Stops a process whatever Redis does: HTTP stops taking connections at once (and `/readyz`
 * answers 503 on the ones still open), running jobs get LIVECUE_SHUTDOWN_GRACE_MS to finish,
 * then workers, queues and connections close, each step bounded; what did not close in time is
 * cut off, logged and reported. Ends within grace + SHUTDOWN_OVERRUN_MS.
 */
export async function shutDown(parts: { api: RunningApi | null; workers: RunningWorkers | null; deps: Pick<Deps, 'close' | 'logger' | 'config' | 'clock'> }): Promise<ShutdownReport> {
  const { api, workers, deps } = parts;
  const startedAt = deps.clock.now();
  const graceMs = deps.config.shutdownGraceMs;
  deps.logger.info('shutting down', { component: 'main', graceMs });
  const abandoned: string[] = [];
  const httpClosed = api ? settleWithin(api.close(), graceMs + 500) : Promise.resolve('done' as const);
  if (workers) abandoned.push(...(await workers.close()).abandoned);
  if ((await httpClosed) !== 'done') abandoned.push('http connections');
  const remainingMs = Math.max(500, graceMs + SHUTDOWN_OVERRUN_MS - 500 - (deps.clock.now() - startedAt));
  const closed = await Promise.race([
    deps.close().then((r) => r.abandoned, () => ['connections']),
    settleWithin(new Promise(() => undefined), remainingMs).then(() => ['connections (timed out)']),
  ]);
  abandoned.push(...closed);
  const tookMs = deps.clock.now() - startedAt;
  if (abandoned.length > 0) deps.logger.warn('shutdown abandoned what could not close in time', { component: 'main', abandoned, tookMs });
  else deps.logger.info('shutdown complete', { component: 'main', tookMs });
  return { clean: abandoned.length === 0, abandoned, tookMs };
}
