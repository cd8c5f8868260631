import { DateTime, Duration, IANAZone } from 'luxon';

export type TimeParse = { ok: true; ms: number } | { ok: false; message: string };

const withOffset = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?[0-5]\d)$/i;
/** Real UTC offsets run from -12:00 to +14:00; anything past ±14:00 is a typo, not a place. */
const MAX_OFFSET_MINUTES = 14 * 60;
const localWall = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?$/;

const zoneValidity = new Map<string, boolean>();

/** Is `zone` an IANA zone? Memoized: luxon builds an Intl.DateTimeFormat per check (the import profile's top cost). */
export function isValidZone(zone: string): boolean {
  let valid = zoneValidity.get(zone);
  if (valid === undefined) {
    valid = IANAZone.isValidZone(zone);
    if (zoneValidity.size < 1000) zoneValidity.set(zone, valid);
  }
  return valid;
}

/**
 * Read an instant given either with an offset (`2024-06-07T19:00:00+07:00`, `…Z`) or as a local
 * wall time (`2024-06-07T19:00`) in `zone`. A wall time that does not exist in the zone (skipped by
 * a DST change) is refused; an ambiguous one (repeated hour) takes the earlier instant.
 */
export function parseInstant(value: string, zone: string): TimeParse {
  const text = value.trim();
  if (withOffset.test(text)) {
    const dt = DateTime.fromISO(text, { setZone: true });
    if (!dt.isValid) return { ok: false, message: `"${value}" is not a valid date-time` };
    if (Math.abs(dt.offset) > MAX_OFFSET_MINUTES) return { ok: false, message: `"${value}" has a UTC offset beyond ±14:00` };
    return { ok: true, ms: dt.toMillis() };
  }
  if (!localWall.test(text)) {
    return { ok: false, message: `"${value}" must be ISO 8601 like 2024-06-07T19:00 (local) or 2024-06-07T19:00:00+07:00` };
  }
  if (!isValidZone(zone)) return { ok: false, message: `unknown time zone "${zone}"` };
  const dt = DateTime.fromISO(text, { zone });
  if (!dt.isValid) return { ok: false, message: `"${value}" is not a valid date-time` };
  const wall = DateTime.fromISO(text, { zone: 'utc' });
  if (dt.hour !== wall.hour || dt.minute !== wall.minute || dt.day !== wall.day) {
    return { ok: false, message: `${text} does not exist in ${zone} (clocks skip it for daylight saving time)` };
  }
  // For a repeated hour, luxon may pick either; take the earlier instant.
  const earlier = dt.minus({ hours: 1 });
  if (earlier.hour === dt.hour && earlier.minute === dt.minute && earlier.day === dt.day) return { ok: true, ms: earlier.toMillis() };
  return { ok: true, ms: dt.toMillis() };
}

export type OffsetParse = { ok: true; iso: string; ms: number } | { ok: false; message: string };

/** A positive ISO 8601 duration (`P1D`, `PT1H30M`), normalized; calendar units (Y, M, W) are refused. */
export function parseOffset(value: string): OffsetParse {
  const text = value.trim().toUpperCase();
  if (!/^P(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?(?:\d+S)?)?$/.test(text) || text === 'P' || text.endsWith('T')) {
    return { ok: false, message: `"${value}" must be a positive ISO 8601 duration of days/hours/minutes/seconds, e.g. P1D, PT1H, PT10M` };
  }
  const d = Duration.fromISO(text);
  const ms = d.as('milliseconds');
  if (!d.isValid || !(ms > 0)) return { ok: false, message: `"${value}" must be a positive duration` };
  if (ms > 90 * 86_400_000) return { ok: false, message: `"${value}" is more than 90 days` };
  return { ok: true, iso: text, ms };
}

export function offsetMs(iso: string): number {
  return Duration.fromISO(iso).as('milliseconds');
}

/** UTC ISO with milliseconds and `Z` (luxon's format, for years 0–9999). */
export function toUtcIso(ms: number): string {
  return new Date(ms).toISOString();
}

const HOUR = 3_600_000;
const hourOffsets = new Map<string, number>();

/**
 * The zone's UTC offset in minutes at `ms`, or null when `zone` is not an IANA zone name. Kept per
 * zone and UTC hour when the hour's first and last millisecond agree (no zone changes its offset
 * twice within an hour), so luxon's Intl-based lookup — the top luxon cost of presenting a
 * session — runs about once per zone and hour instead of once per time shown.
 */
function zoneOffset(ms: number, zone: string): number | null {
  const hour = Math.floor(ms / HOUR);
  const key = `${zone}|${hour}`;
  const cached = hourOffsets.get(key);
  if (cached !== undefined) return cached;
  if (!isValidZone(zone)) return null;
  const z = IANAZone.create(zone);
  const first = z.offset(hour * HOUR);
  if (z.offset(hour * HOUR + HOUR - 1) !== first) return z.offset(ms);
  if (hourOffsets.size >= 20_000) hourOffsets.clear();
  hourOffsets.set(key, first);
  return first;
}

const two = (n: number): string => String(n).padStart(2, '0');

/** Wall-clock fields of an instant in `zone` (weekday 1 = Monday … 7 = Sunday, as luxon), or null for an unknown zone. */
export interface LocalFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  weekday: number;
}

export function localFields(ms: number, zone: string): LocalFields | null {
  const offset = zoneOffset(ms, zone);
  if (offset === null) return null;
  const wall = new Date(ms + offset * 60_000);
  return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate(), hour: wall.getUTCHours(), minute: wall.getUTCMinutes(), weekday: ((wall.getUTCDay() + 6) % 7) + 1 };
}

/** The same instant in `zone`, with its offset (`2024-06-07T19:00:00.000+07:00`), as luxon's toISO writes it. */
export function toLocalIso(ms: number, zone: string): string {
  const lowered = zone.toLowerCase();
  // luxon writes `Z` for its fixed UTC zone; other specifiers (`UTC+7`) are luxon's to read.
  const offset = lowered === 'utc' || lowered === 'gmt' ? null : zoneOffset(ms, zone);
  if (offset === null) return DateTime.fromMillis(ms, { zone }).toISO() ?? toUtcIso(ms);
  const wall = new Date(ms + offset * 60_000).toISOString().slice(0, -1);
  const abs = Math.abs(offset);
  return `${wall}${offset < 0 ? '-' : '+'}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
}

/** The calendar day (`yyyy-MM-dd`) of an instant in `zone`. */
export function localDate(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toISODate() ?? '';
}
