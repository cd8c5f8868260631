import { calendarLocalizer, cultureOf } from '../../../src/console/pages/calendar/calendar-localizer';
import { pageForPath } from '../../../src/console/page-paths';

/** What the calendar writes in its toolbar and headings, as react-big-calendar asks for it (format names of its `formats`). */
const say = (date: Date, name: string, locale: 'vi' | 'en'): string => calendarLocalizer.format(date, calendarLocalizer.formats[name as 'dayFormat'] as string, cultureOf(locale));

describe('the console calendar localizer', () => {
  const friday = new Date(2024, 5, 7, 19, 30);

  it('writes vi-VN by default: Tháng 6 2024, Thứ Sáu 7/6, 19:30', () => {
    expect(say(friday, 'monthHeaderFormat', 'vi')).toBe('Tháng 6 2024');
    expect(say(friday, 'dayFormat', 'vi')).toBe('Thứ Sáu 7/6');
    expect(say(friday, 'weekdayFormat', 'vi')).toBe('Thứ Sáu');
    expect(say(new Date(2024, 5, 9), 'weekdayFormat', 'vi')).toBe('Chủ Nhật');
    expect(say(friday, 'dayHeaderFormat', 'vi')).toBe('Thứ Sáu 7/6/2024');
    expect(say(friday, 'timeGutterFormat', 'vi')).toBe('19:30');
    expect(say(friday, 'dateFormat', 'vi')).toBe('7');
  });

  it('writes English on the switch, with the same 24-hour times and day/month order', () => {
    expect(say(friday, 'monthHeaderFormat', 'en')).toBe('June 2024');
    expect(say(friday, 'dayFormat', 'en')).toBe('Fri 7/6');
    expect(say(friday, 'dayHeaderFormat', 'en')).toBe('Friday 7/6/2024');
    expect(say(new Date(2024, 5, 7, 8, 5), 'timeGutterFormat', 'en')).toBe('08:05');
  });

  it('writes week ranges and event times', () => {
    const week = calendarLocalizer.formats.dayRangeHeaderFormat;
    expect(week?.({ start: new Date(2024, 5, 3), end: new Date(2024, 5, 9) })).toBe('3/6 – 9/6/2024');
    expect(week?.({ start: new Date(2024, 11, 30), end: new Date(2025, 0, 5) })).toBe('30/12/2024 – 5/1/2025');
    expect(calendarLocalizer.formats.eventTimeRangeFormat?.({ start: friday, end: new Date(2024, 5, 7, 21, 0) })).toBe('19:30 – 21:00');
  });

  it('starts weeks on Monday and keeps plain Date arithmetic (no zone conversions)', () => {
    expect(calendarLocalizer.startOfWeek('vi-VN')).toBe(1);
    expect(calendarLocalizer.startOf(friday, 'week', 1)).toEqual(new Date(2024, 5, 3));
  });
});

describe('the console page chunks', () => {
  it('names the chunk a direct link opens, and none for the pages in the first load', () => {
    expect(pageForPath('/campaigns/cho-con-2024/calendar')).toBe('calendar');
    expect(pageForPath('/sessions/new')).toBe('sessionEditor');
    expect(pageForPath('/sessions/ses-1/edit')).toBe('sessionEditor');
    expect(pageForPath('/sessions/ses-1')).toBe('session');
    expect(pageForPath('/audit')).toBe('audit');
    expect(pageForPath('/')).toBeNull();
    expect(pageForPath('/invite')).toBeNull();
  });
});
