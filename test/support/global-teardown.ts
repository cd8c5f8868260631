import type { PrivateRedis } from './redis-server';

export default async function globalTeardown(): Promise<void> {
  const redis = (globalThis as { __livecueRedis?: PrivateRedis }).__livecueRedis;
  if (redis) await redis.stop();
}
