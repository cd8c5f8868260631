import { createHash } from 'node:crypto';
import type { Keys } from './keys';
import type { RedisClient } from './redis';

export type IdempotencyBegin =
  | { state: 'new' }
  | { state: 'replay'; status: number; body: unknown; headers: Record<string, string> }
  | { state: 'mismatch' }
  | { state: 'in-progress' };

export interface IdempotencyStore {
  /** Reserve `key` for this body, or find what the first request with it answered. */
  begin(scope: string, key: string, bodyHash: string): Promise<IdempotencyBegin>;
  /** Keep the answer (and its headers, e.g. ETag) for replays (kept 48 h; api.md promises at least 24 h). */
  finish(scope: string, key: string, bodyHash: string, status: number, body: unknown, headers?: Record<string, string>): Promise<void>;
  /**
   * The record `finish` would write, for a store write to commit in the same atomic step (see
   * SessionStore.write): a create whose reply was lost (503 after the commit) replays on retry.
   */
  seal(scope: string, key: string, bodyHash: string, status: number, body: unknown, headers?: Record<string, string>): IdempotencySeal;
  /** Forget a reservation whose request failed for a passing reason (5xx), so a retry can run; a sealed answer stays. */
  abandon(scope: string, key: string): Promise<void>;
}

/** An idempotency answer to be written by the store's atomic write (same hash tag as the store). */
export interface IdempotencySeal {
  key: string;
  value: string;
  ttlS: number;
}

/** Delete the reservation only while it is pending: a write that committed its answer keeps it. */
const ABANDON_LUA = `
local raw = redis.call('GET', KEYS[1])
if raw and cjson.decode(raw).state == 'pending' then return redis.call('DEL', KEYS[1]) end
return 0
`;

export function hashBody(body: unknown): string {
  return createHash('sha256').update(JSON.stringify(body ?? null)).digest('hex');
}

const KEEP_S = 48 * 3600;
const PENDING_S = 120;

export function createIdempotencyStore(redis: RedisClient, keys: Keys): IdempotencyStore {
  const keyOf = (scope: string, key: string): string => keys.idempotency(scope, createHash('sha256').update(key).digest('hex').slice(0, 40));
  const seal = (scope: string, key: string, bodyHash: string, status: number, body: unknown, headers: Record<string, string> = {}): IdempotencySeal => ({
    key: keyOf(scope, key),
    value: JSON.stringify({ bodyHash, state: 'done', status, body, headers }),
    ttlS: KEEP_S,
  });
  return {
    async begin(scope, key, bodyHash) {
      const k = keyOf(scope, key);
      const reserved = await redis.set(k, JSON.stringify({ bodyHash, state: 'pending' }), 'EX', PENDING_S, 'NX');
      if (reserved === 'OK') return { state: 'new' };
      const raw = await redis.get(k);
      if (!raw) return { state: 'new' };
      const saved = JSON.parse(raw) as { bodyHash: string; state: string; status?: number; body?: unknown; headers?: Record<string, string> };
      if (saved.bodyHash !== bodyHash) return { state: 'mismatch' };
      if (saved.state !== 'done') return { state: 'in-progress' };
      return { state: 'replay', status: saved.status ?? 200, body: saved.body, headers: saved.headers ?? {} };
    },
    async finish(scope, key, bodyHash, status, body, headers = {}) {
      const sealed = seal(scope, key, bodyHash, status, body, headers);
      await redis.set(sealed.key, sealed.value, 'EX', sealed.ttlS);
    },
    seal,
    async abandon(scope, key) {
      await redis.eval(ABANDON_LUA, 1, keyOf(scope, key));
    },
  };
}
