import { msUntilQuotaReset } from '../../../../src/platforms/youtube/quota-reset';

const hours = (h: number): number => h * 3_600_000;

describe('msUntilQuotaReset', () => {
  it('counts to the next midnight in Los Angeles', () => {
    expect(msUntilQuotaReset(Date.parse('2024-06-07T12:00:00Z'))).toBe(hours(19)); // 05:00 PDT
    expect(msUntilQuotaReset(Date.parse('2024-01-15T07:59:59Z'))).toBe(1000); // 23:59:59 PST
    expect(msUntilQuotaReset(Date.parse('2024-01-15T08:00:00Z'))).toBe(hours(24)); // 00:00 PST
  });

  it('follows daylight saving changes', () => {
    // 2024-03-10 is 23 hours long in Los Angeles; 2024-11-03 is 25 hours long.
    expect(msUntilQuotaReset(Date.parse('2024-03-10T08:00:00Z'))).toBe(hours(23));
    expect(msUntilQuotaReset(Date.parse('2024-11-03T07:00:00Z'))).toBe(hours(25));
  });
});
