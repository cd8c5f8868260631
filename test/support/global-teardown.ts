import type { PrivateRedis } from '../../src/shared/private-redis';

export default async function globalTeardown(): Promise<void> {
  const redis = (globalThis as { __livecueRedis?: PrivateRedis }).__livecueRedis;
  if (redis) await redis.stop();
}
