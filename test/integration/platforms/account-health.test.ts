import { DateTime } from 'luxon';
import { startTestApp, uniquePrefix } from '../../support/app';
import type { TestApp } from '../../support/app';
import { startTestSandbox } from '../../support/sandbox';
import type { Sandbox } from '../../../src/sandbox/server';
import { checkAccountHealth } from '../../../workers/processors/account-health';

describe('token lifecycle: the daily account-health job and the preflight', () => {
  let sandbox: Sandbox;
  let app: TestApp;
  const day = 86_400_000;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    app = await startTestApp({ SANDBOX_URL: sandbox.baseUrl });
  });
  afterAll(async () => {
    await app.stop();
    await sandbox.close();
  });

  const register = async (a: Record<string, unknown>): Promise<void> => {
    const res = await app.call('POST', '/v1/accounts', { body: a });
    if (res.status !== 201) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
  };
  const accountsById = async (): Promise<Record<string, any>> =>
    Object.fromEntries((await app.call('GET', '/v1/accounts')).body.items.map((a: any) => [a.id, a]));

  it('is scheduled daily on the maintenance queue', async () => {
    const schedulers = await app.deps.queues.maintenance.getJobSchedulers();
    expect(schedulers.find((s) => s.key === 'account-health')).toMatchObject({ pattern: '0 3 * * *' });
  });

  it('refreshes TikTok and YouTube logins (rotation stored), flags dead and ending ones with readable reasons', async () => {
    const ttRefresh = `tt-r-${uniquePrefix()}`;
    const fbDead = `fb-dead-${uniquePrefix()}`;
    const ytRevoked = `yt-r-${uniquePrefix()}`;
    await register({ id: 'h-tt', platform: 'tiktok', name: 'TikTok Cô Lan', externalId: 'tt-h', credentials: { accessToken: `tt-${uniquePrefix()}`, refreshToken: ttRefresh, expiresAt: new Date(Date.now() + 3_600_000).toISOString() } });
    await register({ id: 'h-fb-ok', platform: 'facebook', name: 'Fanpage Chợ Cồn', externalId: '100000000000002', credentials: { accessToken: `fb-ok-${uniquePrefix()}` } });
    await register({ id: 'h-fb-dead', platform: 'facebook', name: 'Fanpage Quầy Cá', externalId: '100000000000003', credentials: { accessToken: fbDead } });
    await register({ id: 'h-yt', platform: 'youtube', name: 'YouTube Sở Công Thương', externalId: 'UCh', credentials: { accessToken: `yt-${uniquePrefix()}`, refreshToken: `yt-r-${uniquePrefix()}`, expiresAt: new Date(Date.now() + 3_600_000).toISOString() } });
    await register({ id: 'h-yt-dead', platform: 'youtube', name: 'YouTube Chợ Hàn', externalId: 'UCd', credentials: { accessToken: `yt-${uniquePrefix()}`, refreshToken: ytRevoked } });
    await register({ id: 'h-tt-ending', platform: 'tiktok', name: 'TikTok Quầy Khô', externalId: 'tt-e', credentials: { accessToken: `tt-${uniquePrefix()}`, expiresAt: new Date(Date.now() + 3 * day).toISOString() } });
    sandbox.tokens.check('facebook', fbDead);
    sandbox.tokens.setState(fbDead, 'revoked');
    sandbox.tokens.check('youtube', ytRevoked, 'refresh');
    sandbox.tokens.setState(ytRevoked, 'revoked');

    const report = await checkAccountHealth(app.deps);
    expect(report).toMatchObject({ checked: 6, refreshed: 2, invalid: 2, expiring: 1, unchecked: 0 });

    const tt = await app.deps.accounts.credentials('h-tt');
    expect(tt?.refreshToken).toBeDefined();
    expect(tt?.refreshToken).not.toBe(ttRefresh);
    expect(tt?.refreshExpiresAt).toBeDefined();
    expect(sandbox.tokens.list().find((t) => t.token === ttRefresh)?.state).toBe('rotated');
    expect(sandbox.requests.some((r) => r.path === '/v23.0/debug_token' && r.query.input_token === fbDead)).toBe(true);

    const byId = await accountsById();
    expect(byId['h-tt']).toMatchObject({ tokenStatus: 'valid', tokenStatusReason: null });
    expect(byId['h-fb-ok']).toMatchObject({ tokenStatus: 'valid' });
    expect(byId['h-yt']).toMatchObject({ tokenStatus: 'valid' });
    expect(byId['h-fb-dead']).toMatchObject({ tokenStatus: 'invalid', tokenStatusReason: expect.stringContaining("the Page token of 'Fanpage Quầy Cá'") });
    expect(byId['h-yt-dead']).toMatchObject({ tokenStatus: 'invalid', tokenStatusReason: expect.stringContaining('YouTube Chợ Hàn') });
    expect(byId['h-tt-ending']).toMatchObject({ tokenStatus: 'expiring', tokenStatusReason: expect.stringContaining("'TikTok Quầy Khô' ends on") });
  });

  it('warns on create and preview: a login ending before the session, a Facebook live created later, a YouTube day over quota', async () => {
    await register({ id: 'w-tt', platform: 'tiktok', name: 'TikTok Sắp Hết Hạn', externalId: 'tt-w', credentials: { accessToken: `tt-${uniquePrefix()}`, refreshToken: `tt-r-${uniquePrefix()}`, refreshExpiresAt: new Date(Date.now() + 5 * day).toISOString() } });
    await register({ id: 'w-fb', platform: 'facebook', name: 'Fanpage Chợ Cồn', externalId: '100000000000002', credentials: { accessToken: `fb-${uniquePrefix()}` } });
    const startsAt = new Date(Date.now() + 10 * day).toISOString();
    const body = { title: 'Phiên xa', startsAt, durationMinutes: 60, targets: [{ platform: 'tiktok', accountId: 'w-tt' }, { platform: 'facebook', accountId: 'w-fb' }], announceOffsets: ['PT1H'], reminderOffsets: [] };
    const preview = await app.call('POST', '/v1/sessions/preview', { role: 'organizer', body });
    expect(preview.status).toBe(200);
    const codes = preview.body.warnings.map((w: any) => w.code);
    expect(codes).toEqual(expect.arrayContaining(['account_token_expires', 'facebook_live_window']));
    expect(preview.body.warnings.find((w: any) => w.code === 'account_token_expires').message).toContain("'TikTok Sắp Hết Hạn'");
    const created = await app.call('POST', '/v1/sessions', { role: 'organizer', body });
    expect(created.status).toBe(201);
    expect(created.body.warnings.map((w: any) => w.code)).toEqual(expect.arrayContaining(['account_token_expires', 'facebook_live_window']));

    await register({ id: 'w-yt', platform: 'youtube', name: 'YouTube Chợ Cồn', externalId: 'UCw', credentials: { accessToken: `yt-${uniquePrefix()}`, refreshToken: `yt-r-${uniquePrefix()}` } });
    const ytDay = DateTime.fromMillis(Date.now() + 20 * day, { zone: 'America/Los_Angeles' }).set({ hour: 12, minute: 0 }).toMillis();
    const yt = (i: number): Record<string, unknown> => ({ title: `YouTube ${i}`, startsAt: new Date(ytDay + i * 60_000).toISOString(), durationMinutes: 1, targets: [{ platform: 'youtube', accountId: 'w-yt' }], announceOffsets: [], reminderOffsets: [] });
    // The day's real plan: each live is made today (51 units; the channel's stream 50 once), then
    // checked by two on-air guards, goes live and ends on its day (2 + 2 + 51 + 50).
    const today = DateTime.now().setZone('America/Los_Angeles').toISODate() ?? '';
    const spentToday = Number((await app.deps.redis.get(app.deps.keys.quotaSpent('youtube', today))) ?? '0');
    const room = Math.min(Math.floor((10_000 - spentToday - 50) / 51), Math.floor(10_000 / 105));
    const bulk = await app.call('POST', '/v1/sessions/bulk', { role: 'organizer', body: { atomic: false, sessions: Array.from({ length: room + 1 }, (_, i) => yt(i)) } });
    expect(bulk.status).toBe(200);
    expect(bulk.body.created).toHaveLength(room);
    expect(bulk.body.errors).toEqual([expect.objectContaining({ index: room, error: expect.objectContaining({ code: 'quota_exceeded' }) })]);
    const fits = await app.call('POST', '/v1/sessions/preview', { role: 'organizer', body: { ...yt(room), targets: [{ platform: 'facebook', accountId: 'w-fb' }] } });
    expect(fits.body.warnings.map((w: any) => w.code)).not.toContain('youtube_quota');
    const over = await app.call('POST', '/v1/sessions/preview', { role: 'organizer', body: yt(room) });
    expect(over.body.warnings.find((w: any) => w.code === 'youtube_quota')?.message).toMatch(/need \d+ quota units, more than the project's 10000 a day/);
    expect(over.body.warnings.find((w: any) => w.code === 'youtube_quota')?.message).toContain('creating this session will be refused');
  }, 60_000);
});
