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
