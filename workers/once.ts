import { isPlatformError } from '../src/platforms/platform-error';
import type { InDoubtPolicy } from '../src/platforms/worker-policy';
import type { ClaimResult } from '../src/store/ledger';
import type { ActionContext } from './context';

/** Raised when another attempt of the same effect may still be in flight: try again shortly. */
export class EffectInFlightError extends Error {
  constructor(readonly retryAfterMs: number) {
    super('an earlier attempt of this effect may still be talking to the platform');
    this.name = 'EffectInFlightError';
  }
}

/**
 * Raised instead of calling when the job runs past its stale window only to settle an effect in
 * doubt (ActionContext.pastStale) and the platform has no trace of it: the action is skipped as
 * stale, as it would have been without the earlier attempt (invariant 4).
 */
export class PastStaleError extends Error {
  constructor(readonly staleAt: string) {
    super(`stale: past ${staleAt}, and the platform has no trace of an earlier attempt`);
    this.name = 'PastStaleError';
  }
}

/** The call was refused outright (4xx that is not a timeout/outage): nothing happened on the platform. */
function hadNoEffect(err: unknown): boolean {
  if (!isPlatformError(err)) return false;
  if (err.noEffect) return true;
  if (err.kind === 'timeout' || err.kind === 'unavailable' || err.kind === 'unknown') return false;
  return true;
}

export type { InDoubtPolicy };

/**
 * What a follow-up of a recorded effect found (a publish the platform finishes later):
 * `settled` adds `extra` to the answer; `failed` releases the claim (nothing was published, a
 * retry may call again) and throws `error`; `pending` records the updated `result` and throws
 * `error` (an EffectInFlightError: the job comes back later).
 */
export type SettleOutcome<T> = { state: 'settled'; extra: Record<string, unknown> } | { state: 'failed'; error: Error } | { state: 'pending'; result: T; error: Error };

/**
 * Does a platform effect at most once (invariant 2). A recorded effect is returned without a call;
 * an in-doubt one (a claim without a record: an attempt died between the call and the record) is
 * looked up on the platform first (`find`), and only called again when the platform has no trace.
 * `settle` follows a recorded effect up (see SettleOutcome). The only code that writes the ledger.
 */
export async function once<T extends Record<string, unknown>>(
  ctx: ActionContext,
  find: () => Promise<T | null>,
  call: () => Promise<T>,
  inDoubt?: InDoubtPolicy,
  settle?: (result: T) => Promise<SettleOutcome<T>>,
): Promise<{ result: T; reused: boolean; extra: Record<string, unknown> }> {
  // Without a follow-up, the effect's record goes out with the job's outcome (the finish step);
  // a follow-up may release or rewrite it, so it is written at once.
  const done = await doOnce(ctx, find, call, inDoubt, !settle && ctx.deferred !== undefined);
  if (!settle) return { ...done, extra: {} };
  const outcome = await settle(done.result);
  switch (outcome.state) {
    case 'settled':
      return { ...done, extra: outcome.extra };
    case 'failed':
      await ctx.deps.ledger.release(ctx.jobId);
      throw outcome.error;
    case 'pending':
      await ctx.deps.ledger.record(ctx.jobId, outcome.result, ctx.deps.clock.nowIso());
      throw outcome.error;
  }
}

async function doOnce<T extends Record<string, unknown>>(
  ctx: ActionContext,
  find: () => Promise<T | null>,
  call: () => Promise<T>,
  inDoubt: InDoubtPolicy | undefined,
  deferRecord: boolean,
): Promise<{ result: T; reused: boolean }> {
  const { ledger, clock, config } = ctx.deps;
  const nowIso = (): string => clock.nowIso();
  const claim = takePrefetchedClaim(ctx) ?? (await ledger.claim(ctx.jobId, ctx.owner, nowIso()));
  if (claim.state === 'done') return { result: claim.result as T, reused: true };
  if (claim.state === 'in-doubt') {
    const ageMs = clock.now() - Date.parse(claim.claimedAt);
    const inFlightMs = config.platformTimeoutMs + 2000;
    if (claim.owner !== ctx.owner && ageMs < inFlightMs) throw new EffectInFlightError(inFlightMs - ageMs);
    const found = await find();
    if (found) {
      await ledger.record(ctx.jobId, found, nowIso());
      return { result: found, reused: true };
    }
    if (inDoubt) {
      if (ageMs < inDoubt.graceMs) throw new EffectInFlightError(Math.min(inDoubt.recheckMs, inDoubt.graceMs - ageMs));
      throw inDoubt.onUnverified();
    }
    if (!(await ledger.takeOver(ctx.jobId, ctx.owner, nowIso()))) {
      const again = await ledger.get(ctx.jobId);
      if (again?.state === 'done') return { result: again.result as T, reused: true };
    }
  }
  if (ctx.pastStale) {
    // Only here to settle a doubt, and there is nothing to settle: too late to do it now.
    await ledger.release(ctx.jobId);
    throw new PastStaleError(ctx.record.staleAt);
  }
  let result: T;
  try {
    result = await call();
  } catch (err) {
    if (hadNoEffect(err)) await ledger.release(ctx.jobId);
    throw err;
  }
  if (deferRecord && ctx.deferred) ctx.deferred.effect = result;
  else await ledger.record(ctx.jobId, result, nowIso());
  return { result, reused: false };
}

/** The claim the job's begin step made for this attempt, taken once (later calls claim for themselves). */
function takePrefetchedClaim(ctx: ActionContext): ClaimResult | null {
  const pre = ctx.prefetched;
  if (!pre || pre.claimTaken || pre.claimedFor !== ctx.owner || !pre.ledger) return null;
  pre.claimTaken = true;
  return pre.ledger;
}
