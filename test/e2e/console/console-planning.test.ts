import type { Browser, Page } from 'playwright-core';
import { waitFor } from '../../support/app';
import type { TestApp } from '../../support/app';
import { launchBrowser } from '../../support/browser';
import { addPerson, createCampaign, createSessionViaApi, localAt, localOf, newDesktop, signIn, startConsoleApp } from './console-support';
import type { Person, TestCampaign } from './console-support';
import { screenshot } from './screenshots';

const sessionsOf = async (app: TestApp, campaignId: string): Promise<any[]> => (await app.call('GET', `/v1/sessions?campaignId=${campaignId}&limit=500`)).body.items;

describe('the organizer console: plan a market in the browser', () => {
  let app: TestApp;
  let browser: Browser;
  let campaign: TestCampaign;
  let organizer: Person;
  let page: Page;

  beforeAll(async () => {
    app = await startConsoleApp();
    campaign = await createCampaign(app);
    organizer = await addPerson(app, 'organizer', 'Chị Lan tổ chức');
    browser = await launchBrowser();
    page = await (await newDesktop(browser)).newPage();
    page.on('pageerror', (e) => { process.stdout.write(`page error: ${e.message}\n`); });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('refuses a wrong password, then signs in and shows the navigation', async () => {
    await page.goto(`${app.url}/console/?lang=en`);
    await page.getByLabel('Email').fill(organizer.email);
    await page.getByLabel('Password', { exact: true }).fill('not-the-password-1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('wrong email or password').waitFor();
    await signIn(page, app.url, organizer);
    for (const name of ['Calendar', 'Sessions', 'Import', 'Catalog', 'Coverage', 'Accounts', 'Board']) {
      expect(await page.getByRole('link', { name, exact: true }).count()).toBe(1);
    }
    expect(await page.getByRole('link', { name: 'People', exact: true }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Audit', exact: true }).count()).toBe(0);
    expect(await page.evaluate(() => Object.keys(window.localStorage))).toEqual([]);
  }, 60_000);

  it('shows every row error of a sheet before saving, then imports the fixed sheet', async () => {
    const good = localAt(1, '09:00');
    const head = 'title,stageId,startsAt,durationMinutes,host,vendorIds,targets';
    const bad = `${head}\nBánh tráng Đại Lộc,mega-stage,${good},60,KOL Thu Hà,v001,facebook:fb-cho-con\nMắm cái Chợ Cồn,san-khau-x,${localAt(1, '10:00')},45,,v002,facebook:fb-cho-con\n`;
    await page.goto(`${app.url}/console/campaigns/${campaign.id}/import`);
    await page.getByLabel('CSV file').setInputFiles({ name: 'lich.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const errorRow = page.getByRole('row').filter({ hasText: 'stageId' });
    await errorRow.waitFor();
    expect(await errorRow.getByRole('cell').first().textContent()).toBe('3');
    await screenshot(page, 'console-import-errors.png');
    expect(await sessionsOf(app, campaign.id)).toEqual([]);

    const fixed = bad.replace('san-khau-x', 'booth-cho-con');
    await page.getByLabel('CSV file').setInputFiles({ name: 'lich.csv', mimeType: 'text/csv', buffer: Buffer.from(fixed) });
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText('imported 2 sessions').waitFor();
    expect((await sessionsOf(app, campaign.id)).map((s) => s.title).sort()).toEqual(['Bánh tráng Đại Lộc', 'Mắm cái Chợ Cồn']);
  }, 60_000);

  it('creates a session in the editor with a live preview, finds it on the calendar, moves it by drag and by editing through a stage conflict, and cancels it with a notice', async () => {
    const startsAt = localAt(1, '15:00');
    await page.goto(`${app.url}/console/sessions/new?campaignId=${campaign.id}`);
    await page.getByLabel('Title').fill('Đặc sản Đà Nẵng tối nay');
    await page.getByLabel('Starts at').fill(startsAt);
    await page.getByLabel('Duration (minutes)').fill('60');
    await page.getByLabel('Stage').selectOption('mega-stage');
    await page.getByLabel('Fanpage Chợ Cồn (facebook)').check();
    await page.getByLabel('Announce before start').fill('PT4H59M30S');
    await page.getByRole('region', { name: 'Preview' }).getByText('Đặc sản Đà Nẵng tối nay').first().waitFor();
    await page.getByRole('cell', { name: 'announce' }).first().waitFor();
    await screenshot(page, 'console-editor.png');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(/\/console\/sessions\/ses_/);
    await page.getByRole('heading', { name: 'Jobs' }).waitFor();
    expect(await page.getByRole('cell', { name: 'announce' }).count()).toBeGreaterThan(0);
    const id = new URL(page.url()).pathname.split('/').pop() ?? '';
    const day = startsAt.slice(0, 10);

    await page.goto(`${app.url}/console/campaigns/${campaign.id}/calendar?date=${day}&view=day`);
    const event = page.locator(`[data-session-id="${id}"]`);
    await event.getByText('Đặc sản Đà Nẵng tối nay').waitFor();
    await dragDown(page, id, 1);
    await page.getByText('Moved "Đặc sản Đà Nẵng tối nay"').or(page.getByRole('alert')).first().waitFor();
    // After the drag: a full-page screenshot re-lays the page out under the pointer.
    await screenshot(page, 'console-calendar.png');
    expect(await page.getByRole('alert').allTextContents()).toEqual([]);
    const moved = (await app.call('GET', `/v1/sessions/${id}`)).body;
    expect(Date.parse(moved.startsAt) - Date.parse(`${startsAt}:00+07:00`)).toBe(3_600_000);

    const blocker = await createSessionViaApi(app, { title: 'Mega Livestream hải sản', campaignId: campaign.id, stageId: 'mega-stage', startsAt: localAt(1, '17:00'), durationMinutes: 60 });
    await event.getByText('Đặc sản Đà Nẵng tối nay').click();
    await page.waitForURL(new RegExp(`/console/sessions/${id}$`));
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByLabel('Starts at').fill(localOf(blocker.startsAt));
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('stage conflict').waitFor();
    await page.getByText('Mega Livestream hải sản').first().waitFor();
    const suggestion = page.getByRole('button', { name: /^Move to / }).first();
    await suggestion.click();
    await page.waitForURL(new RegExp(`/console/sessions/${id}\\?saved=1$`));
    const after = (await app.call('GET', `/v1/sessions/${id}`)).body;
    expect(after.version).toBe(3);
    expect(Date.parse(after.startsAt) >= Date.parse(blocker.endsAt) || Date.parse(after.endsAt) <= Date.parse(blocker.startsAt)).toBe(true);

    // An announcement that goes out now, so the cancellation has something to take back.
    const announceIn = Math.floor((Date.parse(after.startsAt) - Date.now()) / 1000) - 2;
    expect((await app.call('PATCH', `/v1/sessions/${id}`, { role: 'organizer', body: { announceOffsets: [`PT${announceIn}S`] } })).status).toBe(200);
    await waitFor('the announcement to be posted', async () => {
      const s = (await app.call('GET', `/v1/sessions/${id}`)).body;
      return s.jobs.some((j: any) => j.kind === 'announce' && j.state === 'completed');
    }, 30_000);
    page.once('dialog', (dialog) => void dialog.accept());
    await page.reload();
    await page.getByRole('button', { name: 'Cancel and post a notice' }).click();
    await page.getByText('Session cancelled.').waitFor();
    const cancelled = (await app.call('GET', `/v1/sessions/${id}`)).body;
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.jobs.some((j: any) => j.kind === 'cancel-notice')).toBe(true);
  }, 120_000);

  it('says a session was changed elsewhere when a drag carries a stale version', async () => {
    const s = await createSessionViaApi(app, { title: 'Trái cây miền Trung', campaignId: campaign.id, stageId: 'booth-cho-con', startsAt: localAt(2, '10:00'), durationMinutes: 45 });
    await page.goto(`${app.url}/console/campaigns/${campaign.id}/calendar?date=${localOf(s.startsAt).slice(0, 10)}&view=day`);
    await page.locator(`[data-session-id="${s.id}"]`).waitFor();
    const patched = await app.call('PATCH', `/v1/sessions/${s.id}`, { role: 'organizer', body: { title: 'Trái cây miền Trung (mới)' } });
    expect(patched.status).toBe(200);
    await dragDown(page, s.id, 1);
    await page.getByText('Someone else changed this session').waitFor();
    await page.locator(`[data-session-id="${s.id}"]`).getByText('Trái cây miền Trung (mới)').waitFor();
  }, 60_000);

  it('shows a viewer no write controls', async () => {
    const viewer = await addPerson(app, 'viewer');
    const context = await newDesktop(browser);
    const viewerPage = await context.newPage();
    await signIn(viewerPage, app.url, viewer);
    const pages = [`campaigns/${campaign.id}/calendar`, `campaigns/${campaign.id}/sessions`, `campaigns/${campaign.id}/import`, `campaigns/${campaign.id}/catalog`, `campaigns/${campaign.id}/coverage`, 'accounts', 'board'];
    for (const p of pages) {
      await viewerPage.goto(`${app.url}/console/${p}`);
      await viewerPage.getByRole('heading', { level: 1 }).or(viewerPage.getByText('You can read this page')).first().waitFor();
      for (const name of ['New session', 'Save', 'Import', 'Add vendor', 'Save catalog', 'Plan a session', 'Connect Facebook', 'Retry', 'Edit', 'Cancel and post a notice']) {
        const main = viewerPage.getByRole('main');
        expect([p, name, await main.getByRole('button', { name, exact: true }).count() + (await main.getByRole('link', { name, exact: true }).count())]).toEqual([p, name, 0]);
      }
    }
    expect(await viewerPage.locator('.rbc-addons-dnd-resizable, [draggable="true"]').count()).toBe(0);
    await context.close();
  }, 60_000);
});

/** Drags a session's event `hours` down the day view's time grid. */
async function dragDown(page: Page, sessionId: string, hours: number): Promise<void> {
  const event = page.locator(`.rbc-event:has([data-session-id="${sessionId}"])`);
  // Centred, so the pointer can travel `hours` down without leaving the window (a drop outside it is lost).
  await event.evaluate((el) => { el.scrollIntoView({ block: 'center' }); });
  const box = await event.boundingBox();
  const hour = await page.locator('.rbc-time-content .rbc-timeslot-group').first().boundingBox();
  if (!box || !hour) throw new Error('the event or the time grid is not on screen');
  const x = box.x + box.width / 2;
  const y = box.y + Math.min(10, box.height / 2);
  await event.hover();
  await page.mouse.move(x, y);
  await page.mouse.down();
  // The calendar starts a drag once the pointer has moved a few pixels with the button held.
  await page.mouse.move(x, y + 3, { steps: 3 });
  for (let step = 1; step <= 20; step += 1) await page.mouse.move(x, y + (hour.height * hours * step) / 20);
  await page.locator('.rbc-addons-dnd-drag-preview, .rbc-addons-dnd-dragged-event').first().waitFor({ state: 'attached', timeout: 5_000 });
  await page.mouse.up();
}
