/**
 * Security probe findings 2 and 4 (src/api/rate-limits.ts, LIVECUE_TRUST_PROXY): token guessing is
 * limited on every authenticated surface, not only /v1; X-Forwarded-For is believed only from a
 * configured proxy, so rotating it does not reset the limit; and people with a valid credential are
 * counted by who they are, so one address's anonymous flood cannot lock them out.
 */
import { TEST_TOKENS, startTestApp, useTestApp } from '../../support/app';
import type { TestApp } from '../../support/app';
import { AUTH_FAILURES_PER_MIN } from '../../../src/api/rate-limits';

async function hit(app: TestApp, path: string, init: RequestInit = {}): Promise<number> {
  return (await fetch(`${app.url}${path}`, init)).status;
}

describe('rate limits on every authenticated surface (finding 2)', () => {
  const app = useTestApp({ env: { LIVECUE_RATE_LIMIT_PER_MIN: '1200' }, mode: 'api' });

  it.each([
    ['POST /ops/login', { method: 'POST', headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' }, body: JSON.stringify({ token: 'wrong-token-guess-000000000' }) }, '/ops/login'],
    ['GET /ops/me', { headers: { authorization: 'Bearer wrong-token-guess-000000000' } }, '/ops/me'],
    ['GET /admin/queues/api/queues', { headers: { authorization: 'Bearer wrong-token-guess-000000000' } }, '/admin/queues/api/queues'],
    ['GET /v1/sessions', { headers: { authorization: 'Bearer wrong-token-guess-000000000' } }, '/v1/sessions'],
  ] as const)('answers 429 with Retry-After once an address has guessed too many tokens on %s', async (_name, init, path) => {
    await app.deps.redis.eval("for _,k in ipairs(redis.call('keys', ARGV[1])) do redis.call('del', k) end", 0, `${app.deps.keys.rateLimitPrefix}*`);
    const statuses: number[] = [];
    for (let i = 0; i < AUTH_FAILURES_PER_MIN + 5; i += 1) statuses.push(await hit(app, path, init));
    expect(statuses.slice(0, AUTH_FAILURES_PER_MIN).every((s) => s === 401 || s === 403)).toBe(true);
    expect(statuses.slice(AUTH_FAILURES_PER_MIN)).toEqual(Array(5).fill(429));
    const res = await fetch(`${app.url}${path}`, init);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    // A valid credential from the same address still works: the failures limit counts refusals only.
    expect(await hit(app, '/v1/sessions', { headers: { authorization: `Bearer ${TEST_TOKENS.viewer}` } })).toBe(200);
  });
});

describe('X-Forwarded-For and the limit key (finding 4)', () => {
  it('does not believe X-Forwarded-For without LIVECUE_TRUST_PROXY: rotating it skips no limit', async () => {
    const app = await startTestApp({ LIVECUE_RATE_LIMIT_PER_MIN: '5' }, 'api');
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 7; i += 1) statuses.push(await hit(app, '/v1/openapi.json', { headers: { 'x-forwarded-for': `203.0.113.${i}` } }));
      expect(statuses.slice(5)).toEqual([429, 429]);
    } finally {
      await app.stop();
    }
  });

  it('believes the configured proxy (one hop), so each client behind it has its own budget', async () => {
    const app = await startTestApp({ LIVECUE_RATE_LIMIT_PER_MIN: '5', LIVECUE_TRUST_PROXY: '1' }, 'api');
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 7; i += 1) statuses.push(await hit(app, '/v1/openapi.json', { headers: { 'x-forwarded-for': `203.0.113.${i}` } }));
      expect(statuses).toEqual(Array(7).fill(200));
      for (let i = 0; i < 5; i += 1) await hit(app, '/v1/openapi.json', { headers: { 'x-forwarded-for': '198.51.100.7' } });
      expect(await hit(app, '/v1/openapi.json', { headers: { 'x-forwarded-for': '198.51.100.7' } })).toBe(429);
    } finally {
      await app.stop();
    }
  });

  it('counts a signed-in caller by its credential: an anonymous flood from the same address does not lock it out', async () => {
    const app = await startTestApp({ LIVECUE_RATE_LIMIT_PER_MIN: '5' }, 'api');
    try {
      for (let i = 0; i < 8; i += 1) await hit(app, '/v1/openapi.json');
      expect(await hit(app, '/v1/openapi.json')).toBe(429);
      expect(await hit(app, '/v1/sessions', { headers: { authorization: `Bearer ${TEST_TOKENS.organizer}` } })).toBe(200);
    } finally {
      await app.stop();
    }
  });

  it('refuses a LIVECUE_TRUST_PROXY that is neither a hop count nor addresses', async () => {
    await expect(startTestApp({ LIVECUE_TRUST_PROXY: 'every-proxy' }, 'api')).rejects.toThrow(/LIVECUE_TRUST_PROXY/);
  });
});
