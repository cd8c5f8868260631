import { DelayedError, UnrecoverableError } from 'bullmq';
import type { Job } from 'bullmq';
import { isChannelError } from '../src/channels/channel-error';
import type { Deps } from '../src/deps';
import { emitMessages } from '../src/scheduling/emit-messages';
import { messagePayload } from '../src/scheduling/job-catalog';
import type { Delivery } from '../src/store/delivery-store';
import { buildMessage } from './build-message';

type Outcome = Record<string, unknown>;

const effectKey = (d: Delivery): string => `msg__${d.id}`;

/** Ends a delivery that will not be tried again: the record, the metric, and no BullMQ retry. */
async function finish(deps: Deps, d: Delivery, state: 'sent' | 'failed' | 'skipped', lastError: string | null, outcome: string): Promise<void> {
  const nowIso = deps.clock.nowIso();
  await deps.deliveries.update(d.sessionId, d.id, { state, lastError, ...(state === 'sent' ? { sentAt: nowIso } : {}) });
  deps.metrics.deliveries.inc({ channel: d.channel, outcome });
}

/** Zalo refused for good: the same message by email when the person has one. */
async function fallBack(deps: Deps, d: Delivery, reason: string): Promise<boolean> {
  if (d.channel !== 'zalo' || !d.fallbackEmail || !deps.channels.email) return false;
  await emitMessages(
    { deliveries: deps.deliveries, notifyQueue: deps.queues.notify, maxAttempts: deps.config.maxAttempts },
    { sessionId: d.sessionId, event: d.event, eventKey: d.eventKey, offset: d.offset, nowIso: deps.clock.nowIso() },
    [{ channel: 'email', to: d.fallbackEmail, role: d.role, locale: d.locale, ...(d.subscriberId ? { subscriberId: d.subscriberId } : {}) }],
  );
  await finish(deps, d, 'failed', `${reason}; sent by email instead`, 'fallback');
  return true;
}

/** Why the message will not be sent now, or null to go on. */
async function reasonToSkip(deps: Deps, d: Delivery): Promise<{ skip: string } | { token: string | null }> {
  const session = await deps.sessions.get(d.sessionId);
  if (!session) return { skip: 'the session no longer exists' };
  if (session.status === 'cancelled' && d.event !== 'session.cancelled') return { skip: 'the session was cancelled' };
  if (!d.subscriberId) return { token: null };
  const sub = await deps.subscriptions.get(d.subscriberId);
  if (sub?.state !== 'confirmed') return { skip: 'the subscriber unsubscribed' };
  return { token: sub.unsubscribeToken };
}

/**
 * Sends one message to one person, at most once (the ledger): a delivery already recorded is not
 * sent again; one whose earlier attempt died mid-send is marked failed instead of risking a second
 * message. Transient channel errors retry with backoff; permanent ones fall back to email or fail
 * with a reason a person can act on. Message texts are never logged (the cue carries stream keys).
 */
export async function processMessageDelivery(job: Job, deps: Deps, token: string | undefined): Promise<Outcome> {
  const { s, d: id } = messagePayload.parse(job.data);
  const d = await deps.deliveries.get(s, id);
  if (!d || d.state !== 'pending') return { skipped: `delivery is ${d?.state ?? 'gone'}` };
  const go = await reasonToSkip(deps, d);
  if ('skip' in go) {
    await finish(deps, d, 'skipped', go.skip, 'skipped');
    return { skipped: go.skip };
  }
  const channel = d.channel === 'email' ? deps.channels.email : deps.channels.zalo;
  if (!channel) {
    const why = d.channel === 'email' ? 'email is not configured: set SMTP_URL and MAIL_FROM' : (deps.channels.zaloMissing ?? 'Zalo is not configured');
    if (!(await fallBack(deps, d, why))) await finish(deps, d, 'failed', why, 'failed');
    return { failed: why };
  }
  const owner = `${id}#${String(job.attemptsStarted)}`;
  const claim = await deps.ledger.claim(effectKey(d), owner, deps.clock.nowIso());
  if (claim.state === 'done') {
    await finish(deps, d, 'sent', null, 'sent');
    return { sent: true, reused: true };
  }
  if (claim.state === 'in-doubt') {
    const ageMs = deps.clock.now() - Date.parse(claim.claimedAt);
    const inFlightMs = deps.config.platformTimeoutMs + 2000;
    if (claim.owner !== owner && ageMs < inFlightMs) {
      await job.moveToDelayed(deps.clock.now() + inFlightMs - ageMs, token);
      throw new DelayedError();
    }
    const why = 'an earlier attempt stopped while sending: it may have arrived, so it is not sent again';
    await finish(deps, d, 'failed', why, 'failed');
    throw new UnrecoverableError(why);
  }
  return send(job, deps, d, channel, go.token);
}

async function send(job: Job, deps: Deps, d: Delivery, channel: NonNullable<Deps['channels']['email']> | NonNullable<Deps['channels']['zalo']>, unsubscribeToken: string | null): Promise<Outcome> {
  await deps.deliveries.update(d.sessionId, d.id, { attempts: d.attempts + 1 });
  try {
    const session = await deps.sessions.get(d.sessionId);
    if (!session) throw new UnrecoverableError('the session no longer exists');
    const sent = await channel.send(d.to, await buildMessage(deps, session, d, unsubscribeToken));
    await deps.ledger.record(effectKey(d), { id: sent.id }, deps.clock.nowIso());
    await finish(deps, d, 'sent', null, 'sent');
    return { sent: true };
  } catch (err: unknown) {
    if (!isChannelError(err)) throw err;
    if (!err.inDoubt) await deps.ledger.release(effectKey(d));
    const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    if (err.retryable && !err.inDoubt && !last) {
      await deps.deliveries.update(d.sessionId, d.id, { lastError: err.message });
      deps.metrics.deliveries.inc({ channel: d.channel, outcome: 'retried' });
      throw err;
    }
    deps.logger.warn('message not delivered', { component: 'channels', sessionId: d.sessionId, deliveryId: d.id, channel: d.channel, errorKind: err.kind, code: err.code });
    if (!err.inDoubt && (await fallBack(deps, d, err.message))) return { fallback: 'email' };
    await finish(deps, d, 'failed', err.message, 'failed');
    throw new UnrecoverableError(err.message);
  }
}
