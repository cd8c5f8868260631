import { subscribersExpireAtMs } from '../../../src/planning/subscriber-retention';

describe('subscribersExpireAtMs', () => {
  it('is 30 days after the end of the campaign’s last local day', () => {
    // The last day 2026-12-06 ends at 2026-12-07 00:00 in Hồ Chí Minh (UTC+7) = 2026-12-06T17:00Z.
    expect(new Date(subscribersExpireAtMs({ endsOn: '2026-12-06', timezone: 'Asia/Ho_Chi_Minh' })).toISOString()).toBe('2027-01-05T17:00:00.000Z');
  });

  it('counts days in the campaign’s zone across a DST change', () => {
    // Berlin leaves summer time on 2026-10-25: 30 local days later is still local midnight.
    expect(new Date(subscribersExpireAtMs({ endsOn: '2026-10-09', timezone: 'Europe/Berlin' })).toISOString()).toBe('2026-11-08T23:00:00.000Z');
  });
});
