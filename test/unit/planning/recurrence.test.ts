import { DateTime } from 'luxon';
import { expandRecurrence, MAX_OCCURRENCES } from '../../../src/planning/recurrence';

const starts = (r: ReturnType<typeof expandRecurrence>): string[] => (r.ok ? r.starts : []);

describe('expandRecurrence', () => {
  it('makes every Friday to Sunday at 19:30 across the campaign month', () => {
    const result = expandRecurrence('2024-06-07T19:30', 'Asia/Ho_Chi_Minh', { freq: 'weekly', byWeekday: ['FR', 'SA', 'SU'] }, '2024-07-07');
    expect(starts(result)).toHaveLength(15);
    expect(starts(result).slice(0, 4)).toEqual(['2024-06-07T19:30', '2024-06-08T19:30', '2024-06-09T19:30', '2024-06-14T19:30']);
    expect(starts(result).at(-1)).toBe('2024-07-07T19:30');
  });

  it('keeps the local wall time across a DST change', () => {
    const result = expandRecurrence('2024-03-07T19:30', 'Europe/Berlin', { freq: 'weekly', until: '2024-04-04' });
    expect(starts(result)).toEqual(['2024-03-07T19:30', '2024-03-14T19:30', '2024-03-21T19:30', '2024-03-28T19:30', '2024-04-04T19:30']);
    const offsets = starts(result).map((s) => DateTime.fromISO(s, { zone: 'Europe/Berlin' }).offset);
    expect(new Set(offsets)).toEqual(new Set([60, 120]));
  });

  it('supports intervals, counts and days left out', () => {
    expect(starts(expandRecurrence('2024-06-10T09:00', 'UTC', { freq: 'daily', interval: 2, count: 3 }))).toEqual(['2024-06-10T09:00', '2024-06-12T09:00', '2024-06-14T09:00']);
    expect(starts(expandRecurrence('2024-06-10T09:00', 'UTC', { freq: 'daily', count: 3, exceptOn: ['2024-06-11'] }))).toEqual(['2024-06-10T09:00', '2024-06-12T09:00', '2024-06-13T09:00']);
    expect(starts(expandRecurrence('2024-06-03T09:00', 'UTC', { freq: 'weekly', interval: 2, byWeekday: ['MO', 'WE'], until: '2024-06-30' }))).toEqual(['2024-06-03T09:00', '2024-06-05T09:00', '2024-06-17T09:00', '2024-06-19T09:00']);
  });

  it('starts on the first matching day when the first start does not match', () => {
    expect(starts(expandRecurrence('2024-06-06T19:30', 'UTC', { freq: 'weekly', byWeekday: ['FR'], count: 2 }))).toEqual(['2024-06-07T19:30', '2024-06-14T19:30']);
  });

  it('says what is wrong with a rule', () => {
    expect(expandRecurrence('2024-06-07T19:30', 'UTC', { freq: 'daily' })).toMatchObject({ ok: false, path: 'recurrence' });
    expect(expandRecurrence('2024-06-07T19:30', 'UTC', { freq: 'daily', until: '2024-06-01' })).toMatchObject({ ok: false, path: 'recurrence.until' });
    expect(expandRecurrence('2024-06-07T19:30', 'UTC', { freq: 'daily', until: '2026-06-01' })).toMatchObject({ ok: false, message: expect.stringContaining(String(MAX_OCCURRENCES)) });
    expect(expandRecurrence('2024-06-07T19:30', 'UTC', { freq: 'daily', until: '2024-06-07', exceptOn: ['2024-06-07'] })).toMatchObject({ ok: false });
  });
});
