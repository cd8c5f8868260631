import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ensureConsoleBuilt } from '../../../src/console-build/ensure-console-built';
import { registerAccounts, startTestApp, uniquePrefix } from '../../support/app';
import type { TestApp } from '../../support/app';

export const ZONE = 'Asia/Ho_Chi_Minh';
const FIXTURE = path.join(__dirname, '..', '..', 'fixtures', 'cho-con-2024');

/** LiveCue (API, workers, sandbox) with the console built (a no-op when dist/console is fresh) and the test accounts. */
export async function startConsoleApp(): Promise<TestApp> {
  await ensureConsoleBuilt({ env: process.env });
  const app = await startTestApp();
  await registerAccounts(app);
  return app;
}

export interface TestCampaign {
  id: string;
  startsOn: string;
}

/** A campaign running from today (in its zone) for 30 days, with the Chợ Cồn stages and catalog. */
export async function createCampaign(app: TestApp): Promise<TestCampaign> {
  const today = DateTime.now().setZone(ZONE).startOf('day');
  const id = `cho-con-${uniquePrefix()}`;
  const body = {
    id,
    name: 'Chợ Livestream Chợ Cồn',
    timezone: ZONE,
    startsOn: today.toISODate(),
    endsOn: today.plus({ days: 30 }).toISODate(),
    stages: [{ id: 'mega-stage', name: 'Sân khấu Mega Livestream' }, { id: 'booth-cho-con', name: 'Quầy tư vấn chợ Cồn' }],
  };
  const created = await app.call('POST', '/v1/campaigns', { body });
  if (created.status !== 201) throw new Error(`campaign: ${created.status} ${JSON.stringify(created.body)}`);
  const catalog = {
    vendors: JSON.parse(readFileSync(path.join(FIXTURE, 'vendors.json'), 'utf8')),
    products: JSON.parse(readFileSync(path.join(FIXTURE, 'products.json'), 'utf8')),
  };
  const put = await app.call('PUT', `/v1/campaigns/${id}/catalog`, { body: catalog });
  if (put.status !== 200) throw new Error(`catalog: ${put.status} ${JSON.stringify(put.body)}`);
  return { id, startsOn: body.startsOn ?? '' };
}

export interface Person {
  email: string;
  password: string;
}

/** A person with `role` who has set a password through the invitation (api.md "People and sign-in"). */
export async function addPerson(app: TestApp, role: 'viewer' | 'organizer' | 'ops' | 'admin', name = `Người ${role}`): Promise<Person> {
  const email = `${role}-${uniquePrefix()}@cho-con.vn`;
  const created = await app.call('POST', '/v1/users', { body: { email, name, role } });
  if (created.status !== 201) throw new Error(`user: ${created.status} ${JSON.stringify(created.body)}`);
  const token = new URL(created.body.invitation.url as string).hash.slice(1);
  const password = `Cho-Con-${uniquePrefix()}-2024`;
  const accepted = await app.call('POST', '/v1/auth/invitation', { role: null, body: { token, password } });
  if (accepted.status !== 200) throw new Error(`invitation: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  return { email, password };
}

/** Signs in on the console's sign-in page (English) and waits for the navigation. */
export async function signIn(page: Page, url: string, person: Person): Promise<void> {
  await page.goto(`${url}/console/?lang=en`);
  await page.getByLabel('Email').fill(person.email);
  await page.getByLabel('Password', { exact: true }).fill(person.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** A desktop browser context in Vietnam's zone (the campaign's). */
export async function newDesktop(browser: Browser, options: { timezoneId?: string } = {}): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1366, height: 900 }, timezoneId: options.timezoneId ?? 'UTC' });
}

/** `YYYY-MM-DDTHH:mm` in the campaign zone at `time` (`HH:mm`) `days` days from today. */
export function localAt(days: number, time: string): string {
  return `${DateTime.now().setZone(ZONE).plus({ days }).toISODate() ?? ''}T${time}`;
}

/** The session's start in the campaign zone as `YYYY-MM-DDTHH:mm`. */
export function localOf(isoUtc: string): string {
  return DateTime.fromISO(isoUtc, { zone: 'utc' }).setZone(ZONE).toFormat("yyyy-MM-dd'T'HH:mm");
}

/** Creates a session through the API (as an organizer) and returns it. */
export async function createSessionViaApi(app: TestApp, body: Record<string, unknown>): Promise<any> {
  const res = await app.call('POST', '/v1/sessions', { role: 'organizer', body: { timezone: ZONE, targets: [{ platform: 'facebook', accountId: 'fb-cho-con' }], reminderOffsets: [], ...body } });
  if (res.status !== 201) throw new Error(`session: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
