import type { Config } from '../config/load-config';
import type { PlatformAdapters } from './platforms/adapter';
import { createAdapters } from './platforms/create-adapters';
import { createTiktokRulesSource } from './platforms/tiktok/posting-rules';
import type { TiktokRulesSource } from './platforms/tiktok/posting-rules';
import { sandboxEndpoints } from './platforms/endpoints';
import type { PlatformEndpoints } from './platforms/endpoints';
import { createQueues, closeQueues } from './scheduling/queues';
import type { Queues } from './scheduling/queues';
import { createScheduler } from './scheduling/scheduler';
import type { Scheduler } from './scheduling/scheduler';
import { createAccountStore } from './store/account-store';
import type { AccountStore } from './store/account-store';
import { createAuditStore } from './store/audit-store';
import type { AuditStore } from './store/audit-store';
import { createCampaignStore } from './store/campaign-store';
import type { CampaignStore } from './store/campaign-store';
import { createCipher } from './store/crypto';
import type { Cipher } from './store/crypto';
import { createIdempotencyStore } from './store/idempotency-store';
import type { IdempotencyStore } from './store/idempotency-store';
import { createKeys } from './store/keys';
import type { Keys } from './store/keys';
import { createLedger } from './store/ledger';
import type { Ledger } from './store/ledger';
import { createOpsStore } from './store/ops-store';
import type { OpsStore } from './store/ops-store';
import { createRedis, waitForReady } from './store/redis';
import type { RedisClient } from './store/redis';
import { createSessionStore } from './store/session-store';
import { createSyncMarks } from './store/sync-marks';
import type { SyncMarks } from './store/sync-marks';
import type { SessionStore } from './store/session-store';
import { createSystemClock } from './shared/clock';
import type { Clock } from './shared/clock';
import { createRedisClock } from './shared/redis-clock';
import type { RedisClock } from './shared/redis-clock';
import { createLogger } from './shared/logger';
import type { Logger } from './shared/logger';
import { createRedactor } from './shared/redact';
import type { Redactor } from './shared/redact';
import { instrumentAdapters, instrumentOpsStore } from './ops/instrument-adapters';
import { createMetrics } from './ops/metrics';
import type { Metrics } from './ops/metrics';
import { createWatchdog } from './ops/watchdog';
import { createConnectors } from './connections/create-connectors';
import type { Connectors } from './connections/create-connectors';
import { createConnectionStore } from './store/connection-store';
import type { ConnectionStore } from './store/connection-store';
import { settleWithin } from './shared/settle-within';
import type { Watchdog } from './ops/watchdog';

/** Everything handlers and processors use, built in one place. */
export interface Deps {
  config: Config;
  clock: Clock;
  logger: Logger;
  redactor: Redactor;
  /** Store connection: fails fast while Redis is down (the API answers 503). */
  redis: RedisClient;
  /** BullMQ connection: waits and reconnects (blocking commands). */
  bullRedis: RedisClient;
  keys: Keys;
  cipher: Cipher;
  sessions: SessionStore;
  /** Sessions whose queue write is still owed (written with the session, drained by reconcile). */
  syncMarks: SyncMarks;
  accounts: AccountStore;
  campaigns: CampaignStore;
  audit: AuditStore;
  ledger: Ledger;
  idempotency: IdempotencyStore;
  ops: OpsStore;
  queues: Queues;
  scheduler: Scheduler;
  adapters: PlatformAdapters;
  endpoints: PlatformEndpoints;
  /** Consent flows (POST /v1/connections) and each platform's side of them. */
  connections: ConnectionStore;
  connectors: Connectors;
  /** The sandbox in use (embedded or external), when PLATFORM_MODE=sandbox. */
  sandboxUrl: string | null;
  /** How TikTok treats LiveCue's app now (audited, verified URL prefixes). */
  tiktokRules: TiktokRulesSource;
  /** Prometheus metrics of this Deps (its own registry). */
  metrics: Metrics;
  /** Ops watchdog; started by the entry point (API) and the workers, stopped by close(). */
  watchdog: Watchdog;
  /** Bounded whatever Redis does; `abandoned` names what had to be cut off (empty when clean). */
  close(): Promise<{ abandoned: string[] }>;
}

export interface DepsOverrides {
  clock?: Clock;
  logger?: Logger;
  /** PLATFORM_MODE=sandbox: the sandbox the entry point started (else SANDBOX_URL is used). */
  sandboxUrl?: string;
}

export async function buildDeps(config: Config, overrides: DepsOverrides = {}): Promise<Deps> {
  const redactor = createRedactor([...config.tokens.map((t) => t.token), ...(config.metricsToken ? [config.metricsToken] : [])]);
  const logger = overrides.logger ?? createLogger({ level: config.logLevel, json: config.logJson, redactor });
  const redis = createRedis(config, { name: 'livecue-store' });
  const redisClock = !overrides.clock && config.clock === 'redis' ? await startRedisClock(redis, logger) : null;
  if (redisClock) logger.info('time follows Redis TIME', { component: 'clock', offsetMs: Math.round(redisClock.offsetMs()) });
  const clock = overrides.clock ?? redisClock ?? createSystemClock();
  const bulkRedis = createRedis(config, { name: 'livecue-store-bulk', commandTimeoutMs: 60_000 });
  bulkRedis.on('error', () => undefined);
  const bullRedis = createRedis(config, { forBullmq: true, name: 'livecue-queue' });
  redis.on('error', (err: Error) => logger.warn('redis connection problem', { component: 'store', error: err.message }));
  bullRedis.on('error', (err: Error) => logger.warn('redis connection problem', { component: 'queue', error: err.message }));
  const keys = createKeys(config.redisPrefix);
  const cipher = createCipher(config.encryptionKeys);

  let sandboxUrl: string | null = null;
  let endpoints: PlatformEndpoints = config.platforms;
  if (config.platformMode === 'sandbox') {
    sandboxUrl = overrides.sandboxUrl ?? config.sandboxUrl;
    if (!sandboxUrl) throw new Error('PLATFORM_MODE=sandbox needs SANDBOX_URL, or a sandbox started by the entry point (src/main.ts run)');
    endpoints = sandboxEndpoints(sandboxUrl);
  }
  const metrics = createMetrics();
  const watchdog = createWatchdog();
  const adapters = instrumentAdapters(createAdapters(endpoints, { clock, logger, timeoutMs: config.platformTimeoutMs }), metrics, clock);
  const queues = createQueues(bullRedis, { redisPrefix: config.redisPrefix, maxAttempts: config.maxAttempts });

  return {
    config,
    clock,
    logger,
    redactor,
    redis,
    bullRedis,
    keys,
    cipher,
    sessions: createSessionStore(redis, keys, bulkRedis),
    syncMarks: createSyncMarks(redis, keys),
    accounts: createAccountStore(redis, keys, cipher, clock),
    campaigns: createCampaignStore(redis, keys),
    audit: createAuditStore(redis, keys, clock),
    ledger: createLedger(redis, keys),
    idempotency: createIdempotencyStore(redis, keys),
    ops: instrumentOpsStore(createOpsStore(redis, keys), metrics),
    queues,
    scheduler: createScheduler(queues, clock),
    adapters,
    endpoints,
    connections: createConnectionStore(redis, keys, cipher, clock),
    connectors: createConnectors(endpoints, { clock, logger, timeoutMs: config.platformTimeoutMs }),
    sandboxUrl,
    tiktokRules: createTiktokRulesSource(config.tiktokRules, sandboxUrl, config.platformTimeoutMs),
    metrics,
    watchdog,
    async close() {
      watchdog.stop();
      redisClock?.stop();
      const abandoned: string[] = [];
      // Queue.close() waits for Redis to answer; a dead Redis never does: cut the connections.
      if ((await settleWithin(closeQueues(queues), CLOSE_STEP_MS)) !== 'done') {
        await settleWithin(Promise.all(Object.values(queues).map((q) => q.disconnect())), CLOSE_STEP_MS);
        abandoned.push('queues');
      }
      redis.disconnect();
      bulkRedis.disconnect();
      bullRedis.disconnect();
      return { abandoned };
    },
  };
}

/** How long one closing step may wait for Redis before it is cut off. */
const CLOSE_STEP_MS = 1000;

/** LIVECUE_CLOCK=redis: time as Redis TIME, re-measured every 30 s; refuses to start without it. */
async function startRedisClock(redis: RedisClient, logger: Logger): Promise<RedisClock> {
  await waitForReady(redis, 5000);
  try {
    return await createRedisClock(redis, { onError: (err: unknown) => { logger.warn('could not re-measure the Redis clock offset', { component: 'clock', error: err instanceof Error ? err.message : String(err) }); } });
  } catch (err) {
    redis.disconnect();
    throw new Error(`LIVECUE_CLOCK=redis: could not read Redis TIME (${err instanceof Error ? err.message : String(err)}): start Redis first, or set LIVECUE_CLOCK=local`, { cause: err });
  }
}
