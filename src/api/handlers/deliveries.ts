import type { Deps } from '../../deps';
import { notFound } from '../../domain/errors';
import { maskEmail, maskPhone } from '../../channels/normalize-phone';
import type { HandlerResult } from '../handler-result';

/** `GET /v1/sessions/:id/deliveries` (organizer): every message to a person, recipients masked. */
export async function listDeliveries(deps: Deps, sessionId: string): Promise<HandlerResult> {
  if (!(await deps.sessions.get(sessionId))) throw notFound('session', sessionId);
  const items = (await deps.deliveries.list(sessionId)).map((d) => ({
    id: d.id,
    event: d.event,
    channel: d.channel,
    recipient: d.channel === 'email' ? maskEmail(d.to) : maskPhone(d.to),
    role: d.role,
    offset: d.offset,
    state: d.state,
    attempts: d.attempts,
    lastError: d.lastError,
    sentAt: d.sentAt,
  }));
  return { status: 200, body: { items } };
}
