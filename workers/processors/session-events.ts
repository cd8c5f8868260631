import { webhookRefs } from '../../src/domain/session';
import { createEvent } from '../../src/notify';
import type { WebhookEventType } from '../../src/notify';
import { renderCue, renderReminder } from '../../src/text';
import { emitEvent } from '../../src/scheduling/emit-event';
import type { ActionContext, ActionOutcome } from '../context';
import { loadTextInput } from '../text-for';
import type { Session } from '../../src/domain/session';
import type { Deps } from '../../src/deps';
import { notifyPeople } from '../notify-people';
import { capabilitiesOf } from '../../src/platforms/capabilities';

/** Send one event to every hook of the session; the event id is stable per job. */
export async function emitSessionEvent(deps: Deps, session: Session, type: WebhookEventType, stableKey: string, data: Record<string, unknown>): Promise<string> {
  const event = createEvent({ type, sessionId: session.id, data, occurredAt: deps.clock.nowIso(), stableKey });
  await emitEvent(
    { redis: deps.redis, keys: deps.keys, notifyQueue: deps.queues.notify, retryBaseMs: deps.config.retryBaseMs },
    event,
    webhookRefs(session),
  );
  return event.id;
}

/** reminder, the session-level go-live cue, end and cancellation notices to the hooks. */
export async function sessionLevel(ctx: ActionContext): Promise<ActionOutcome> {
  const { session, record, deps } = ctx;
  const input = await loadTextInput(deps, session);
  const base = { title: session.title, startsAt: session.startsAt, endsAt: session.endsAt, stageId: session.stageId };
  switch (record.kind) {
    case 'reminder': {
      const id = await emitSessionEvent(deps, session, 'session.reminder', ctx.jobId, { ...base, offset: record.offset, text: renderReminder(input, record.offset ?? 'PT0S') });
      const messages = await notifyPeople(deps, session, 'session.reminder', ctx.jobId, record.offset);
      return { state: 'completed', result: { eventId: id, hooks: webhookRefs(session).length, messages } };
    }
    case 'go-live': {
      const manual = session.targets.filter((t) => t.live && !capabilitiesOf(t.platform).canScheduleLive).map((t) => ({ platform: t.platform, accountId: t.accountId }));
      const id = await emitSessionEvent(deps, session, 'session.cue', ctx.jobId, {
        ...base,
        host: session.host ?? null,
        manualPlatforms: manual,
        text: renderCue(input),
      });
      const messages = await notifyPeople(deps, session, 'session.cue', ctx.jobId, null);
      return { state: 'completed', result: { eventId: id, manualPlatforms: manual.length, messages } };
    }
    case 'end-live':
      return { state: 'completed', result: {} };
    case 'cancel-notice': {
      const id = await emitSessionEvent(deps, session, 'session.cancelled', ctx.jobId, base);
      const messages = await notifyPeople(deps, session, 'session.cancelled', ctx.jobId, null);
      return { state: 'completed', result: { eventId: id, messages } };
    }
    case 'prepare-live':
    case 'announce':
    case 'update-live':
    case 'delete-live':
    case 'guard':
      throw new Error(`sessionLevel cannot run ${record.kind}`);
  }
}
