import { webhookRefs } from '../src/domain/session';
import type { Deps } from '../src/deps';
import type { JobRecord, Session } from '../src/domain/session';
import { createEvent } from '../src/notify';
import { emitEvent } from '../src/scheduling/emit-event';

/** `job.failed` to the session's hooks and to the ops hooks (LIVECUE_OPS_WEBHOOKS). */
export async function reportJobFailed(deps: Deps, session: Session, record: JobRecord, reason?: string): Promise<void> {
  const event = createEvent({
    type: 'job.failed',
    sessionId: session.id,
    occurredAt: deps.clock.nowIso(),
    stableKey: `${record.id}__failed__${record.attempts}`,
    data: {
      jobId: record.id,
      kind: record.kind,
      platform: record.platform,
      accountId: record.accountId,
      attempts: record.attempts,
      error: record.lastError,
      ...(reason ? { reason } : {}),
      title: session.title,
      startsAt: session.startsAt,
    },
  });
  const refs = [...webhookRefs(session), ...deps.config.opsWebhooks.map((_, i) => `o${i}`)];
  await emitEvent({ redis: deps.redis, keys: deps.keys, notifyQueue: deps.queues.notify, retryBaseMs: deps.config.retryBaseMs }, event, refs);
}
