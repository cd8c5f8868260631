import { createOffsetClock, createSystemClock } from '../../../src/shared/clock';
import { startTestApp, TEST_TOKENS } from '../../support/app';
import type { TestApp } from '../../support/app';
import { connect, followCallback, sandboxCalls, startAndConsent } from './helpers';

const SECOND_ADMIN = 'second-admin-token-0123456789';

describe('connection rules: the state, roles, reconnects and token health', () => {
  let app: TestApp;
  let offsetMs = 0;

  beforeAll(async () => {
    const tokens = [...Object.entries(TEST_TOKENS).map(([role, token]) => `${role}:${token}`), `admin:${SECOND_ADMIN}`].join(',');
    app = await startTestApp({ LIVECUE_TOKENS: tokens }, 'api', { clock: createOffsetClock(createSystemClock(), () => offsetMs) });
  });
  afterAll(async () => {
    await app.stop();
  });
  afterEach(() => {
    offsetMs = 0;
  });

  it('refuses a replayed state and keeps what the first callback stored', async () => {
    const run = await startAndConsent(app, 'facebook');
    expect((await followCallback(run.callbackUrl)).location.searchParams.get('error')).toBeNull();
    const before = (await app.call('GET', `/v1/connections/${run.connectionId}`)).body;
    const replay = await followCallback(run.callbackUrl);
    expect(replay.status).toBe(302);
    expect(replay.location.searchParams.get('error')).toBe('invalid_state');
    expect((await app.call('GET', `/v1/connections/${run.connectionId}`)).body).toEqual(before);
  });

  it('refuses a state older than 10 minutes (Clock) without exchanging the code', async () => {
    const run = await startAndConsent(app, 'facebook');
    const code = new URL(run.callbackUrl).searchParams.get('code');
    offsetMs = 10 * 60_000 + 1000;
    const back = await followCallback(run.callbackUrl);
    expect(`${back.location.pathname}${back.location.search}`).toBe(`/console/accounts?connection=${run.connectionId}&error=invalid_state`);
    expect((await app.call('GET', `/v1/connections/${run.connectionId}`)).body).toMatchObject({ status: 'pending', candidates: [] });
    expect((await sandboxCalls(app, '/v23.0/oauth/access_token')).some((c) => c.query.code === code)).toBe(false);
  });

  it('refuses a state brought back by another admin, and the one who started it can still finish', async () => {
    const run = await startAndConsent(app, 'facebook');
    const foreign = await followCallback(run.callbackUrl, { authorization: `Bearer ${SECOND_ADMIN}` });
    expect(foreign.location.searchParams.get('error')).toBe('invalid_state');
    expect((await app.call('GET', `/v1/connections/${run.connectionId}`)).body.status).toBe('pending');
    const own = await followCallback(run.callbackUrl, { authorization: `Bearer ${TEST_TOKENS.admin}` });
    expect(own.location.searchParams.get('error')).toBeNull();
    expect((await app.call('GET', `/v1/connections/${run.connectionId}`)).body.status).toBe('authorized');
  });

  it('refuses an unknown state and a missing one, sending the browser to the accounts page', async () => {
    for (const query of ['?state=nope&code=x', '?code=x']) {
      const back = await followCallback(`${app.url}/v1/connections/callback/facebook${query}`);
      expect(`${back.location.pathname}${back.location.search}`).toBe('/console/accounts?error=invalid_state');
    }
  });

  it('lets only admins start, read and finish connections; the callback needs no token', async () => {
    const connection = await connect(app, 'facebook');
    for (const role of ['organizer', 'ops', 'viewer'] as const) {
      expect((await app.call('POST', '/v1/connections', { role, body: { platform: 'facebook' } })).body.error.code).toBe('forbidden');
      expect((await app.call('GET', `/v1/connections/${connection.id}`, { role })).status).toBe(403);
      expect((await app.call('POST', `/v1/connections/${connection.id}/accounts`, { role, body: { externalIds: ['100000000000001'] } })).status).toBe(403);
    }
    expect((await app.call('POST', '/v1/connections', { role: null, body: { platform: 'facebook' } })).status).toBe(401);
    expect((await app.call('GET', `/v1/connections/${connection.id}`)).body.status).toBe('authorized');
  });

  it('validates the start and the choice', async () => {
    const bad = await app.call('POST', '/v1/connections', { body: { platform: 'myspace', returnTo: '//evil.example/x', extra: 1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['extra', 'platform', 'returnTo']);
    const connection = await connect(app, 'facebook');
    const unknown = await app.call('POST', `/v1/connections/${connection.id}/accounts`, { body: { externalIds: ['100000000000001', '999'] } });
    expect(unknown.body.error).toMatchObject({ code: 'validation_failed', details: [{ path: 'externalIds.1', message: expect.stringContaining("'999'") }] });
    expect((await app.call('GET', '/v1/accounts')).body.items.filter((a: { externalId: string }) => a.externalId === '100000000000001')).toHaveLength(0);
    const pending = await app.call('POST', '/v1/connections', { body: { platform: 'tiktok' } });
    expect((await app.call('POST', `/v1/connections/${pending.body.id}/accounts`, { body: { externalIds: ['x'] } })).body.error.code).toBe('invalid_state');
    expect((await app.call('POST', '/v1/connections/con_nope/accounts', { body: { externalIds: ['x'] } })).status).toBe(404);
  });

  it('uses a connection once', async () => {
    const connection = await connect(app, 'facebook');
    const first = await app.call('POST', `/v1/connections/${connection.id}/accounts`, { body: { externalIds: ['100000000000001'] } });
    expect(first.status).toBe(201);
    const again = await app.call('POST', `/v1/connections/${connection.id}/accounts`, { body: { externalIds: ['100000000000001'] } });
    expect(again).toMatchObject({ status: 400, body: { error: { code: 'invalid_token' } } });
  });

  it('reconnects a flagged account in place (same id, new credentials, flag cleared) after the watchdog named the way', async () => {
    const registered = await app.call('POST', '/v1/accounts', { body: { platform: 'facebook', name: 'Fanpage Chợ Cồn', externalId: '100000000000002', credentials: { accessToken: 'old-page-token-1' } } });
    const id = registered.body.id as string;
    await app.deps.accounts.setTokenStatus(id, 'invalid', "the Page token of 'Fanpage Chợ Cồn' was revoked");
    expect((await app.call('GET', `/v1/accounts/${id}`)).body).toMatchObject({ tokenStatus: 'invalid', reconnect: true });
    const alerts = await app.deps.watchdog.check(app.deps);
    expect(alerts.find((a) => a.subject === id)?.data).toMatchObject({ reconnect: true, reconnectPath: '/console/accounts', reconnectRequest: { method: 'POST', path: '/v1/connections', body: { platform: 'facebook' } } });

    const connection = await connect(app, 'facebook');
    expect(connection.candidates.find((c: { externalId: string }) => c.externalId === '100000000000002').accountId).toBe(id);
    const added = await app.call('POST', `/v1/connections/${connection.id}/accounts`, { body: { externalIds: ['100000000000002'] } });
    expect(added.body.accounts).toEqual([expect.objectContaining({ id, tokenStatus: 'unknown', tokenStatusReason: null, reconnect: false, name: 'Chợ Cồn Đà Nẵng (sandbox)' })]);
    expect((await app.deps.accounts.credentials(id))?.accessToken).not.toBe('old-page-token-1');
    expect((await app.call('GET', '/v1/accounts')).body.items.filter((a: { externalId: string }) => a.externalId === '100000000000002')).toHaveLength(1);
  });

  it('a TikTok reconnect replaces the refresh token: a refresh still based on the old one is refused', async () => {
    const registered = await app.call('POST', '/v1/accounts', { body: { platform: 'tiktok', name: 'TikTok Chợ Cồn', externalId: 'tt-sandbox-cho-con', credentials: { accessToken: 'old-access-123', refreshToken: 'old-refresh-123' } } });
    const id = registered.body.id as string;
    const before = (await app.deps.accounts.getMany([id])).get(id)?.credentialsVersion ?? -1;
    const connection = await connect(app, 'tiktok');
    expect(connection.candidates[0].accountId).toBe(id);
    await app.call('POST', `/v1/connections/${connection.id}/accounts`, { body: { externalIds: ['tt-sandbox-cho-con'] } });
    const fresh = await app.deps.accounts.credentials(id);
    expect(fresh?.refreshToken).toMatch(/^ti-refresh-/);
    await expect(app.deps.accounts.saveCredentials(id, { accessToken: 'late-access-1', refreshToken: 'late-refresh-1' }, before)).rejects.toThrow('rotated by another process');
    expect((await app.deps.accounts.credentials(id))?.refreshToken).toBe(fresh?.refreshToken);
  });

  it('asks for a reconnect when a refresh token ends within 7 days', async () => {
    const body = (days: number) => ({ platform: 'tiktok', name: `TikTok ${days}d`, externalId: `tt-${days}`, credentials: { accessToken: 'a-token-123', refreshToken: 'r-token-123', refreshExpiresAt: new Date(Date.now() + days * 86_400_000).toISOString() } });
    expect((await app.call('POST', '/v1/accounts', { body: body(6) })).body.reconnect).toBe(true);
    expect((await app.call('POST', '/v1/accounts', { body: body(8) })).body.reconnect).toBe(false);
  });
});

describe('connections without app credentials (PLATFORM_MODE=live)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ PLATFORM_MODE: 'live', TIKTOK_CLIENT_KEY: 'live-key-1', TIKTOK_CLIENT_SECRET: 'live-secret-1', LIVECUE_PUBLIC_URL: 'https://livecue.example.vn/' }, 'api');
  });
  afterAll(async () => {
    await app.stop();
  });

  it('answers 422 not_configured naming the variables, and builds redirect URIs from LIVECUE_PUBLIC_URL', async () => {
    const facebook = await app.call('POST', '/v1/connections', { body: { platform: 'facebook' } });
    expect(facebook).toMatchObject({ status: 422, body: { error: { code: 'not_configured', message: expect.stringContaining('FACEBOOK_APP_ID and FACEBOOK_APP_SECRET') } } });
    expect((await app.call('POST', '/v1/connections', { body: { platform: 'youtube' } })).body.error.code).toBe('not_configured');
    const tiktok = await app.call('POST', '/v1/connections', { body: { platform: 'tiktok' } });
    expect(tiktok.status).toBe(201);
    const url = new URL(tiktok.body.authorizeUrl);
    expect(`${url.origin}${url.pathname}`).toBe('https://www.tiktok.com/v2/auth/authorize/');
    expect(url.searchParams.get('redirect_uri')).toBe('https://livecue.example.vn/v1/connections/callback/tiktok');
  });
});
