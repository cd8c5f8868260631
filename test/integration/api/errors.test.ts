import { useTestApp } from '../../support/app';
import { HOUR_MS, MINUTE_MS, aSession, aStageId, detailPaths, expectError, isoIn } from './builders';

describe('error answers of the session API', () => {
  const app = useTestApp({ accounts: true });

  const post = (body: unknown, headers: Record<string, string> = {}) => app.call('POST', '/v1/sessions', { role: 'organizer', body, headers });
  const countOnStage = async (stageId: string): Promise<number> => (await app.call('GET', `/v1/sessions?stageId=${stageId}`, { role: 'viewer' })).body.items.length;

  /** 400 validation_failed whose details name exactly `paths` (each with a message). */
  const expectInvalid = async (body: unknown, paths: string[]): Promise<void> => {
    const res = await post(body);
    expectError(res, 400, 'validation_failed');
    expect(detailPaths(res).sort()).toEqual([...paths].sort());
    for (const d of res.body.error.details) expect(typeof d.message).toBe('string');
  };

  describe('validation_failed (400) with details', () => {
    it('names an unknown field', async () => {
      await expectInvalid({ ...aSession(), titel: 'typo' }, ['titel']);
      await expectInvalid(aSession({ targets: [{ platform: 'facebook', accountId: 'fb-cho-con', annouce: false }] }), ['targets.0.annouce']);
    });
    it('requires a title, 1–200 chars after trimming', async () => {
      await expectInvalid(aSession({ title: undefined }), ['title']);
      await expectInvalid(aSession({ title: '   ' }), ['title']);
      await expectInvalid(aSession({ title: 'x'.repeat(201) }), ['title']);
    });
    it('refuses control characters in a title (but allows newline and tab in description)', async () => {
      await expectInvalid(aSession({ title: 'Phiên\u0007live' }), ['title']);
      await expectInvalid(aSession({ title: 'Phiên\nlive' }), ['title']);
      await expectInvalid(aSession({ description: 'ok\u0000no' }), ['description']);
      expect((await post(aSession({ description: 'dòng 1\n\tdòng 2' }))).status).toBe(201);
    });
    it('refuses an unknown time zone', async () => {
      await expectInvalid(aSession({ timezone: 'Asia/Da_Nang' }), ['timezone']);
    });
    it('refuses a startsAt that is not ISO 8601', async () => {
      await expectInvalid(aSession({ startsAt: '07/06/2030 19:00' }), ['startsAt']);
      await expectInvalid(aSession({ startsAt: '2030-02-30T19:00:00+07:00' }), ['startsAt']);
      await expectInvalid(aSession({ startsAt: 1_900_000_000_000 }), ['startsAt']);
    });
    it('wants exactly one of endsAt and durationMinutes', async () => {
      const startsAt = isoIn(10 * 24 * HOUR_MS);
      await expectInvalid(aSession({ startsAt, endsAt: new Date(Date.parse(startsAt) + HOUR_MS).toISOString(), durationMinutes: 60 }), ['durationMinutes']);
      await expectInvalid(aSession({ durationMinutes: undefined }), ['endsAt']);
      await expectInvalid(aSession({ durationMinutes: 0 }), ['durationMinutes']);
      await expectInvalid(aSession({ durationMinutes: 1.5 }), ['durationMinutes']);
    });
    it('wants the end after the start and a session of at most 24 h', async () => {
      const startsAt = isoIn(10 * 24 * HOUR_MS);
      await expectInvalid(aSession({ startsAt, durationMinutes: undefined, endsAt: new Date(Date.parse(startsAt) - MINUTE_MS).toISOString() }), ['endsAt']);
      await expectInvalid(aSession({ startsAt, durationMinutes: undefined, endsAt: startsAt }), ['endsAt']);
      await expectInvalid(aSession({ startsAt, durationMinutes: undefined, endsAt: new Date(Date.parse(startsAt) + 24 * HOUR_MS + MINUTE_MS).toISOString() }), ['endsAt']);
      await expectInvalid(aSession({ durationMinutes: 1441 }), ['durationMinutes']);
      expect((await post(aSession({ durationMinutes: 1440 }))).status).toBe(201);
    });
    it('refuses a bad target platform at targets.0.platform and an empty target list', async () => {
      const res = await post(aSession({ targets: [{ platform: 'zalo', accountId: 'fb-cho-con' }] }));
      expectError(res, 400, 'validation_failed');
      expect(res.body.error.details).toEqual([{ path: 'targets.0.platform', message: 'expected facebook | tiktok | youtube' }]);
      await expectInvalid(aSession({ targets: [] }), ['targets']);
    });
    it('refuses an unknown account and an account of another platform', async () => {
      await expectInvalid(aSession({ targets: [{ platform: 'facebook', accountId: 'fb-nobody' }] }), ['targets.0.accountId']);
      await expectInvalid(aSession({ targets: [{ platform: 'facebook', accountId: 'fb-cho-con' }, { platform: 'tiktok', accountId: 'yt-sct' }] }), ['targets.1.accountId']);
    });
    it('refuses offsets that are not positive ISO 8601 durations', async () => {
      await expectInvalid(aSession({ announceOffsets: ['P1D', '-PT1H'] }), ['announceOffsets.1']);
      await expectInvalid(aSession({ announceOffsets: ['1 hour'] }), ['announceOffsets.0']);
      await expectInvalid(aSession({ reminderOffsets: ['PT0S'] }), ['reminderOffsets.0']);
      await expectInvalid(aSession({ reminderOffsets: 'PT10M' }), ['reminderOffsets']);
    });
    it('refuses a notify hook that is not an http(s) URL', async () => {
      await expectInvalid(aSession({ notify: [{ type: 'webhook', url: 'ftp://hooks.example.vn/x', secret: 'hook-secret-1' }] }), ['notify.0.url']);
      await expectInvalid(aSession({ notify: [{ type: 'webhook', url: 'not a url', secret: 'hook-secret-1' }] }), ['notify.0.url']);
    });
    it('reports every failing field at once', async () => {
      await expectInvalid({ ...aSession({ title: '', timezone: 'Nowhere/Zone', targets: [{ platform: 'zalo', accountId: 'x' }] }), extra: 1 }, ['title', 'timezone', 'targets.0.platform', 'extra']);
    });
    it('refuses a __proto__ or constructor key and leaves Object.prototype alone', async () => {
      const stageId = aStageId();
      const body = JSON.stringify(aSession({ stageId })).replace(/^\{/, '{"__proto__":{"polluted":"yes","isAdmin":true},');
      const res = await post(body);
      expectError(res, 400, 'validation_failed');
      expect(detailPaths(res)).toEqual(['__proto__']);
      const nested = JSON.stringify(aSession({ stageId })).replace('"platform":"facebook"', '"__proto__":{"polluted":"yes"},"platform":"facebook"');
      const nestedRes = await post(nested);
      expectError(nestedRes, 400, 'validation_failed');
      expect(detailPaths(nestedRes)).toEqual(['targets.0.__proto__']);
      await expectInvalid({ ...aSession({ stageId }), constructor: { prototype: { polluted: 'yes' } } }, ['constructor']);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
      expect(Object.prototype).not.toHaveProperty('polluted');
      expect(await countOnStage(stageId)).toBe(0);
    });
    it('refuses a body that is not an object', async () => {
      expectError(await post([aSession()]), 400, 'validation_failed');
      expectError(await post('"just a string"'), 400, 'validation_failed');
    });
  });

  it('answers 400 invalid_json for a broken body', async () => {
    expectError(await post('{"title": "unterminated'), 400, 'invalid_json');
    expectError(await post("{'title': 'single quotes'}"), 400, 'invalid_json');
  });

  it('answers 415 unsupported_media_type for a body that is not JSON', async () => {
    const res = await post('title=Phiên', { 'content-type': 'text/plain' });
    expectError(res, 415, 'unsupported_media_type');
    expectError(await post(JSON.stringify(aSession()), { 'content-type': 'application/x-www-form-urlencoded' }), 415, 'unsupported_media_type');
    expect((await post(JSON.stringify(aSession()), { 'content-type': 'application/json; charset=utf-8' })).status).toBe(201);
  });

  it('answers 413 payload_too_large for a body over 1 MiB', async () => {
    const res = await post(aSession({ description: 'x'.repeat(1024 * 1024 + 10) }));
    expectError(res, 413, 'payload_too_large');
    expect((await post(aSession({ description: 'x'.repeat(5000) }))).status).toBe(201);
  });

  it('answers 422 starts_in_past for a start that is not in the future', async () => {
    const res = await post(aSession({ startsAt: isoIn(-5 * MINUTE_MS) }));
    expectError(res, 422, 'starts_in_past');
  });

  it('answers 404 not_found for an unknown id and an unknown route', async () => {
    expectError(await app.call('GET', '/v1/sessions/ses_0000000000', { role: 'viewer' }), 404, 'not_found');
    expectError(await app.call('GET', '/v1/no-such-thing', { role: 'viewer' }), 404, 'not_found');
    expectError(await app.call('DELETE', '/v1/sessions/whatever', { role: 'admin' }), 404, 'not_found');
    expectError(await app.call('GET', '/v2/sessions', { role: 'viewer' }), 404, 'not_found');
  });
});
