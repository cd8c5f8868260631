import { ConfigError, loadConfig } from '../config/load-config';
import { startApi } from './api/server';
import type { RunningApi } from './api/server';
import { readRedisPolicy } from './api/handlers/health';
import { buildDeps } from './deps';
import { waitForReady } from './store/redis';
import type { Deps, DepsOverrides } from './deps';
import { startWorkers } from '../workers/start-workers';
import type { RunningWorkers } from '../workers/start-workers';
import { SHUTDOWN_OVERRUN_MS, shutDown } from './lifecycle/shut-down';
import type { ShutdownReport } from './lifecycle/shut-down';

type Mode = 'all' | 'api' | 'worker';

/**
 * The process entry: `all` (npm start: API and every worker), `api`, or `worker`. Only this file
 * and the sandbox's entry handle signals. SIGTERM/SIGINT: stop taking requests, let workers
 * finish their jobs (up to LIVECUE_SHUTDOWN_GRACE_MS), close the rest with deadlines (see
 * shutDown), then exit 0 when all closed cleanly, 1 when something was cut off; a second
 * signal exits at once. `overrides` (tests): e.g. a
 * manual or offset clock for every part of the process.
 */
export async function run(mode: Mode, env: Record<string, string | undefined>, overrides: DepsOverrides = {}): Promise<{ deps: Deps; api: RunningApi | null; workers: RunningWorkers | null; stop: () => Promise<ShutdownReport> }> {
  const config = loadConfig(env);
  const deps = await buildDeps(config, overrides);
  await checkRedis(deps);
  if (config.generatedAdminToken) {
    deps.logger.warn('sandbox mode without LIVECUE_TOKENS: generated an admin token', { component: 'main' });
    process.stdout.write(`\nLiveCue admin token (sandbox): ${config.tokens[0]?.token ?? ''}\n\n`);
  }
  const api = mode === 'worker' ? null : await startApi(deps);
  if (api && !config.publicUrl) deps.links.publicUrl = api.url;
  const workers = mode === 'api' ? null : await startWorkers(deps);
  let stopping: Promise<ShutdownReport> | null = null;
  const stop = (): Promise<ShutdownReport> => {
    stopping ??= shutDown({ api, workers, deps });
    return stopping;
  };
  return { deps, api, workers, stop };
}

/** Refuses to run on a Redis that may evict keys (jobs and sessions would vanish silently). */
async function checkRedis(deps: Deps): Promise<void> {
  // The store connection has no offline queue: asked before it is ready, CONFIG GET fails and the
  // check would pass without looking. Wait (bounded) for the connection first.
  await waitForReady(deps.redis, 5000);
  const policy = await readRedisPolicy(deps);
  if (policy.evictionPolicy !== null && policy.evictionPolicy !== 'noeviction') {
    await deps.close();
    throw new ConfigError([`Redis maxmemory-policy is ${policy.evictionPolicy}: LiveCue needs noeviction (redis-cli CONFIG SET maxmemory-policy noeviction, and in redis.conf)`]);
  }
  if (policy.appendonly === 'no') deps.logger.warn('Redis runs without AOF: set appendonly yes so a restart keeps the schedule', { component: 'main' });
}

if (require.main === module) {
  const mode = (process.argv[2] ?? 'all') as Mode;
  if (!['all', 'api', 'worker'].includes(mode)) {
    process.stderr.write(`usage: main.ts all|api|worker\n`);
    process.exit(2);
  }
  run(mode, process.env).then(
    ({ stop, deps }) => {
      let signals = 0;
      const onSignal = (signal: string): void => {
        signals += 1;
        if (signals > 1) {
          deps.logger.warn('second signal: exiting at once', { component: 'main', signal });
          process.exit(1);
        }
        deps.logger.info('signal received', { component: 'main', signal });
        // The last word: even a step that ignores its own deadline cannot keep the process.
        setTimeout(() => {
          deps.logger.error('shutdown overran its deadline: exiting', { component: 'main' });
          process.exit(1);
        }, deps.config.shutdownGraceMs + SHUTDOWN_OVERRUN_MS + 500).unref();
        stop().then(
          (report) => process.exit(report.clean ? 0 : 1),
          () => process.exit(1),
        );
      };
      process.on('SIGTERM', () => { onSignal('SIGTERM'); });
      process.on('SIGINT', () => { onSignal('SIGINT'); });
    },
    (err: unknown) => {
      process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
