import type { Session, TargetSignal } from '../../src/domain/session';
import { targetKey } from '../../src/domain/session';
import { sendOpsAlert } from '../../src/ops/send-ops-alert';
import { actionKey } from '../../src/planning/action-key';
import { hasPlatformLive } from '../../src/planning/plan-session';
import { offsetMs } from '../../src/planning/time';
import type { IngestReading } from '../../src/platforms/adapter';
import { isPlatformError } from '../../src/platforms/platform-error';
import { queuesAndIndex, scheduleAfterCommit } from '../../src/sessions/commit';
import type { SignalPatch } from '../../src/store/session-store';
import type { GuardLine } from '../../src/text';
import { loadAccount } from '../context';
import type { ActionContext, ActionOutcome } from '../context';
import { notifyPeople } from '../notify-people';
import { pace } from './rate-gate';
import { emitSessionEvent } from './session-events';

/** What one guard found for one live target; `outcome` labels `livecue_guard_checks_total`. */
interface TargetCheck {
  target: string;
  platform: Session['targets'][number]['platform'];
  accountId: string;
  signal: TargetSignal | null;
  outcome: 'ok' | 'none' | 'bad' | 'gone' | 'no_live' | 'error';
  detail: string;
}

/** Is `offset` the guard closest to the start (the last one to run)? */
export function isFinalGuard(session: Pick<Session, 'guardOffsets'>, offset: string | null): boolean {
  if (offset === null || session.guardOffsets.length === 0) return false;
  return offsetMs(offset) <= Math.min(...session.guardOffsets.map(offsetMs));
}

/** The session's live targets with the guard's last reading (for the host's message). */
export function guardLinesOf(session: Session): GuardLine[] {
  return session.targets.filter(hasPlatformLive).flatMap((t) => {
    const signal = session.runtime[targetKey(t.platform, t.accountId)]?.signal;
    return signal ? [{ target: targetKey(t.platform, t.accountId), signal }] : [];
  });
}

/**
 * The on-air guard (api.md "On-air guard"): reads each live target's ingest state through its
 * adapter (paced and counted like every platform call: YouTube 2 quota units, Facebook one Graph
 * read under the page's usage), records `signal`/`signalCheckedAt` on the targets, warns the host
 * (`session.guard` to the hooks and the host's channels) when a live gets no signal, alerts ops
 * (`no_signal`) at the last guard, and re-arms `prepare-live` for a live deleted or expired on the
 * platform (its completion sends the host the new ingest URL: `liveRecreatedCue`).
 */
export async function runGuard(ctx: ActionContext): Promise<ActionOutcome> {
  const { deps, session, record } = ctx;
  const final = isFinalGuard(session, record.offset);
  const checks: TargetCheck[] = [];
  for (const target of session.targets.filter(hasPlatformLive)) checks.push(await checkTarget(ctx, target));
  const nowIso = deps.clock.nowIso();
  for (const c of checks) deps.metrics.guardChecks.inc({ platform: c.platform, outcome: c.outcome });

  const recreated: string[] = [];
  for (const c of checks.filter((x) => x.outcome === 'gone')) {
    if (await rearmPrepareLive(ctx, c)) recreated.push(c.target);
  }
  const signal: Record<string, TargetSignal> = Object.fromEntries(checks.flatMap((c) => (c.signal ? [[c.target, c.signal]] : [])));
  const missing = Object.values(signal).some((s) => s !== 'ok');
  const signals: SignalPatch[] = checks.flatMap((c) => (c.signal ? [{ target: c.target, signal: c.signal, at: nowIso }] : []));

  let eventId: string | null = null;
  if (missing) {
    eventId = await emitSessionEvent(deps, session, 'session.guard', ctx.jobId, {
      title: session.title,
      startsAt: session.startsAt,
      offset: record.offset,
      signal,
      final,
      details: Object.fromEntries(checks.map((c) => [c.target, c.detail])),
    });
    if (final) {
      await sendOpsAlert(deps, {
        alert: 'no_signal',
        subject: session.id,
        sessionId: session.id,
        message: `No signal from the encoder ${record.offset ?? ''} before "${session.title}" starts (${Object.entries(signal).filter(([, s]) => s !== 'ok').map(([t, s]) => `${t}: ${s}`).join(', ')}): call the host`,
        data: { signal, startsAt: session.startsAt, title: session.title },
      });
    }
  }
  const result = { signal, final, recreated, ...(eventId ? { eventId } : {}), checks: checks.map((c) => ({ target: c.target, outcome: c.outcome, detail: c.detail })) };
  return {
    state: 'completed',
    result,
    signals,
    // The host's messages are rendered from the stored readings: queued once they are written.
    ...(missing
      ? {
          afterFinish: async () => {
            await notifyPeople(deps, session, 'session.guard', ctx.jobId, record.offset);
          },
        }
      : {}),
  };
}

async function checkTarget(ctx: ActionContext, target: Session['targets'][number]): Promise<TargetCheck> {
  const { deps, session } = ctx;
  const key = targetKey(target.platform, target.accountId);
  const base = { target: key, platform: target.platform, accountId: target.accountId };
  const runtime = session.runtime[key];
  const adapter = deps.adapters[target.platform];
  if (!runtime?.liveId) return { ...base, signal: 'none', outcome: 'no_live', detail: 'no live was created on the platform (see the prepare-live job)' };
  if (!adapter.readIngest) return { ...base, signal: null, outcome: 'error', detail: 'the platform has no ingest reading' };
  try {
    await pace(deps, { platform: target.platform, accountId: target.accountId, operation: 'readIngest' });
    const account = await loadAccount(deps, target.accountId, ctx.prefetched);
    const reading: IngestReading = await adapter.readIngest(account, { liveId: runtime.liveId, streamId: runtime.streamId ?? null });
    if (reading.live === 'gone') return { ...base, signal: 'none', outcome: 'gone', detail: reading.detail };
    return { ...base, signal: reading.signal, outcome: reading.signal, detail: reading.detail };
  } catch (err) {
    // A limit or an outage on one target must not hide the others: it is counted and left unread.
    const message = err instanceof Error ? err.message : String(err);
    deps.logger.warn('guard could not read the ingest', { component: 'worker', sessionId: session.id, platform: target.platform, accountId: target.accountId, error: message, kind: isPlatformError(err) ? err.kind : 'internal' });
    return { ...base, signal: null, outcome: 'error', detail: message };
  }
}

/**
 * The live is gone on the platform before the start: its prepare-live runs again now (the ledger's
 * record of the old live is dropped, so a new one is made), and the target's runtime forgets the
 * old live. Returns false when the prepare-live job cannot be re-armed (cancelled, running…).
 */
async function rearmPrepareLive(ctx: ActionContext, check: TargetCheck): Promise<boolean> {
  const { deps, session } = ctx;
  const key = actionKey('prepare-live', check.platform, check.accountId, null);
  const job = session.jobs.find((j) => j.key === key);
  if (!job || (job.state !== 'completed' && job.state !== 'failed' && job.state !== 'skipped')) return false;
  const nowMs = deps.clock.now();
  await deps.ledger.release(job.id);
  const updated = await deps.sessions.updateJob(session.id, key, { op: 'reset', now: new Date(nowMs).toISOString(), runAt: new Date(nowMs).toISOString(), rearm: true });
  if (!updated.ok) return false;
  await scheduleAfterCommit(deps, [{ sessionId: session.id, markMs: nowMs }], queuesAndIndex(deps, [{ records: [updated.record], targets: session.targets }], () => deps.scheduler.sync(session.id, [updated.record])));
  deps.logger.warn('live gone on the platform: prepare-live re-armed', { component: 'worker', sessionId: session.id, platform: check.platform, accountId: check.accountId, detail: check.detail });
  return true;
}

/**
 * A re-armed prepare-live made a new live (its previous result named another one): the host gets
 * the new ingest URL at once (`session.cue`, reason `live_recreated`, to the hooks and the host's
 * channels) and ops get `ops.alert` `live_recreated`. Runs after the new live is recorded.
 */
export async function liveRecreatedCue(ctx: ActionContext, target: string, previousLiveId: string, live: { liveId: string; ingestUrl: string | null }): Promise<void> {
  const { deps, record } = ctx;
  const session = (await deps.sessions.get(ctx.session.id)) ?? ctx.session;
  const stableKey = `${record.id}__live_recreated__${live.liveId}`;
  await emitSessionEvent(deps, session, 'session.cue', stableKey, {
    title: session.title,
    startsAt: session.startsAt,
    endsAt: session.endsAt,
    host: session.host ?? null,
    reason: 'live_recreated',
    target,
    previousLiveId,
    liveId: live.liveId,
    ingestUrl: live.ingestUrl,
  });
  await notifyPeople(deps, session, 'session.cue', stableKey, null);
  await sendOpsAlert(deps, {
    alert: 'live_recreated',
    subject: `${session.id}:${target}`,
    sessionId: session.id,
    message: `The live of "${session.title}" on ${target} was gone on the platform (deleted or expired) and was made again; the host got the new ingest URL`,
    data: { target, previousLiveId, liveId: live.liveId, startsAt: session.startsAt },
  });
}
