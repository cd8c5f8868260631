import type { RedisClient } from '../store/redis';

/**
 * Backup and restore of LiveCue's store: sessions (and their stage and time indexes), campaigns
 * (`{prefix}:camp:*`), accounts (credentials, webhook secrets and feed keys stay sealed: restoring
 * needs the same LIVECUE_ENCRYPTION_KEY), the effects ledger and the audit log, as one JSON file. Queues are not
 * saved: after a restore, reconcile makes one job per pending action again. Left out: rate-limit
 * counters, idempotency keys, worker heartbeats and lateness samples (short-lived).
 */
export interface BackupFile {
  format: 'livecue-backup';
  version: 1;
  /** REDIS_PREFIX the backup was taken from (restore may use another). */
  prefix: string;
  createdAt: string;
  /** What the file holds, for whoever finds it on a disk: it is as sensitive as the store. */
  contains: string[];
  keys: BackupKey[];
}

/** The `contains` header of every backup. */
export const BACKUP_CONTAINS = [
  'sessions with their hosts\' names and phone numbers and the stream ingest URLs (stream keys)',
  'campaigns and their catalogs, with the calendar feed keys sealed with LIVECUE_ENCRYPTION_KEY',
  'platform accounts: credentials sealed with LIVECUE_ENCRYPTION_KEY (restore needs the same key)',
  'webhook secrets of the sessions, sealed with LIVECUE_ENCRYPTION_KEY (ones stored before sealing stay plain until their session or campaign is written again)',
  'the effects ledger and the audit log',
  'keep this file private (it is written 0600): anyone who reads it can read the schedule and stream to its lives',
];

/** One key, named without its `{prefix}` base. */
export type BackupKey =
  | { key: string; type: 'string'; value: string; ttlMs?: number }
  | { key: string; type: 'hash'; value: Record<string, string>; ttlMs?: number }
  | { key: string; type: 'set' | 'list'; value: string[]; ttlMs?: number }
  | { key: string; type: 'zset'; value: [string, string][]; ttlMs?: number }
  | { key: string; type: 'stream'; value: [string, string[]][]; ttlMs?: number };

/** Key families under the base that a backup skips (`:` + this prefix). */
const SKIPPED = ['rl:', 'idem:', 'workers', 'lateness'];

const globEscape = (s: string): string => s.replace(/[*?[\]\\]/g, (c) => `\\${c}`);

/** Every key under `{prefix}:` that is worth keeping. */
export async function takeBackup(redis: RedisClient, prefix: string, nowIso: string): Promise<BackupFile> {
  const base = `{${prefix}}:`;
  const out: BackupKey[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${globEscape(base)}*`, 'COUNT', 1000);
    cursor = next;
    for (const full of keys) {
      const key = full.slice(base.length);
      if (SKIPPED.some((s) => key.startsWith(s))) continue;
      const entry = await readKey(redis, full, key);
      if (entry) out.push(entry);
    }
  } while (cursor !== '0');
  out.sort((a, b) => a.key.localeCompare(b.key));
  return { format: 'livecue-backup', version: 1, prefix, createdAt: nowIso, contains: BACKUP_CONTAINS, keys: out };
}

async function readKey(redis: RedisClient, full: string, key: string): Promise<BackupKey | null> {
  const type = await redis.type(full);
  const pttl = await redis.pttl(full);
  const ttl = pttl > 0 ? { ttlMs: pttl } : {};
  switch (type) {
    case 'string': {
      const value = await redis.get(full);
      return value === null ? null : { key, type, value, ...ttl };
    }
    case 'hash':
      return { key, type, value: await redis.hgetall(full), ...ttl };
    case 'set':
      return { key, type, value: (await redis.smembers(full)).sort(), ...ttl };
    case 'list':
      return { key, type, value: await redis.lrange(full, 0, -1), ...ttl };
    case 'zset': {
      const flat = await redis.zrange(full, 0, -1, 'WITHSCORES');
      const pairs: [string, string][] = [];
      for (let i = 0; i + 1 < flat.length; i += 2) pairs.push([flat[i] ?? '', flat[i + 1] ?? '0']);
      return { key, type, value: pairs, ...ttl };
    }
    case 'stream':
      return { key, type, value: await redis.xrange(full, '-', '+'), ...ttl };
    default:
      return null;
  }
}

/** Refuses a file that is not a LiveCue backup, so a wrong file never half-fills a Redis. */
export function parseBackup(text: string): BackupFile {
  const data = JSON.parse(text) as Partial<BackupFile>;
  if (data.format !== 'livecue-backup' || data.version !== 1 || !Array.isArray(data.keys) || typeof data.prefix !== 'string') {
    throw new Error('not a LiveCue backup (format livecue-backup, version 1)');
  }
  return data as BackupFile;
}

/**
 * Writes a backup under `{prefix}:` in one MULTI. Refuses when sessions exist there already,
 * unless `force` (then keys of the backup replace their namesakes; others stay).
 */
export async function restoreBackup(redis: RedisClient, prefix: string, file: BackupFile, options: { force?: boolean } = {}): Promise<number> {
  const base = `{${prefix}}:`;
  if (!options.force) {
    const [, existing] = await redis.scan('0', 'MATCH', `${globEscape(base)}s:*`, 'COUNT', 1000);
    const indexed = await redis.exists(`${base}idx:start`);
    if (existing.length > 0 || indexed > 0) throw new Error(`REDIS_PREFIX ${prefix} already holds sessions: restore into an empty prefix (or pass --force)`);
  }
  const tx = redis.multi();
  for (const k of file.keys) {
    const full = base + k.key;
    tx.del(full);
    writeKey(tx, full, k);
    if (k.ttlMs !== undefined) tx.pexpire(full, k.ttlMs);
  }
  await tx.exec();
  return file.keys.length;
}

type Tx = ReturnType<RedisClient['multi']>;

function writeKey(tx: Tx, full: string, k: BackupKey): void {
  switch (k.type) {
    case 'string':
      tx.set(full, k.value);
      return;
    case 'hash':
      if (Object.keys(k.value).length > 0) tx.hset(full, k.value);
      return;
    case 'set':
      if (k.value.length > 0) tx.sadd(full, ...k.value);
      return;
    case 'list':
      if (k.value.length > 0) tx.rpush(full, ...k.value);
      return;
    case 'zset':
      if (k.value.length > 0) tx.zadd(full, ...k.value.flatMap(([member, score]) => [score, member]));
      return;
    case 'stream':
      for (const [id, fields] of k.value) tx.xadd(full, id, ...fields);
      return;
  }
}
