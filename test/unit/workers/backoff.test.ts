import { PlatformError } from '../../../src/platforms/platform-error';
import { createBackoff } from '../../../workers/backoff';

describe('createBackoff', () => {
  it('doubles from the base per attempt, jittered over the upper half', () => {
    const low = createBackoff(1000, () => 0);
    const high = createBackoff(1000, () => 1);
    expect([1, 2, 3, 4].map((n) => low(n))).toEqual([500, 1000, 2000, 4000]);
    expect([1, 2, 3, 4].map((n) => high(n))).toEqual([1000, 2000, 4000, 8000]);
  });

  it('caps the delay at 5 minutes', () => {
    expect(createBackoff(1000, () => 1)(30)).toBe(300_000);
    expect(createBackoff(1000, () => 0)(30)).toBe(150_000);
  });

  it("takes a platform's Retry-After instead, capped at a day", () => {
    const backoff = createBackoff(1000, () => 1);
    const limited = (retryAfterMs: number): PlatformError => new PlatformError({ platform: 'facebook', operation: 'publishPost', kind: 'rate_limited', retryAfterMs, message: 'x' });
    expect(backoff(3, 'custom', limited(42_000))).toBe(42_000);
    expect(backoff(3, 'custom', limited(3 * 86_400_000))).toBe(86_400_000);
    expect(backoff(3, 'custom', new Error('plain'))).toBe(4000);
  });
});
