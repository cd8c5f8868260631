import type { Deps } from '../../deps';
import { zaloWarnings } from '../../channels/zalo/zalo-health';
import type { HandlerResult } from '../handler-result';

export interface RedisPolicy {
  evictionPolicy: string | null;
  appendonly: string | null;
}

/** Reads Redis's eviction policy and AOF setting (CONFIG may be disabled on managed Redis). */
export async function readRedisPolicy(deps: Pick<Deps, 'redis'>): Promise<RedisPolicy> {
  const get = async (name: string): Promise<string | null> => {
    try {
      const out = (await deps.redis.call('CONFIG', 'GET', name)) as string[];
      return out[1] ?? null;
    } catch {
      return null;
    }
  };
  return { evictionPolicy: await get('maxmemory-policy'), appendonly: await get('appendonly') };
}

/** The Zalo OA's token health (src/channels/zalo/zalo-health.ts). */
async function readZaloWarnings(deps: Deps): Promise<string[]> {
  const z = deps.config.zalo;
  const anyZaloSetting = [z.znsUrl, z.oauthUrl, z.appId, z.appSecret, z.templates.reminder, z.templates.cue, z.templates.confirm, z.refreshToken].some((v) => v !== null);
  let tokens;
  try {
    tokens = await deps.channels.zaloTokens.read();
  } catch {
    return ['Zalo OA tokens cannot be read (a changed LIVECUE_ENCRYPTION_KEY?): connect the OA again with npm run zalo -- connect'];
  }
  return zaloWarnings({
    missing: deps.channels.zaloMissing,
    anyZaloSetting,
    tokens,
    hasSeed: z.refreshToken !== null || deps.config.platformMode === 'sandbox',
    nowMs: deps.clock.now(),
  });
}

/** `/readyz`: Redis answers and a worker has beaten in the last 30 s; warnings for risky Redis settings and the Zalo OA's token. */
export async function readiness(deps: Deps): Promise<HandlerResult> {
  const missing: string[] = [];
  const warnings: string[] = [];
  let workers: string[] = [];
  try {
    await deps.redis.ping();
    workers = await deps.ops.liveWorkers(deps.clock.now() - 30_000);
    if (workers.length === 0) missing.push('no worker has sent a heartbeat in the last 30 s (start `npm run worker`)');
    const policy = await readRedisPolicy(deps);
    if (policy.appendonly === 'no') warnings.push('Redis runs without AOF (appendonly no): a Redis restart loses scheduled jobs until reconcile restores them');
    if (policy.evictionPolicy && policy.evictionPolicy !== 'noeviction') missing.push(`Redis maxmemory-policy is ${policy.evictionPolicy}: set noeviction`);
    warnings.push(...(await readZaloWarnings(deps)));
  } catch {
    missing.push('Redis does not answer');
  }
  const ready = missing.length === 0;
  return { status: ready ? 200 : 503, body: { status: ready ? 'ready' : 'not_ready', missing, warnings, workers: workers.length } };
}
