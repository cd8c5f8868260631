import type { JobRecord, Session, SessionDefinition, SessionStatus, TargetRuntime } from '../domain/session';
import type { Booking } from '../planning/stage-conflicts';
import { createWorkSlices, jsonBytesInSlices, mapInSlices } from '../shared/work-slices';
import type { Keys } from './keys';
import type { SyncMark } from './sync-marks';
import type { IdempotencySeal } from './idempotency-store';
import type { RedisClient } from './redis';
import { updateJobLua } from './lua/update-job';
import { writeSessionsLua } from './lua/write-sessions';
import { decodeDefinition, decodeJob, encodeDefinition, encodeJob } from './session-codec';
import { targetKey } from '../domain/session';
import { isSealed, sealOnce } from './crypto';
import type { Cipher } from './crypto';

/** One session write for the atomic write script. */
export interface SessionWrite {
  id: string;
  create: boolean;
  expectedVersion: number | null;
  version: number;
  status: SessionStatus;
  definition: SessionDefinition;
  createdAt: string;
  updatedAt: string;
  setJobs: JobRecord[];
  delJobs: string[];
  /** Give the stage back (cancel). */
  releaseStage?: boolean;
}

export interface WriteError {
  index: number;
  code: 'exists' | 'not_found' | 'version_mismatch' | 'stage_conflict';
  conflicts?: Booking[];
  current?: number;
}

export type WriteResult = { ok: true } | { ok: false; errors: WriteError[] };

export type JobPatch =
  | { op: 'start'; now: string }
  | {
      op: 'finish';
      now: string;
      state: 'completed' | 'failed' | 'skipped' | 'cancelled';
      result?: Record<string, unknown> | null;
      lastError?: string | null;
      reason?: string | null;
      runtime?: RuntimePatch;
      signals?: SignalPatch[];
    }
  | { op: 'delay'; now: string; lastError?: string; attemptsDelta?: number }
  | { op: 'reset'; now: string; runAt?: string; staleAt?: string; rearm?: boolean };

/** One target's on-air guard reading (api.md "On-air guard": `signal`, `signalCheckedAt`). */
export interface SignalPatch {
  target: string;
  signal: 'ok' | 'none' | 'bad';
  at: string;
}

export interface RuntimePatch {
  target: string;
  liveId?: string;
  ingestUrl?: string | null;
  streamId?: string | null;
  addPostId?: string;
  clearLive?: boolean;
}

export type JobUpdate =
  | { ok: true; record: JobRecord; status: SessionStatus; statusChanged: boolean }
  | { ok: false; reason: string; record?: JobRecord };

interface Scripts {
  livecueWriteSessions(key: string, base: string, writes: string | Buffer, seal: string, markMs: string): Promise<string>;
  livecueUpdateJob(key: string, jobKey: string, patch: string): Promise<string>;
}


export interface SessionStore {
  /**
   * All or nothing; `seal` (an idempotent request's answer) is written in the same atomic step, and
   * so is each session's to-sync mark (src/store/sync-marks.ts), timed `syncMarkOf(write)`.
   */
  write(writes: SessionWrite[], seal?: IdempotencySeal): Promise<WriteResult>;
  get(id: string): Promise<Session | null>;
  getMany(ids: string[]): Promise<(Session | null)[]>;
  /** Session ids ordered by start, from `fromMs` (inclusive, after `afterId` at equal start). */
  listIds(query: { fromMs: number; toMs: number; campaignId?: string; afterId?: string; limit: number }): Promise<{ id: string; startMs: number }[]>;
  updateJob(sessionId: string, jobKey: string, patch: JobPatch): Promise<JobUpdate>;
  stageBookings(stageId: string, fromMs: number, toMs: number): Promise<Booking[]>;
}

/** The to-sync mark a write leaves (its time is the write's `updatedAt`). */
export function syncMarkOf(write: Pick<SessionWrite, 'id' | 'updatedAt'>): SyncMark {
  return { sessionId: write.id, markMs: Date.parse(write.updatedAt) };
}

/** Writes of more sessions than this go through `bulkRedis` (a longer command timeout). */
const BIG_WRITE = 100;

export interface SessionStoreOptions {
  /**
   * Seals webhook secrets at rest (reads leave them sealed: `unsealStored` where a hook is signed).
   * A store without one (backup restore, benchmarks: they only read) refuses to write a plain secret.
   */
  cipher?: Cipher;
  /**
   * Carries large atomic writes (imports): on the store connection's short command timeout a
   * long script could still commit after the client gave up and answered 503.
   */
  bulkRedis?: RedisClient;
}

/** A definition as it may be stored: every webhook secret sealed. */
function sealHookSecrets(def: SessionDefinition, cipher: Cipher | undefined): SessionDefinition {
  if (def.notify.every((h) => h.type !== 'webhook' || isSealed(h.secret))) return def;
  if (!cipher) throw new Error('this session store has no cipher: it cannot write webhook secrets (they are sealed at rest)');
  return { ...def, notify: def.notify.map((h) => (h.type === 'webhook' ? { ...h, secret: sealOnce(cipher, h.secret) } : h)) };
}

export function createSessionStore(redis: RedisClient, keys: Keys, options: SessionStoreOptions = {}): SessionStore {
  const { cipher, bulkRedis = redis } = options;
  for (const client of new Set([redis, bulkRedis])) {
    client.defineCommand('livecueWriteSessions', { numberOfKeys: 1, lua: writeSessionsLua });
    client.defineCommand('livecueUpdateJob', { numberOfKeys: 1, lua: updateJobLua });
  }
  const scripts = redis as unknown as Scripts;
  const bulkScripts = bulkRedis as unknown as Scripts;

  return {
    async write(writes, seal) {
      const first = writes[0];
      if (!first) return { ok: true };
      // A batch of 10,000 (an import) is ~0.5 s of encoding on the shared 2-core machine: in slices, so other requests are answered meanwhile.
      const slices = createWorkSlices();
      const payload = await mapInSlices(writes, (w) => ({
        id: w.id,
        create: w.create,
        expectedVersion: w.expectedVersion,
        version: w.version,
        status: w.status,
        doc: encodeDefinition(sealHookSecrets(w.definition, cipher)),
        createdAt: w.createdAt,
        updatedAt: w.updatedAt,
        startMs: Date.parse(w.definition.startsAt),
        endMs: Date.parse(w.definition.endsAt),
        stageId: w.definition.stageId,
        campaignId: w.definition.campaignId,
        setJobs: Object.fromEntries(w.setJobs.map((j) => [j.key, encodeJob(j)])),
        delJobs: w.delJobs,
        releaseStage: w.releaseStage ?? false,
      }), slices);
      const arg = await jsonBytesInSlices(payload, slices);
      const raw = await (writes.length > BIG_WRITE ? bulkScripts : scripts).livecueWriteSessions(keys.session(first.id), keys.base, arg, seal ? JSON.stringify(seal) : '', String(Date.parse(first.updatedAt)));
      const out = JSON.parse(raw) as { ok: boolean; errors?: { index: number; code: WriteError['code']; conflicts?: [string, number, number][]; current?: number }[] };
      if (out.ok) return { ok: true };
      return {
        ok: false,
        errors: (out.errors ?? []).map((e) => ({
          index: e.index,
          code: e.code,
          ...(e.conflicts ? { conflicts: e.conflicts.map(([sessionId, startMs, endMs]) => ({ sessionId, startMs, endMs })) } : {}),
          ...(e.current !== undefined ? { current: e.current } : {}),
        })),
      };
    },

    async get(id) {
      const h = await redis.hgetall(keys.session(id));
      return decodeSessionHash(id, h);
    },

    async getMany(ids) {
      if (ids.length === 0) return [];
      // Plain commands sent together (one round trip), not a pipeline object: that copies every
      // script defined on the connection first (see account-store's getMany).
      const hashes = await Promise.all(ids.map((id) => redis.hgetall(keys.session(id))));
      return hashes.map((h, i) => decodeSessionHash(ids[i] ?? '', h));
    },

    async listIds({ fromMs, toMs, campaignId, afterId, limit }) {
      const key = campaignId ? keys.sessionsByCampaign(campaignId) : keys.sessionsByStart;
      const out: { id: string; startMs: number }[] = [];
      let offset = 0;
      const min = Number.isFinite(fromMs) ? String(fromMs) : '-inf';
      const max = Number.isFinite(toMs) ? `(${toMs}` : '+inf';
      for (;;) {
        const batch = await redis.zrangebyscore(key, min, max, 'WITHSCORES', 'LIMIT', offset, limit + 50);
        if (batch.length === 0) return out;
        for (let i = 0; i < batch.length; i += 2) {
          const id = batch[i] ?? '';
          const startMs = Number(batch[i + 1]);
          if (afterId !== undefined && startMs === fromMs && id <= afterId) continue;
          out.push({ id, startMs });
          if (out.length >= limit) return out;
        }
        offset += batch.length / 2;
      }
    },

    async updateJob(sessionId, jobKey, patch) {
      // A reset (ops retry) needs a queue write: its session joins the to-sync set with it.
      const marked = patch.op === 'reset' ? { ...patch, syncKey: keys.toSync, syncId: sessionId, syncMs: Date.parse(patch.now) } : patch;
      return decodeJobUpdate(sessionId, jobKey, await scripts.livecueUpdateJob(keys.session(sessionId), jobKey, JSON.stringify(marked)));
    },

    async stageBookings(stageId, fromMs, toMs) {
      const ids = await redis.zrangebyscore(keys.stage(stageId), fromMs - 86_400_000, `(${toMs}`, 'WITHSCORES');
      const bookings: Booking[] = [];
      const members: { id: string; startMs: number }[] = [];
      for (let i = 0; i < ids.length; i += 2) members.push({ id: ids[i] ?? '', startMs: Number(ids[i + 1]) });
      if (members.length === 0) return bookings;
      const ends = await redis.hmget(keys.stageEnds(stageId), ...members.map((m) => m.id));
      members.forEach((m, i) => {
        const endMs = Number(ends[i] ?? 0);
        if (endMs > fromMs) bookings.push({ sessionId: m.id, startMs: m.startMs, endMs });
      });
      return bookings;
    },
  };
}

/** The update-job script's answer (also the finish-job script's, src/store/job-steps.ts). */
export function decodeJobUpdate(sessionId: string, jobKey: string, raw: string): JobUpdate {
  const out = JSON.parse(raw) as { ok: boolean; reason?: string; record?: Partial<JobRecord>; status?: SessionStatus; statusChanged?: boolean };
  const record = out.record ? decodeJob(sessionId, jobKey, out.record) : undefined;
  if (!out.ok) return { ok: false, reason: out.reason ?? 'unknown', ...(record ? { record } : {}) };
  return { ok: true, record: record ?? decodeJob(sessionId, jobKey, {}), status: out.status as SessionStatus, statusChanged: out.statusChanged === true };
}

/** A session hash as read from Redis (HGETALL) to the session; null when there is none. */
export function decodeSessionHash(id: string, h: Record<string, string>): Session | null {
  if (!h.doc) return null;
  const def = decodeDefinition(h.doc);
  const jobs: JobRecord[] = [];
  const runtime: Record<string, TargetRuntime> = {};
  for (const [field, value] of Object.entries(h)) {
    if (field.startsWith('j:')) jobs.push(decodeJob(id, field.slice(2), value));
    else if (field.startsWith('t:')) runtime[field.slice(2)] = normalizeRuntime(JSON.parse(value) as TargetRuntime);
  }
  // A target's runtime is stored once the platform gave something back; until then it is empty.
  for (const t of def.targets) runtime[targetKey(t.platform, t.accountId)] ??= emptyRuntime();
  jobs.sort(byRunAtThenKey);
  return {
    ...def,
    id,
    version: Number(h.version),
    status: h.status as SessionStatus,
    runtime,
    jobs,
    createdAt: h.createdAt ?? '',
    updatedAt: h.updatedAt ?? '',
  };
}

/**
 * Jobs by `runAt`, then key. `runAt` is always `toISOString()` text (one length, one layout), so
 * comparing its code points orders it as `localeCompare` did, without ICU; ties keep `localeCompare`.
 */
function byRunAtThenKey(a: JobRecord, b: JobRecord): number {
  if (a.runAt !== b.runAt) return a.runAt < b.runAt ? -1 : 1;
  return a.key.localeCompare(b.key);
}

function emptyRuntime(): TargetRuntime {
  return { liveId: null, ingestUrl: null, streamId: null, postIds: [] };
}

function normalizeRuntime(t: TargetRuntime): TargetRuntime {
  return {
    liveId: t.liveId ?? null,
    ingestUrl: t.ingestUrl ?? null,
    streamId: t.streamId ?? null,
    postIds: Array.isArray(t.postIds) ? t.postIds : [],
    ...(t.signal ? { signal: t.signal, signalCheckedAt: t.signalCheckedAt ?? null } : {}),
  };
}
