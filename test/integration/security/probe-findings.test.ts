/**
 * The findings of the security probe (issue "What a security probe found"), one block per finding,
 * each over HTTP against a running API with real Redis. Every block failed on the code before its fix.
 */
import { registerAccounts, startTestApp } from '../../support/app';
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
});
