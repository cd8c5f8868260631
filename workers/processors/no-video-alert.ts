import { webhookRefs } from '../../src/domain/session';
import type { Session } from '../../src/domain/session';
import { createEvent } from '../../src/notify';
import { isPlatformError } from '../../src/platforms/platform-error';
import { emitEvent } from '../../src/scheduling/emit-event';
import type { ActionContext } from '../context';

/** The longest LiveCue waits after the start for video before it alerts (shorter shows: a tenth of them). */
export const noVideoAlertMaxMs = 5 * 60_000;

/** When the no-video alert fires: 5 minutes after the start, or a tenth of a shorter show. */
export function noVideoAlertAfterMs(session: Pick<Session, 'startsAt' | 'endsAt'>): number {
  const durationMs = Date.parse(session.endsAt) - Date.parse(session.startsAt);
  return Math.min(noVideoAlertMaxMs, Math.max(5000, Math.floor(durationMs / 10)));
}

/**
 * How often a go-live without video is tried again (api.md "On-air guard": every minute until
 * go-live's stale window ends). Shows shorter than 20 minutes (tests, demos) retry every twentieth
 * of their length, at least every 2 s, so a retry still comes while there is a show.
 */
export function noVideoRecheckMs(session: Pick<Session, 'startsAt' | 'endsAt'>): number {
  const durationMs = Date.parse(session.endsAt) - Date.parse(session.startsAt);
  return Math.min(60_000, Math.max(2000, Math.floor(durationMs / 20)));
}

/** The platform refused or did not start go-live because no video arrives (YouTube errorStreamInactive / no bound stream, Facebook noVideo). */
export function isNoVideo(err: unknown): boolean {
  return isPlatformError(err) && (err.platformCode === 'errorStreamInactive' || err.platformCode === 'noBoundStream' || err.platformCode === 'noVideo');
}

/**
 * Go-live found no video: the job retries with backoff (the error is retryable); once the start is
 * `noVideoAlertAfterMs` behind, a `job.failed` event (reason `no_video`) goes once to the session's
 * hooks and the ops hooks, so someone checks the encoder while there is still a show to save.
 */
export async function alertNoVideo(ctx: ActionContext, err: unknown): Promise<boolean> {
  const { deps, session, record } = ctx;
  const lateMs = deps.clock.now() - Date.parse(session.startsAt);
  if (!isNoVideo(err) || lateMs < noVideoAlertAfterMs(session)) return false;
  const message = err instanceof Error ? err.message : String(err);
  const event = createEvent({
    type: 'job.failed',
    sessionId: session.id,
    occurredAt: deps.clock.nowIso(),
    stableKey: `${record.id}__no-video`,
    data: {
      jobId: record.id,
      kind: record.kind,
      platform: record.platform,
      accountId: record.accountId,
      attempts: record.attempts,
      reason: 'no_video',
      error: `${message} ${Math.round(lateMs / 1000)} s after the start: check the encoder (LiveCue keeps trying to go live)`,
      title: session.title,
      startsAt: session.startsAt,
    },
  });
  const refs = [...webhookRefs(session), ...deps.config.opsWebhooks.map((_, i) => `o${i}`)];
  await emitEvent({ redis: deps.redis, keys: deps.keys, notifyQueue: deps.queues.notify, retryBaseMs: deps.config.retryBaseMs }, event, refs);
  deps.logger.warn('no video at go-live', { component: 'worker', sessionId: session.id, jobId: record.id, lateMs });
  return true;
}
