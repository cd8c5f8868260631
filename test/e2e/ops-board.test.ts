import type { Browser, Page } from 'playwright-core';
import { registerAccounts, startTestApp, TEST_TOKENS, waitFor } from '../support/app';
import type { TestApp } from '../support/app';
import { artifactPath, launchBrowser } from '../support/browser';
import { activeUser } from '../integration/people/people-helpers';

const FB_PHOTOS = '/v23.0/100000000000002/photos';

async function createSession(app: TestApp, title: string, inMinutes: number, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await app.call('POST', '/v1/sessions', {
    role: 'organizer',
    body: {
      title,
      startsAt: new Date(Date.now() + inMinutes * 60_000).toISOString(),
      durationMinutes: 90,
      vendor: { name: 'Quầy Cô Lan', stall: 'A10', market: 'Chợ Cồn' },
      host: { name: 'KOL Thu Hà' },
      targets: [{ platform: 'facebook', accountId: 'fb-cho-con' }, { platform: 'tiktok', accountId: 'tt-cho-con' }],
      reminderOffsets: [],
      ...extra,
    },
  });
  if (res.status !== 201) throw new Error(`create ${title}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

async function signIn(page: Page, url: string, email: string, password: string): Promise<void> {
  await page.goto(`${url}/ops`);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await page.click('#login-form button[type=submit]');
  await page.waitForSelector('#board:not([hidden])');
}

describe('the /ops schedule board in a real browser', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    app = await startTestApp();
    await registerAccounts(app);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app.stop();
  });

  it('is closed without sign-in, shows tonight by stage, and retries a failed job until it is completed', async () => {
    await fetch(`${app.sandboxUrl}/__sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ platform: 'facebook', method: 'POST', match: FB_PHOTOS, status: 400, body: { error: { message: '(#100) Invalid parameter', type: 'OAuthException', code: 100 } }, times: 1000 }),
    });
    const failing = await createSession(app, 'Mega Livestream hải sản khô', 180, { stageId: 'mega-stage', announceOffsets: ['PT2H59M57S', 'PT1H'] });
    await createSession(app, 'Bánh tráng Đà Nẵng tối nay', 300, { stageId: 'mega-stage', announceOffsets: ['PT1H'] });
    await createSession(app, 'Trái cây miền Trung', 240, { stageId: 'stage-b', announceOffsets: ['PT1H'] });
    await createSession(app, 'Livestream chưa xếp sân khấu', 420, { announceOffsets: ['PT1H'] });
    const failedJobId = `${failing}__announce__facebook__fb-cho-con__PT2H59M57S`;

    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${app.url}/ops`);
    await page.waitForSelector('#login:not([hidden])');
    expect(await page.isHidden('#board')).toBe(true);
    expect(await page.locator('input#password').getAttribute('type')).toBe('password');
    expect(await page.locator('input#token').getAttribute('type')).toBe('password');
    expect(await page.textContent('h1')).toContain('Đăng nhập');
    expect((await page.request.get(`${app.url}/v1/board`)).status()).toBe(401);

    const ops = await activeUser(app, 'ops');
    await page.fill('#email', ops.email);
    await page.fill('#password', 'not the password');
    await page.click('#login-form button[type=submit]');
    await page.waitForSelector('#login-error:not([hidden])');
    expect(await page.textContent('#login-error')).toContain('Sai email hoặc mật khẩu');

    await signIn(page, app.url, ops.email, ops.password);
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === 'livecue_session')).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookies.some((c) => c.value.includes(TEST_TOKENS.ops))).toBe(false);
    await page.waitForSelector('[data-stage="mega-stage"] article.session');
    expect(await page.locator('[data-stage="mega-stage"] article.session').count()).toBe(2);
    expect(await page.locator('[data-stage="stage-b"] article.session').count()).toBe(1);
    expect(await page.locator('[data-stage="__none"] .lane-title').textContent()).toContain('Chưa có sân khấu');
    expect(await page.locator(`[data-session-id="${failing}"] .badge[data-state="completed"] .b-kind`).first().textContent()).toBe('prepare-live');

    const failedBadge = page.locator(`.badge[data-job-id="${failedJobId}"]`);
    await waitFor('the failed badge', async () => (await failedBadge.getAttribute('data-state')) === 'failed', 20_000);
    expect(await failedBadge.textContent()).toBe('announcefacebookfailed');
    expect(await page.locator(`.failed-job[data-job-id="${failedJobId}"] .fail-reason`).textContent()).toContain('(#100) Invalid parameter');
    expect(await page.locator('#failures .failure-group').count()).toBe(1);
    await page.screenshot({ path: artifactPath('ops-board-desktop.png'), fullPage: true });

    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    await phone.addCookies(cookies);
    const phonePage = await phone.newPage();
    await phonePage.goto(`${app.url}/ops`);
    await phonePage.waitForSelector(`.failed-job[data-job-id="${failedJobId}"] button.retry`);
    const tap = await phonePage.locator(`.failed-job[data-job-id="${failedJobId}"] button.retry`).boundingBox();
    expect(tap!.height).toBeGreaterThanOrEqual(44);
    expect(await phonePage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phonePage.screenshot({ path: artifactPath('ops-board-phone.png'), fullPage: false });
    await phonePage.click('#lang');
    await phonePage.waitForSelector('text=Failures by kind');
    await phonePage.screenshot({ path: artifactPath('ops-board-phone-en.png'), fullPage: false });
    await phone.close();

    await fetch(`${app.sandboxUrl}/__sandbox/faults`, { method: 'DELETE' });
    await page.click(`.failed-job[data-job-id="${failedJobId}"] button.retry`);
    await waitFor('the badge turns completed', async () => (await failedBadge.getAttribute('data-state')) === 'completed', 20_000);
    expect(await page.isHidden('#failures')).toBe(true);
    await page.screenshot({ path: artifactPath('ops-board-after-retry.png'), fullPage: true });

    await page.fill('#q', 'trái cây');
    expect(await page.locator('article.session').count()).toBe(1);
    await page.fill('#q', '');
    await page.selectOption('#f-stage', '__none');
    expect(await page.locator('article.session').count()).toBe(1);
    await page.selectOption('#f-stage', '');
    await page.selectOption('#f-state', 'pending');
    await page.selectOption('#f-platform', 'tiktok');
    expect(await page.locator('.badge:not([data-state="pending"])').count()).toBe(0);
    expect(await page.locator('.badge .b-plat').allTextContents()).toEqual(expect.arrayContaining(['tiktok']));
    await page.click('[data-range="week"]');
    await page.waitForSelector('.strip.range-week');

    await page.goto(`${app.url}/admin/queues`);
    await page.waitForSelector('text=LiveCue jobs');
    await context.close();
  }, 90_000);

  it('opens the job dashboard read-only for a viewer and sends anonymous visitors to sign in', async () => {
    const anon = await browser.newContext();
    const anonPage = await anon.newPage();
    await anonPage.goto(`${app.url}/admin/queues`);
    expect(anonPage.url()).toBe(`${app.url}/ops?next=%2Fadmin%2Fqueues`);
    // The second way: a machine token typed into the token field (the cookie still holds a session id).
    await anonPage.click('.token-signin summary');
    await anonPage.fill('#token', TEST_TOKENS.viewer);
    await anonPage.click('#token-form button[type=submit]');
    await anonPage.waitForURL(`${app.url}/admin/queues`);
    await anonPage.waitForSelector('text=LiveCue jobs (read-only)');
    const put = await anonPage.evaluate(async () => (await fetch('/admin/queues/api/queues/facebook/pause', { method: 'PUT' })).status);
    expect(put).toBe(403);
    await anonPage.goto(`${app.url}/ops`);
    await anonPage.waitForSelector('#board:not([hidden])');
    expect(await anonPage.locator('button.retry').count()).toBe(0);
    await anon.close();
  }, 60_000);
});
