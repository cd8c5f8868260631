import type { Cipher } from '../../store/crypto';
import type { Keys } from '../../store/keys';
import type { RedisClient } from '../../store/redis';

/** The OA's tokens as stored (decrypted); `generation` grows with every save. */
export interface ZaloTokens {
  accessToken: string | null;
  refreshToken: string | null;
  /** Epoch ms the access token expires. */
  expiresAtMs: number;
  generation: number;
  status: 'ok' | 'invalid';
  statusReason: string | null;
  /** Epoch ms the stored refresh token was issued (by Zalo's rotation, or a person's connect); null: unknown (seeded from config). */
  refreshIssuedAtMs: number | null;
}

/**
 * Saves a refreshed pair only if nobody saved since `generation` was read (compare-and-set), and
 * never replaces the refresh token with an empty one (Zalo's refresh token is single use: an
 * older or empty one written over the new one would disconnect the OA for good).
 */
const saveLua = `
local gen = tonumber(redis.call('HGET', KEYS[1], 'gen') or '0')
if gen ~= tonumber(ARGV[1]) then return 0 end
redis.call('HSET', KEYS[1], 'access', ARGV[2], 'expiresAt', ARGV[4], 'gen', gen + 1, 'status', 'ok', 'statusReason', '')
if ARGV[3] ~= '' then redis.call('HSET', KEYS[1], 'refresh', ARGV[3], 'refreshAt', ARGV[5]) end
return 1
`;

/** Release the refresh lock only when this process still holds it. */
const unlockLua = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

interface TokenScripts {
  livecueZaloSave(key: string, gen: string, access: string, refresh: string, expiresAt: string, refreshAt: string): Promise<number>;
  livecueZaloUnlock(key: string, owner: string): Promise<number>;
}

export interface ZaloTokenStore {
  read(): Promise<ZaloTokens>;
  /** Compare-and-set on `generation`; false when another process saved first. */
  save(generation: number, next: { accessToken: string; refreshToken: string; expiresAtMs: number; issuedAtMs: number }): Promise<boolean>;
  /** A person connected the OA (CLI): a new refresh token issued about `nowMs`, no access token yet. */
  connect(refreshToken: string, nowMs: number): Promise<void>;
  /** Seeds the refresh token from configuration only while none is stored. */
  seed(refreshToken: string): Promise<boolean>;
  /** Forget the access token (Zalo said it is invalid): the next send refreshes. */
  dropAccessToken(): Promise<void>;
  markInvalid(reason: string): Promise<void>;
  lock(owner: string, ttlMs: number): Promise<boolean>;
  unlock(owner: string): Promise<void>;
}

export function createZaloTokenStore(redis: RedisClient, keys: Keys, cipher: Cipher): ZaloTokenStore {
  redis.defineCommand('livecueZaloSave', { numberOfKeys: 1, lua: saveLua });
  redis.defineCommand('livecueZaloUnlock', { numberOfKeys: 1, lua: unlockLua });
  const scripts = redis as unknown as TokenScripts;
  const key = `${keys.base}:zalo:oa`;
  const lockKey = `${keys.base}:zalo:oa-lock`;
  const open = (sealed: string | undefined): string | null => (sealed ? cipher.decrypt(sealed) : null);
  return {
    async read() {
      const h = await redis.hgetall(key);
      return {
        accessToken: open(h.access),
        refreshToken: open(h.refresh),
        expiresAtMs: Number(h.expiresAt ?? 0),
        generation: Number(h.gen ?? 0),
        status: h.status === 'invalid' ? 'invalid' : 'ok',
        statusReason: h.statusReason ? h.statusReason : null,
        refreshIssuedAtMs: h.refreshAt ? Number(h.refreshAt) : null,
      };
    },
    async save(generation, next) {
      const refresh = next.refreshToken === '' ? '' : cipher.encrypt(next.refreshToken);
      return (await scripts.livecueZaloSave(key, String(generation), cipher.encrypt(next.accessToken), refresh, String(next.expiresAtMs), String(next.issuedAtMs))) === 1;
    },
    async connect(refreshToken, nowMs) {
      await redis.multi().hdel(key, 'access').hset(key, { refresh: cipher.encrypt(refreshToken), refreshAt: String(nowMs), expiresAt: '0', status: 'ok', statusReason: '' }).hincrby(key, 'gen', 1).exec();
    },
    async seed(refreshToken) {
      return (await redis.hsetnx(key, 'refresh', cipher.encrypt(refreshToken))) === 1;
    },
    async dropAccessToken() {
      await redis.hset(key, 'expiresAt', '0');
    },
    async markInvalid(reason) {
      await redis.hset(key, { status: 'invalid', statusReason: reason });
    },
    async lock(owner, ttlMs) {
      return (await redis.set(lockKey, owner, 'PX', ttlMs, 'NX')) === 'OK';
    },
    async unlock(owner) {
      await scripts.livecueZaloUnlock(lockKey, owner);
    },
  };
}
