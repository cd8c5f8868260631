import type { Session } from '../domain/session';
import type { CatalogVendor } from '../store/campaign-store';
import type { RecipientRole } from '../store/delivery-store';
import { normalizePhone } from './normalize-phone';

/** One person and channel a message of an event goes to. */
export interface Recipient {
  channel: 'email' | 'zalo';
  to: string;
  role: RecipientRole;
  locale: 'vi' | 'en';
  subscriberId?: string;
  fallbackEmail?: string;
}

/** A confirmed subscriber of the session (or of one of its vendors). */
export interface SubscriberContact {
  id: string;
  email?: string;
  phone?: string;
  locale: 'vi' | 'en';
}

export interface PeopleOfSession {
  session: Session;
  /** The session's catalog vendors when the campaign notifies vendors, else []. */
  vendors: CatalogVendor[];
  subscribers: SubscriberContact[];
}

/** Zalo first with email to fall back on, or whichever the person has. */
function preferZalo(phone: string | undefined, email: string | undefined, base: Omit<Recipient, 'channel' | 'to'>): Recipient[] {
  const zalo = phone ? normalizePhone(phone) : null;
  if (zalo) return [{ ...base, channel: 'zalo', to: zalo, ...(email ? { fallbackEmail: email } : {}) }];
  return email ? [{ ...base, channel: 'email', to: email }] : [];
}

/**
 * Who gets a message for an event (api.md "Reminders that reach people"): the host on every
 * channel it has (reminders and the cue); `notify` email and Zalo entries every event (Zalo only
 * the reminder and the cue, which have templates); vendors and confirmed subscribers the
 * reminders. One message per channel and address: the first role listed wins.
 */
export function recipientsFor(event: string, people: PeopleOfSession): Recipient[] {
  const { session } = people;
  const locale = session.locale;
  // The on-air guard's warning goes where the cue goes: the host must start the encoder.
  const toPeople = event === 'session.reminder' || event === 'session.cue' || event === 'session.guard';
  const out: Recipient[] = [];
  if (toPeople && session.host) {
    if (session.host.phone) out.push({ channel: 'zalo', to: session.host.phone, role: 'host', locale });
    if (session.host.email) out.push({ channel: 'email', to: session.host.email, role: 'host', locale });
  }
  for (const entry of session.notify) {
    if (entry.type === 'email') out.push({ channel: 'email', to: entry.to, role: 'notify', locale });
    if (entry.type === 'zalo' && toPeople) out.push({ channel: 'zalo', to: entry.phone, role: 'notify', locale });
  }
  if (event === 'session.reminder') {
    for (const v of people.vendors) out.push(...preferZalo(v.phone, v.email, { role: 'vendor', locale }));
    for (const s of people.subscribers) out.push(...preferZalo(s.phone, s.email, { role: 'subscriber', locale: s.locale, subscriberId: s.id }));
  }
  const seen = new Set<string>();
  return out.filter((r) => {
    const key = `${r.channel}|${r.to}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
