import { DateLocalizer } from 'react-big-calendar';
import type { Culture, DateRange, Formats } from 'react-big-calendar';
import { SHORT_WEEKDAYS } from '../../../text/format';
import type { TextLocale } from '../../../text/text-input';

/**
 * The calendar's dates without luxon: react-big-calendar's own Date arithmetic (date-arithmetic, on
 * the wall-clock Dates of lib/wall-time.ts) and hand-written vi-VN / English formats.
 *
 * Profiled on the Chợ Cồn month (142 sessions, bench `console_month_render_ms`), luxonLocalizer
 * spent ~120 ms of the month's render in luxon: every range test of every event in every week
 * (inEventRange, startOf, diff) went through DateTime.fromJSDate and Intl. The calendar's Dates are
 * already the campaign zone's wall clock, so plain Date arithmetic gives the same days.
 *
 * Formats (vi default, en on the switch): month `Tháng 6 2024` / `June 2024`; week columns
 * `Thứ Sáu 7/6` / `Fri 7/6`; day `Thứ Sáu 7/6/2024` / `Friday 7/6/2024`; times `19:30`, 24 h.
 */
const MONTHS_EN = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const LONG_WEEKDAYS_EN = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** The calendar's `culture` for a console locale. */
export const cultureOf = (locale: TextLocale): string => (locale === 'vi' ? 'vi-VN' : 'en-GB');
const localeOf = (culture: Culture | undefined): TextLocale => (culture === 'en-GB' || culture?.startsWith('en') ? 'en' : 'vi');

const pad2 = (n: number): string => String(n).padStart(2, '0');
/** Monday 0 … Sunday 6. */
const weekdayIndex = (d: Date): number => (d.getDay() + 6) % 7;

export const formatTime = (d: Date): string => `${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
export const formatMonth = (d: Date, locale: TextLocale): string =>
  locale === 'vi' ? `Tháng ${d.getMonth() + 1} ${d.getFullYear()}` : `${MONTHS_EN[d.getMonth()] ?? ''} ${d.getFullYear()}`;
export const formatWeekday = (d: Date, locale: TextLocale): string => SHORT_WEEKDAYS[locale][weekdayIndex(d)] ?? '';
export const formatDayMonth = (d: Date): string => `${d.getDate()}/${d.getMonth() + 1}`;
export const formatDayHeading = (d: Date, locale: TextLocale): string =>
  `${locale === 'vi' ? formatWeekday(d, 'vi') : LONG_WEEKDAYS_EN[weekdayIndex(d)] ?? ''} ${formatDayMonth(d)}/${d.getFullYear()}`;
export const formatDayRange = ({ start, end }: DateRange): string =>
  start.getFullYear() === end.getFullYear()
    ? `${formatDayMonth(start)} – ${formatDayMonth(end)}/${end.getFullYear()}`
    : `${formatDayMonth(start)}/${start.getFullYear()} – ${formatDayMonth(end)}/${end.getFullYear()}`;
const timeRange = ({ start, end }: DateRange): string => `${formatTime(start)} – ${formatTime(end)}`;

/** Named formats; `format(value, name, culture)` resolves them. */
const NAMED: Record<string, (d: Date, locale: TextLocale) => string> = {
  date: (d) => String(d.getDate()),
  weekday: formatWeekday,
  dayColumn: (d, locale) => `${formatWeekday(d, locale)} ${formatDayMonth(d)}`,
  time: (d) => formatTime(d),
  month: formatMonth,
  dayHeading: formatDayHeading,
};

const formats: Formats = {
  dateFormat: 'date',
  dayFormat: 'dayColumn',
  weekdayFormat: 'weekday',
  timeGutterFormat: 'time',
  monthHeaderFormat: 'month',
  dayHeaderFormat: 'dayHeading',
  dayRangeHeaderFormat: formatDayRange,
  agendaHeaderFormat: formatDayRange,
  agendaDateFormat: 'dayColumn',
  agendaTimeFormat: 'time',
  agendaTimeRangeFormat: timeRange,
  selectRangeFormat: timeRange,
  eventTimeRangeFormat: timeRange,
  eventTimeRangeStartFormat: ({ start }) => `${formatTime(start)} –`,
  eventTimeRangeEndFormat: ({ end }) => `– ${formatTime(end)}`,
};

/** The console calendar's localizer: weeks start on Monday in both languages. */
export const calendarLocalizer = new DateLocalizer({
  firstOfWeek: () => 1,
  formats,
  format: (value, format, culture) => {
    const named = NAMED[format];
    const date = value instanceof Date ? value : new Date(value as string | number);
    return named ? named(date, localeOf(culture)) : date.toLocaleString(culture);
  },
});
