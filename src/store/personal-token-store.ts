import type { Role } from '../../config/schema';
import type { Keys } from './keys';
import type { RedisClient } from './redis';

/** A personal API token without its secret (only the secret's SHA-256 is kept). */
export interface PersonalToken {
  id: string;
  userId: string;
  name: string;
  role: Role;
  expiresAt: string | null;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface PersonalTokenStore {
  create(token: PersonalToken, secretHash: string): Promise<void>;
  getBySecretHash(secretHash: string): Promise<PersonalToken | null>;
  get(id: string): Promise<PersonalToken | null>;
  list(userId: string): Promise<PersonalToken[]>;
  /** False when the token is not the user's (or gone). Takes effect at once: the hash index goes. */
  revoke(userId: string, id: string): Promise<boolean>;
  touch(id: string, atIso: string): Promise<void>;
}

/** KEYS: token, user's token set. ARGV: user id, token id, hash index prefix. */
const REVOKE_LUA = `
local cur = redis.call('HMGET', KEYS[1], 'userId', 'secretHash')
if cur[1] ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1], ARGV[3] .. cur[2])
redis.call('SREM', KEYS[2], ARGV[2])
return 1
`;

const str = (v: string | undefined): string | null => (v ? v : null);

function toToken(h: Record<string, string>): PersonalToken | null {
  if (!h.id || !h.userId) return null;
  return { id: h.id, userId: h.userId, name: h.name ?? '', role: (h.role ?? 'viewer') as Role, expiresAt: str(h.expiresAt), createdAt: h.createdAt ?? '', lastUsedAt: str(h.lastUsedAt) };
}

/** Personal tokens: one hash each, an index from the secret's hash, a set per user. */
export function createPersonalTokenStore(redis: RedisClient, keys: Keys): PersonalTokenStore {
  const get = async (id: string): Promise<PersonalToken | null> => toToken(await redis.hgetall(keys.personalToken(id)));
  return {
    async create(t, secretHash) {
      await redis
        .multi()
        .hset(keys.personalToken(t.id), 'id', t.id, 'userId', t.userId, 'name', t.name, 'role', t.role, 'expiresAt', t.expiresAt ?? '', 'createdAt', t.createdAt, 'lastUsedAt', '', 'secretHash', secretHash)
        .set(keys.personalTokenByHash(secretHash), t.id)
        .sadd(keys.userTokens(t.userId), t.id)
        .exec();
    },
    async getBySecretHash(secretHash) {
      const id = await redis.get(keys.personalTokenByHash(secretHash));
      return id ? get(id) : null;
    },
    get,
    async list(userId) {
      const ids = await redis.smembers(keys.userTokens(userId));
      const tokens = await Promise.all(ids.map(get));
      return tokens.filter((t): t is PersonalToken => t !== null).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
    },
    async revoke(userId, id) {
      const done = await redis.eval(REVOKE_LUA, 2, keys.personalToken(id), keys.userTokens(userId), userId, id, keys.personalTokenByHash(''));
      return done === 1;
    },
    async touch(id, atIso) {
      await redis.eval("if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('HSET', KEYS[1], 'lastUsedAt', ARGV[1]) end return 1", 1, keys.personalToken(id), atIso);
    },
  };
}
