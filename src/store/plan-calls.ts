import type { Redis, Cluster } from 'ioredis';
import type { Platform } from '../domain/platform';
import type { JobRecord, SessionTarget } from '../domain/session';
import { parseJobId } from '../planning/action-key';
import { countsForRates, plannedCallsOf } from '../planning/platform-rates';
import type { PlannedCall } from '../planning/platform-rates';
import type { Clock } from '../shared/clock';
import type { Keys } from './keys';

/** One session's records as a commit wrote them, with the targets its guard jobs read. */
export interface PlanCallsEntry {
  records: readonly JobRecord[];
  targets: readonly Pick<SessionTarget, 'platform' | 'accountId' | 'live'>[];
}

/** A stored plan's call, with the session it belongs to. */
export type IndexedCall = PlannedCall & { sessionId: string };

/**
 * The platform calls every stored plan still makes, one sorted set per account scored by when:
 * what rate foresight (bursts on one account, the YouTube quota day) reads, instead of decoding
 * every session of the days around a new one — that made each create cost O(sessions nearby).
 *
 * Kept with the queue write of each commit (create, bulk/import, update, cancel, retry, a guard's
 * re-armed live) and by reconcile's repair of a session (the to-sync set, the daily sweep), so a
 * failed write is repaired as the queue is; a worker takes a call out when its job is finished
 * (from then on the quota ledger counts what it spent). A call still there an hour after its time
 * (its worker died before saying so) is pruned. It only feeds warnings and planning-time
 * refusals: the worker's buckets and quota ledger are the rule at run time.
 */
export interface PlanCalls {
  sync(entries: readonly PlanCallsEntry[]): Promise<void>;
  /**
   * The calls on `platform` due from fromMs to toMs (overdue ones still pending included) on
   * `accounts` (all the platform's accounts without it: a quota shared by the project), without
   * those of the `exclude` sessions.
   */
  range(platform: Platform, fromMs: number, toMs: number, options?: { accounts?: readonly string[]; exclude?: ReadonlySet<string> }): Promise<IndexedCall[]>;
  /**
   * Around each of `instants` on one account: how many calls are due strictly within `windowMs`
   * either side, their first and last instant, and the calls themselves when there are at most
   * `readAtMost` (else `calls` is null: counted, not read). One round trip whatever the count.
   */
  around(platform: Platform, accountId: string, instants: readonly number[], windowMs: number, readAtMost: number, exclude?: ReadonlySet<string>): Promise<AroundInstant[]>;
}

/** What `around` found near one instant. */
export interface AroundInstant {
  atMs: number;
  count: number;
  fromMs: number;
  toMs: number;
  calls: IndexedCall[] | null;
}

/** How long a passed call stays before it is pruned. */
const KEEP_PASSED_MS = 3_600_000;
/** Commands per pipeline of a big batch (a 10,000-row import syncs ~60,000 calls). */
const PIPELINE_CHUNK = 2000;

type Member = [jobId: string, kind: PlannedCall['kind']];
type Op = [op: 'zadd' | 'zrem' | 'prune' | 'account', key: string, score: number, member: string];

export function createPlanCalls(redis: Redis | Cluster, keys: Keys, clock: Clock): PlanCalls {
  return {
    async sync(entries) {
      const ops: Op[] = [];
      const touched = new Map<string, [Platform, string]>();
      for (const { records, targets } of entries) {
        for (const record of records) {
          const live = record.state === 'pending' || record.state === 'running';
          // The record's calls as the planner counts them (a guard reads every live target).
          for (const call of plannedCallsOf([{ ...record, state: 'pending' }], targets)) {
            // Only what rate foresight counts (a burst limit's kinds, a quota's priced calls).
            if (!countsForRates(call)) continue;
            const key = keys.planCalls(call.platform, call.accountId);
            touched.set(key, [call.platform, call.accountId]);
            const member = JSON.stringify([record.id, call.kind] satisfies Member);
            ops.push(live ? ['zadd', key, call.atMs, member] : ['zrem', key, 0, member]);
          }
        }
      }
      const pruneBefore = clock.now() - KEEP_PASSED_MS;
      for (const [key, [platform, accountId]] of touched) {
        ops.push(['prune', key, pruneBefore, '']);
        ops.push(['account', keys.planCallAccounts(platform), 0, accountId]);
      }
      for (let i = 0; i < ops.length; i += PIPELINE_CHUNK) {
        const pipeline = redis.pipeline();
        for (const [op, key, score, member] of ops.slice(i, i + PIPELINE_CHUNK)) {
          if (op === 'zadd') pipeline.zadd(key, score, member);
          else if (op === 'zrem') pipeline.zrem(key, member);
          else if (op === 'account') pipeline.sadd(key, member);
          else pipeline.zremrangebyscore(key, '-inf', `(${score}`);
        }
        const results = (await pipeline.exec()) ?? [];
        const failed = results.find(([err]) => err);
        if (failed?.[0]) throw failed[0];
      }
    },
    async range(platform, fromMs, toMs, options = {}) {
      const accounts = options.accounts ?? (await redis.smembers(keys.planCallAccounts(platform)));
      const exclude = options.exclude ?? new Set<string>();
      const pipeline = redis.pipeline();
      for (const accountId of accounts) pipeline.zrangebyscore(keys.planCalls(platform, accountId), fromMs, toMs, 'WITHSCORES');
      const results = (await pipeline.exec()) ?? [];
      const out: IndexedCall[] = [];
      for (const [n, [err, value]] of results.entries()) {
        if (err) throw err;
        out.push(...decode(platform, accounts[n] ?? '', value as string[], exclude));
      }
      return out;
    },
    async around(platform, accountId, instants, windowMs, readAtMost, exclude = new Set()) {
      const key = keys.planCalls(platform, accountId);
      const pipeline = redis.pipeline();
      for (const atMs of instants) {
        const from = `(${atMs - windowMs}`;
        const to = `(${atMs + windowMs}`;
        pipeline.zcount(key, from, to);
        pipeline.zrangebyscore(key, from, to, 'WITHSCORES', 'LIMIT', 0, readAtMost + 1);
        pipeline.zrevrangebyscore(key, to, from, 'WITHSCORES', 'LIMIT', 0, 1);
      }
      const results = (await pipeline.exec()) ?? [];
      const failed = results.find(([err]) => err);
      if (failed?.[0]) throw failed[0];
      return instants.map((atMs, n) => {
        const count = Number(results[3 * n]?.[1] ?? 0);
        const first = results[3 * n + 1]?.[1] as string[];
        const last = results[3 * n + 2]?.[1] as string[];
        const complete = count <= readAtMost;
        return {
          atMs,
          count,
          fromMs: first.length > 0 ? Number(first[1]) : atMs,
          toMs: last.length > 0 ? Number(last[1]) : atMs,
          calls: complete ? decode(platform, accountId, first, exclude) : null,
        };
      });
    },
  };
}

/** `ZRANGEBYSCORE … WITHSCORES` members of one account, less the `exclude` sessions' calls. */
function decode(platform: Platform, accountId: string, raw: readonly string[], exclude: ReadonlySet<string>): IndexedCall[] {
  const out: IndexedCall[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    const [jobId, kind] = JSON.parse(raw[i] ?? '[]') as Member;
    const sessionId = parseJobId(jobId)?.sessionId ?? jobId;
    if (exclude.has(sessionId)) continue;
    out.push({ sessionId, platform, accountId, kind, atMs: Number(raw[i + 1]) });
  }
  return out;
}
