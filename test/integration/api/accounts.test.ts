import { uniquePrefix, useTestApp } from '../../support/app';
import { DAY_MS, aSession, detailPaths, expectError, isoIn } from './builders';

describe('platform accounts (admin)', () => {
  const app = useTestApp({ accounts: true });
  const secret = `EAAG-secret-${uniquePrefix()}`;
  const refresh = `refresh-secret-${uniquePrefix()}`;

  const anAccount = (overrides: Record<string, unknown> = {}) => ({
    platform: 'facebook',
    name: 'Fanpage Chợ Hàn',
    externalId: '100000000000777',
    credentials: { accessToken: secret, refreshToken: refresh, expiresAt: new Date(Date.now() + 30 * DAY_MS).toISOString() },
    ...overrides,
  });

  it('creates with a given id → 201 {id, platform, name, externalId, tokenStatus}, never the credentials', async () => {
    const res = await app.call('POST', '/v1/accounts', { body: anAccount({ id: 'fb-cho-han' }) });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id: 'fb-cho-han', platform: 'facebook', name: 'Fanpage Chợ Hàn', externalId: '100000000000777', tokenStatus: 'valid' });
    expect(res.body).not.toHaveProperty('credentials');
    const raw = JSON.stringify(res.body);
    expect(raw).not.toContain(secret);
    expect(raw).not.toContain(refresh);
  });

  it('creates without an id → an acc_… id; the token status follows the expiry', async () => {
    const res = await app.call('POST', '/v1/accounts', { body: anAccount({ platform: 'tiktok', credentials: { accessToken: `${secret}-tt` } }) });
    expect(res.status).toBe(201);
    expect(res.body.id).toMatch(/^acc_[a-z0-9]+$/);
    expect(res.body.platform).toBe('tiktok');
    expect(['valid', 'expiring', 'expired', 'unknown']).toContain(res.body.tokenStatus);
    expect(res.body.tokenStatus).toBe('unknown');
    expect(JSON.stringify(res.body)).not.toContain(secret);

    const expired = await app.call('POST', '/v1/accounts', { body: anAccount({ credentials: { accessToken: `${secret}-old`, expiresAt: new Date(Date.now() - DAY_MS).toISOString() } }) });
    expect(expired.status).toBe(201);
    expect(expired.body.tokenStatus).toBe('expired');
  });

  it('lists and reads accounts without credentials; an unknown id is 404', async () => {
    const list = await app.call('GET', '/v1/accounts');
    expect(list.status).toBe(200);
    const ids = list.body.items.map((a: any) => a.id);
    expect(ids).toEqual(expect.arrayContaining(['fb-cho-con', 'yt-sct', 'tt-cho-con', 'fb-cho-han']));
    const one = await app.call('GET', '/v1/accounts/fb-cho-han');
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: 'fb-cho-han', platform: 'facebook', tokenStatus: 'valid' });
    for (const raw of [JSON.stringify(list.body), JSON.stringify(one.body)]) {
      expect(raw).not.toContain(secret);
      expect(raw).not.toContain(refresh);
      expect(raw).not.toContain('accessToken');
    }
    expectError(await app.call('GET', '/v1/accounts/nope'), 404, 'not_found');
    expectError(await app.call('DELETE', '/v1/accounts/nope'), 404, 'not_found');
  });

  it('stores the credentials encrypted, not in plaintext', async () => {
    const stored = await app.deps.redis.hgetall(`{${app.prefix}}:acct:fb-cho-han`);
    expect(Object.keys(stored).length).toBeGreaterThan(0);
    const raw = JSON.stringify(stored);
    expect(raw).not.toContain(secret);
    expect(raw).not.toContain(refresh);
    expect(raw).not.toContain('accessToken');
  });

  it('refuses a second account with a taken id, a bad id, a bad platform and unknown fields', async () => {
    const taken = await app.call('POST', '/v1/accounts', { body: anAccount({ id: 'fb-cho-han' }) });
    expectError(taken, 400, 'validation_failed');
    expect(detailPaths(taken)).toEqual(['id']);
    const badId = await app.call('POST', '/v1/accounts', { body: anAccount({ id: 'Bad Id!' }) });
    expectError(badId, 400, 'validation_failed');
    expect(detailPaths(badId)).toEqual(['id']);
    const platform = await app.call('POST', '/v1/accounts', { body: anAccount({ platform: 'zalo' }) });
    expectError(platform, 400, 'validation_failed');
    expect(detailPaths(platform)).toEqual(['platform']);
    const unknown = await app.call('POST', '/v1/accounts', { body: anAccount({ credentials: { accessToken: secret, password: 'x' } }) });
    expectError(unknown, 400, 'validation_failed');
    expect(detailPaths(unknown)).toEqual(['credentials.password']);
    expect(JSON.stringify(unknown.body)).not.toContain(secret);
  });

  it('is admin only: organizer, ops and viewer get 403', async () => {
    for (const role of ['organizer', 'ops', 'viewer'] as const) {
      expectError(await app.call('GET', '/v1/accounts', { role }), 403, 'forbidden');
      expectError(await app.call('POST', '/v1/accounts', { role, body: anAccount() }), 403, 'forbidden');
      expectError(await app.call('GET', '/v1/accounts/fb-cho-con', { role }), 403, 'forbidden');
      expectError(await app.call('DELETE', '/v1/accounts/fb-cho-con', { role }), 403, 'forbidden');
    }
  });

  it('refuses DELETE with 422 invalid_state while a scheduled session targets the account, 204 once it is cancelled', async () => {
    expect((await app.call('POST', '/v1/accounts', { body: anAccount({ id: 'fb-doomed' }) })).status).toBe(201);
    const s = await app.call('POST', '/v1/sessions', { role: 'organizer', body: aSession({ startsAt: isoIn(9 * DAY_MS), targets: [{ platform: 'facebook', accountId: 'fb-doomed' }] }) });
    expect(s.status).toBe(201);
    const refused = await app.call('DELETE', '/v1/accounts/fb-doomed');
    expectError(refused, 422, 'invalid_state');
    expect((await app.call('GET', '/v1/accounts/fb-doomed')).status).toBe(200);

    expect((await app.call('POST', `/v1/sessions/${String(s.body.id)}/cancel`, { role: 'organizer' })).status).toBe(200);
    const deleted = await app.call('DELETE', '/v1/accounts/fb-doomed');
    expect(deleted.status).toBe(204);
    expect(deleted.body).toBeNull();
    expectError(await app.call('GET', '/v1/accounts/fb-doomed'), 404, 'not_found');
    const target = await app.call('POST', '/v1/sessions', { role: 'organizer', body: aSession({ targets: [{ platform: 'facebook', accountId: 'fb-doomed' }] }) });
    expectError(target, 400, 'validation_failed');
    expect(detailPaths(target)).toEqual(['targets.0.accountId']);
  });

  it('deletes an account no session targets with 204', async () => {
    expect((await app.call('POST', '/v1/accounts', { body: anAccount({ id: 'yt-unused', platform: 'youtube' }) })).status).toBe(201);
    expect((await app.call('DELETE', '/v1/accounts/yt-unused')).status).toBe(204);
    expect((await app.call('GET', '/v1/accounts')).body.items.map((a: any) => a.id)).not.toContain('yt-unused');
  });
});
