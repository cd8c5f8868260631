import type { Keys } from './keys';
import type { RedisClient } from './redis';

/** One token bucket: `capacity` tokens, refilled continuously at `capacity` per `periodMs`. */
export interface BucketSpec {
  /** Bucket name under the store's base, e.g. `tiktok:init:tt-cho-con`. */
  name: string;
  capacity: number;
  periodMs: number;
  /** Tokens this call takes (default 1). */
  cost?: number;
}

/** Either every bucket had a token (all were taken), or none was taken and `waitMs` says when to try again. */
export type TakeResult = { ok: true } | { ok: false; waitMs: number };

/** A daily budget (YouTube quota): `units` of `budget` for the day `day`, which ends in `msUntilReset`. */
export interface QuotaSpend {
  scope: string;
  day: string;
  units: number;
  budget: number;
  msUntilReset: number;
}

/** What a platform last said about an account's throttling (Facebook usage headers). */
export interface UsageReading {
  percent: number;
  atMs: number;
}

/**
 * Per-account rate limiting in Redis, so LiveCue does not hit limits it knows about. Every step is
 * one Lua script: concurrent workers in any number of processes share the buckets exactly.
 */
export interface RateBuckets {
  /** Take a token from every bucket at once, or from none. */
  take(buckets: readonly BucketSpec[], nowMs: number): Promise<TakeResult>;
  /** Spend `units` of a daily budget, or nothing when they do not fit. */
  spend(quota: QuotaSpend): Promise<TakeResult & { spent: number }>;
  /** Units spent of a budget on a day. */
  spent(scope: string, day: string): Promise<number>;
  /** Remember the usage a platform reported (kept one hour). */
  noteUsage(accountId: string, reading: UsageReading): Promise<void>;
  usage(accountId: string): Promise<UsageReading | null>;
}

// KEYS: one bucket hash each; ARGV: now, then capacity, periodMs, cost per bucket.
// A bucket holds `tokens` (float) and `ts` (ms of the last refill). All or nothing.
const takeLua = `
local now = tonumber(ARGV[1])
local state = {}
local wait = 0
for i = 1, #KEYS do
  local cap = tonumber(ARGV[2 + (i - 1) * 3])
  local period = tonumber(ARGV[3 + (i - 1) * 3])
  local cost = tonumber(ARGV[4 + (i - 1) * 3])
  local rate = cap / period
  local h = redis.call('HMGET', KEYS[i], 'tokens', 'ts')
  local tokens = tonumber(h[1]) or cap
  local ts = tonumber(h[2]) or now
  if now > ts then tokens = math.min(cap, tokens + (now - ts) * rate) end
  state[i] = { tokens = tokens, period = period }
  if tokens < cost then
    local w = math.ceil((cost - tokens) / rate)
    if w > wait then wait = w end
  end
end
if wait > 0 then return wait end
for i = 1, #KEYS do
  local cost = tonumber(ARGV[4 + (i - 1) * 3])
  redis.call('HSET', KEYS[i], 'tokens', tostring(state[i].tokens - cost), 'ts', tostring(now))
  redis.call('PEXPIRE', KEYS[i], math.ceil(state[i].period * 2))
end
return 0
`;

// KEYS[1]: the day's counter; ARGV: units, budget, ttl ms. Returns the total after spending, or -1.
const spendLua = `
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
local units = tonumber(ARGV[1])
if used + units > tonumber(ARGV[2]) then return -1 end
local total = redis.call('INCRBY', KEYS[1], units)
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[3]))
return total
`;

interface BucketScripts {
  livecueRateTake(...args: (string | number)[]): Promise<number>;
  livecueQuotaSpend(key: string, units: number, budget: number, ttlMs: number): Promise<number>;
}

/** How long a usage reading is kept (ms). */
export const usageTtlMs = 3_600_000;

export function createRateBuckets(redis: RedisClient, keys: Keys): RateBuckets {
  redis.defineCommand('livecueRateTake', { lua: takeLua });
  redis.defineCommand('livecueQuotaSpend', { numberOfKeys: 1, lua: spendLua });
  const scripts = redis as unknown as BucketScripts;
  return {
    async take(buckets, nowMs) {
      if (buckets.length === 0) return { ok: true };
      const args: (string | number)[] = [buckets.length, ...buckets.map((b) => keys.rateBucket(b.name)), Math.floor(nowMs)];
      for (const b of buckets) args.push(b.capacity, b.periodMs, b.cost ?? 1);
      const waitMs = await scripts.livecueRateTake(...args);
      return waitMs > 0 ? { ok: false, waitMs } : { ok: true };
    },
    async spend(q) {
      const ttlMs = q.msUntilReset + 86_400_000;
      const total = await scripts.livecueQuotaSpend(keys.quotaSpent(q.scope, q.day), q.units, q.budget, ttlMs);
      return total < 0 ? { ok: false, waitMs: q.msUntilReset, spent: await this.spent(q.scope, q.day) } : { ok: true, spent: total };
    },
    async spent(scope, day) {
      return Number((await redis.get(keys.quotaSpent(scope, day))) ?? '0');
    },
    async noteUsage(accountId, reading) {
      await redis.set(keys.platformUsage(accountId), JSON.stringify(reading), 'PX', usageTtlMs);
    },
    async usage(accountId) {
      const raw = await redis.get(keys.platformUsage(accountId));
      return raw ? (JSON.parse(raw) as UsageReading) : null;
    },
  };
}
