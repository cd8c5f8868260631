import { DateTime } from 'luxon';
import type { TextLocale } from './text-input';
import { localFields } from '../planning/time';
import type { LocalFields } from '../planning/time';

/** Weekday names, Monday first (luxon's `weekday` 1..7). Written out so no ICU data is needed. */
const WEEKDAYS: Record<TextLocale, readonly string[]> = {
  vi: ['thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy', 'Chủ Nhật'],
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
};

/**
 * An amount of VND as shoppers write it: `180.000 ₫` — rounded to whole đồng, dots between
 * thousands, a normal space (U+0020) before `₫` so every platform and test sees the same bytes.
 * Both locales use this format (prices are quoted in đồng either way).
 * Throws `RangeError` for NaN or infinite amounts.
 */
export function formatVnd(amount: number): string {
  if (!Number.isFinite(amount))
    throw new RangeError(`formatVnd needs a finite amount, got ${amount}`);
  const rounded = Math.round(Math.abs(amount));
  const digits = String(rounded).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const sign = amount < 0 && rounded !== 0 ? '-' : '';
  return `${sign}${digits} ₫`;
}

const UTC_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/** A UTC ISO instant seen in an IANA zone; throws `RangeError` when either is invalid. */
export function toZoned(isoUtc: string, zone: string): DateTime {
  // The stored form (Date#toISOString) skips luxon's ISO parser, the larger part of each post's text cost.
  const instant = UTC_ISO.test(isoUtc) ? DateTime.fromMillis(Date.parse(isoUtc), { zone: 'utc' }) : DateTime.fromISO(isoUtc, { zone: 'utc' });
  if (!instant.isValid) throw new RangeError(`Invalid instant "${isoUtc}": use ISO 8601 in UTC`);
  const local = instant.setZone(zone);
  if (!local.isValid) throw new RangeError(`Invalid time zone "${zone}": use an IANA zone name`);
  return local;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * A start time in the session's zone: vi `19:00 thứ Sáu, 07/06/2024`,
 * en `19:00 Friday, 07/06/2024` (24-hour clock, dd/MM/yyyy in both).
 */
export function formatLocalStart(isoUtc: string, zone: string, locale: TextLocale): string {
  const local = wallClock(isoUtc, zone);
  const weekday = WEEKDAYS[locale][local.weekday - 1] ?? '';
  return `${pad2(local.hour)}:${pad2(local.minute)} ${weekday}, ${pad2(local.day)}/${pad2(local.month)}/${String(local.year).padStart(4, '0')}`;
}

/** Wall-clock time only (`21:30`) in the zone, e.g. for an end time on the same day. */
export function formatLocalTime(isoUtc: string, zone: string): string {
  const local = wallClock(isoUtc, zone);
  return `${pad2(local.hour)}:${pad2(local.minute)}`;
}

/**
 * The wall-clock fields of an instant in a zone, from the per-hour offset cache of
 * src/planning/time.ts: luxon's zone conversion (Intl) and format tokenizer were the largest
 * part of rendering each post. Same errors as toZoned.
 */
export function wallClock(isoUtc: string, zone: string): LocalFields {
  const ms = UTC_ISO.test(isoUtc) ? Date.parse(isoUtc) : toZoned(isoUtc, 'utc').toMillis();
  const fields = localFields(ms, zone);
  if (!fields) throw new RangeError(`Invalid time zone "${zone}": use an IANA zone name`);
  return fields;
}

/** Weekday names for screens, Monday first (the console's calendar uses them too). */
export const SHORT_WEEKDAYS: Record<TextLocale, readonly string[]> = {
  vi: ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ Nhật'],
  en: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
};

/**
 * A compact start for screens (the console's calendar, lists): vi `19:30 Thứ Sáu 7/6`,
 * en `19:30 Fri 7/6` (day/month without leading zeros). Same errors as toZoned.
 */
export function formatShortStart(isoUtc: string, zone: string, locale: TextLocale): string {
  const local = wallClock(isoUtc, zone);
  const weekday = SHORT_WEEKDAYS[locale][local.weekday - 1] ?? '';
  return `${pad2(local.hour)}:${pad2(local.minute)} ${weekday} ${local.day}/${local.month}`;
}
