import type { Browser } from 'playwright-core';
import { startTestApp } from '../support/app';
import type { TestApp } from '../support/app';
import { artifactPath, launchBrowser } from '../support/browser';

describe('a sandbox consent screen in a real browser', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    app = await startTestApp({}, 'api');
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser.close();
    await app.stop();
  });

  const start = async (platform: string): Promise<{ id: string; authorizeUrl: string }> => {
    const res = await app.call('POST', '/v1/connections', { body: { platform } });
    if (res.status !== 201) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string; authorizeUrl: string };
  };

  it('names the app and the scopes; Allow brings the browser back to the accounts page with the connection', async () => {
    const { id, authorizeUrl } = await start('facebook');
    const page = await browser.newPage();
    try {
      await page.goto(authorizeUrl);
      expect(await page.getByText('LiveCue (app sandbox-app)').isVisible()).toBe(true);
      expect(await page.getByRole('listitem').allTextContents()).toEqual(['pages_show_list', 'pages_manage_posts', 'pages_read_engagement', 'publish_video']);
      await page.screenshot({ path: artifactPath('connect-consent-facebook.png') });
      await page.getByRole('button', { name: 'Allow' }).click();
      await page.waitForURL((url) => url.pathname === '/console/accounts', { timeout: 15_000 });
      expect(new URL(page.url()).searchParams.get('connection')).toBe(id);
      expect(new URL(page.url()).searchParams.get('error')).toBeNull();
    } finally {
      await page.close();
    }
    const connection = (await app.call('GET', `/v1/connections/${id}`)).body;
    expect(connection).toMatchObject({ status: 'authorized' });
    expect(connection.candidates.map((c: { externalId: string }) => c.externalId)).toEqual(['100000000000001', '100000000000002']);
  }, 60_000);

  it('Deny brings the browser back with error=access_denied', async () => {
    const { id, authorizeUrl } = await start('youtube');
    const page = await browser.newPage();
    try {
      await page.goto(authorizeUrl);
      await page.getByRole('button', { name: 'Deny' }).click();
      await page.waitForURL((url) => url.pathname === '/console/accounts', { timeout: 15_000 });
      expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual({ connection: id, error: 'access_denied' });
    } finally {
      await page.close();
    }
    expect((await app.call('GET', `/v1/connections/${id}`)).body).toMatchObject({ status: 'failed', error: { code: 'access_denied' } });
  }, 60_000);
});
