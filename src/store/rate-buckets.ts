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
  /**
   * `normal` (the default: creating, updating, looking up) may not spend units reserved for lives
   * that exist; `priority` (ending a live) may spend the whole budget; `reserved` (going live) is
   * priority while it holds its reservation (`release`), normal after (a retry).
   */
  priority?: 'normal' | 'priority' | 'reserved';
  /** The reservation this call uses up (its units are freed as it spends). */
  release?: string;
  /** Units to reserve, all or nothing with the spend, for the operations of a live this call makes. */
  reserve?: QuotaReservation[];
}

/** Units kept for one later call (`name`) on the quota day `day`, kept `ttlMs`. */
export interface QuotaReservation {
  day: string;
  name: string;
  units: number;
  ttlMs: number;
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
  /** Units reserved of a budget on a day for lives that exist. */
  reserved(scope: string, day: string): Promise<number>;
  /**
   * Give back units a call was charged but did not spend (a go-live that found no video made no
   * transition), and reserve them again for the call's next try.
   */
  refund(scope: string, day: string, units: number, reserveAs?: { name: string; units: number; ttlMs: number }): Promise<void>;
  /** Record units a call spent beyond (or short of) what it was charged: what the platform counts, budget or not. */
  settle(scope: string, day: string, deltaUnits: number, ttlMs: number): Promise<void>;
  /** Drop reservations that will not be used (the live was deleted). */
  unreserve(scope: string, entries: readonly { day: string; name: string }[]): Promise<void>;
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

// KEYS[1]: the day's counter, KEYS[2]: the day's reservations (hash name -> units), then a counter
// and a reservation hash per new reservation. ARGV: units, budget, ttl ms, priority (normal |
// priority | reserved), the reservation released ('' none), then name, units, ttl per reservation.
// Returns the total after spending, or -1 (no room today), -2 (no room for the reservations).
const spendLua = `
local function sumOf(key)
  local total = 0
  for _, v in ipairs(redis.call('HVALS', key)) do total = total + tonumber(v) end
  return total
end
local units = tonumber(ARGV[1])
local budget = tonumber(ARGV[2])
local priority = ARGV[4]
local release = ARGV[5]
local used = tonumber(redis.call('GET', KEYS[1]) or '0')
local holds = release ~= '' and redis.call('HEXISTS', KEYS[2], release) == 1
local first = priority == 'priority' or (priority == 'reserved' and holds)
local room = budget - used
if not first then
  room = room - sumOf(KEYS[2])
  -- a normal call never counts its own reservation against itself
  if holds then room = room + tonumber(redis.call('HGET', KEYS[2], release)) end
end
if units > room then return -1 end
local n = (#KEYS - 2) / 2
local adding = {}
for i = 1, n do
  local counter, hash = KEYS[1 + 2 * i], KEYS[2 + 2 * i]
  adding[hash] = (adding[hash] or 0) + tonumber(ARGV[4 + 3 * i])
  local spent = tonumber(redis.call('GET', counter) or '0')
  if counter == KEYS[1] then spent = spent + units end
  if spent + sumOf(hash) + adding[hash] > budget then return -2 end
end
local total = redis.call('INCRBY', KEYS[1], units)
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[3]))
if holds then redis.call('HDEL', KEYS[2], release) end
for i = 1, n do
  local hash = KEYS[2 + 2 * i]
  -- set, not added: a live made again (the on-air guard re-arms prepare-live) keeps one reservation
  redis.call('HSET', hash, ARGV[3 + 3 * i], ARGV[4 + 3 * i])
  if redis.call('PTTL', hash) < tonumber(ARGV[5 + 3 * i]) then redis.call('PEXPIRE', hash, tonumber(ARGV[5 + 3 * i])) end
end
return total
`;

// KEYS[1]: the day's counter, KEYS[2]: its reservations; ARGV: units, name ('' none), units to reserve, ttl.
const refundLua = `
local left = redis.call('DECRBY', KEYS[1], tonumber(ARGV[1]))
if left < 0 then redis.call('SET', KEYS[1], '0', 'KEEPTTL') end
if ARGV[2] ~= '' then
  redis.call('HSET', KEYS[2], ARGV[2], ARGV[3])
  if redis.call('PTTL', KEYS[2]) < tonumber(ARGV[4]) then redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[4])) end
end
return 0
`;

interface BucketScripts {
  livecueRateTake(...args: (string | number)[]): Promise<number>;
  livecueQuotaSpend(...args: (string | number)[]): Promise<number>;
  livecueQuotaRefund(counter: string, reservations: string, units: number, name: string, reserveUnits: number, ttlMs: number): Promise<number>;
}

/** How long a usage reading is kept (ms). */
export const usageTtlMs = 3_600_000;

export function createRateBuckets(redis: RedisClient, keys: Keys): RateBuckets {
  redis.defineCommand('livecueRateTake', { lua: takeLua });
  redis.defineCommand('livecueQuotaSpend', { lua: spendLua });
  redis.defineCommand('livecueQuotaRefund', { numberOfKeys: 2, lua: refundLua });
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
      const reserve = q.reserve ?? [];
      const keyList = [keys.quotaSpent(q.scope, q.day), keys.quotaReserved(q.scope, q.day)];
      for (const r of reserve) keyList.push(keys.quotaSpent(q.scope, r.day), keys.quotaReserved(q.scope, r.day));
      const args: (string | number)[] = [keyList.length, ...keyList, q.units, q.budget, ttlMs, q.priority ?? 'normal', q.release ?? ''];
      for (const r of reserve) args.push(r.name, r.units, Math.max(1, Math.ceil(r.ttlMs)));
      const total = await scripts.livecueQuotaSpend(...args);
      return total < 0 ? { ok: false, waitMs: q.msUntilReset, spent: await this.spent(q.scope, q.day) } : { ok: true, spent: total };
    },
    async spent(scope, day) {
      return Number((await redis.get(keys.quotaSpent(scope, day))) ?? '0');
    },
    async reserved(scope, day) {
      const values = await redis.hvals(keys.quotaReserved(scope, day));
      return values.reduce((sum, v) => sum + Number(v), 0);
    },
    async settle(scope, day, deltaUnits, ttlMs) {
      if (deltaUnits === 0) return;
      await redis.multi().incrby(keys.quotaSpent(scope, day), Math.round(deltaUnits)).pexpire(keys.quotaSpent(scope, day), Math.max(1, Math.ceil(ttlMs))).exec();
    },
    async unreserve(scope, entries) {
      if (entries.length === 0) return;
      const pipeline = redis.pipeline();
      for (const e of entries) pipeline.hdel(keys.quotaReserved(scope, e.day), e.name);
      await pipeline.exec();
    },
    async refund(scope, day, units, reserveAs) {
      await scripts.livecueQuotaRefund(keys.quotaSpent(scope, day), keys.quotaReserved(scope, day), units, reserveAs?.name ?? '', reserveAs?.units ?? 0, Math.max(1, Math.ceil(reserveAs?.ttlMs ?? 1)));
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
