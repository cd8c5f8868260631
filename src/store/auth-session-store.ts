import type { Role } from '../../config/schema';
import type { Keys } from './keys';
import type { RedisClient } from './redis';

/**
 * A browser session's server-side record, keyed by the SHA-256 of the cookie value (a store dump
 * holds no usable cookie). A person's session (`userId`, `epoch` of the user when it began) or a
 * token typed into the ops sign-in (`tokenId` of a personal token, or `machineRole` + `machineHash`
 * of a LIVECUE_TOKENS entry): the token itself is never stored.
 */
export interface AuthSessionRecord {
  userId: string | null;
  epoch: number;
  tokenId: string | null;
  machineRole: Role | null;
  machineHash: string | null;
  csrfToken: string;
  createdMs: number;
  lastSeenMs: number;
}

export interface AuthSessionStore {
  create(secretHash: string, record: AuthSessionRecord, ttlMs: number): Promise<void>;
  get(secretHash: string): Promise<AuthSessionRecord | null>;
  touch(secretHash: string, nowMs: number): Promise<void>;
  remove(secretHash: string): Promise<void>;
}

const str = (v: string | undefined): string | null => (v ? v : null);

function toRecord(h: Record<string, string>): AuthSessionRecord | null {
  if (!h.csrfToken || !h.createdMs) return null;
  return {
    userId: str(h.userId),
    epoch: Number(h.epoch ?? '0'),
    tokenId: str(h.tokenId),
    machineRole: str(h.machineRole) as Role | null,
    machineHash: str(h.machineHash),
    csrfToken: h.csrfToken,
    createdMs: Number(h.createdMs),
    lastSeenMs: Number(h.lastSeenMs ?? h.createdMs),
  };
}

/** Browser sessions: one hash each; Redis expiry only cleans up, the Clock decides validity. */
export function createAuthSessionStore(redis: RedisClient, keys: Keys): AuthSessionStore {
  return {
    async create(secretHash, r, ttlMs) {
      const key = keys.authSession(secretHash);
      await redis
        .multi()
        .hset(key, 'userId', r.userId ?? '', 'epoch', String(r.epoch), 'tokenId', r.tokenId ?? '', 'machineRole', r.machineRole ?? '', 'machineHash', r.machineHash ?? '', 'csrfToken', r.csrfToken, 'createdMs', String(r.createdMs), 'lastSeenMs', String(r.lastSeenMs))
        .pexpire(key, ttlMs)
        .exec();
    },
    async get(secretHash) {
      return toRecord(await redis.hgetall(keys.authSession(secretHash)));
    },
    async touch(secretHash, nowMs) {
      // HSET XX-like: only an existing session is touched (a concurrent sign-out wins).
      await redis.eval("if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('HSET', KEYS[1], 'lastSeenMs', ARGV[1]) end return 1", 1, keys.authSession(secretHash), String(nowMs));
    },
    async remove(secretHash) {
      await redis.del(keys.authSession(secretHash));
    },
  };
}
