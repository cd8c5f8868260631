import { Cluster, Redis } from 'ioredis';
import type { RedisOptions } from 'ioredis';

export type RedisClient = Redis | Cluster;

export interface RedisConnectionConfig {
  redisUrl: string;
  redisClusterNodes: { host: string; port: number }[] | null;
}

/**
 * One ioredis connection (or cluster client). Commands fail fast while Redis is down
 * (no offline queue for the API's connection), so a request answers 503 instead of hanging.
 */
export function createRedis(config: RedisConnectionConfig, options: { forBullmq?: boolean; name?: string; commandTimeoutMs?: number } = {}): RedisClient {
  const common: RedisOptions = {
    connectionName: options.name ?? 'livecue',
    // BullMQ needs null (blocking commands); the store wants a bounded wait.
    maxRetriesPerRequest: options.forBullmq ? null : 1,
    enableOfflineQueue: options.forBullmq ? true : false,
    connectTimeout: 2000,
    keepAlive: 10_000,
    // The store answers within ms; a silent partition must fail the request (503), not hang it.
    // BullMQ's blocking commands must not time out.
    ...(options.forBullmq ? {} : { commandTimeout: options.commandTimeoutMs ?? 2000 }),
    retryStrategy: (times) => Math.min(50 * 2 ** Math.min(times, 6), 2000),
    lazyConnect: false,
  };
  if (config.redisClusterNodes) {
    return new Cluster(config.redisClusterNodes, {
      redisOptions: common,
      enableOfflineQueue: common.enableOfflineQueue ?? true,
      clusterRetryStrategy: (times) => Math.min(100 * times, 2000),
    });
  }
  return new Redis(config.redisUrl, common);
}

/**
 * Resolves once `client` is ready, or after `timeoutMs` (the caller's next command then fails
 * fast): the store connection has no offline queue, so commands sent before it is up fail.
 */
export async function waitForReady(client: RedisClient, timeoutMs: number): Promise<void> {
  if (client.status === 'ready') return;
  await new Promise<void>((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      client.off('ready', done);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    client.once('ready', done);
  });
}

/** Socket error codes (Node's `err.code`) of a Redis that cannot be reached. */
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** Redis reply error codes (the reply's first word) of a server that cannot serve now. */
const UNAVAILABLE_REPLY_CODES = new Set(['LOADING', 'CLUSTERDOWN', 'MASTERDOWN', 'TRYAGAIN', 'BUSY']);
/**
 * ioredis's own errors for a connection that is not usable: the abort classes of redis-errors
 * (MaxRetriesPerRequestError extends AbortError), the cluster's ClusterAllFailedError, and the
 * three errors ioredis raises as plain `Error`s with fixed texts (Command.js "Command timed out",
 * Redis.js offline-queue refusal, utils CONNECTION_CLOSED_ERROR_MSG).
 */
const UNAVAILABLE_NAMES = new Set(['AbortError', 'MaxRetriesPerRequestError', 'InterruptError', 'ClusterAllFailedError']);
const IOREDIS_PLAIN_MESSAGES = new Set(['Command timed out', "Stream isn't writeable and enableOfflineQueue options is false", 'Connection is closed.']);

/** Redis (or its client) refused or timed out: callers answer 503, never hang, never half-write. */
export function isRedisUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && UNREACHABLE_CODES.has(code)) return true;
  if (UNAVAILABLE_NAMES.has(err.name)) return true;
  if (err.name === 'ReplyError') return UNAVAILABLE_REPLY_CODES.has(err.message.split(' ', 1)[0] ?? '');
  return err.constructor === Error && IOREDIS_PLAIN_MESSAGES.has(err.message);
}
