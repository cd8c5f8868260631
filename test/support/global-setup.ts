import { startPrivateRedis } from '../../src/shared/private-redis';

/** Starts the suite's own redis-server; tests read its URL from LIVECUE_TEST_REDIS_URL. */
export default async function globalSetup(): Promise<void> {
  const redis = await startPrivateRedis({ appendonly: true });
  process.env.LIVECUE_TEST_REDIS_URL = redis.url;
  (globalThis as { __livecueRedis?: unknown }).__livecueRedis = redis;
}
