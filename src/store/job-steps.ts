import type { JobRecord, Session } from '../domain/session';
import type { AccountWithCredentials } from './account-store';
import type { Keys } from './keys';
import type { ClaimResult } from './ledger';
import type { UsageReading } from './rate-buckets';
import { usageTtlMs } from './rate-buckets';
import type { RedisClient } from './redis';
import type { JobPatch, JobUpdate } from './session-store';
import { decodeJobUpdate } from './session-store';
import { decodeJob } from './session-codec';
import { beginJobLua } from './lua/begin-job';
import { finishJobLua } from './lua/finish-job';

/** What the begin step needs to know about one job run. */
export interface BeginInput {
  sessionId: string;
  jobKey: string;
  nowMs: number;
  nowIso: string;
  /** A job may fire this much before its runAt (the Redis tick) without being re-delayed. */
  earlyToleranceMs: number;
  /** The ends of the lateness sample's member (OpsStore.latenessSample). */
  latenessSample: { head: string; tail: string };
  /** The job's ledger entry (its effect key: the job id), read always and claimed when `claimFor` is set. */
  effectKey: string;
  /** Claim the effect for this owner when nobody has (actions whose effect goes through once()). */
  claimFor?: string;
  /** Read this account (with its credentials) for the action. */
  accountId?: string;
  /** Read the platform's last usage reading of this account (pacing by usage headers). */
  usageOf?: string;
}

/** Why a job does not run, or the job started with everything its action reads. */
export type BeginResult =
  | { outcome: 'missing' }
  | { outcome: 'inactive'; state: string }
  | { outcome: 'early'; dueMs: number }
  | { outcome: 'stale' | 'cancelled'; record: JobRecord }
  | {
      outcome: 'started';
      /** The session as read, before the start. */
      session: Session;
      /** The job record after the start (running, attempts + 1, firedAt). */
      record: JobRecord;
      /** The ledger entry: null when there is none, `claimed` when this call claimed it. */
      claim: ClaimResult | null;
      account: AccountWithCredentials | null;
      usage: UsageReading | null;
      /** Past the record's staleAt, started only because the ledger holds its effect (recorded or in doubt). */
      pastStale: boolean;
    };

/** The end of a job run: its outcome, and the effect and usage reading that go with it. */
export interface FinishInput {
  sessionId: string;
  jobKey: string;
  patch: JobPatch;
  nowIso: string;
  /** Record this effect as done (the ledger entry's result). */
  effect?: { effectKey: string; result: Record<string, unknown> };
  /** The platform's usage reading of an account (kept as RateBuckets.noteUsage keeps it). */
  usage?: { accountId: string; reading: UsageReading };
}

/**
 * A worker job's store work in two round trips (issue #17): `begin` reads, checks, starts and
 * claims; `finish` records the effect, the usage reading and the outcome together.
 */
export interface JobSteps {
  begin(input: BeginInput): Promise<BeginResult>;
  finish(input: FinishInput): Promise<JobUpdate>;
}

/** Decoders the stores own, so a script's raw hashes read as the stores' objects. */
export interface JobStepDecoders {
  session(id: string, hash: Record<string, string>): Session | null;
  account(id: string, hash: Record<string, string>): Promise<AccountWithCredentials | null>;
}

interface Scripts {
  livecueBeginJob(...args: string[]): Promise<string>;
  livecueFinishJob(...args: string[]): Promise<string>;
}

type RawBegin =
  | { outcome: 'missing' }
  | { outcome: 'stale'; record: Partial<JobRecord> }
  | { outcome: 'cancelled'; record: Partial<JobRecord> }
  | { outcome: 'inactive'; state: string }
  | { outcome: 'early'; dueMs: number }
  | { outcome: 'started'; session: string[]; record: Partial<JobRecord>; ledger: { state: ClaimResult['state']; result?: string; claimedAt?: string; owner?: string } | null; account: Record<string, string> | null; usage: string | null; pastStale?: boolean };

function toClaim(raw: NonNullable<Extract<RawBegin, { outcome: 'started' }>['ledger']>): ClaimResult {
  if (raw.state === 'done') return { state: 'done', result: JSON.parse(raw.result ?? '{}') as Record<string, unknown> };
  if (raw.state === 'in-doubt') return { state: 'in-doubt', claimedAt: raw.claimedAt ?? '', owner: raw.owner ?? '' };
  return { state: 'claimed' };
}

function toHash(flat: string[]): Record<string, string> {
  const hash: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) hash[flat[i] ?? ''] = flat[i + 1] ?? '';
  return hash;
}

export function createJobSteps(redis: RedisClient, keys: Keys, decode: JobStepDecoders): JobSteps {
  redis.defineCommand('livecueBeginJob', { numberOfKeys: 5, lua: beginJobLua });
  redis.defineCommand('livecueFinishJob', { numberOfKeys: 3, lua: finishJobLua });
  const scripts = redis as unknown as Scripts;
  return {
    async begin(input) {
      const sessionKey = keys.session(input.sessionId);
      const raw = JSON.parse(
        await scripts.livecueBeginJob(
          sessionKey,
          keys.lateness,
          keys.ledger(input.effectKey),
          input.accountId ? keys.account(input.accountId) : sessionKey,
          input.usageOf ? keys.platformUsage(input.usageOf) : sessionKey,
          input.jobKey,
          input.nowIso,
          String(input.nowMs),
          String(input.earlyToleranceMs),
          input.latenessSample.head,
          input.claimFor ? '1' : '0',
          input.claimFor ?? '',
          input.accountId ? '1' : '0',
          input.usageOf ? '1' : '0',
          input.latenessSample.tail,
        ),
      ) as RawBegin;
      if (raw.outcome === 'stale' || raw.outcome === 'cancelled') return { outcome: raw.outcome, record: decodeJob(input.sessionId, input.jobKey, raw.record) };
      if (raw.outcome !== 'started') return raw;
      const session = decode.session(input.sessionId, toHash(raw.session));
      if (!session) return { outcome: 'missing' };
      return {
        outcome: 'started',
        session,
        record: decodeJob(input.sessionId, input.jobKey, raw.record),
        claim: raw.ledger ? toClaim(raw.ledger) : null,
        account: raw.account && input.accountId ? await decode.account(input.accountId, raw.account) : null,
        usage: raw.usage ? (JSON.parse(raw.usage) as UsageReading) : null,
        pastStale: raw.pastStale === true,
      };
    },
    async finish(input) {
      const sessionKey = keys.session(input.sessionId);
      return decodeJobUpdate(
        input.sessionId,
        input.jobKey,
        await scripts.livecueFinishJob(
          sessionKey,
          input.effect ? keys.ledger(input.effect.effectKey) : sessionKey,
          input.usage ? keys.platformUsage(input.usage.accountId) : sessionKey,
          input.jobKey,
          JSON.stringify(input.patch),
          input.effect ? JSON.stringify(input.effect.result) : '',
          input.nowIso,
          input.usage ? JSON.stringify(input.usage.reading) : '',
          String(usageTtlMs),
        ),
      );
    },
  };
}
