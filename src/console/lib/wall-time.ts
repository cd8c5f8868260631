import { DateTime } from 'luxon';
import { wallClock } from '../../text/format';

/**
 * The calendar component works in the browser's zone; sessions live in the campaign's. These helpers
 * carry the campaign zone's wall-clock time into a browser Date with the same fields and back, so
 * the calendar shows 19:30 for a 19:30 session wherever the browser is.
 */
export function toWallDate(isoUtc: string, zone: string): Date {
  const f = wallClock(isoUtc, zone);
  return new Date(f.year, f.month - 1, f.day, f.hour, f.minute);
}

/** Converts one instant in `zone` and drops it: the first conversion in a zone is the slow one (Intl's zone data). */
export function warmUpZone(zone: string): void {
  try {
    toWallDate('2024-01-01T00:00:00.000Z', zone);
  } catch {
    // an unknown zone: the page says so when it converts for real
  }
}

/** A browser Date's wall-clock fields read in `zone`, as an ISO instant in UTC. */
export function fromWallDate(date: Date, zone: string): string {
  const at = DateTime.fromObject(
    { year: date.getFullYear(), month: date.getMonth() + 1, day: date.getDate(), hour: date.getHours(), minute: date.getMinutes() },
    { zone },
  );
  return at.toUTC().toISO() ?? '';
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** The `datetime-local` value (`2024-06-07T19:30`) of an instant in `zone`. */
export function toLocalInput(isoUtc: string, zone: string): string {
  const f = wallClock(isoUtc, zone);
  return `${f.year}-${pad2(f.month)}-${pad2(f.day)}T${pad2(f.hour)}:${pad2(f.minute)}`;
}

/** `YYYY-MM-DD` of a browser Date's wall-clock fields. */
export function toIsoDay(date: Date): string {
  return `${date.getFullYear()}-${pad2(date.getMonth() + 1)}-${pad2(date.getDate())}`;
}

/** A browser Date at midnight of `YYYY-MM-DD`, or null when it is not such a date. */
export function fromIsoDay(day: string | null): Date | null {
  const m = day ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(day) : null;
  return m ? new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : null;
}
