import { ConfigError, loadConfig } from '../config/load-config';
import { startApi } from './api/server';
import type { RunningApi } from './api/server';
import { readRedisPolicy } from './api/handlers/health';
import { buildDeps } from './deps';
import { waitForReady } from './store/redis';
import type { Deps, DepsOverrides } from './deps';
import { startWorkers } from '../workers/start-workers';
import { bootstrapPeople } from './people/bootstrap-people';
import type { Bootstrapped } from './people/bootstrap-people';
import { publicBaseUrl } from './people/public-url';
import type { RunningWorkers } from '../workers/start-workers';
import { SHUTDOWN_OVERRUN_MS, shutDown } from './lifecycle/shut-down';
import type { ShutdownReport } from './lifecycle/shut-down';
import { startSandbox } from './sandbox/server';
import type { Sandbox } from './sandbox/server';
import { createSystemClock } from './shared/clock';
import { createLogger } from './shared/logger';
import { createRedactor } from './shared/redact';
import { settleWithin } from './shared/settle-within';
import type { Config } from '../config/load-config';

type Mode = 'all' | 'api' | 'worker';

/**
 * The process entry: `all` (npm start: API and every worker), `api`, or `worker`. Only this file
 * and the sandbox's entry handle signals. SIGTERM/SIGINT: stop taking requests, let workers
 * finish their jobs (up to LIVECUE_SHUTDOWN_GRACE_MS), close the rest with deadlines (see
 * shutDown), then exit 0 when all closed cleanly, 1 when something was cut off; a second
 * signal exits at once. `overrides` (tests): e.g. a
 * manual or offset clock for every part of the process.
 */
export async function run(mode: Mode, env: Record<string, string | undefined>, overrides: DepsOverrides = {}): Promise<{ deps: Deps; api: RunningApi | null; workers: RunningWorkers | null; people: Bootstrapped; stop: () => Promise<ShutdownReport> }> {
  const config = loadConfig(env);
  const sandbox = await startEmbeddedSandbox(config, overrides);
  let deps: Deps;
  try {
    deps = await buildDeps(config, { ...overrides, ...(sandbox ? { sandboxUrl: sandbox.baseUrl } : {}) });
    await checkRedis(deps);
  } catch (err) {
    await sandbox?.close();
    throw err;
  }
  if (config.generatedAdminToken) {
    deps.logger.warn('sandbox mode without LIVECUE_TOKENS: generated an admin token', { component: 'main' });
    process.stdout.write(`\nLiveCue admin token (sandbox): ${config.tokens[0]?.token ?? ''}\n\n`);
  }
  let api: RunningApi | null = null;
  let workers: RunningWorkers | null = null;
  let stopping: Promise<ShutdownReport> | null = null;
  const stop = (): Promise<ShutdownReport> => {
    stopping ??= shutDown({ api, workers, deps }).then((report) => closeSandbox(sandbox, report));
    return stopping;
  };
  let people: Bootstrapped;
  try {
    api = mode === 'worker' ? null : await startApi(deps);
    if (api && !config.publicUrl) deps.links.publicUrl = api.url;
    if (api) deps.watchdog.start(deps);
    people = api ? await bootstrapPeople(deps, publicBaseUrl(config, api.port)) : { demoAdmin: null, invitedAdmin: null };
    if (people.demoAdmin) process.stdout.write(`\nLiveCue demo admin (sandbox): ${people.demoAdmin.email}  password: ${people.demoAdmin.password}\n\n`);
    workers = mode === 'api' ? null : await startWorkers(deps);
  } catch (err) {
    // A step after the API began listening failed (Redis went away mid-start, say): stop what did
    // start, bounded like any stop, so the caller's exit is not held by open handles.
    deps.logger.error('start failed: stopping what started', { component: 'main', error: err instanceof Error ? err.message : String(err) });
    await stop().catch(() => undefined);
    throw err;
  }
  deps.logger.info('livecue started', { component: 'main', mode });
  return { deps, api, workers, people, stop };
}

/** PLATFORM_MODE=sandbox without SANDBOX_URL: the fake platforms run inside this process. */
async function startEmbeddedSandbox(config: Config, overrides: DepsOverrides): Promise<Sandbox | null> {
  if (config.platformMode !== 'sandbox' || config.sandboxUrl) return null;
  const logger = overrides.logger ?? createLogger({ level: config.logLevel, json: config.logJson, redactor: createRedactor() });
  const sandbox = await startSandbox({ port: config.sandboxPort ?? 0, clock: overrides.clock ?? createSystemClock(), logger });
  logger.info('sandbox platforms started', { component: 'sandbox', baseUrl: sandbox.baseUrl });
  return sandbox;
}

/** Closes the embedded sandbox last (bounded), adding it to what was abandoned when it hangs. */
async function closeSandbox(sandbox: Sandbox | null, report: ShutdownReport): Promise<ShutdownReport> {
  if (!sandbox || (await settleWithin(sandbox.close(), SANDBOX_CLOSE_MS)) === 'done') return report;
  return { ...report, clean: false, abandoned: [...report.abandoned, 'sandbox'] };
}

const SANDBOX_CLOSE_MS = 1000;

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
  const started = run(mode, process.env);
  started.catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
  // Handlers from the first moment: a SIGTERM while the workers still start (the API may already
  // answer /healthz) waits for the start to finish, then stops as any other.
  let signals = 0;
  const onSignal = (signal: string): void => {
    signals += 1;
    if (signals > 1) {
      process.stderr.write(`second ${signal}: exiting at once\n`);
      process.exit(1);
    }
    void started.then(({ stop, deps }) => {
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
    }, () => undefined); // a failed start exits by itself (above)
  };
  process.on('SIGTERM', () => { onSignal('SIGTERM'); });
  process.on('SIGINT', () => { onSignal('SIGINT'); });
}
