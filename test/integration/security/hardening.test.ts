/**
 * Security checks on a running API: helmet headers (src/api/app.ts), the hook-URL SSRF guard at
 * session create/update/bulk (src/sessions/session-input.ts checkHookUrls → validation_failed
 * on notify.N.url; without it the session is stored and the hook is only refused at delivery),
 * the header size limit (node's maxHeaderSize → 431, never a 5xx), and constant-time token checks
 * that still tell a near-miss token from the real one.
 */
import { registerAccounts, startTestApp } from '../../support/app';
import type { TestApp } from '../../support/app';
import { createMachineTokens } from '../../../src/people/machine-tokens';

const session = (notify: unknown[]) => ({
  title: 'Phiên có webhook',
  startsAt: new Date(Date.now() + 86_400_000).toISOString(),
  durationMinutes: 60,
  targets: [{ platform: 'facebook', accountId: 'fb-cho-con' }],
  notify,
});

async function sessionCount(app: TestApp): Promise<number> {
  return (await app.deps.sessions.listIds({ fromMs: 0, toMs: Infinity, limit: 100_000 })).length;
}

describe('security hardening of the API', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({}, 'api');
    await registerAccounts(app);
  });
  afterAll(async () => {
    await app.stop();
  });

  it('sends helmet headers', async () => {
    const res = await app.call('GET', '/v1/sessions', { role: 'viewer' });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('strict-transport-security')).toContain('max-age=');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it.each([
    'http://169.254.169.254/latest/meta-data/',
    'http://[fe80::1]/hook',
    'http://metadata.google.internal/computeMetadata/v1/',
    'http://[::ffff:169.254.169.254]/',
    'http://100.100.100.200/latest/meta-data',
  ])('refuses the hook URL %s at create, and stores nothing', async (url) => {
    const before = await sessionCount(app);
    const res = await app.call('POST', '/v1/sessions', { role: 'organizer', body: session([{ type: 'webhook', url, secret: 's3cret-hook' }]) });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details).toEqual([expect.objectContaining({ path: 'notify.0.url' })]);
    expect(await sessionCount(app)).toBe(before);
  });

  it('refuses a metadata hook URL on update and in a bulk item, and takes an ordinary one', async () => {
    const ok = await app.call('POST', '/v1/sessions', { role: 'organizer', body: session([{ type: 'webhook', url: 'https://hooks.example.vn/livecue', secret: 's3cret-hook' }]) });
    expect(ok.status).toBe(201);
    const patch = await app.call('PATCH', `/v1/sessions/${ok.body.id}`, { role: 'organizer', body: { notify: [{ type: 'webhook', url: 'https://hooks.example.vn/a', secret: 's3cret-hook' }, { type: 'webhook', url: 'http://169.254.169.254/', secret: 's3cret-hook' }] } });
    expect(patch.status).toBe(400);
    expect(patch.body.error.details).toEqual([expect.objectContaining({ path: 'notify.1.url' })]);
    expect((await app.call('GET', `/v1/sessions/${ok.body.id}`)).body.version).toBe(1);
    const bulk = await app.call('POST', '/v1/sessions/bulk', { role: 'organizer', body: { sessions: [session([]), session([{ type: 'webhook', url: 'http://169.254.169.254/', secret: 's3cret-hook' }])] } });
    expect(bulk.status).toBe(400);
    expect(bulk.body.error.details).toEqual([expect.objectContaining({ path: '1.notify.0.url' })]);
  });

  it('answers 431 to oversized headers, not a 5xx', async () => {
    const res = await fetch(`${app.url}/v1/sessions`, { headers: { authorization: 'Bearer x', 'x-filler': 'a'.repeat(20_000) } });
    expect(res.status).toBe(431);
  });

  it('resolves tokens in constant time per token and tells near misses apart', () => {
    const machines = createMachineTokens([{ role: 'admin', token: 'admin-token-abcdef' }, { role: 'viewer', token: 'viewer-token-abcdef' }]);
    const resolve = (t: string) => machines.byToken(t)?.role ?? null;
    expect(resolve('admin-token-abcdef')).toBe('admin');
    expect(resolve('admin-token-abcdeg')).toBeNull();
    expect(resolve('admin-token-abcde')).toBeNull();
    expect(resolve('')).toBeNull();
    expect(resolve('viewer-token-abcdef')).toBe('viewer');
  });
});

describe('link-local hooks allowed by configuration', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ LIVECUE_ALLOW_LINK_LOCAL_HOOKS: 'true' }, 'api');
    await registerAccounts(app);
  });
  afterAll(async () => {
    await app.stop();
  });

  it('takes a link-local hook when LIVECUE_ALLOW_LINK_LOCAL_HOOKS=true', async () => {
    const res = await app.call('POST', '/v1/sessions', { role: 'organizer', body: session([{ type: 'webhook', url: 'http://169.254.10.10/hook', secret: 's3cret-hook' }]) });
    expect(res.status).toBe(201);
  });
});
