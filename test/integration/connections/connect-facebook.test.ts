import { useTestApp } from '../../support/app';
import { addFault, connect, followCallback, sandboxCalls, startAndConsent } from './helpers';

describe('connecting Facebook Pages through the Login dialog (sandbox)', () => {
  const app = useTestApp({ mode: 'api' });
  afterEach(async () => {
    await fetch(`${app.sandboxUrl}/__sandbox/faults`, { method: 'DELETE' });
  });

  it('starts with an authorize URL on the Login dialog naming the app, the scopes and the redirect URI', async () => {
    const res = await app.call('POST', '/v1/connections', { body: { platform: 'facebook' } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id: expect.stringMatching(/^con_/), platform: 'facebook', status: 'pending' });
    const url = new URL(res.body.authorizeUrl);
    expect(`${url.origin}${url.pathname}`).toBe(`${app.sandboxUrl}/v23.0/dialog/oauth`);
    expect(url.searchParams.get('client_id')).toBe('sandbox-app');
    expect(url.searchParams.get('redirect_uri')).toBe(`${app.url}/v1/connections/callback/facebook`);
    expect(url.searchParams.get('scope')?.split(',')).toEqual(['pages_show_list', 'pages_manage_posts', 'pages_read_engagement', 'publish_video']);
    expect(url.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{40,}$/);
  });

  it('exchanges the code for a long-lived user token and offers the pages with their live eligibility', async () => {
    const run = await startAndConsent(app, 'facebook');
    expect(new URL(run.callbackUrl).searchParams.get('code')).toBeTruthy();
    const back = await followCallback(run.callbackUrl);
    expect(back.status).toBe(302);
    expect(`${back.location.pathname}${back.location.search}`).toBe(`/console/accounts?connection=${run.connectionId}`);

    const connection = (await app.call('GET', `/v1/connections/${run.connectionId}`)).body;
    expect(connection).toMatchObject({ status: 'authorized', error: null });
    expect(connection.candidates).toEqual([
      expect.objectContaining({ externalId: '100000000000001', kind: 'page', live: { eligible: true }, accountId: null, pictureUrl: expect.any(String) }),
      expect.objectContaining({ externalId: '100000000000002', kind: 'page', live: { eligible: false, reason: expect.stringContaining('100 followers') }, accountId: null }),
    ]);
    const exchanges = await sandboxCalls(app, '/v23.0/oauth/access_token');
    expect(exchanges.slice(-2).map((c) => c.query.grant_type ?? 'code')).toEqual(['code', 'fb_exchange_token']);
    expect(JSON.stringify(connection)).not.toMatch(/fa-access-|access_token/);

    // The page tokens wait for the choice sealed in Redis, never in plain text.
    const state = (await (await fetch(`${app.sandboxUrl}/__sandbox/state`)).json()) as { tokens: { token: string; subject: string }[] };
    const pageToken = state.tokens.find((t) => t.subject === '100000000000001')?.token ?? 'missing';
    const stored = await app.deps.redis.hgetall(app.deps.keys.connection(run.connectionId));
    expect(stored.grants).toEqual(expect.any(String));
    expect(JSON.stringify(stored)).not.toContain(pageToken);
  });

  it('turns chosen pages into accounts holding their page tokens', async () => {
    const connection = await connect(app, 'facebook');
    const added = await app.call('POST', `/v1/connections/${connection.id}/accounts`, { body: { externalIds: ['100000000000001'] } });
    expect(added.status).toBe(201);
    expect(added.body.accounts).toEqual([expect.objectContaining({ id: expect.stringMatching(/^acc_/), platform: 'facebook', externalId: '100000000000001', name: 'Sở Công Thương Đà Nẵng (sandbox)', tokenStatus: 'unknown', reconnect: false })]);
    expect(JSON.stringify(added.body)).not.toContain('accessToken');

    const id = added.body.accounts[0].id as string;
    const stored = await app.deps.accounts.credentials(id);
    const state = (await (await fetch(`${app.sandboxUrl}/__sandbox/state`)).json()) as { tokens: { token: string; subject: string }[] };
    expect(state.tokens.find((t) => t.token === stored?.accessToken)?.subject).toBe('100000000000001');
    expect((await app.call('GET', `/v1/connections/${connection.id}`)).body).toMatchObject({ status: 'done', candidates: expect.arrayContaining([expect.objectContaining({ externalId: '100000000000001', accountId: id })]) });
  });

  it('names a permission the person switched off and stores nothing', async () => {
    const run = await startAndConsent(app, 'facebook', { editAuthorizeUrl: (url) => { url.searchParams.set('scope', 'pages_show_list,pages_read_engagement,publish_video'); } });
    const back = await followCallback(run.callbackUrl);
    expect(back.location.searchParams.get('error')).toBe('missing_permission');
    const connection = (await app.call('GET', `/v1/connections/${run.connectionId}`)).body;
    expect(connection).toMatchObject({ status: 'failed', candidates: [], error: { code: 'missing_permission', message: expect.stringContaining("grant 'pages_manage_posts' when Facebook asks") } });
  });

  it('says so when the person manages no page', async () => {
    await addFault(app, { platform: 'facebook', method: 'GET', match: '/v23.0/me/accounts', status: 200, body: { data: [] }, times: 1 });
    const run = await startAndConsent(app, 'facebook');
    const back = await followCallback(run.callbackUrl);
    expect(back.location.searchParams.get('error')).toBe('no_pages');
    expect((await app.call('GET', `/v1/connections/${run.connectionId}`)).body.error.message).toContain('manages no Page');
  });

  it('fails with invalid_grant when Facebook refuses the code', async () => {
    await addFault(app, {
      platform: 'facebook', method: 'GET', match: '/v23.0/oauth/access_token', status: 400, times: 1,
      body: { error: { message: 'This authorization code has been used.', type: 'OAuthException', code: 100, error_subcode: 36009, fbtrace_id: 'AbCdEfGh123' } },
    });
    const run = await startAndConsent(app, 'facebook');
    const back = await followCallback(run.callbackUrl);
    expect(back.location.searchParams.get('error')).toBe('invalid_grant');
    expect((await app.call('GET', `/v1/connections/${run.connectionId}`)).body).toMatchObject({ status: 'failed', error: { code: 'invalid_grant', message: expect.stringContaining('Connect again') } });
  });

  it('records a denied consent as access_denied', async () => {
    const run = await startAndConsent(app, 'facebook', { decision: 'deny' });
    expect(new URL(run.callbackUrl).searchParams.get('error')).toBe('access_denied');
    const back = await followCallback(run.callbackUrl);
    expect(`${back.location.pathname}${back.location.search}`).toBe(`/console/accounts?connection=${run.connectionId}&error=access_denied`);
    expect((await app.call('GET', `/v1/connections/${run.connectionId}`)).body).toMatchObject({ status: 'failed', error: { code: 'access_denied' } });
  });
});
