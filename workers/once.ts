import { isPlatformError } from '../src/platforms/platform-error';
import type { ActionContext } from './context';

/** Raised when another attempt of the same effect may still be in flight: try again shortly. */
export class EffectInFlightError extends Error {
  constructor(readonly retryAfterMs: number) {
    super('an earlier attempt of this effect may still be talking to the platform');
    this.name = 'EffectInFlightError';
  }
}

/** The call was refused outright (4xx that is not a timeout/outage): nothing happened on the platform. */
function hadNoEffect(err: unknown): boolean {
  if (!isPlatformError(err)) return false;
  if (err.noEffect) return true;
  if (err.kind === 'timeout' || err.kind === 'unavailable' || err.kind === 'unknown') return false;
  return true;
}

/**
 * How to treat an in-doubt effect the platform shows no trace of. Without it, the call is made
 * again at once (Facebook: a post is visible as soon as it is made). TikTok's `findPost` only sees
 * posts once published and public, so an earlier init may still be processing: the claim is kept
 * for `graceMs` (re-checked every `recheckMs`), and after that `onUnverified()` is thrown instead
 * of posting again, since a private (SELF_ONLY) post is never visible to `findPost`.
 */
export interface InDoubtPolicy {
  graceMs: number;
  recheckMs: number;
  onUnverified: () => Error;
}

/**
 * Does a platform effect at most once (invariant 2). A recorded effect is returned without a call;
 * an in-doubt one (a claim without a record: an attempt died between the call and the record) is
 * looked up on the platform first (`find`), and only called again when the platform has no trace.
 */
export async function once<T extends Record<string, unknown>>(
  ctx: ActionContext,
  find: () => Promise<T | null>,
  call: () => Promise<T>,
  inDoubt?: InDoubtPolicy,
): Promise<{ result: T; reused: boolean }> {
  const { ledger, clock, config } = ctx.deps;
  const nowIso = (): string => new Date(clock.now()).toISOString();
  const claim = await ledger.claim(ctx.jobId, ctx.owner, nowIso());
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
  let result: T;
  try {
    result = await call();
  } catch (err) {
    if (hadNoEffect(err)) await ledger.release(ctx.jobId);
    throw err;
  }
  await ledger.record(ctx.jobId, result, nowIso());
  return { result, reused: false };
}
