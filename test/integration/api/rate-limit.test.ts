import { useTestApp } from '../../support/app';
import { expectError } from './builders';

describe('API rate limit (LIVECUE_RATE_LIMIT_PER_MIN)', () => {
  const app = useTestApp({ env: { LIVECUE_RATE_LIMIT_PER_MIN: '5' }, mode: 'api' });

  it('answers the 6th request of a minute with 429 rate_limited and Retry-After, per token', async () => {
    for (let i = 0; i < 5; i += 1) expect((await app.call('GET', '/v1/sessions', { role: 'viewer' })).status).toBe(200);
    const sixth = await app.call('GET', '/v1/sessions', { role: 'viewer' });
    expectError(sixth, 429, 'rate_limited');
    const retryAfter = Number(sixth.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect((await app.call('GET', '/v1/sessions', { role: 'organizer' })).status).toBe(200);
  });
});
