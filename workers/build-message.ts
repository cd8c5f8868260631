import ical from 'ical-generator';
import type { OutgoingMessage, ZaloTemplateKind } from '../src/channels/channel';
import type { Deps } from '../src/deps';
import type { Session } from '../src/domain/session';
import type { Delivery } from '../src/store/delivery-store';
import { renderCueMessage, renderEventMessage, renderGuardMessage, renderReminderMessage } from '../src/text';
import { guardLinesOf, isFinalGuard } from './processors/guard';
import type { IngestTarget, RenderedMessage } from '../src/text';
import { loadTextInput } from './text-for';

/** The session as a calendar entry (in its zone), attached to emails. */
function sessionIcs(session: Session, deps: Deps): string {
  const calendar = ical({ name: session.title, prodId: { company: 'LiveCue', product: 'reminders' } });
  calendar.createEvent({ id: `${session.id}@livecue`, start: new Date(Date.parse(session.startsAt)), end: new Date(Date.parse(session.endsAt)), timezone: session.timezone, summary: session.title, stamp: new Date(deps.clock.now()) });
  return calendar.toString();
}

/** Every live's ingest URL (with its stream key): for the host's cue and nothing else. */
function ingestOf(session: Session): IngestTarget[] {
  return Object.entries(session.runtime).flatMap(([target, r]) => (r.ingestUrl ? [{ platform: target.split(':')[0] ?? target, ingestUrl: r.ingestUrl }] : []));
}

export function unsubscribeUrl(deps: Deps, token: string): string {
  return `${deps.links.publicUrl}/v1/public/unsubscribe?token=${encodeURIComponent(token)}`;
}

/**
 * Renders one delivery's message in the recipient's language. Stream keys go into the cue of a
 * `host` delivery only; subscribers' messages carry their unsubscribe link.
 */
export async function buildMessage(deps: Deps, session: Session, delivery: Delivery, unsubscribeToken: string | null): Promise<OutgoingMessage> {
  const input = { ...(await loadTextInput(deps, session)), locale: delivery.locale };
  const unsubscribe = unsubscribeToken ? unsubscribeUrl(deps, unsubscribeToken) : undefined;
  let rendered: RenderedMessage;
  let template: ZaloTemplateKind = 'reminder';
  if (delivery.event === 'session.reminder') rendered = renderReminderMessage(input, delivery.offset ?? 'PT0S', unsubscribe);
  else if (delivery.event === 'session.cue') {
    rendered = renderCueMessage(input, delivery.role === 'host' ? ingestOf(session) : []);
    template = 'cue';
  } else if (delivery.event === 'session.guard') {
    // The readings as the guard stored them with its outcome; the ingest URLs for the host only.
    rendered = renderGuardMessage(input, guardLinesOf(session), delivery.role === 'host' ? ingestOf(session) : [], isFinalGuard(session, delivery.offset));
    template = 'cue';
  } else rendered = renderEventMessage(input, delivery.event);
  return {
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
    zalo: { template, data: rendered.zaloData },
    trackingId: delivery.id.slice(4),
    ...(delivery.channel === 'email' ? { ics: sessionIcs(session, deps) } : {}),
    ...(unsubscribe ? { unsubscribeUrl: unsubscribe } : {}),
  };
}
