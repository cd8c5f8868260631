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
import { createPeopleStores } from './store/people-stores';
import type { PeopleStores } from './store/people-stores';
import { createRedis, waitForReady } from './store/redis';
import type { RedisClient } from './store/redis';
import { createSessionStore, decodeSessionHash } from './store/session-store';
import { createSyncMarks } from './store/sync-marks';
import { createPlanCalls } from './store/plan-calls';
import type { PlanCalls } from './store/plan-calls';
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
import { instrumentAdapters } from './ops/instrument-adapters';
import { createMetrics } from './ops/metrics';
import type { Metrics } from './ops/metrics';
import { createWatchdog } from './ops/watchdog';
import { createChannels } from './channels/create-channels';
import type { Channels } from './channels/create-channels';
import { sendOpsAlert } from './ops/send-ops-alert';
import { createDeliveryStore } from './store/delivery-store';
import type { DeliveryStore } from './store/delivery-store';
import { createSubscriptionStore } from './store/subscription-store';
import type { SubscriptionStore } from './store/subscription-store';
import { createConnectors } from './connections/create-connectors';
import type { Connectors } from './connections/create-connectors';
import { createConnectionStore } from './store/connection-store';
import type { ConnectionStore } from './store/connection-store';
import { settleWithin } from './shared/settle-within';
import { createJobSteps } from './store/job-steps';
import type { JobSteps } from './store/job-steps';
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
  /** The platform calls stored plans still make, for rate foresight (src/store/plan-calls.ts). */
  planCalls: PlanCalls;
  accounts: AccountStore;
  campaigns: CampaignStore;
  audit: AuditStore;
  ledger: Ledger;
  /** A worker job's store work in two round trips (begin, finish). */
  jobSteps: JobSteps;
  idempotency: IdempotencyStore;
  ops: OpsStore;
  /** Users, invitations, browser sessions, personal tokens, sign-in attempts (src/people). */
  people: PeopleStores;
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
  /** Email and Zalo (src/channels); webhooks go through src/notify. */
  channels: Channels;
  /** Messages to people, one per recipient and event (GET /v1/sessions/:id/deliveries). */
  deliveries: DeliveryStore;
  /** The public's reminder subscriptions (double opt-in). */
  subscriptions: SubscriptionStore;
  /**
   * Where people reach LiveCue (LIVECUE_PUBLIC_URL): confirmation and unsubscribe links. Without
   * the variable, `http://127.0.0.1:<PORT>`, corrected to the chosen port once the API listens.
   */
  links: { publicUrl: string };
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
  const sandboxSmtpUrl = config.mail.smtpUrl || !sandboxUrl ? null : await readSandboxSmtpUrl(sandboxUrl, logger);
  // sendOpsAlert needs the whole Deps: the Zalo channel reaches it through this late binding.
  let built: Deps | null = null;
  const channels = createChannels({
    config, clock, redis, keys, cipher, sandboxUrl, sandboxSmtpUrl,
    onZaloInvalid: async (reason) => {
      if (built) await sendOpsAlert(built, { alert: 'account_problem', subject: 'zalo-oa', message: reason });
    },
  });

  const accounts = createAccountStore(redis, keys, cipher, clock);
  built = {
    config,
    clock,
    logger,
    redactor,
    redis,
    bullRedis,
    keys,
    cipher,
    sessions: createSessionStore(redis, keys, { cipher, bulkRedis }),
    syncMarks: createSyncMarks(redis, keys),
    planCalls: createPlanCalls(redis, keys, clock),
    accounts,
    campaigns: createCampaignStore(redis, keys, cipher),
    audit: createAuditStore(redis, keys, clock),
    ledger: createLedger(redis, keys),
    jobSteps: createJobSteps(redis, keys, { session: decodeSessionHash, account: (id, hash) => accounts.fromHash(id, hash) }),
    idempotency: createIdempotencyStore(redis, keys),
    ops: createOpsStore(redis, keys),
    people: createPeopleStores(redis, keys),
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
    channels,
    deliveries: createDeliveryStore(redis, keys),
    subscriptions: createSubscriptionStore(redis, keys),
    links: { publicUrl: config.publicUrl ?? `http://127.0.0.1:${String(config.port)}` },
    async close() {
      watchdog.stop();
      channels.email?.close();
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
  return built;
}

/** The SMTP sink of an external sandbox (SANDBOX_URL); null (and a warning) when it does not say. */
async function readSandboxSmtpUrl(sandboxUrl: string, logger: Logger): Promise<string | null> {
  try {
    const res = await fetch(`${sandboxUrl}/__sandbox/mail/smtp`);
    const body = (await res.json()) as { smtpUrl?: unknown };
    return typeof body.smtpUrl === 'string' ? body.smtpUrl : null;
  } catch (err: unknown) {
    logger.warn('the sandbox did not say where its SMTP sink is: no email is sent', { component: 'sandbox', error: err instanceof Error ? err.message : String(err) });
    return null;
  }
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
