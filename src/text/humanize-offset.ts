import { Duration } from 'luxon';
import type { TextLocale } from './text-input';

type Unit = 'years' | 'months' | 'weeks' | 'days' | 'hours' | 'minutes' | 'seconds';
const UNITS: readonly Unit[] = ['years', 'months', 'weeks', 'days', 'hours', 'minutes', 'seconds'];

const VI: Record<Unit, string> = {
  years: 'năm',
  months: 'tháng',
  weeks: 'tuần',
  days: 'ngày',
  hours: 'giờ',
  minutes: 'phút',
  seconds: 'giây',
};
const EN: Record<Unit, [string, string]> = {
  years: ['year', 'years'],
  months: ['month', 'months'],
  weeks: ['week', 'weeks'],
  days: ['day', 'days'],
  hours: ['hour', 'hours'],
  minutes: ['minute', 'minutes'],
  seconds: ['second', 'seconds'],
};

function formatUnit(count: number, unit: Unit, locale: TextLocale): string {
  if (locale === 'vi') return `${count} ${VI[unit]}`;
  const [one, many] = EN[unit];
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * An ISO 8601 duration in words, units as written (not rebalanced): `PT1H` → vi `1 giờ`,
 * en `1 hour`; `P2D` → `2 ngày` / `2 days`; `PT1H30M` → `1 giờ 30 phút` / `1 hour 30 minutes`.
 * A zero duration reads `0 phút` / `0 minutes`. Throws `RangeError` for an invalid duration.
 */
export function humanizeOffset(isoDuration: string, locale: TextLocale): string {
  const duration = Duration.fromISO(isoDuration);
  if (!duration.isValid) {
    throw new RangeError(`Invalid offset "${isoDuration}": use an ISO 8601 duration like PT1H`);
  }
  const parts = UNITS.filter((unit) => duration.get(unit) !== 0).map((unit) =>
    formatUnit(Math.abs(duration.get(unit)), unit, locale),
  );
  return parts.length > 0 ? parts.join(' ') : formatUnit(0, 'minutes', locale);
}
