import { ACTION_QUEUES } from '../../../src/scheduling/queues';
import { startTestApp } from '../../support/app';
import type { TestApp } from '../../support/app';
import { createFixtureCampaign, fixture, importCsv, listAll, registerFixtureAccounts, shiftedSheet, weeksAhead } from './helpers';

/**
 * Jobs the plan makes for one fixture row when every offset is still ahead (no notify hooks): the
 * session cue and end, three per live, two promos per post target, and the two default reminders
 * (PT1H, PT10M) — a campaign session has people to remind (its vendors, its subscribers) even
 * without hooks — and the two default on-air guards (PT10M, PT3M) of a session with a live.
 */
function expectedJobs(targets: string): number {
  const platforms = targets.split(';').filter(Boolean).map((t) => t.split(':')[0]);
  const lives = platforms.filter((p) => p === 'facebook' || p === 'youtube').length;
  const posts = platforms.filter((p) => p === 'facebook' || p === 'tiktok').length;
  const reminders = 2;
  const guards = lives > 0 ? 2 : 0;
  return 2 + 3 * lives + 2 * posts + reminders + guards;
}

describe('the Chợ Cồn month imported end to end', () => {
  let app: TestApp;
  let campaign: { id: string; feedKey: string };
  const weeks = weeksAhead(2);

  beforeAll(async () => {
    // API only: no worker takes the jobs, so the queues hold exactly what was scheduled.
    app = await startTestApp({}, 'api');
    await registerFixtureAccounts(app);
    campaign = await createFixtureCampaign(app, weeks);
  });
  afterAll(async () => {
    await app.stop();
  });

  it('creates the 142 sessions of the sheet in one atomic import', async () => {
    const res = await importCsv(app, campaign.id, shiftedSheet(weeks));
    expect(res.status).toBe(201);
    expect(res.body.errors).toEqual([]);
    expect(res.body.created).toHaveLength(142);
    const read = await app.call('GET', `/v1/campaigns/${campaign.id}`, { role: 'viewer' });
    expect(read.body.sessionCounts).toEqual({ total: 142, scheduled: 142, live: 0, ended: 0, cancelled: 0 });
    expect(read.body).not.toHaveProperty('feedKey');
    expect((await app.call('GET', `/v1/campaigns/${campaign.id}`, { role: 'organizer' })).body.feedKey).toBe(campaign.feedKey);
  });

  it('plans and queues the right number of jobs', async () => {
    const sessions = await listAll(app, campaign.id);
    expect(sessions).toHaveLength(142);
    const expected = fixture.rows.reduce((n, r) => n + expectedJobs(r.targets ?? ''), 0);
    const pending = sessions.reduce((n: number, s: { jobs: { state: string }[] }) => n + s.jobs.filter((j) => j.state === 'pending').length, 0);
    expect(pending).toBe(expected);
    let queued = 0;
    for (const name of ACTION_QUEUES) {
      const counts = await app.deps.queues[name].getJobCounts('delayed', 'waiting', 'prioritized', 'active');
      queued += Object.values(counts).reduce((a, b) => a + b, 0);
    }
    expect(queued).toBe(expected);
    const mega = sessions.find((s) => s.title === 'Mega Livestream cuối tuần 07/06');
    expect(mega).toMatchObject({ stageId: 'mega-stage', vendorIds: ['v001', 'v002', 'v003'], host: { name: 'KOL khách mời' }, timezone: 'Asia/Ho_Chi_Minh' });
    expect(mega.startsAtLocal).toMatch(/T19:30:00\.000\+07:00$/);
  });

  it('reports coverage naming every vendor and product', async () => {
    const res = await app.call('GET', `/v1/campaigns/${campaign.id}/coverage`, { role: 'viewer' });
    expect(res.status).toBe(200);
    expect(res.body.vendors.map((v: { id: string }) => v.id)).toEqual(fixture.vendors.map((v) => v.id));
    expect(res.body.products).toHaveLength(fixture.products.length);
    for (const v of res.body.vendors) {
      const rows = fixture.rows.filter((r) => (r.vendorIds ?? '').split(';').includes(v.id));
      expect(v).toMatchObject({ sessions: rows.length, done: 0, minutes: rows.reduce((m, r) => m + Number(r.durationMinutes), 0) });
    }
  });

  it('serves the calendar feed with 142 events in the campaign zone, per vendor too', async () => {
    const res = await fetch(`${app.url}/v1/campaigns/${campaign.id}/calendar.ics?key=${campaign.feedKey}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
    const ics = await res.text();
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(142);
    expect(ics).toContain('DTSTART;TZID=Asia/Ho_Chi_Minh:');
    // The zone is defined in the feed itself (calendars without a tz database read TZID from it).
    expect(ics).toMatch(/BEGIN:VTIMEZONE\r\nTZID:Asia\/Ho_Chi_Minh\r\n[\s\S]*TZOFFSETTO:\+0700[\s\S]*END:VTIMEZONE/);
    expect(ics).toContain('LOCATION:Sân khấu Mega Livestream - chợ Cồn');
    const unfolded = ics.replace(/\r\n /g, '').replace(/\\,/g, ',');
    expect(unfolded).toContain('Nền tảng / Platforms: Facebook, YouTube, TikTok');
    expect(unfolded).toContain('SUMMARY:Lễ phát động Chợ Livestream bán hàng Đà Nẵng 2024 - Mega Livestream');

    const v001 = fixture.rows.filter((r) => (r.vendorIds ?? '').split(';').includes('v001')).length;
    const one = await (await fetch(`${app.url}/v1/campaigns/${campaign.id}/calendar.ics?key=${campaign.feedKey}&vendorId=v001`)).text();
    expect(one.match(/BEGIN:VEVENT/g)).toHaveLength(v001);
  });

  it('conflicts on a second import of the same sheet and creates nothing', async () => {
    const res = await importCsv(app, campaign.id, shiftedSheet(weeks));
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('stage_conflict');
    expect(res.body.error.details).toHaveLength(142);
    expect(res.body.error.details[0].path).toBe('row 2');
    expect(res.body.error.details[0].message).toMatch(/row 2 was already imported as session ses_/);
    expect((await app.call('GET', `/v1/campaigns/${campaign.id}`)).body.sessionCounts.total).toBe(142);
  });
});
