import type { Keys } from './keys';
import type { RedisClient } from './redis';

/** When an email or an address is slowed down, then locked (src/people/lockout.ts holds the numbers). */
export interface AttemptPolicy {
  /** Failures older than this (since the last one) are forgotten. */
  windowMs: number;
  /** From this many attempts in the window on, each waits `baseDelayMs · 2^(n − slowAfter)` (at most `maxDelayMs`). */
  slowAfter: number;
  baseDelayMs: number;
  /** The slow-down wait never grows past this. */
  maxDelayMs: number;
  /** At this many the key is locked for `lockMs`. */
  lockAfter: number;
  lockMs: number;
}

export type Claim = { allowed: true; count: number } | { allowed: false; retryAfterMs: number };

export interface SignInAttempts {
  /** Counts an attempt before the password is checked (so a parallel burst cannot overtake the count). */
  claim(scope: 'email' | 'address', id: string, nowMs: number, policy: AttemptPolicy): Promise<Claim>;
  /** A successful attempt: forget the email's failures, or take the attempt back from the address. */
  succeed(scope: 'email' | 'address', id: string, policy: AttemptPolicy): Promise<void>;
}

/** KEYS[1]: counter. ARGV: now, window, slowAfter, baseDelay, lockAfter, lockMs, maxDelay. → {1, count} | {0, waitMs}. */
const CLAIM_LUA = `
local now = tonumber(ARGV[1])
local h = redis.call('HMGET', KEYS[1], 'count', 'lastMs', 'blockedUntil')
local blocked = tonumber(h[3] or '0')
if blocked > now then return {0, blocked - now} end
local count = tonumber(h[1] or '0')
if now - tonumber(h[2] or '0') > tonumber(ARGV[2]) then count = 0 end
count = count + 1
local slowAfter = tonumber(ARGV[3])
local lockAfter = tonumber(ARGV[5])
local untilMs = 0
if count >= lockAfter then untilMs = now + tonumber(ARGV[6])
elseif count >= slowAfter then untilMs = now + math.min(tonumber(ARGV[4]) * (2 ^ (count - slowAfter)), tonumber(ARGV[7])) end
redis.call('HSET', KEYS[1], 'count', count, 'lastMs', now, 'blockedUntil', untilMs)
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]) + tonumber(ARGV[6]))
return {1, count}
`;

/** KEYS[1]: counter. ARGV: slowAfter. */
const TAKE_BACK_LUA = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
local count = redis.call('HINCRBY', KEYS[1], 'count', -1)
if count < tonumber(ARGV[1]) then redis.call('HSET', KEYS[1], 'blockedUntil', 0) end
return 1
`;

/** Sign-in attempt counters in Redis, one atomic step per claim. */
export function createSignInAttempts(redis: RedisClient, keys: Keys): SignInAttempts {
  return {
    async claim(scope, id, nowMs, p) {
      const [ok, n] = (await redis.eval(CLAIM_LUA, 1, keys.signInAttempts(scope, id), String(nowMs), String(p.windowMs), String(p.slowAfter), String(p.baseDelayMs), String(p.lockAfter), String(p.lockMs), String(p.maxDelayMs))) as [number, number];
      return ok === 1 ? { allowed: true, count: n } : { allowed: false, retryAfterMs: n };
    },
    async succeed(scope, id, p) {
      if (scope === 'email') await redis.del(keys.signInAttempts(scope, id));
      else await redis.eval(TAKE_BACK_LUA, 1, keys.signInAttempts(scope, id), String(p.slowAfter));
    },
  };
}
