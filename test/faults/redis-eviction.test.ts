/**
 * Data safety: LiveCue refuses to start on a Redis that may evict keys (jobs and sessions would
 * vanish silently under memory pressure). Proves the check in src/main.ts (checkRedis): without it
 * `run` starts happily on allkeys-lru. The message names the fix.
 */
import { randomBytes } from 'node:crypto';
import { run } from '../../src/main';
import { startPrivateRedis } from '../../src/shared/private-redis';
import type { PrivateRedis } from '../../src/shared/private-redis';
import { TEST_TOKENS, uniquePrefix } from '../support/app';

describe('a Redis that evicts keys', () => {
  let redis: PrivateRedis;
  beforeAll(async () => {
    redis = await startPrivateRedis({ appendonly: false, extraArgs: ['--maxmemory', '64mb', '--maxmemory-policy', 'allkeys-lru'] });
  });
  afterAll(async () => {
    await redis.stop();
  });

  it.each(['api', 'worker'] as const)('stops %s at start with the fix in the message', async (mode) => {
    const env = { PLATFORM_MODE: 'sandbox', REDIS_URL: redis.url, REDIS_PREFIX: uniquePrefix(), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'error', LIVECUE_TOKENS: `admin:${TEST_TOKENS.admin}`, LIVECUE_ENCRYPTION_KEY: randomBytes(32).toString('base64') };
    const started = await run(mode, env).then(
      async (app) => {
        await app.stop();
        return null;
      },
      (err: unknown) => err as Error,
    );
    expect(started?.message).toMatch(/allkeys-lru.*noeviction.*CONFIG SET maxmemory-policy noeviction/s);
  });
});
