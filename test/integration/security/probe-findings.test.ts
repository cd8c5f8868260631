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
