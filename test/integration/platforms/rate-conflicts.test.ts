import { reconcile, reconcileDepsOf } from '../../../src/scheduling/reconcile';
import { useTestApp } from '../../support/app';

/** The plan foresees Facebook's page pacing: preview, create, bulk and import warn `rate_limit_conflict`. */
describe('rate_limit_conflict for promos bursting on one Facebook page', () => {
  const app = useTestApp({ accounts: true });

  const promo = (title: string, startsAt: string): Record<string, unknown> => ({
    title,
    startsAt,
    durationMinutes: 30,
    targets: [{ platform: 'facebook', accountId: 'fb-cho-con', live: false }],
    announceOffsets: ['PT1H'],
    reminderOffsets: [],
  });
  const conflictOf = (warnings: any[]): any => warnings.find((w) => w.code === 'rate_limit_conflict');

  it('warns when a third promo of the page falls in the same minute, naming the page, the window and the spread', async () => {
    const startsAt = new Date(Date.now() + 3 * 3_600_000).toISOString();
    for (const title of ['Quầy Cô Lan', 'Quầy Chú Ba']) {
      const created = await app.call('POST', '/v1/sessions', { role: 'organizer', body: promo(title, startsAt) });
      expect(created.status).toBe(201);
      expect(conflictOf(created.body.warnings)).toBeUndefined();
    }
    const preview = await app.call('POST', '/v1/sessions/preview', { role: 'viewer', body: promo('Quầy Bà Năm', startsAt) });
    const conflict = conflictOf(preview.body.warnings);
    const promoAt = new Date(Date.parse(startsAt) - 3_600_000).toISOString();
    expect(conflict).toMatchObject({ path: 'targets.0' });
    expect(conflict.message).toContain("3 Facebook promos of page 'fb-cho-con'");
    expect(conflict.message).toContain(`between ${promoAt} and ${promoAt}`);
    expect(conflict.message).toContain('paces it at 2 calls a minute');
    expect(conflict.message).toContain('spread them over at least 2 minutes (about 30 s apart)');
    const created = await app.call('POST', '/v1/sessions', { role: 'organizer', body: promo('Quầy Bà Năm', startsAt) });
    expect(created.status).toBe(201);
    expect(conflictOf(created.body.warnings)?.message).toContain("3 Facebook promos of page 'fb-cho-con'");
    const apart = await app.call('POST', '/v1/sessions/preview', { role: 'viewer', body: promo('Quầy xa', new Date(Date.parse(startsAt) + 10 * 60_000).toISOString()) });
    expect(conflictOf(apart.body.warnings)).toBeUndefined();
  });

  it('warns the items of a bulk request and the rows of a sheet that burst together', async () => {
    const startsAt = new Date(Date.now() + 5 * 3_600_000).toISOString();
    const bulk = await app.call('POST', '/v1/sessions/bulk', { role: 'organizer', body: { sessions: ['A', 'B', 'C'].map((t) => promo(`Gian ${t}`, startsAt)) } });
    expect(bulk.status).toBe(201);
    expect(bulk.body.warnings.map((w: any) => [w.index, w.code, w.path])).toEqual([0, 1, 2].map((i) => [i, 'rate_limit_conflict', 'targets.0']));
    expect(bulk.body.warnings[0].message).toContain("3 Facebook promos of page 'fb-cho-con'");

    const day = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const campaign = await app.call('POST', '/v1/campaigns', { role: 'organizer', body: { id: 'cmp-rates', name: 'Chợ Livestream', startsOn: new Date().toISOString().slice(0, 10), endsOn: day, timezone: 'UTC', stages: [] } });
    expect(campaign.status).toBe(201);
    const at = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 16);
    const sheet = ['title,startsAt,durationMinutes,targets,announceOffsets,reminderOffsets', ...['X', 'Y', 'Z'].map((t) => `Hàng ${t},${at},30,facebook:fb-cho-con,PT1H,`)].join('\n');
    const imported = await app.call('POST', '/v1/campaigns/cmp-rates/import', { role: 'organizer', body: sheet, headers: { 'content-type': 'text/csv' } });
    expect(imported.status).toBe(201);
    expect(imported.body.created).toHaveLength(3);
    expect(imported.body.warnings.map((w: any) => w.code)).toEqual(['rate_limit_conflict', 'rate_limit_conflict', 'rate_limit_conflict']);
  });

  it('reads the plan-call index, which follows cancels and moves and is rebuilt by reconcile', async () => {
    const startsAt = new Date(Date.now() + 9 * 3_600_000).toISOString();
    const ids: string[] = [];
    for (const title of ['Quầy Một', 'Quầy Hai']) {
      const created = await app.call('POST', '/v1/sessions', { role: 'organizer', body: promo(title, startsAt) });
      expect(created.status).toBe(201);
      ids.push(created.body.id);
    }
    const third = (): Promise<any> => app.call('POST', '/v1/sessions/preview', { role: 'viewer', body: promo('Quầy Ba', startsAt) });
    expect(conflictOf((await third()).body.warnings)).toBeDefined();
    // Cancelled: its promo no longer counts.
    expect((await app.call('POST', `/v1/sessions/${ids[0] ?? ''}/cancel`, { role: 'organizer', body: { notice: false } })).status).toBe(200);
    expect(conflictOf((await third()).body.warnings)).toBeUndefined();
    // Moved into the minute again by an update (a new session), then the index lost: reconcile's sweep rebuilds it.
    const back = await app.call('POST', '/v1/sessions', { role: 'organizer', body: promo('Quầy Bốn', new Date(Date.parse(startsAt) + 30 * 60_000).toISOString()) });
    expect(back.status).toBe(201);
    expect(conflictOf((await third()).body.warnings)).toBeUndefined();
    const moved = await app.call('PATCH', `/v1/sessions/${back.body.id as string}`, { role: 'organizer', body: { startsAt, durationMinutes: 30 } });
    expect(moved.status).toBe(200);
    expect(conflictOf((await third()).body.warnings)).toBeDefined();
    await app.deps.redis.del(app.deps.keys.planCalls('facebook', 'fb-cho-con'));
    expect(conflictOf((await third()).body.warnings)).toBeUndefined();
    await reconcile(reconcileDepsOf(app.deps));
    expect(conflictOf((await third()).body.warnings)?.message).toContain("3 Facebook promos of page 'fb-cho-con'");
  });

  it('on a page with 60 promos in one minute, counts them without reading them, and a create still names the burst exactly', async () => {
    const startsAt = new Date(Date.now() + 11 * 3_600_000).toISOString();
    const crowd = await app.call('POST', '/v1/sessions/bulk', { role: 'organizer', body: { sessions: Array.from({ length: 60 }, (_, i) => promo(`Gian ${i}`, startsAt)) } });
    expect(crowd.status).toBe(201);
    const promoAt = new Date(Date.parse(startsAt) - 3_600_000).toISOString();
    const created = await app.call('POST', '/v1/sessions', { role: 'organizer', body: promo('Quầy sau cùng', startsAt) });
    expect(created.status).toBe(201);
    const message = conflictOf(created.body.warnings)?.message as string;
    expect(message).toContain("61 Facebook promos of page 'fb-cho-con'");
    expect(message).toContain(`between ${promoAt} and ${promoAt}`);
    expect(message).toContain('spread them over at least 31 minutes');
    // The index holds the promos only (rate foresight counts nothing else of a page), not a live's calls.
    const live = await app.call('POST', '/v1/sessions', { role: 'organizer', body: { ...promo('Quầy live', startsAt), targets: [{ platform: 'facebook', accountId: 'fb-cho-con', live: true }] } });
    expect(live.status).toBe(201);
    expect(live.body.jobs.map((j: any) => j.kind)).toEqual(expect.arrayContaining(['prepare-live', 'go-live', 'announce']));
    const members = await app.deps.redis.zrange(app.deps.keys.planCalls('facebook', 'fb-cho-con'), 0, -1);
    expect(members.every((m) => JSON.parse(m)[1] === 'announce')).toBe(true);
  });
});
