import { accountBodies, campaignBody, catalogBody, loadFixture, shiftCsv, weeksToShift } from '../../../src/demo/fixture';
import type { Fixture } from '../../../src/demo/fixture';
import type { TestApp } from '../../support/app';

export const fixture: Fixture = loadFixture();
export const ZONE = fixture.campaign.timezone;

/** Whole weeks that put the fixture's first session at least `daysAhead` days from now. */
export const weeksAhead = (daysAhead: number): number => weeksToShift(fixture, Date.now() + daysAhead * 86_400_000);

export async function registerFixtureAccounts(app: TestApp): Promise<void> {
  for (const body of accountBodies(fixture)) {
    const res = await app.call('POST', '/v1/accounts', { body });
    if (res.status !== 201) throw new Error(`account: ${res.status} ${JSON.stringify(res.body)}`);
  }
}

/** The fixture campaign (shifted) with its catalog; returns the create answer. */
export async function createFixtureCampaign(app: TestApp, weeks: number, id = 'cho-con'): Promise<{ id: string; feedKey: string; startsOn: string; endsOn: string }> {
  const created = await app.call('POST', '/v1/campaigns', { role: 'organizer', body: campaignBody(fixture, weeks, id) });
  if (created.status !== 201) throw new Error(`campaign: ${created.status} ${JSON.stringify(created.body)}`);
  const catalog = await app.call('PUT', `/v1/campaigns/${id}/catalog`, { role: 'organizer', body: catalogBody(fixture) });
  if (catalog.status !== 200) throw new Error(`catalog: ${catalog.status} ${JSON.stringify(catalog.body)}`);
  return created.body;
}

export const shiftedSheet = (weeks: number): string => shiftCsv(fixture.sessionsCsv, weeks, ZONE);

export function importCsv(app: TestApp, campaignId: string, csv: string, query = ''): ReturnType<TestApp['call']> {
  return app.call('POST', `/v1/campaigns/${campaignId}/import${query}`, { role: 'organizer', body: csv, headers: { 'content-type': 'text/csv; charset=utf-8' } });
}

export async function listAll(app: TestApp, campaignId: string): Promise<any[]> {
  const items: any[] = [];
  let cursor: string | null = null;
  do {
    const res = await app.call('GET', `/v1/sessions?campaignId=${campaignId}&limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    if (res.status !== 200) throw new Error(`list: ${res.status} ${JSON.stringify(res.body)}`);
    items.push(...res.body.items);
    cursor = res.body.nextCursor;
  } while (cursor);
  return items;
}
