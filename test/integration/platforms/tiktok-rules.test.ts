import { randomBytes } from 'node:crypto';
import { startTestApp, waitFor } from '../../support/app';
import type { TestApp } from '../../support/app';
import { startTestSandbox } from '../../support/sandbox';
import type { Sandbox } from '../../../src/sandbox/server';
import { detailPaths, expectError } from '../api/builders';

/** TikTok's posting rules over HTTP: the audit, the creator's privacy options, verified image URLs (api.md "On-air guard"). */
describe('TikTok posting rules through the API', () => {
  let sandbox: Sandbox;
  let app: TestApp;

  beforeAll(async () => {
    sandbox = await startTestSandbox({ tiktokPublishMs: 200 });
    app = await startTestApp({ SANDBOX_URL: sandbox.baseUrl });
  });
  afterEach(async () => {
    await fetch(`${sandbox.baseUrl}/__sandbox/settings`, { method: 'DELETE' });
  });
  afterAll(async () => {
    await app?.stop();
    await sandbox.close();
  });

  const settings = async (body: unknown): Promise<void> => {
    const res = await fetch(`${sandbox.baseUrl}/__sandbox/settings`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status).toBe(200);
  };
  /** A TikTok account of its own (creator_info answers are cached per account). */
  const anAccount = async (): Promise<string> => {
    const id = `tt-${randomBytes(4).toString('hex')}`;
    const res = await app.call('POST', '/v1/accounts', { body: { id, platform: 'tiktok', name: `TikTok ${id}`, externalId: id, credentials: { accessToken: `tt-a-${id}-${randomBytes(8).toString('hex')}`, refreshToken: `tt-r-${id}-${randomBytes(8).toString('hex')}`, expiresAt: new Date(Date.now() + 3_600_000).toISOString() } } });
    expect(res.status).toBe(201);
    return id;
  };
  /** A TikTok promo due in 2 s (announce PT1H of a session starting in an hour). */
  const aBody = (accountId: string, extra: Record<string, unknown> = {}, target: Record<string, unknown> = {}): Record<string, unknown> => ({
    title: 'Bánh tráng Chợ Cồn',
    startsAt: new Date(Date.now() + 3_600_000 + 2000).toISOString(),
    durationMinutes: 30,
    reminderOffsets: [],
    announceOffsets: ['PT1H'],
    targets: [{ platform: 'tiktok', accountId, ...target }],
    ...extra,
  });
  const announceOf = (id: string): Promise<any> =>
    waitFor('the TikTok promo to finish', async () => {
      const s = await app.call('GET', `/v1/sessions/${id}`);
      const job = s.body.jobs.find((j: any) => j.kind === 'announce');
      return job && ['completed', 'failed', 'skipped'].includes(job.state) ? job : undefined;
    }, 20_000);
  const codes = (res: { body: any }): string[] => res.body.warnings.map((w: { code: string }) => w.code);

  it('with an unaudited app posts SELF_ONLY only, and the preview says so', async () => {
    await settings({ tiktok: { audited: false, creatorPrivacy: 'private' } });
    const accountId = await anAccount();
    const preview = await app.call('POST', '/v1/sessions/preview', { role: 'viewer', body: aBody(accountId) });
    expect(preview.status).toBe(200);
    expect(codes(preview)).toContain('tiktok_unaudited');
    const created = await app.call('POST', '/v1/sessions', { role: 'organizer', body: aBody(accountId, {}, { tiktok: { privacyLevel: 'FOLLOWER_OF_CREATOR' } }) });
    expect(created.status).toBe(201);
    expect(codes(created)).toContain('tiktok_unaudited');
    const job = await announceOf(created.body.id);
    expect(job).toMatchObject({ state: 'completed', result: expect.objectContaining({ privacyLevel: 'SELF_ONLY' }) });
    const inits = sandbox.requests.filter((r) => r.path === '/v2/post/publish/content/init/').map((r) => (r.body as any).post_info.privacy_level);
    expect(inits).toEqual(['SELF_ONLY']);
  }, 30_000);

  it('refuses a privacy level a private creator does not offer, and posts to its followers without a choice', async () => {
    await settings({ tiktok: { creatorPrivacy: 'private' } });
    const accountId = await anAccount();
    const refused = await app.call('POST', '/v1/sessions/preview', { role: 'viewer', body: aBody(accountId, {}, { tiktok: { privacyLevel: 'PUBLIC_TO_EVERYONE' } }) });
    expectError(refused, 400, 'validation_failed');
    expect(detailPaths(refused)).toEqual(['targets.0.tiktok.privacyLevel']);
    expect(refused.body.error.details[0].message).toContain('FOLLOWER_OF_CREATOR, SELF_ONLY');
    const notCreated = await app.call('POST', '/v1/sessions', { role: 'organizer', body: aBody(accountId, {}, { tiktok: { privacyLevel: 'PUBLIC_TO_EVERYONE' } }) });
    expectError(notCreated, 400, 'validation_failed');
    expect((await app.call('GET', '/v1/sessions?limit=500')).body.items.filter((s: any) => s.targets[0]?.accountId === accountId)).toHaveLength(0);

    const created = await app.call('POST', '/v1/sessions', { role: 'organizer', body: aBody(accountId, {}, { tiktok: { brandContent: true } }) });
    expect(created.status).toBe(201);
    expect(created.body.targets[0]).toMatchObject({ tiktok: { brandContent: true } });
    const job = await announceOf(created.body.id);
    expect(job).toMatchObject({ state: 'completed', result: expect.objectContaining({ privacyLevel: 'FOLLOWER_OF_CREATOR' }) });
    const init = sandbox.requests.filter((r) => r.path === '/v2/post/publish/content/init/').at(-1);
    expect((init?.body as any).post_info).toMatchObject({ brand_content_toggle: true, brand_organic_toggle: false });
  }, 30_000);

  it('warns about an image URL TikTok will refuse, and the posted promo fails naming it', async () => {
    await settings({ tiktok: { verifiedUrlPrefixes: ['https://media.chocon.vn/'] } });
    const accountId = await anAccount();
    const png = 'https://media.chocon.vn/promo/banh-trang.png';
    const elsewhere = 'https://cdn.example.com/promo/banh-trang.jpg';
    const preview = await app.call('POST', '/v1/sessions/preview', { role: 'viewer', body: aBody(accountId, { imageUrls: [png, elsewhere, 'https://media.chocon.vn/promo/ok.webp'] }) });
    const images = preview.body.warnings.filter((w: any) => w.code === 'tiktok_image_unverified').map((w: any) => w.message as string);
    expect(images).toHaveLength(2);
    expect(images[0]).toContain(png);
    expect(images[0]).toContain('JPEG or WebP');
    expect(images[1]).toContain(elsewhere);
    expect(codes(preview)).not.toContain('tiktok_unaudited');

    const created = await app.call('POST', '/v1/sessions', { role: 'organizer', body: aBody(accountId, { imageUrls: [elsewhere] }) });
    expect(codes(created)).toContain('tiktok_image_unverified');
    const job = await announceOf(created.body.id);
    expect(job.state).toBe('failed');
    expect(job.lastError).toContain(elsewhere);
  }, 30_000);

  it('takes a campaign\'s TikTok defaults, a target\'s own settings winning', async () => {
    const accountId = await anAccount();
    const day = new Date(Date.now() + 3_600_000).toISOString().slice(0, 10);
    const campaign = await app.call('POST', '/v1/campaigns', { role: 'organizer', body: { id: `cmp-${accountId}`, name: 'Chợ Livestream', startsOn: day, endsOn: new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10), timezone: 'UTC', stages: [], tiktok: { privacyLevel: 'MUTUAL_FOLLOW_FRIENDS', brandOrganic: true } } });
    expect(campaign.status).toBe(201);
    expect(campaign.body.tiktok).toEqual({ privacyLevel: 'MUTUAL_FOLLOW_FRIENDS', brandOrganic: true });
    const created = await app.call('POST', '/v1/sessions', { role: 'organizer', body: aBody(accountId, { campaignId: `cmp-${accountId}` }, { tiktok: { brandOrganic: false } }) });
    expect(created.status).toBe(201);
    const job = await announceOf(created.body.id);
    expect(job).toMatchObject({ state: 'completed', result: expect.objectContaining({ privacyLevel: 'MUTUAL_FOLLOW_FRIENDS' }) });
    const init = sandbox.requests.filter((r) => r.path === '/v2/post/publish/content/init/').at(-1);
    expect((init?.body as any).post_info).toMatchObject({ privacy_level: 'MUTUAL_FOLLOW_FRIENDS', brand_organic_toggle: false });
  }, 30_000);

  it('warns rate_limit_conflict when a burst of promos on one TikTok account exceeds its 6 a minute', async () => {
    const accountId = await anAccount();
    const startsAt = new Date(Date.now() + 3 * 3_600_000).toISOString();
    const burst = (i: number): Record<string, unknown> => ({ ...aBody(accountId), title: `Gian hàng ${i}`, startsAt });
    for (let i = 0; i < 6; i += 1) {
      const created = await app.call('POST', '/v1/sessions', { role: 'organizer', body: burst(i) });
      expect(created.status).toBe(201);
      expect(codes(created)).not.toContain('rate_limit_conflict');
    }
    const preview = await app.call('POST', '/v1/sessions/preview', { role: 'viewer', body: burst(6) });
    const conflict = preview.body.warnings.find((w: any) => w.code === 'rate_limit_conflict');
    expect(conflict).toMatchObject({ path: 'targets.0' });
    expect(conflict.message).toContain(`'${accountId}'`);
    expect(conflict.message).toContain('7 TikTok promos');
    expect(conflict.message).toContain('6 a minute');
    expect(conflict.message).toContain('spread them over at least 2 minutes');
    const apart = await app.call('POST', '/v1/sessions/preview', { role: 'viewer', body: { ...burst(7), startsAt: new Date(Date.parse(startsAt) + 5 * 60_000).toISOString() } });
    expect(codes(apart)).not.toContain('rate_limit_conflict');
  }, 30_000);
});
