import type { Account, Credentials, TokenStatus } from '../domain/account';
import type { Platform } from '../domain/platform';
import type { Clock } from '../shared/clock';
import type { Cipher } from './crypto';
import type { Keys } from './keys';
import type { RedisClient } from './redis';

export interface NewAccount {
  id: string;
  platform: Platform;
  name: string;
  externalId: string;
  credentials: Credentials;
}

export interface AccountStore {
  /** False when the id is taken. */
  create(account: NewAccount): Promise<boolean>;
  get(id: string): Promise<Account | null>;
  /** These accounts with their decrypted credentials, in one round trip (missing ids are left out). */
  getMany(ids: Iterable<string>): Promise<Map<string, AccountWithCredentials>>;
  /** An account hash a script read (HGETALL, src/store/job-steps.ts) as getMany would give it. */
  fromHash(id: string, hash: Record<string, string>): Promise<AccountWithCredentials | null>;
  list(): Promise<Account[]>;
  /** Platform of every account, for validating targets. */
  platforms(): Promise<Map<string, Platform>>;
  remove(id: string): Promise<boolean>;
  /** Decrypted credentials: only adapters see them. */
  credentials(id: string): Promise<Credentials | null>;
  /**
   * Store refreshed credentials atomically (merged over the stored ones; an empty refresh token
   * never replaces a stored one). `basedOn`: the credentials version the caller read; when the
   * refresh token was rotated since then (by another process), a different refresh token is
   * refused with StaleCredentialsError instead of replacing the newer one. Resolves to the version.
   */
  saveCredentials(id: string, next: Credentials, basedOn?: number): Promise<number>;
  /**
   * A reconnect: these credentials replace the stored ones whole (the version goes up, so a
   * refresh based on the old ones is refused), the name follows the platform, the flag is cleared.
   */
  replaceCredentials(id: string, credentials: Credentials, name: string): Promise<void>;
  /** Flag (or clear) an account problem, e.g. a revoked token. */
  setTokenStatus(id: string, status: TokenStatus, reason: string | null): Promise<void>;
  /** Key rotation: re-seal every account still sealed with an older key; resolves to how many. */
  rotateKeys(): Promise<number>;
}

export interface AccountWithCredentials {
  account: Account;
  credentials: Credentials;
  /** Bumped by every save that changes the refresh token (0 before): what `saveCredentials(…, basedOn)` compares. */
  credentialsVersion: number;
}

/** A save based on credentials that were rotated meanwhile: the newer refresh token stays. */
export class StaleCredentialsError extends Error {
  constructor(readonly accountId: string) {
    super(`the credentials of account ${accountId} were rotated by another process meanwhile: the newer refresh token is kept`);
    this.name = 'StaleCredentialsError';
  }
}

/**
 * Compare-and-set of the sealed credentials: written only if they are still the ones read
 * (ARGV[1], '' for none); the version goes up when the refresh token changes (ARGV[4] = '1').
 * One script, so no other command on a shared connection can slip between the check and the write.
 * Answers the version after the write, or -1 when another save came first.
 */
const SAVE_CREDENTIALS_LUA = `
if (redis.call('HGET', KEYS[1], 'creds') or '') ~= ARGV[1] then return -1 end
local version = tonumber(redis.call('HGET', KEYS[1], 'credsVersion') or '0') or 0
if ARGV[4] == '1' then version = version + 1 end
redis.call('HSET', KEYS[1], 'creds', ARGV[2], 'credsVersion', tostring(version), 'flag', '', 'flagReason', '', 'updatedAt', ARGV[3])
return version
`;

/** Replace the sealed credentials only if they are still the ones read (a refresh may have won). */
const RESEAL_LUA = `
if redis.call('HGET', KEYS[1], 'creds') == ARGV[1] then
  redis.call('HSET', KEYS[1], 'creds', ARGV[2])
  return 1
end
return 0
`;

/** A refresh token ending within this long asks for a reconnect (api.md "Connecting accounts"). */
export const RECONNECT_BEFORE_MS = 7 * 86_400_000;

/** Only the consent flow can fix it: the token is dead, or its refresh token ends within 7 days. */
export function needsReconnect(status: TokenStatus, credentials: Credentials, nowMs: number): boolean {
  if (status === 'expired' || status === 'invalid') return true;
  if (!credentials.refreshToken || !credentials.refreshExpiresAt) return false;
  return Date.parse(credentials.refreshExpiresAt) - nowMs < RECONNECT_BEFORE_MS;
}

function versionOf(raw: string | null | undefined): number {
  const n = raw ? Number(raw) : 0;
  return Number.isSafeInteger(n) && n >= 0 ? n : 0;
}

/** Does `next` bring a refresh token other than the stored one? */
function isOtherRefreshToken(next: Credentials, current: Credentials | null): boolean {
  return next.refreshToken !== undefined && next.refreshToken !== '' && current?.refreshToken !== undefined && next.refreshToken !== current.refreshToken;
}

/** Token status from expiry: expired, expiring within 3 days, valid, or unknown (no expiry given). */
export function tokenStatusOf(credentials: Credentials, nowMs: number): TokenStatus {
  if (!credentials.expiresAt) return credentials.refreshToken ? 'valid' : 'unknown';
  const expires = Date.parse(credentials.expiresAt);
  if (credentials.refreshToken) {
    const refreshExpires = credentials.refreshExpiresAt ? Date.parse(credentials.refreshExpiresAt) : Infinity;
    if (refreshExpires <= nowMs) return 'expired';
    return refreshExpires - nowMs < 3 * 86_400_000 ? 'expiring' : 'valid';
  }
  if (expires <= nowMs) return 'expired';
  return expires - nowMs < 3 * 86_400_000 ? 'expiring' : 'valid';
}

export function createAccountStore(redis: RedisClient, keys: Keys, cipher: Cipher, clock: Clock): AccountStore {
  const iso = (): string => clock.nowIso();
  /** Re-encrypt on read: credentials sealed with an old key are sealed again with the current one. */
  const reseal = async (id: string, sealed: string, plain: string): Promise<boolean> => {
    if (!cipher.needsRotation(sealed)) return false;
    const done = (await redis.eval(RESEAL_LUA, 1, keys.account(id), sealed, cipher.encrypt(plain))) as number;
    return done === 1;
  };
  const toAccount = (id: string, h: Record<string, string>): Account | null => toAccountWith(id, h)?.account ?? null;
  const toAccountWith = (id: string, h: Record<string, string>): AccountWithCredentials | null => {
    if (!h.platform) return null;
    const flagged = (h.flag ?? '') as TokenStatus | '';
    const creds = h.creds ? (JSON.parse(cipher.decrypt(h.creds)) as Credentials) : { accessToken: '' };
    const tokenStatus = flagged !== '' ? flagged : tokenStatusOf(creds, clock.now());
    const account: Account = {
      id,
      platform: h.platform as Platform,
      name: h.name ?? '',
      externalId: h.externalId ?? '',
      tokenStatus,
      reconnect: needsReconnect(tokenStatus, creds, clock.now()),
      tokenStatusReason: h.flagReason ? h.flagReason : null,
      createdAt: h.createdAt ?? '',
      updatedAt: h.updatedAt ?? '',
    };
    return { account, credentials: creds, credentialsVersion: versionOf(h.credsVersion) };
  };

  /** Decrypt, and re-seal credentials sealed with an older key on the way. */
  const fromHash = async (id: string, hash: Record<string, string>): Promise<AccountWithCredentials | null> => {
    const found = toAccountWith(id, hash);
    if (found && hash.creds && cipher.needsRotation(hash.creds)) await reseal(id, hash.creds, JSON.stringify(found.credentials)).catch(() => false);
    return found;
  };

  return {
    async create(a) {
      const now = iso();
      const created = await redis.hsetnx(keys.account(a.id), 'platform', a.platform);
      if (created === 0) return false;
      await redis
        .multi()
        .hset(keys.account(a.id), {
          name: a.name,
          externalId: a.externalId,
          creds: cipher.encrypt(JSON.stringify(a.credentials)),
          flag: '',
          flagReason: '',
          createdAt: now,
          updatedAt: now,
        })
        .sadd(keys.accounts, a.id)
        .exec();
      return true;
    },
    async get(id) {
      return toAccount(id, await redis.hgetall(keys.account(id)));
    },
    async getMany(ids) {
      const unique = [...new Set(ids)];
      const out = new Map<string, AccountWithCredentials>();
      if (unique.length === 0) return out;
      // Plain commands sent together (one round trip): an ioredis pipeline object copies every
      // script defined on the connection, the create path's largest single cost in a profile.
      const rows = await Promise.all(unique.map((id) => redis.hgetall(keys.account(id))));
      const found = await Promise.all(rows.map((hash, i) => fromHash(unique[i] ?? '', hash)));
      for (const a of found) if (a) out.set(a.account.id, a);
      return out;
    },
    fromHash,
    async list() {
      const ids = (await redis.smembers(keys.accounts)).sort();
      const pipeline = redis.pipeline();
      for (const id of ids) pipeline.hgetall(keys.account(id));
      const rows = (await pipeline.exec()) ?? [];
      return rows.map(([, h], i) => toAccount(ids[i] ?? '', h as Record<string, string>)).filter((a): a is Account => a !== null);
    },
    async platforms() {
      const ids = await redis.smembers(keys.accounts);
      const pipeline = redis.pipeline();
      for (const id of ids) pipeline.hget(keys.account(id), 'platform');
      const rows = (await pipeline.exec()) ?? [];
      const out = new Map<string, Platform>();
      rows.forEach(([, p], i) => {
        if (typeof p === 'string') out.set(ids[i] ?? '', p as Platform);
      });
      return out;
    },
    async remove(id) {
      const [[, removed] = [null, 0]] = (await redis.multi().del(keys.account(id)).srem(keys.accounts, id).exec()) ?? [];
      return removed === 1;
    },
    async credentials(id) {
      const sealed = await redis.hget(keys.account(id), 'creds');
      if (!sealed) return null;
      const plain = cipher.decrypt(sealed);
      await reseal(id, sealed, plain).catch(() => false);
      return JSON.parse(plain) as Credentials;
    },
    async rotateKeys() {
      let count = 0;
      for (const id of await redis.smembers(keys.accounts)) {
        const sealed = await redis.hget(keys.account(id), 'creds');
        if (sealed && (await reseal(id, sealed, cipher.decrypt(sealed)))) count += 1;
      }
      return count;
    },
    async saveCredentials(id, next, basedOn) {
      const key = keys.account(id);
      // Read, merge, compare-and-set on what was read; a concurrent save makes us read again.
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const [sealed, rawVersion] = await redis.hmget(key, 'creds', 'credsVersion');
        const version = versionOf(rawVersion);
        const current = sealed ? (JSON.parse(cipher.decrypt(sealed)) as Credentials) : null;
        if (basedOn !== undefined && version !== basedOn && isOtherRefreshToken(next, current)) throw new StaleCredentialsError(id);
        const merged: Credentials = { ...current, ...next };
        if (!next.refreshToken && current?.refreshToken) merged.refreshToken = current.refreshToken;
        const rotated = merged.refreshToken !== current?.refreshToken ? '1' : '0';
        const saved = (await redis.eval(SAVE_CREDENTIALS_LUA, 1, key, sealed ?? '', cipher.encrypt(JSON.stringify(merged)), iso(), rotated)) as number;
        if (saved >= 0) return saved;
      }
      throw new Error(`could not save refreshed credentials of account ${id} (concurrent writes)`);
    },
    async replaceCredentials(id, credentials, name) {
      await redis
        .multi()
        .hset(keys.account(id), { name, creds: cipher.encrypt(JSON.stringify(credentials)), flag: '', flagReason: '', updatedAt: iso() })
        .hincrby(keys.account(id), 'credsVersion', 1)
        .exec();
    },
    async setTokenStatus(id, status, reason) {
      // A checked status (the account-health job, a failed call) sticks until new credentials are
      // saved; 'unknown' clears it, so the status is computed from the expiry again.
      const flag = status === 'unknown' ? '' : status;
      await redis.hset(keys.account(id), { flag, flagReason: reason ?? '', updatedAt: iso() });
    },
  };
}
