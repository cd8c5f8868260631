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
  list(): Promise<Account[]>;
  /** Platform of every account, for validating targets. */
  platforms(): Promise<Map<string, Platform>>;
  remove(id: string): Promise<boolean>;
  /** Decrypted credentials: only adapters see them. */
  credentials(id: string): Promise<Credentials | null>;
  /** Store refreshed credentials atomically; an empty refresh token never replaces a stored one. */
  saveCredentials(id: string, next: Credentials): Promise<void>;
  /** Flag (or clear) an account problem, e.g. a revoked token. */
  setTokenStatus(id: string, status: TokenStatus, reason: string | null): Promise<void>;
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
  const iso = (): string => new Date(clock.now()).toISOString();
  const toAccount = (id: string, h: Record<string, string>): Account | null => {
    if (!h.platform) return null;
    const flagged = (h.flag ?? '') as TokenStatus | '';
    const creds = h.creds ? (JSON.parse(cipher.decrypt(h.creds)) as Credentials) : { accessToken: '' };
    return {
      id,
      platform: h.platform as Platform,
      name: h.name ?? '',
      externalId: h.externalId ?? '',
      tokenStatus: flagged !== '' ? flagged : tokenStatusOf(creds, clock.now()),
      tokenStatusReason: h.flagReason ? h.flagReason : null,
      createdAt: h.createdAt ?? '',
      updatedAt: h.updatedAt ?? '',
    };
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
      return sealed ? (JSON.parse(cipher.decrypt(sealed)) as Credentials) : null;
    },
    async saveCredentials(id, next) {
      const key = keys.account(id);
      // WATCH/MULTI: a concurrent refresh in another process cannot interleave half a write.
      for (let attempt = 0; attempt < 5; attempt += 1) {
        await redis.watch(key);
        const sealed = await redis.hget(key, 'creds');
        const current = sealed ? (JSON.parse(cipher.decrypt(sealed)) as Credentials) : null;
        const merged: Credentials = { ...current, ...next };
        if (!next.refreshToken && current?.refreshToken) merged.refreshToken = current.refreshToken;
        const result = await redis
          .multi()
          .hset(key, { creds: cipher.encrypt(JSON.stringify(merged)), flag: '', flagReason: '', updatedAt: iso() })
          .exec();
        if (result) return;
      }
      throw new Error(`could not save refreshed credentials of account ${id} (concurrent writes)`);
    },
    async setTokenStatus(id, status, reason) {
      const flag = status === 'invalid' || status === 'expired' ? status : '';
      await redis.hset(keys.account(id), { flag, flagReason: reason ?? '', updatedAt: iso() });
    },
  };
}
