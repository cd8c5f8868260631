import { useTestApp } from '../../support/app';
import { addFault, connect, followCallback, sandboxCalls, startAndConsent } from './helpers';

describe('connecting a TikTok creator (Login Kit v2) and a YouTube channel (Google OAuth) through the sandbox', () => {
  const app = useTestApp({ mode: 'api' });
  afterEach(async () => {
    await fetch(`${app.sandboxUrl}/__sandbox/faults`, { method: 'DELETE' });
  });

  it('tiktok: authorizes with the client key and scopes, reads the creator and its privacy options', async () => {
    const started = await app.call('POST', '/v1/connections', { body: { platform: 'tiktok', returnTo: '/console/accounts?tab=tiktok' } });
    const url = new URL(started.body.authorizeUrl);
    expect(`${url.origin}${url.pathname}`).toBe(`${app.sandboxUrl}/v2/auth/authorize/`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ client_key: 'sandbox-client-key', scope: 'user.info.basic,video.publish', response_type: 'code', redirect_uri: `${app.url}/v1/connections/callback/tiktok` });

    url.searchParams.set('sandbox_decision', 'allow');
    const consent = await fetch(url, { redirect: 'manual' });
    const back = await followCallback(consent.headers.get('location') ?? '');
    expect(`${back.location.pathname}${back.location.search}`).toBe(`/console/accounts?tab=tiktok&connection=${started.body.id}`);
    const connection = (await app.call('GET', `/v1/connections/${started.body.id}`)).body;
    expect(connection.candidates).toEqual([
      expect.objectContaining({ externalId: 'tt-sandbox-cho-con', kind: 'creator', name: 'Chợ Cồn (sandbox) (@chocon.sandbox)', privacyLevelOptions: expect.arrayContaining(['SELF_ONLY']), live: { eligible: false, reason: expect.stringContaining('the host goes live in the app') } }),
    ]);
    const tokenCall = (await sandboxCalls(app, '/v2/oauth/token/')).at(-1);
    expect(tokenCall?.body).toMatchObject({ grant_type: 'authorization_code', client_key: 'sandbox-client-key', redirect_uri: `${app.url}/v1/connections/callback/tiktok`, code: expect.stringMatching(/^ti-code-/) });
    expect((await sandboxCalls(app, '/v2/post/publish/creator_info/query/')).length).toBeGreaterThan(0);

    const added = await app.call('POST', `/v1/connections/${started.body.id}/accounts`, { body: { externalIds: ['tt-sandbox-cho-con'] } });
    expect(added.status).toBe(201);
    const credentials = await app.deps.accounts.credentials(added.body.accounts[0].id);
    expect(credentials).toMatchObject({ accessToken: expect.stringMatching(/^ti-access-/), refreshToken: expect.stringMatching(/^ti-refresh-/), expiresAt: expect.any(String), refreshExpiresAt: expect.any(String) });
  });

  it('tiktok: a consent without video.publish names the scope', async () => {
    const run = await startAndConsent(app, 'tiktok', { editAuthorizeUrl: (url) => { url.searchParams.set('scope', 'user.info.basic'); } });
    const back = await followCallback(run.callbackUrl);
    expect(back.location.searchParams.get('error')).toBe('missing_permission');
    expect((await app.call('GET', `/v1/connections/${run.connectionId}`)).body.error.message).toContain("grant 'video.publish' when TikTok asks");
  });

  it('tiktok: a code TikTok refuses (invalid_grant) fails the connection', async () => {
    await addFault(app, { platform: 'tiktok', method: 'POST', match: '/v2/oauth/token/', status: 400, body: { error: 'invalid_grant', error_description: 'Authorization code is expired.', log_id: 'x' }, times: 1 });
    const run = await startAndConsent(app, 'tiktok');
    const back = await followCallback(run.callbackUrl);
    expect(back.location.searchParams.get('error')).toBe('invalid_grant');
    expect((await app.call('GET', `/v1/connections/${run.connectionId}`)).body).toMatchObject({ status: 'failed', error: { code: 'invalid_grant' } });
  });

  it('youtube: asks Google for offline access with consent, lists the channel as live-enabled, stores the refresh token', async () => {
    const started = await app.call('POST', '/v1/connections', { body: { platform: 'youtube' } });
    const url = new URL(started.body.authorizeUrl);
    expect(`${url.origin}${url.pathname}`).toBe(`${app.sandboxUrl}/o/oauth2/v2/auth`);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ access_type: 'offline', prompt: 'consent', scope: 'https://www.googleapis.com/auth/youtube', client_id: 'sandbox-client-id', response_type: 'code' });

    const connection = await connect(app, 'youtube');
    expect(connection.candidates).toEqual([expect.objectContaining({ externalId: expect.stringMatching(/^UC/), kind: 'channel', name: 'Sở Công Thương Đà Nẵng (sandbox)', live: { eligible: true } })]);
    const added = await app.call('POST', `/v1/connections/${connection.id}/accounts`, { body: { externalIds: [connection.candidates[0].externalId] } });
    expect(added.body.accounts[0]).toMatchObject({ platform: 'youtube', tokenStatus: 'valid', reconnect: false });
    expect(await app.deps.accounts.credentials(added.body.accounts[0].id)).toMatchObject({ accessToken: expect.stringMatching(/^yo-access-/), refreshToken: expect.stringMatching(/^yo-refresh-/) });
  });

  it('youtube: a channel without live streaming is a candidate that says how to enable it', async () => {
    await addFault(app, {
      platform: 'youtube', method: 'GET', match: '/youtube/v3/liveBroadcasts', status: 403, times: 1,
      body: { error: { code: 403, message: 'The user is not enabled for live streaming.', errors: [{ domain: 'youtube.liveBroadcast', reason: 'liveStreamingNotEnabled', message: 'The user is not enabled for live streaming.' }] } },
    });
    const connection = await connect(app, 'youtube');
    expect(connection.candidates[0].live).toEqual({ eligible: false, reason: expect.stringContaining('this channel has live streaming disabled: enable it in YouTube Studio') });
  });

  it('youtube: a token endpoint that fails is asked once (a code is good once) and says to try again', async () => {
    const before = (await sandboxCalls(app, '/token')).length;
    await addFault(app, { platform: 'youtube', method: 'POST', match: '/token', status: 503, body: { error: 'temporarily_unavailable' }, times: 3 });
    const run = await startAndConsent(app, 'youtube');
    expect((await followCallback(run.callbackUrl)).location.searchParams.get('error')).toBe('platform_unavailable');
    expect((await sandboxCalls(app, '/token')).length - before).toBe(1);
    expect((await app.call('GET', `/v1/connections/${run.connectionId}`)).body.error.message).toContain('Connect again in a few minutes');
  });

  it('youtube: a refused code and a denied consent fail the connection', async () => {
    await addFault(app, { platform: 'youtube', method: 'POST', match: '/token', status: 400, body: { error: 'invalid_grant', error_description: 'Malformed auth code.' }, times: 1 });
    const refused = await startAndConsent(app, 'youtube');
    expect((await followCallback(refused.callbackUrl)).location.searchParams.get('error')).toBe('invalid_grant');
    const denied = await startAndConsent(app, 'youtube', { decision: 'deny' });
    expect((await followCallback(denied.callbackUrl)).location.searchParams.get('error')).toBe('access_denied');
    expect((await app.call('GET', `/v1/connections/${denied.connectionId}`)).body).toMatchObject({ status: 'failed', error: { code: 'access_denied', message: expect.stringContaining('Connect YouTube again') } });
  });
});
