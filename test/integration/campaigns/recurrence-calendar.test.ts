import { DateTime } from 'luxon';
import { startTestApp } from '../../support/app';
import type { TestApp } from '../../support/app';
import { shiftDate } from '../../../src/demo/fixture';
import { createFixtureCampaign, registerFixtureAccounts, weeksAhead } from './helpers';

describe('recurring sessions, campaign days and the calendar key', () => {
  let app: TestApp;
  const weeks = weeksAhead(2);
  const cid = 'recurring';
  let campaign: { feedKey: string; startsOn: string; endsOn: string };

  beforeAll(async () => {
    app = await startTestApp({}, 'api');
    await registerFixtureAccounts(app);
    campaign = await createFixtureCampaign(app, weeks, cid);
  });
  afterAll(async () => {
    await app.stop();
  });

  const mega = (startsAt: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    title: 'Mega Livestream cuối tuần', campaignId: cid, stageId: 'mega-stage', startsAt, durationMinutes: 120,
    vendorIds: ['v001'], targets: [{ platform: 'facebook', accountId: 'fb-cho-con' }], ...extra,
  });

  it('expands Fri–Sun 19:30 until the campaign ends into ordinary sessions of one series', async () => {
    const first = `${campaign.startsOn}T19:30`; // the campaign opens on a Friday
    const res = await app.call('POST', '/v1/sessions', { role: 'organizer', body: mega(first, { recurrence: { freq: 'weekly', byWeekday: ['FR', 'SA', 'SU'] } }) });
    expect(res.status).toBe(201);
    // 7 June – 7 July 2024: five Fridays, five Saturdays, five Sundays.
    expect(res.body.created).toHaveLength(15);
    const series = await app.call('GET', `/v1/series/${res.body.seriesId}`);
    const starts = series.body.sessions.map((s: { startsAt: string }) => DateTime.fromISO(s.startsAt).setZone('Asia/Ho_Chi_Minh'));
    expect(new Set(starts.map((d: DateTime) => d.toFormat('HH:mm')))).toEqual(new Set(['19:30']));
    expect(new Set(starts.map((d: DateTime) => d.weekday))).toEqual(new Set([5, 6, 7]));
    expect(starts.at(-1).toISODate()).toBe(campaign.endsOn);

    // Edit one: it moves alone.
    const one = series.body.sessions[1].id;
    const moved = await app.call('PATCH', `/v1/sessions/${one}`, { role: 'organizer', body: { startsAt: `${shiftDate('2024-06-08', weeks)}T20:00` } });
    expect(moved.status).toBe(200);
    // Edit all: a new title and 18:00 on every occurrence's own day.
    const all = await app.call('PATCH', `/v1/series/${res.body.seriesId}`, { role: 'organizer', body: { title: 'Mega Livestream', startTime: '18:00' } });
    expect(all.status).toBe(200);
    expect(all.body.updated).toHaveLength(15);
    const after = await app.call('GET', `/v1/series/${res.body.seriesId}`);
    for (const s of after.body.sessions) {
      expect(s.title).toBe('Mega Livestream');
      expect(DateTime.fromISO(s.startsAt).setZone('Asia/Ho_Chi_Minh').toFormat('HH:mm')).toBe('18:00');
    }
    const cancelled = await app.call('POST', `/v1/series/${res.body.seriesId}/cancel`, { role: 'organizer', body: {} });
    expect(cancelled.body.updated).toHaveLength(15);
  });

  it('refuses the whole series when one occurrence conflicts, naming it', async () => {
    const blocker = await app.call('POST', '/v1/sessions', { role: 'organizer', body: mega(`${shiftDate('2024-06-21', weeks)}T19:00`, { title: 'Blocker' }) });
    expect(blocker.status).toBe(201);
    const res = await app.call('POST', '/v1/sessions', { role: 'organizer', body: mega(`${campaign.startsOn}T19:30`, { recurrence: { freq: 'weekly', byWeekday: ['FR'] } }) });
    expect(res.status).toBe(409);
    expect(res.body.error.details).toEqual([{ path: 'occurrences.2', message: expect.stringMatching(/^occurrence 2 \(.*T19:30\): stage 'mega-stage' is already booked/) }]);
    const list = await app.call('GET', `/v1/sessions?campaignId=${cid}&status=scheduled`);
    expect(list.body.items.map((s: { title: string }) => s.title)).toEqual(['Blocker']);
  });

  it('expands a daily rule with count and exceptions, and refuses it in bulk', async () => {
    const res = await app.call('POST', '/v1/sessions', {
      role: 'organizer',
      body: mega(`${shiftDate('2024-06-10', weeks)}T09:00`, { stageId: 'booth-cho-con', durationMinutes: 30, recurrence: { freq: 'daily', count: 5, exceptOn: [shiftDate('2024-06-12', weeks)] } }),
    });
    expect(res.status).toBe(201);
    expect(res.body.created).toHaveLength(5);
    const bulk = await app.call('POST', '/v1/sessions/bulk', { role: 'organizer', body: { sessions: [mega(`${campaign.startsOn}T08:00`, { recurrence: { freq: 'daily', count: 2 } })] } });
    expect(bulk.status).toBe(400);
    expect(bulk.body.error.details[0].path).toBe('0.recurrence');
  });

  it("reads the campaign's days in the campaign's zone, not the session's", async () => {
    // Tokyo is UTC+9, Da Nang UTC+7: 00:30 in Tokyo on the day after the last is 22:30 on the
    // last day in Da Nang (inside); 02:30 in Tokyo is 00:30 the next day in Da Nang (outside).
    const next = DateTime.fromISO(campaign.endsOn).plus({ days: 1 }).toISODate() ?? '';
    const ok = await app.call('POST', '/v1/sessions', { role: 'organizer', body: mega(`${next}T00:30`, { stageId: 'cho-han-corner', timezone: 'Asia/Tokyo', durationMinutes: 30 }) });
    expect(ok.status).toBe(201);
    const late = await app.call('POST', '/v1/sessions', { role: 'organizer', body: mega(`${next}T02:30`, { stageId: 'cho-han-corner', timezone: 'Asia/Tokyo', durationMinutes: 30 }) });
    expect(late.status).toBe(422);
    expect(late.body.error.code).toBe('outside_campaign');
  });

  it('keeps stage suggestions inside the campaign days', async () => {
    const lastEvening = `${campaign.endsOn}T22:00`;
    expect((await app.call('POST', '/v1/sessions', { role: 'organizer', body: mega(lastEvening, { stageId: 'cho-dong-da-corner' }) })).status).toBe(201);
    const clash = await app.call('POST', '/v1/sessions', { role: 'organizer', body: mega(lastEvening, { stageId: 'cho-dong-da-corner', durationMinutes: 60 }) });
    expect(clash.status).toBe(409);
    expect(clash.body.error.suggestions).toEqual([]);
  });

  it('serves the calendar only with the right key', async () => {
    const base = `${app.url}/v1/campaigns/${cid}/calendar.ics`;
    expect((await fetch(`${base}?key=${campaign.feedKey}`)).status).toBe(200);
    for (const url of [`${base}?key=wrong`, base, `${base}?key=${campaign.feedKey}&vendorId=v404`, `${app.url}/v1/campaigns/nope/calendar.ics?key=${campaign.feedKey}`]) {
      const res = await fetch(url);
      expect(res.status).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
    }
  });
});
