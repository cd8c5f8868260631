import { isRetryableStatus, parseRetryAfter } from '../../../src/notify/deliver-webhook';

describe('isRetryableStatus', () => {
  it.each([500, 502, 503, 504, 408, 429])('retries %i', (status) => {
    expect(isRetryableStatus(status)).toBe(true);
  });
  it.each([301, 400, 401, 403, 404, 410, 422])('gives up on %i', (status) => {
    expect(isRetryableStatus(status)).toBe(false);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2024-06-07T12:00:00Z');

  it('reads delta seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120000);
  });
  it('reads an HTTP date relative to the clock, never negative', () => {
    expect(parseRetryAfter('Fri, 07 Jun 2024 12:00:30 GMT', now)).toBe(30000);
    expect(parseRetryAfter('Fri, 07 Jun 2024 11:00:00 GMT', now)).toBe(0);
  });
  it('ignores a missing or unreadable value', () => {
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});
