import { registerAccounts, startTestApp } from '../../support/app';
import type { TestApp } from '../../support/app';
import { HOUR_MS, aSession, expectError, isoIn } from './builders';

describe('auth: bearer tokens and roles', () => {
  let app: TestApp;
  let sessionId: string;
  let skippedJobId: string;

  beforeAll(async () => {
    app = await startTestApp();
    await registerAccounts(app);
    // Starts in 3 h: its P1D promo is already past, so it is recorded as skipped (retryable by ops).
    const res = await app.call('POST', '/v1/sessions', { role: 'organizer', body: aSession({ startsAt: isoIn(3 * HOUR_MS), targets: [{ platform: 'tiktok', accountId: 'tt-cho-con' }], announceOffsets: ['P1D'] }) });
    if (res.status !== 201) throw new Error(`setup: ${res.status} ${JSON.stringify(res.body)}`);
    sessionId = res.body.id;
    skippedJobId = res.body.jobs.find((j: any) => j.state === 'skipped').id;
  });
  afterAll(async () => {
    await app.stop();
  });

  it('answers 401 unauthorized without a token, with an unknown token and with a malformed header', async () => {
    const none = await app.call('GET', '/v1/sessions', { role: null });
    expectError(none, 401, 'unauthorized');
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expectError(await app.call('GET', '/v1/sessions', { role: null, headers: { authorization: 'Bearer not-a-known-token' } }), 401, 'unauthorized');
    expectError(await app.call('GET', '/v1/sessions', { role: null, headers: { authorization: 'Basic dXNlcjpwYXNz' } }), 401, 'unauthorized');
    expectError(await app.call('POST', '/v1/sessions', { role: null, body: aSession() }), 401, 'unauthorized');
  });

  it('lets a viewer read but not create, update or cancel (403 forbidden)', async () => {
    expect((await app.call('GET', '/v1/sessions', { role: 'viewer' })).status).toBe(200);
    expect((await app.call('GET', `/v1/sessions/${sessionId}`, { role: 'viewer' })).status).toBe(200);
    expect((await app.call('GET', '/v1/jobs', { role: 'viewer' })).status).toBe(200);
    expect((await app.call('GET', '/v1/stats', { role: 'viewer' })).status).toBe(200);
    expectError(await app.call('POST', '/v1/sessions', { role: 'viewer', body: aSession() }), 403, 'forbidden');
    expectError(await app.call('PATCH', `/v1/sessions/${sessionId}`, { role: 'viewer', body: { title: 'x' } }), 403, 'forbidden');
    expectError(await app.call('POST', `/v1/sessions/${sessionId}/cancel`, { role: 'viewer' }), 403, 'forbidden');
    expectError(await app.call('POST', `/v1/jobs/${skippedJobId}/retry`, { role: 'viewer' }), 403, 'forbidden');
    expectError(await app.call('GET', '/v1/sandbox', { role: 'viewer' }), 403, 'forbidden');
  });

  it('lets an organizer create sessions but not act on jobs or accounts', async () => {
    const created = await app.call('POST', '/v1/sessions', { role: 'organizer', body: aSession() });
    expect(created.status).toBe(201);
    expectError(await app.call('POST', `/v1/jobs/${skippedJobId}/retry`, { role: 'organizer' }), 403, 'forbidden');
    expectError(await app.call('GET', '/v1/accounts', { role: 'organizer' }), 403, 'forbidden');
  });

  it('lets ops retry a job but not create or change sessions', async () => {
    expectError(await app.call('POST', '/v1/sessions', { role: 'ops', body: aSession() }), 403, 'forbidden');
    expectError(await app.call('PATCH', `/v1/sessions/${sessionId}`, { role: 'ops', body: { title: 'x' } }), 403, 'forbidden');
    expect((await app.call('GET', `/v1/sessions/${sessionId}`, { role: 'ops' })).status).toBe(200);
    const retried = await app.call('POST', `/v1/jobs/${skippedJobId}/retry`, { role: 'ops' });
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ id: skippedJobId, sessionId, kind: 'announce' });
    expectError(await app.call('POST', '/v1/jobs/ses_nope__go-live/retry', { role: 'ops' }), 404, 'not_found');
    const pending = (await app.call('GET', `/v1/sessions/${sessionId}`, { role: 'ops' })).body.jobs.find((j: any) => j.kind === 'go-live');
    expectError(await app.call('POST', `/v1/jobs/${String(pending.id)}/retry`, { role: 'ops' }), 422, 'invalid_state');
  });

  it('lets admin do everything', async () => {
    const created = await app.call('POST', '/v1/sessions', { role: 'admin', body: aSession() });
    expect(created.status).toBe(201);
    const id = String(created.body.id);
    expect((await app.call('PATCH', `/v1/sessions/${id}`, { role: 'admin', body: { title: 'Admin sửa' } })).status).toBe(200);
    expect((await app.call('POST', `/v1/sessions/${id}/cancel`, { role: 'admin' })).status).toBe(200);
    expect((await app.call('GET', '/v1/accounts', { role: 'admin' })).status).toBe(200);
    expect((await app.call('GET', '/v1/sandbox', { role: 'admin' })).status).toBe(200);
    expect((await app.call('GET', '/v1/stats', { role: 'admin' })).status).toBe(200);
    expect((await app.call('POST', '/v1/sessions/preview', { role: 'admin', body: aSession() })).status).toBe(200);
  });

  it('gives every error response the shape {error: {code, message}}', async () => {
    const answers = await Promise.all([
      app.call('GET', '/v1/sessions', { role: null }),
      app.call('POST', '/v1/sessions', { role: 'viewer', body: aSession() }),
      app.call('GET', '/v1/sessions/ses_missing', { role: 'viewer' }),
      app.call('GET', '/v1/nothing-here', { role: 'viewer' }),
      app.call('POST', '/v1/sessions', { role: 'organizer', body: { title: '' } }),
      app.call('POST', '/v1/sessions', { role: 'organizer', body: '{"title":' }),
      app.call('PATCH', `/v1/sessions/${sessionId}`, { role: 'organizer', body: { title: 'x' }, headers: { 'if-match': '99' } }),
    ]);
    for (const res of answers) {
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(Object.keys(res.body)).toEqual(['error']);
      expect(res.body.error).toEqual(expect.objectContaining({ code: expect.stringMatching(/^[a-z_]+$/), message: expect.any(String) }));
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    }
  });
});
