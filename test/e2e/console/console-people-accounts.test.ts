import type { Browser, Page } from 'playwright-core';
import type { TestApp } from '../../support/app';
import { launchBrowser } from '../../support/browser';
import { seriousViolations } from './axe-scan';
import { addPerson, createCampaign, createSessionViaApi, localAt, newDesktop, signIn, startConsoleApp } from './console-support';
import type { Person, TestCampaign } from './console-support';

describe('the console for admins: people, accounts, every page accessible', () => {
  let app: TestApp;
  let browser: Browser;
  let campaign: TestCampaign;
  let admin: Person;
  let page: Page;

  beforeAll(async () => {
    app = await startConsoleApp();
    campaign = await createCampaign(app);
    await createSessionViaApi(app, { title: 'Mega Livestream đặc sản', campaignId: campaign.id, stageId: 'mega-stage', startsAt: localAt(1, '19:30'), durationMinutes: 90 });
    admin = await addPerson(app, 'admin', 'Anh Minh quản trị');
    browser = await launchBrowser();
    page = await (await newDesktop(browser)).newPage();
    await signIn(page, app.url, admin);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('invites a person who sets a password on the invitation page and then signs in', async () => {
    await page.goto(`${app.url}/console/people`);
    const invite = page.getByRole('form', { name: 'Invite a person' });
    const email = `thu-ha-${Date.now()}@cho-con.vn`;
    await invite.getByLabel('Email').fill(email);
    await invite.getByLabel('Name').fill('Chị Thu Hà');
    await invite.getByLabel('Role').selectOption('organizer');
    await invite.getByRole('button', { name: 'Invite' }).click();
    const link = await page.getByRole('textbox', { name: 'New invitation link' }).inputValue();
    expect(link).toMatch(/\/console\/invite#.+/);
    await page.getByRole('cell', { name: email, exact: true }).waitFor();

    const context = await newDesktop(browser);
    const invited = await context.newPage();
    await invited.goto(link.replace(/^https?:\/\/[^/]+/, app.url).replace('#', '?lang=en#'));
    await invited.getByLabel('Password', { exact: true }).fill('Bánh-tráng-2024-ngon');
    await invited.getByLabel('Confirm password').fill('Bánh-tráng-2024-ngon');
    await invited.getByRole('button', { name: 'Set password' }).click();
    await invited.getByRole('button', { name: 'Sign out' }).waitFor();
    await invited.getByRole('button', { name: 'Sign out' }).click();
    await signIn(invited, app.url, { email, password: 'Bánh-tráng-2024-ngon' });
    expect(await invited.getByText('Chị Thu Hà (organizer)').count()).toBe(1);
    await context.close();
  }, 60_000);

  it('connects a Facebook page through the sandbox consent page and adds it', async () => {
    await page.goto(`${app.url}/console/accounts`);
    await page.getByRole('button', { name: 'Connect Facebook' }).click();
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.waitForURL((url) => url.pathname === '/console/accounts' && url.searchParams.has('connection'));
    const candidates = page.getByRole('group', { name: 'Choose the pages and channels LiveCue may post to' });
    const boxes = candidates.getByRole('checkbox');
    await boxes.first().waitFor();
    expect(await boxes.count()).toBe(2);
    for (const box of await boxes.all()) await box.check();
    await page.getByRole('button', { name: 'Add accounts' }).click();
    await page.getByText('Added 2 accounts.').waitFor();
    const accounts = (await app.call('GET', '/v1/accounts')).body.items;
    const names = await candidates.getByRole('checkbox').evaluateAll((els) => els.map((el) => el.parentElement?.textContent ?? ''));
    // The sandbox person's two pages: one new, one already registered (fb-cho-con), which is reconnected.
    expect(accounts.filter((a: any) => a.platform === 'facebook').map((a: any) => a.externalId).sort()).toEqual(['100000000000001', '100000000000002']);
    expect(names.every((n) => accounts.some((a: any) => n.startsWith(a.name)))).toBe(true);
  }, 60_000);

  it('filters the audit log on the server: the action family goes to GET /v1/audit, the page shows what it answers', async () => {
    await page.goto(`${app.url}/console/audit?lang=en`);
    await page.getByRole('cell', { name: 'session.create', exact: true }).first().waitFor();
    await page.getByLabel('Action').selectOption('user');
    const asked = page.waitForResponse((r) => new URL(r.url()).pathname === '/v1/audit' && new URL(r.url()).searchParams.get('action') === 'user');
    await page.getByRole('button', { name: 'Filter' }).click();
    expect((await asked).status()).toBe(200);
    await page.getByRole('cell', { name: 'session.create', exact: true }).waitFor({ state: 'detached' });
    const actions = await page.locator('table tbody tr td:nth-child(3)').allTextContents();
    expect(actions).toContain('user.create');
    expect(actions.filter((a) => !a.startsWith('user.'))).toEqual([]);
  }, 60_000);

  it('finds no serious or critical accessibility violation on any page, in English and Vietnamese, at 390 px too', async () => {
    const session = (await app.call('GET', `/v1/sessions?campaignId=${campaign.id}`)).body.items[0];
    const paths = [
      `campaigns/${campaign.id}/calendar?view=week&date=${localAt(1, '').slice(0, 10)}`,
      `campaigns/${campaign.id}/calendar?view=month`,
      `campaigns/${campaign.id}/calendar?view=day&date=${localAt(1, '').slice(0, 10)}`,
      `campaigns/${campaign.id}/sessions`,
      `campaigns/${campaign.id}/import`,
      `campaigns/${campaign.id}/catalog`,
      `campaigns/${campaign.id}/coverage`,
      `sessions/new?campaignId=${campaign.id}`,
      `sessions/${session.id}`,
      'accounts',
      'people',
      'board',
      'audit',
      'tokens',
    ];
    const problems: string[] = [];
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, storageState: await page.context().storageState() });
    const phonePage = await phone.newPage();
    for (const [where, p] of [['desktop', page], ['phone', phonePage]] as const) {
      for (const lang of where === 'desktop' ? ['en', 'vi'] : ['en']) {
        for (const path of paths) {
          await p.goto(`${app.url}/console/${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
          await p.getByRole('heading', { level: 1 }).first().waitFor();
          await p.waitForLoadState('networkidle');
          for (const v of await seriousViolations(p)) problems.push(`${where} ${lang} ${path}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.join(', ')}`);
          if (where === 'phone') {
            const overflow = await p.evaluate(() => {
              const wide = Array.from(document.querySelectorAll('body *')).filter((el) => el.getBoundingClientRect().right > 391 && !el.closest('.table-wrap, .rbc-calendar'));
              return { width: document.documentElement.scrollWidth, culprits: wide.slice(-3).map((el) => `${el.tagName.toLowerCase()}.${el.className}`) };
            });
            if (overflow.width > 390 + 1) problems.push(`phone ${lang} ${path}: page is ${overflow.width} px wide (${overflow.culprits.join(', ')})`);
          }
        }
      }
    }
    const signedOut = await browser.newContext();
    const outPage = await signedOut.newPage();
    for (const path of ['?lang=en', 'invite?lang=en#abc']) {
      await outPage.goto(`${app.url}/console/${path}`);
      await outPage.getByRole('heading', { level: 1 }).waitFor();
      for (const v of await seriousViolations(outPage)) problems.push(`signed out ${path}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.join(', ')}`);
    }
    await signedOut.close();
    await phone.close();
    expect(problems).toEqual([]);
  }, 240_000);
});
