import type { Role } from '../../config/schema';
import type { StoredUser, UserStatus } from '../people/user';
import type { Keys } from './keys';
import type { RedisClient } from './redis';

/** A new user with their first invitation (`secretHash` is the SHA-256 of the link's secret). */
export interface NewUser {
  user: Omit<StoredUser, 'passwordHash' | 'epoch'>;
  invitation: { secretHash: string; expiresMs: number; ttlMs: number };
}

export interface UserPatch {
  name?: string;
  role?: Role;
  status?: 'active' | 'disabled';
}

export type UpdateOutcome = 'ok' | 'not_found' | 'last_admin';
export type InviteOutcome = 'ok' | 'not_found' | 'disabled';

export interface UserStore {
  /** False when the email (case-insensitive) is taken; the email index is claimed atomically. */
  create(input: NewUser): Promise<boolean>;
  get(id: string): Promise<StoredUser | null>;
  getByEmail(email: string): Promise<StoredUser | null>;
  list(): Promise<StoredUser[]>;
  count(): Promise<number>;
  /** Atomic: the last active admin cannot be demoted or disabled; disabling ends sessions (epoch). */
  update(id: string, patch: UserPatch): Promise<UpdateOutcome>;
  /** A new link: the earlier one and the password stop working, sessions end. */
  replaceInvitation(id: string, invitation: NewUser['invitation']): Promise<InviteOutcome>;
  /** The user an unexpired, current, unused invitation belongs to. */
  findInvitation(secretHash: string, nowMs: number): Promise<StoredUser | null>;
  /** Single use, atomically: sets the password, makes the user active; null when no longer valid. */
  acceptInvitation(secretHash: string, userId: string, passwordHash: string, nowMs: number): Promise<boolean>;
  recordSignIn(id: string, atIso: string): Promise<void>;
}

const CREATE_LUA = `
if redis.call('EXISTS', KEYS[2]) == 1 then return 0 end
local fields = cjson.decode(ARGV[2])
redis.call('SET', KEYS[2], ARGV[1])
redis.call('HSET', KEYS[1], unpack(fields))
redis.call('SADD', KEYS[3], ARGV[1])
redis.call('SET', KEYS[4], ARGV[1], 'PX', ARGV[3])
return 1
`;

/** KEYS: user, active admins. ARGV[1]: JSON patch. */
const UPDATE_LUA = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 'not_found' end
local patch = cjson.decode(ARGV[1])
local cur = redis.call('HMGET', KEYS[1], 'id', 'role', 'status', 'passwordHash')
local role = patch.role or cur[2]
local status = patch.status or cur[3]
if status == 'active' and (cur[4] == false or cur[4] == '') then status = 'invited' end
local was = cur[2] == 'admin' and cur[3] == 'active'
local will = role == 'admin' and status == 'active'
if was and not will and redis.call('SCARD', KEYS[2]) <= 1 then return 'last_admin' end
if patch.name then redis.call('HSET', KEYS[1], 'name', patch.name) end
redis.call('HSET', KEYS[1], 'role', role, 'status', status)
if status == 'disabled' and cur[3] ~= 'disabled' then redis.call('HINCRBY', KEYS[1], 'epoch', 1) end
if will then redis.call('SADD', KEYS[2], cur[1]) else redis.call('SREM', KEYS[2], cur[1]) end
return 'ok'
`;

/** KEYS: user, new invitation. ARGV: invitation key prefix, secret hash, expiry ms, ttl ms. */
const INVITE_LUA = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 'not_found' end
local cur = redis.call('HMGET', KEYS[1], 'id', 'status', 'inviteHash')
if cur[2] == 'disabled' then return 'disabled' end
if cur[3] and cur[3] ~= '' then redis.call('DEL', ARGV[1] .. cur[3]) end
redis.call('HSET', KEYS[1], 'inviteHash', ARGV[2], 'inviteExpiresMs', ARGV[3], 'passwordHash', '')
redis.call('HINCRBY', KEYS[1], 'epoch', 1)
redis.call('SET', KEYS[2], cur[1], 'PX', ARGV[4])
return 'ok'
`;

/** KEYS: invitation, user, active admins. ARGV: user id, secret hash, now ms, password hash. */
const ACCEPT_LUA = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
local cur = redis.call('HMGET', KEYS[2], 'inviteHash', 'inviteExpiresMs', 'status', 'role')
if cur[1] ~= ARGV[2] or tonumber(cur[2] or '0') <= tonumber(ARGV[3]) or cur[3] == 'disabled' then return 0 end
redis.call('HSET', KEYS[2], 'passwordHash', ARGV[4], 'status', 'active', 'inviteHash', '', 'inviteExpiresMs', '')
redis.call('DEL', KEYS[1])
if cur[4] == 'admin' then redis.call('SADD', KEYS[3], ARGV[1]) end
return 1
`;

function toStoredUser(h: Record<string, string>): StoredUser | null {
  if (!h.id || !h.email) return null;
  return {
    id: h.id,
    email: h.email,
    name: h.name ?? '',
    role: (h.role ?? 'viewer') as Role,
    status: (h.status ?? 'invited') as UserStatus,
    createdAt: h.createdAt ?? '',
    lastSignInAt: h.lastSignInAt ? h.lastSignInAt : null,
    passwordHash: h.passwordHash ?? '',
    epoch: Number(h.epoch ?? '0'),
  };
}

/** People in Redis: one hash per user, a unique lower-cased email index, the set of active admins. */
export function createUserStore(redis: RedisClient, keys: Keys): UserStore {
  const get = async (id: string): Promise<StoredUser | null> => toStoredUser(await redis.hgetall(keys.user(id)));
  return {
    async create({ user, invitation }) {
      const fields = ['id', user.id, 'email', user.email, 'name', user.name, 'role', user.role, 'status', user.status, 'createdAt', user.createdAt, 'lastSignInAt', '', 'passwordHash', '', 'epoch', '0', 'inviteHash', invitation.secretHash, 'inviteExpiresMs', String(invitation.expiresMs)];
      const done = await redis.eval(CREATE_LUA, 4, keys.user(user.id), keys.userByEmail(user.email.toLowerCase()), keys.users, keys.invitation(invitation.secretHash), user.id, JSON.stringify(fields), String(invitation.ttlMs));
      return done === 1;
    },
    get,
    async getByEmail(email) {
      const id = await redis.get(keys.userByEmail(email.toLowerCase()));
      return id ? get(id) : null;
    },
    async list() {
      const ids = await redis.smembers(keys.users);
      const users = await Promise.all(ids.map(get));
      return users.filter((u): u is StoredUser => u !== null).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
    },
    count: () => redis.scard(keys.users),
    async update(id, patch) {
      return (await redis.eval(UPDATE_LUA, 2, keys.user(id), keys.activeAdmins, JSON.stringify(patch))) as UpdateOutcome;
    },
    async replaceInvitation(id, invitation) {
      const prefix = keys.invitation('');
      return (await redis.eval(INVITE_LUA, 2, keys.user(id), keys.invitation(invitation.secretHash), prefix, invitation.secretHash, String(invitation.expiresMs), String(invitation.ttlMs))) as InviteOutcome;
    },
    async findInvitation(secretHash, nowMs) {
      const id = await redis.get(keys.invitation(secretHash));
      if (!id) return null;
      const raw = await redis.hgetall(keys.user(id));
      const user = toStoredUser(raw);
      if (!user || raw.inviteHash !== secretHash || Number(raw.inviteExpiresMs ?? '0') <= nowMs || user.status === 'disabled') return null;
      return user;
    },
    async acceptInvitation(secretHash, userId, passwordHash, nowMs) {
      const done = await redis.eval(ACCEPT_LUA, 3, keys.invitation(secretHash), keys.user(userId), keys.activeAdmins, userId, secretHash, String(nowMs), passwordHash);
      return done === 1;
    },
    async recordSignIn(id, atIso) {
      await redis.hset(keys.user(id), 'lastSignInAt', atIso);
    },
  };
}
