/**
 * The findings of the security probe (issue "What a security probe found"), one block per finding,
 * each over HTTP against a running API with real Redis. Every block failed on the code before its fix.
 */
import { TEST_TOKENS, registerAccounts, startTestApp } from '../../support/app';
import type { TestApp } from '../../support/app';
import { aSession, detailPaths, expectError } from '../api/builders';

describe('security probe findings', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({}, 'api');
    await registerAccounts(app);
  });
  afterAll(async () => {
    await app.stop();
  });

  const post = (body: unknown) => app.call('POST', '/v1/sessions', { role: 'organizer', body });
  const sessionCount = async (): Promise<number> => (await app.deps.sessions.listIds({ fromMs: 0, toMs: Infinity, limit: 100_000 })).length;

  describe('3. requests without a token that used to answer 5xx', () => {
    it.each([
      ['GET', '/v1/sessions/%ZZ'],
      ['PATCH', '/v1/sessions/%ZZ'],
      ['POST', '/v1/sessions/%E0%A4%A/cancel'],
      ['GET', '/v1/accounts/%ZZ'],
      ['POST', '/v1/jobs/%ZZ/retry'],
      ['GET', '/v1/campaigns/%ZZ/calendar.ics?key=x'],
    ])('%s %s → 400 validation_failed, with a token or without', async (method, path) => {
      for (const role of [null, 'admin'] as const) {
        const res = await app.call(method, path, { role, ...(method === 'GET' ? {} : { body: {} }) });
        expect(res.status).toBeLessThan(500);
        if (role === 'admin') expectError(res, 400, 'validation_failed');
      }
    });

    it.each(['/v1/sessions', '/v1/sessions/preview', '/ops/login'])('answers a gzip body that is not gzip on %s with 400 invalid_json', async (path) => {
      const res = await fetch(`${app.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-encoding': 'gzip', authorization: 'Bearer nope' },
        body: '{"title":"not gzip at all"}',
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_json');
    });
  });

  describe('7. hook URLs in IPv6 forms that embed the metadata address', () => {
    it.each([
      'http://[::169.254.169.254]/',
      'http://[::ffff:0:a9fe:a9fe]/',
      'http://[64:ff9b::169.254.169.254]/',
      'http://[2002:a9fe:a9fe::]/',
    ])('refuses %s at create, storing nothing', async (url) => {
      const before = await sessionCount();
      const res = await post(aSession({ notify: [{ type: 'webhook', url, secret: 'hook-secret-123' }] }));
      expectError(res, 400, 'validation_failed');
      expect(detailPaths(res)).toEqual(['notify.0.url']);
      expect(await sessionCount()).toBe(before);
    });
  });

  describe('10. text fields with invisible or deceptive characters', () => {
    it.each([
      ['a C1 control (U+0085)', { title: 'Phiên\u0085live' }, 'title'],
      ['a lone surrogate', { title: 'Phiên \ud800 live' }, 'title'],
      ['a bidi override (U+202E)', { title: 'Giá \u202E000.081' }, 'title'],
      ['a title of only zero-width characters', { title: '\u200B\u200C\u200D\uFEFF' }, 'title'],
      ['a C1 control in the description', { description: 'dòng 1\u009Bdòng 2' }, 'description'],
    ])('refuses %s with validation_failed', async (_what, fields, path) => {
      const res = await post(aSession(fields));
      expectError(res, 400, 'validation_failed');
      expect(detailPaths(res)).toEqual([path]);
      expect(typeof res.body.error.details[0].message).toBe('string');
    });

    it('still takes Vietnamese text with tones, emoji and a newline in the description', async () => {
      const res = await post(aSession({ title: 'Mực khô Hội An 🦑 – giảm 20%', description: 'Dòng 1\nDòng 2 ✓' }));
      expect(res.status).toBe(201);
    });
  });

  describe('12. the job dashboard gives ops what api.md lists, and no more', () => {
    const dash = (method: string, path: string, role: 'ops' | 'admin' | 'viewer') => app.call(method, `/admin/queues/api/queues${path}`, { role, body: method === 'GET' ? undefined : {} });

    it.each([
      ['POST', '/facebook/add'],
      ['PUT', '/facebook/empty'],
      ['PUT', '/facebook/obliterate'],
      ['PATCH', '/facebook/some-job/update-data'],
      ['PATCH', '/facebook/some-job/delay'],
      ['PUT', '/facebook/concurrency'],
      ['PUT', '/facebook/rate-limit'],
    ])('refuses ops %s %s with 403 (admin only)', async (method, path) => {
      const res = await dash(method, path, 'ops');
      expectError(res, 403, 'forbidden');
      expect(res.body.error.message).toMatch(/only admins/);
    });

    it('keeps retry, promote, clean, pause and resume for ops, and audits them by principal', async () => {
      for (const [method, path] of [['PUT', '/facebook/retry/failed'], ['PUT', '/facebook/promote'], ['PUT', '/facebook/clean/completed'], ['PUT', '/facebook/pause'], ['PUT', '/facebook/resume']] as const) {
        expect([method, path, (await dash(method, path, 'ops')).status]).toEqual([method, path, 200]);
      }
      const audit = (await app.call('GET', '/v1/audit?limit=20', { role: 'admin' })).body.items as { action: string; principal: string; details: { action: string } }[];
      const actions = audit.filter((e) => e.action === 'dashboard.action').map((e) => e.details.action);
      expect(actions).toEqual(expect.arrayContaining(['PUT queues/facebook/pause', 'PUT queues/facebook/resume', 'PUT queues/facebook/clean/completed']));
      expect(audit.find((e) => e.action === 'dashboard.action')?.principal).toMatch(/^ops:/);
    });

    it('lets an admin empty a queue, and no viewer read the Redis server statistics', async () => {
      expect((await dash('PUT', '/notify/empty', 'admin')).status).toBe(200);
      expectError(await app.call('GET', '/admin/queues/api/redis/stats', { role: 'viewer' }), 403, 'forbidden');
      expect((await app.call('GET', '/admin/queues/api/redis/stats', { role: 'ops' })).status).toBe(200);
    });
  });

  describe('13. headers: a Content-Security-Policy everywhere, no X-Powered-By', () => {
    it.each(['/v1/sessions', '/admin/queues/api/queues', '/admin/queues'])('GET %s', async (path) => {
      const res = await fetch(`${app.url}${path}`, { headers: { authorization: `Bearer ${TEST_TOKENS.ops}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-powered-by')).toBeNull();
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
    });
  });
});
