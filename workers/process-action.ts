import { DelayedError, UnrecoverableError } from 'bullmq';
import type { Job } from 'bullmq';
import type { Deps } from '../src/deps';
import type { JobRecord, Session } from '../src/domain/session';
import { parseJobId } from '../src/planning/action-key';
import { isPlatformError } from '../src/platforms/platform-error';
import { actionPayload } from '../src/scheduling/job-catalog';
import { AccountMissingError } from './context';
import type { ActionContext, ActionOutcome } from './context';
import { EffectInFlightError, PastStaleError } from './once';
import { prepareLive, transitionLive } from './processors/platform-live';
import { publishPost } from './processors/post';
import { runGuard } from './processors/guard';
import { emitSessionEvent, sessionLevel } from './processors/session-events';
import { reportJobFailed } from './report-failure';
import { isNoVideo, noVideoRecheckMs } from './processors/no-video-alert';
import { beginAction } from './begin-action';
import type { BeginResult } from '../src/store/job-steps';
import { rateBucketsOf } from './processors/rate-gate';

/**
 * Runs one action job: loads the session as it is now, skips what is stale, cancelled or changed,
 * does the action once, records the outcome on the session in one atomic write, and maps failures
 * to retries (transient), delays (rate limits, not counted) or a final failure (fatal).
 */
export async function processAction(job: Job, deps: Deps, token: string | undefined): Promise<Record<string, unknown>> {
  const { s: sessionId } = actionPayload.parse(job.data);
  const parsed = parseJobId(job.id ?? '');
  if (!parsed) throw new UnrecoverableError(`job id ${job.id ?? '?'} is not <session>__<action>`);
  // Round trip 1: session, record, checks, start, lateness sample, ledger, account, usage.
  const { begun, prefetched } = await beginAction(job, deps, sessionId, parsed.key);
  if (begun.outcome !== 'started') return handleNotStarted(begun, job, token, deps, sessionId);
  const now = (): string => deps.clock.nowIso();
  const { session, record } = begun;
  const log = logFor(deps, sessionId, record);
  const ctx: ActionContext = { deps, session, record, jobId: record.id, owner: `${record.id}#${job.attemptsStarted}`, deferred: {}, ...(prefetched ? { prefetched } : {}), ...(begun.pastStale ? { pastStale: true } : {}) };

  try {
    const outcome = await runAction(ctx);
    await releaseUnusedClaim(ctx);
    // Round trip 2: the effect's record, the usage reading and the outcome, together.
    const { effect, usage } = ctx.deferred ?? {};
    const finished = await deps.jobSteps.finish({
      sessionId,
      jobKey: record.key,
      nowIso: now(),
      patch: {
        op: 'finish',
        now: now(),
        state: outcome.state,
        result: outcome.result,
        lastError: null,
        ...(outcome.reason ? { reason: outcome.reason } : {}),
        ...(outcome.runtime ? { runtime: outcome.runtime } : {}),
        ...(outcome.signals && outcome.signals.length > 0 ? { signals: outcome.signals } : {}),
      },
      ...(effect ? { effect: { effectKey: record.id, result: effect } } : {}),
      ...(usage ? { usage } : {}),
    });
    await leaveIndex(deps, session, record);
    if (finished.ok && finished.statusChanged) await announceStatus(deps, session, finished.status);
    if (finished.ok && outcome.afterFinish) {
      await outcome.afterFinish().catch((err: unknown) => log.warn('after-finish work failed', { kind: record.kind, error: err instanceof Error ? err.message : String(err) }));
    }
    log.info('job done', { kind: record.kind, state: outcome.state });
    return outcome.result;
  } catch (err) {
    await flushDeferred(ctx);
    if (err instanceof PastStaleError) return skipPastStale(deps, sessionId, record, err.message, now());
    return handleFailure(err, { job, token, deps, session, record, log, now });
  }
}

/** A job the begin step did not start: skip it (finishing a stale or cancelled record), or re-delay it. */
async function handleNotStarted(begun: Exclude<BeginResult, { outcome: 'started' }>, job: Job, token: string | undefined, deps: Deps, sessionId: string): Promise<Record<string, unknown>> {
  const now = deps.clock.nowIso();
  switch (begun.outcome) {
    case 'missing':
      return { skipped: 'the session or this action no longer exists' };
    case 'inactive':
      return { skipped: `the action is ${begun.state}` };
    case 'early':
      // The plan moved later after this job was queued: wait for the new time.
      await job.moveToDelayed(begun.dueMs, token);
      throw new DelayedError();
    case 'stale':
      return skipPastStale(deps, sessionId, begun.record, `stale: due ${begun.record.runAt}, picked up ${now} (past ${begun.record.staleAt})`, now);
    case 'cancelled':
      await deps.sessions.updateJob(sessionId, begun.record.key, { op: 'finish', now, state: 'cancelled', reason: 'session cancelled' });
      return { skipped: 'session cancelled' };
  }
}

/**
 * A finished call leaves the plan-call index of rate foresight (the quota ledger counts what it
 * spent). Best effort: a call left behind is pruned an hour after its time.
 */
async function leaveIndex(deps: Deps, session: Pick<Session, 'id' | 'targets'>, record: JobRecord): Promise<void> {
  try {
    await deps.planCalls.sync([{ records: [{ ...record, state: 'completed' }], targets: session.targets }]);
  } catch (err) {
    logFor(deps, session.id, record).debug('plan-call index not updated', { error: err instanceof Error ? err.message : String(err) });
  }
}

/** Finishes a record past its stale window as skipped (invariant 4). */
async function skipPastStale(deps: Deps, sessionId: string, record: JobRecord, reason: string, now: string): Promise<Record<string, unknown>> {
  await deps.sessions.updateJob(sessionId, record.key, { op: 'finish', now, state: 'skipped', reason });
  await leaveIndex(deps, { id: sessionId, targets: [] }, record);
  logFor(deps, sessionId, record).warn('job skipped as stale', { reason });
  return { skipped: reason };
}

function logFor(deps: Deps, sessionId: string, record: JobRecord): Deps['logger'] {
  return deps.logger.child({ component: 'worker', sessionId, jobId: record.id, platform: record.platform, accountId: record.accountId });
}

/** The begin step claimed the effect but the action never came to it: nothing was called, free it. */
async function releaseUnusedClaim(ctx: ActionContext): Promise<void> {
  const pre = ctx.prefetched;
  if (pre?.claimedFor && !pre.claimTaken && pre.ledger?.state === 'claimed') await ctx.deps.ledger.release(ctx.jobId);
}

/** A failure after the effect: its record (and the usage reading) must not wait for an outcome that will not come. */
async function flushDeferred(ctx: ActionContext): Promise<void> {
  await releaseUnusedClaim(ctx);
  const { effect, usage } = ctx.deferred ?? {};
  if (effect) await ctx.deps.ledger.record(ctx.jobId, effect, ctx.deps.clock.nowIso());
  if (usage) await rateBucketsOf(ctx.deps).noteUsage(usage.accountId, usage.reading);
}

function runAction(ctx: ActionContext): Promise<ActionOutcome> {
  const { kind, platform } = ctx.record;
  if (kind === 'guard') return runGuard(ctx);
  if (platform === null) return sessionLevel(ctx);
  switch (kind) {
    case 'prepare-live':
      return prepareLive(ctx);
    case 'announce':
    case 'cancel-notice':
      return publishPost(ctx);
    case 'go-live':
    case 'end-live':
    case 'update-live':
    case 'delete-live':
      return transitionLive(ctx);
    case 'reminder':
      return sessionLevel(ctx);
  }
}

async function announceStatus(deps: Deps, session: Session, status: string): Promise<void> {
  const type = status === 'live' ? 'session.live' : status === 'ended' ? 'session.ended' : null;
  if (!type) return;
  await emitSessionEvent(deps, session, type, `${session.id}__${type}`, { title: session.title, startsAt: session.startsAt, endsAt: session.endsAt, runtime: publicRuntime(session) });
}

function publicRuntime(session: Session): Record<string, { liveId: string | null; postIds: string[] }> {
  return Object.fromEntries(Object.entries(session.runtime).map(([k, r]) => [k, { liveId: r.liveId, postIds: r.postIds }]));
}

interface FailureContext {
  job: Job;
  token: string | undefined;
  deps: Deps;
  session: Session;
  record: JobRecord;
  log: Deps['logger'];
  now: () => string;
}

/**
 * Go-live found no video (YouTube errorStreamInactive, Facebook noVideo): checked again every
 * `noVideoRecheckMs` without burning an attempt, until go-live's stale window ends; then the job
 * fails with `job.failed` reason `no_video` (api.md "On-air guard").
 */
async function noVideoAgain(err: unknown, f: FailureContext, message: string): Promise<never> {
  const { job, deps, record } = f;
  const againAtMs = deps.clock.now() + noVideoRecheckMs(f.session);
  if (againAtMs < Date.parse(record.staleAt)) {
    await deps.sessions.updateJob(f.session.id, record.key, { op: 'delay', now: f.now(), lastError: message, attemptsDelta: -1 });
    f.log.warn('no video yet: go-live checks again', { kind: record.kind, againAt: new Date(againAtMs).toISOString() });
    await job.moveToDelayed(againAtMs, f.token);
    throw new DelayedError();
  }
  const facts = { errorKind: isPlatformError(err) ? err.kind : 'unavailable', reason: 'no_video', ...(isPlatformError(err) && err.platformCode ? { platformCode: err.platformCode } : {}) };
  const lastError = `${message} (no video until the end of the go-live window, ${record.staleAt})`;
  await deps.sessions.updateJob(f.session.id, record.key, { op: 'finish', now: f.now(), state: 'failed', lastError, result: facts });
  await leaveIndex(deps, f.session, record);
  await reportJobFailed(deps, f.session, { ...record, state: 'failed', lastError }, 'no_video');
  f.log.error('job failed', { kind: record.kind, error: lastError, fatal: true });
  throw new UnrecoverableError(lastError);
}

async function handleFailure(err: unknown, f: FailureContext): Promise<never> {
  const { job, deps, record } = f;
  const message = err instanceof Error ? err.message : String(err);
  const delayMs = isPlatformError(err) && (err.kind === 'rate_limited' || err.kind === 'quota_exhausted') ? err.retryAfterMs ?? 60_000 : err instanceof EffectInFlightError ? err.retryAfterMs : null;
  if (delayMs !== null) {
    // A rate limit or an attempt still in flight: wait without burning an attempt.
    // attemptsDelta -1: the start of this run counted an attempt; a delay is not one.
    await deps.sessions.updateJob(f.session.id, record.key, { op: 'delay', now: f.now(), lastError: message, attemptsDelta: -1 });
    f.log.warn('job delayed', { kind: record.kind, delayMs, error: message });
    await job.moveToDelayed(deps.clock.now() + delayMs, f.token);
    throw new DelayedError();
  }
  if (record.kind === 'go-live' && isNoVideo(err)) return noVideoAgain(err, f, message);
  const fatal = (isPlatformError(err) && !err.retryable) || err instanceof AccountMissingError;
  const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
  if (fatal || lastAttempt) {
    const errorFacts = isPlatformError(err) ? { errorKind: err.kind, ...(err.platformCode ? { platformCode: err.platformCode } : {}) } : { errorKind: err instanceof AccountMissingError ? 'account_missing' : 'internal' };
    await deps.sessions.updateJob(f.session.id, record.key, { op: 'finish', now: f.now(), state: 'failed', lastError: message, result: errorFacts });
    await leaveIndex(deps, f.session, record);
    if (isPlatformError(err) && err.flagsAccount && record.accountId) {
      // 'invalid' for a lost permission too: 'unknown' would clear the flag and show the account healthy.
      await deps.accounts.setTokenStatus(record.accountId, 'invalid', message);
    }
    await reportJobFailed(deps, f.session, { ...record, state: 'failed', lastError: message });
    f.log.error('job failed', { kind: record.kind, error: message, fatal });
    throw fatal ? new UnrecoverableError(message) : err instanceof Error ? err : new Error(message);
  }
  await deps.sessions.updateJob(f.session.id, record.key, { op: 'delay', now: f.now(), lastError: message });
  f.log.warn('job will be retried', { kind: record.kind, attempt: job.attemptsMade + 1, error: message });
  throw err instanceof Error ? err : new Error(message);
}
