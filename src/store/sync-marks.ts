import type { Keys } from './keys';
import type { RedisClient } from './redis';

/**
 * A session's place in the to-sync set: written atomically with its store write (write-sessions,
 * update-job reset), cleared once the queue write that follows succeeded. What stays is a queue
 * write that failed after the commit; reconcile drains it every run.
 */
export interface SyncMark {
  sessionId: string;
  /** The mark's time (ms, the writer's clock): a clear only removes this mark, not a newer one. */
  markMs: number;
}

export interface SyncMarks {
  /** The oldest marks, up to `limit`. */
  pending(limit: number): Promise<SyncMark[]>;
  /** Removes each mark unless the session was written (marked) again since. */
  clear(marks: readonly SyncMark[]): Promise<void>;
  /** True once per `periodMs` across every process: the caller runs the full reconcile sweep. */
  claimSweep(periodMs: number): Promise<boolean>;
}

/** ZREM each member whose score is still the given one (a newer write keeps its mark). */
const CLEAR_LUA = `
local marks = cjson.decode(ARGV[1])
for _, m in ipairs(marks) do
  local score = redis.call('ZSCORE', KEYS[1], m[1])
  if score and tonumber(score) == tonumber(m[2]) then redis.call('ZREM', KEYS[1], m[1]) end
end
return 0
`;

interface ClearScript {
  livecueClearSyncMarks(key: string, marks: string): Promise<number>;
}

export function createSyncMarks(redis: RedisClient, keys: Keys): SyncMarks {
  redis.defineCommand('livecueClearSyncMarks', { numberOfKeys: 1, lua: CLEAR_LUA });
  const script = redis as unknown as ClearScript;
  return {
    async pending(limit) {
      const flat = await redis.zrange(keys.toSync, 0, limit - 1, 'WITHSCORES');
      const out: SyncMark[] = [];
      for (let i = 0; i + 1 < flat.length; i += 2) out.push({ sessionId: flat[i] ?? '', markMs: Number(flat[i + 1]) });
      return out;
    },
    async clear(marks) {
      if (marks.length === 0) return;
      await script.livecueClearSyncMarks(keys.toSync, JSON.stringify(marks.map((m) => [m.sessionId, m.markMs])));
    },
    async claimSweep(periodMs) {
      return (await redis.set(keys.reconcileSweep, '1', 'PX', periodMs, 'NX')) === 'OK';
    },
  };
}
