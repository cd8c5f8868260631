import { DateTime } from 'luxon';

/** Weekday codes as in iCalendar RRULE (`BYDAY`), Monday first. */
export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * A recurrence rule: `daily` every `interval` days, or `weekly` every `interval` weeks on
 * `byWeekday` (default: the first start's weekday). It ends on `until` (a local day, inclusive)
 * or after `count` occurrences; `exceptOn` days are left out. Every occurrence keeps the first
 * one's local wall time in the session zone (19:30 stays 19:30 across DST changes).
 */
export interface RecurrenceRule {
  freq: 'daily' | 'weekly';
  interval?: number | undefined;
  byWeekday?: Weekday[] | undefined;
  until?: string | undefined;
  count?: number | undefined;
  exceptOn?: string[] | undefined;
}

/** Most occurrences one rule may make. */
export const MAX_OCCURRENCES = 366;

export type Expansion = { ok: true; starts: string[] } | { ok: false; path: string; message: string };

/**
 * The local wall-clock starts (`yyyy-MM-ddTHH:mm[:ss]`, in `zone`) of every occurrence, the first
 * being `firstLocal` itself when it matches the rule. `untilDefault` ends an open rule (e.g. the
 * campaign's last day). Pure: no clock, no I/O.
 */
export function expandRecurrence(firstLocal: string, zone: string, rule: RecurrenceRule, untilDefault?: string): Expansion {
  const first = DateTime.fromISO(firstLocal, { zone });
  if (!first.isValid) return { ok: false, path: 'startsAt', message: `"${firstLocal}" is not a valid local date-time` };
  const until = rule.until ?? (rule.count === undefined ? untilDefault : undefined);
  if (until === undefined && rule.count === undefined) return { ok: false, path: 'recurrence', message: 'give until (a day like 2024-07-07) or count (outside a campaign)' };
  if (until !== undefined && until < (first.toISODate() ?? '')) return { ok: false, path: 'recurrence.until', message: `must not be before the first day ${first.toISODate() ?? ''}` };
  const interval = rule.interval ?? 1;
  const weekdays = new Set<number>((rule.byWeekday ?? [WEEKDAYS[first.weekday - 1] ?? 'MO']).map((d) => WEEKDAYS.indexOf(d) + 1));
  const except = new Set(rule.exceptOn ?? []);
  const wall = { hour: first.hour, minute: first.minute, second: first.second };
  const format = first.second === 0 ? "yyyy-MM-dd'T'HH:mm" : "yyyy-MM-dd'T'HH:mm:ss";
  const firstDay = DateTime.fromObject({ year: first.year, month: first.month, day: first.day }, { zone: 'utc' });
  const weekStart = firstDay.minus({ days: firstDay.weekday - 1 });
  const starts: string[] = [];
  for (let day = firstDay; ; day = day.plus({ days: 1 })) {
    const iso = day.toISODate() ?? '';
    if (until !== undefined && iso > until) break;
    if (rule.count !== undefined && starts.length >= rule.count) break;
    if (matches(day, rule.freq, interval, weekdays, firstDay, weekStart) && !except.has(iso)) {
      if (starts.length >= MAX_OCCURRENCES) return { ok: false, path: 'recurrence', message: `the rule makes more than ${MAX_OCCURRENCES} sessions: shorten it` };
      starts.push(day.set(wall).toFormat(format));
    }
  }
  if (starts.length === 0) return { ok: false, path: 'recurrence', message: 'the rule makes no session: check byWeekday, until and exceptOn' };
  return { ok: true, starts };
}

function matches(day: DateTime, freq: RecurrenceRule['freq'], interval: number, weekdays: ReadonlySet<number>, firstDay: DateTime, weekStart: DateTime): boolean {
  if (freq === 'daily') return Math.round(day.diff(firstDay, 'days').days) % interval === 0;
  const week = Math.floor(Math.round(day.diff(weekStart, 'days').days) / 7);
  return week % interval === 0 && weekdays.has(day.weekday);
}
