import type { Deps } from '../../src/deps';
import type { Platform } from '../../src/domain/platform';
import { capabilitiesOf } from '../../src/platforms/capabilities';
import { PlatformError } from '../../src/platforms/platform-error';
import type { PacedOperation, PacingPolicy } from '../../src/platforms/worker-policy';
import { workerPolicyOf } from '../../src/platforms/worker-policies';
import { createRateBuckets } from '../../src/store/rate-buckets';
import type { RateBuckets, UsageReading } from '../../src/store/rate-buckets';
import type { DeferredWrites } from '../context';

export { youtubeQuotaDay } from '../../src/platforms/youtube/worker-policy';

/** What a worker is about to ask a platform, for pacing. */
export interface PacedCall {
  platform: Platform;
  accountId: string;
  operation: PacedOperation;
  /** The account's last usage reading when it is already known (the job's begin step read it). */
  knownUsage?: { accountId: string; reading: UsageReading | null } | null;
  /** The session's live this call is about (daily quotas reserve and release by it). */
  live?: LiveOfCall;
}

/** Which live a call acts on, and when it goes on air and ends (ms). */
export interface LiveOfCall {
  sessionId: string;
  startsAtMs: number;
  endsAtMs: number;
}

/** The name of a live operation's reservation in a quota day. */
export function reservationName(call: { accountId: string; live: LiveOfCall }, operation: 'goLive' | 'endLive'): string {
  return `${call.live.sessionId}|${call.accountId}|${operation}`;
}

type Policy<K extends PacingPolicy['kind']> = Extract<PacingPolicy, { kind: K }>;

const bucketsOf = new WeakMap<Deps, RateBuckets>();

/** The rate buckets of these deps (one set of Lua commands per store connection). */
export function rateBucketsOf(deps: Deps): RateBuckets {
  let buckets = bucketsOf.get(deps);
  if (!buckets) {
    buckets = createRateBuckets(deps.redis, deps.keys);
    bucketsOf.set(deps, buckets);
  }
  return buckets;
}

/**
 * Wait for a token before a platform call, as the platform's pacing policy says: throws a
 * `rate_limited` (or `quota_exhausted`) PlatformError with the wait, which the worker turns into a
 * delay that burns no attempt.
 */
export async function pace(deps: Deps, call: PacedCall): Promise<void> {
  const pacing = workerPolicyOf(call.platform).pacing;
  switch (pacing.kind) {
    case 'per-minute':
      return pacePerMinute(deps, call, pacing);
    case 'usage-headers':
      return paceByUsage(deps, call, pacing);
    case 'daily-quota':
      return paceByQuota(deps, call, pacing);
  }
}

async function pacePerMinute(deps: Deps, call: PacedCall, pacing: Policy<'per-minute'>): Promise<void> {
  const endpoints = pacing.endpointsOf[call.operation] ?? [];
  if (endpoints.length === 0) return;
  const specs = endpoints.map((e) => ({ name: `${call.platform}:${e}:${call.accountId}`, capacity: pacing.limitsPerMinute[e] ?? 1, periodMs: 60_000 }));
  const taken = await rateBucketsOf(deps).take(specs, deps.clock.now());
  if (!taken.ok) {
    throw paced(call.platform, 'rate_limited', taken.waitMs, `LiveCue keeps under ${nameOf(call.platform)}'s per-minute limits for account '${call.accountId}' (${endpoints.join(', ')}): waiting ${Math.ceil(taken.waitMs / 1000)} s`);
  }
}

async function paceByUsage(deps: Deps, call: PacedCall, pacing: Policy<'usage-headers'>): Promise<void> {
  const buckets = rateBucketsOf(deps);
  const nowMs = deps.clock.now();
  const usage = call.knownUsage?.accountId === call.accountId ? call.knownUsage.reading : await buckets.usage(call.accountId);
  if (!usage || usage.percent < pacing.slowPercent) return;
  const name = nameOf(call.platform);
  // The pause runs from the reading, not from each try: a paused page makes no calls, so no
  // newer reading can come, and a pause counted from now would last as long as Redis keeps it.
  const pausedUntilMs = usage.atMs + pacing.stopWaitMs;
  if (usage.percent >= pacing.stopPercent && pausedUntilMs > nowMs) {
    throw paced(call.platform, 'rate_limited', pausedUntilMs - nowMs, `${name} reports ${usage.percent}% of its rate limit used for account '${call.accountId}': LiveCue pauses its calls`);
  }
  // Slowed down, or a pause that is over: a few calls a minute, whose answers bring a fresh reading.
  const taken = await buckets.take([{ name: `${call.platform}:slow:${call.accountId}`, capacity: pacing.slowPerMinute, periodMs: 60_000 }], nowMs);
  if (!taken.ok) throw paced(call.platform, 'rate_limited', taken.waitMs, `${name} reports ${usage.percent}% of its rate limit used for account '${call.accountId}': LiveCue slows down`);
}

/**
 * Spend the call's units of today's quota, by priority: ending a live may use the whole budget,
 * going live uses the units its live's creation reserved, and everything else (creating, updating,
 * deleting, looking up) only what is neither spent nor reserved. Creating a live reserves its
 * go-live and end units on the days they run, with the spend, or waits.
 */
async function paceByQuota(deps: Deps, call: PacedCall, pacing: Policy<'daily-quota'>): Promise<void> {
  const units = pacing.unitsOf[call.operation] ?? 0;
  if (units === 0) return;
  const nowMs = deps.clock.now();
  const budget = pacing.budgetOf(deps.config);
  const live = call.live;
  const reserving = call.operation === 'createLive' && live !== undefined;
  const reserve = reserving
    ? pacing.reservedFor.map((operation) => {
        const atMs = operation === 'goLive' ? live.startsAtMs : live.endsAtMs;
        return { day: pacing.dayOf(atMs), name: reservationName({ accountId: call.accountId, live }, operation), units: pacing.unitsOf[operation] ?? 0, ttlMs: Math.max(0, atMs - nowMs) + 2 * 86_400_000 };
      })
    : [];
  const own = call.operation === 'goLive' || call.operation === 'endLive' ? call.operation : null;
  const reserved = own !== null && pacing.reservedFor.includes(own);
  const spent = await rateBucketsOf(deps).spend({
    scope: call.platform,
    day: pacing.dayOf(nowMs),
    units,
    budget,
    msUntilReset: pacing.msUntilReset(nowMs),
    priority: own === 'endLive' ? 'priority' : own === 'goLive' && reserved ? 'reserved' : 'normal',
    ...(reserved && live ? { release: reservationName({ accountId: call.accountId, live }, own) } : {}),
    reserve,
  });
  if (!spent.ok) {
    const why = reserving ? ', the rest is kept for ending (and starting) the lives that exist' : '';
    throw paced(call.platform, 'quota_exhausted', spent.waitMs, `today's ${nameOf(call.platform)} quota is spent (${spent.spent} of ${budget} units${why}; ${call.operation} needs ${units}): ${pacing.resetNote}`);
  }
}

/** How long one account's create turn is held at most (a crashed worker's turn frees itself). */
const createTurnMs = 30_000;

/**
 * Take the account's create turn on a platform with a daily quota, or throw `rate_limited` (a
 * short wait that burns no attempt) while another worker creates there. Returns the release.
 */
export async function holdCreateTurn(deps: Deps, call: PacedCall): Promise<(() => Promise<void>) | null> {
  if (workerPolicyOf(call.platform).pacing.kind !== 'daily-quota') return null;
  const key = deps.keys.rateBucket(`create-turn:${call.platform}:${call.accountId}`);
  const token = `${deps.clock.now()}:${Math.random().toString(36).slice(2)}`;
  const taken = await deps.redis.set(key, token, 'PX', createTurnMs, 'NX');
  if (taken !== 'OK') {
    throw paced(call.platform, 'rate_limited', 1000, `another live of account '${call.accountId}' is being created on ${nameOf(call.platform)}: LiveCue makes them one at a time (the channel's stream is made once)`);
  }
  return async () => {
    if ((await deps.redis.get(key)) === token) await deps.redis.del(key);
  };
}

/** Bring the quota ledger to what a call really spent (`unitsSpent`), when that differs from its charge. */
export async function settleUnits(deps: Deps, call: PacedCall, unitsSpent: number | undefined): Promise<void> {
  const pacing = workerPolicyOf(call.platform).pacing;
  if (pacing.kind !== 'daily-quota' || unitsSpent === undefined) return;
  const charged = pacing.unitsOf[call.operation] ?? 0;
  const nowMs = deps.clock.now();
  await rateBucketsOf(deps).settle(call.platform, pacing.dayOf(nowMs), unitsSpent - charged, pacing.msUntilReset(nowMs) + 86_400_000);
}

/** A live was deleted (cancel, or moved to be made again): its go-live and end reservations go too. */
export async function unreserveLive(deps: Deps, call: { platform: Platform; accountId: string; live: LiveOfCall }): Promise<void> {
  const pacing = workerPolicyOf(call.platform).pacing;
  if (pacing.kind !== 'daily-quota') return;
  await rateBucketsOf(deps).unreserve(
    call.platform,
    pacing.reservedFor.map((operation) => ({ day: pacing.dayOf(operation === 'goLive' ? call.live.startsAtMs : call.live.endsAtMs), name: reservationName(call, operation) })),
  );
}

/**
 * A go-live that found no video made no transition: give its units back but for the reads, and
 * reserve them again, so each minute of waiting for the encoder costs a few units, not a whole
 * transition, and the next try still goes before creating.
 */
export async function refundGoLive(deps: Deps, call: PacedCall & { live: LiveOfCall }, readUnits: number): Promise<void> {
  const pacing = workerPolicyOf(call.platform).pacing;
  if (pacing.kind !== 'daily-quota' || call.operation !== 'goLive') return;
  const units = pacing.unitsOf.goLive ?? 0;
  if (units <= readUnits) return;
  const nowMs = deps.clock.now();
  await rateBucketsOf(deps).refund(call.platform, pacing.dayOf(nowMs), units - readUnits, { name: reservationName(call, 'goLive'), units, ttlMs: pacing.msUntilReset(nowMs) + 86_400_000 });
}

/**
 * Record the usage a platform answer reported (PostResult.details.usagePercent), when its policy
 * reads usage; with `deferred`, the job's finish step writes it (with the outcome, one round trip).
 */
export async function noteUsage(deps: Deps, platform: Platform, accountId: string, details: Record<string, unknown> | undefined, deferred?: DeferredWrites): Promise<void> {
  if (!workerPolicyOf(platform).notesUsage) return;
  const percent = details?.usagePercent;
  if (typeof percent !== 'number' || !Number.isFinite(percent)) return;
  const reading = { percent, atMs: deps.clock.now() };
  if (deferred) deferred.usage = { accountId, reading };
  else await rateBucketsOf(deps).noteUsage(accountId, reading);
}

function nameOf(platform: Platform): string {
  return capabilitiesOf(platform).displayName;
}

function paced(platform: Platform, kind: 'rate_limited' | 'quota_exhausted', waitMs: number, message: string): PlatformError {
  return new PlatformError({ platform, operation: 'pace', kind, retryAfterMs: Math.max(1, waitMs), message, platformCode: 'livecue_pacing' });
}
