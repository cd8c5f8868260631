import { useTestApp } from '../../support/app';
import { DAY_MS, HOUR_MS, MINUTE_MS, aSession, aStageId, expectError, isoIn } from './builders';

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('POST /v1/sessions', () => {
  const app = useTestApp({ accounts: true });

  const countOnStage = async (stageId: string): Promise<number> => {
    const res = await app.call('GET', `/v1/sessions?stageId=${stageId}&limit=500`, { role: 'viewer' });
    expect(res.status).toBe(200);
    return res.body.items.length;
  };

  it('answers 201 with the whole session, ETag "1", UTC instants with local twins and target defaults', async () => {
    const startsAt = isoIn(12 * DAY_MS);
    const res = await app.call('POST', '/v1/sessions', {
      role: 'organizer',
      body: aSession({
        startsAt,
        durationMinutes: 90,
        stageId: 'main-stage',
        targets: [
          { platform: 'facebook', accountId: 'fb-cho-con' },
          { platform: 'youtube', accountId: 'yt-sct' },
          { platform: 'tiktok', accountId: 'tt-cho-con' },
        ],
      }),
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('etag')).toBe('"1"');
    const s = res.body;
    expect(s.id).toMatch(/^ses_[a-z0-9]+$/);
    expect(s).toMatchObject({ version: 1, status: 'scheduled', title: 'Đặc sản Chợ Cồn – phiên tối', timezone: 'Asia/Ho_Chi_Minh', campaignId: null, stageId: 'main-stage' });
    expect(s.startsAt).toBe(startsAt);
    expect(s.startsAt).toMatch(ISO_UTC);
    expect(s.endsAt).toBe(new Date(Date.parse(startsAt) + 90 * MINUTE_MS).toISOString());
    expect(s.startsAtLocal).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+07:00$/);
    expect(Date.parse(s.startsAtLocal)).toBe(Date.parse(startsAt));
    expect(s.endsAtLocal).toMatch(/\+07:00$/);
    expect(Date.parse(s.endsAtLocal)).toBe(Date.parse(s.endsAt));
    expect(s.createdAt).toMatch(ISO_UTC);
    expect(s.updatedAt).toMatch(ISO_UTC);
    expect(s.targets).toEqual([
      { platform: 'facebook', accountId: 'fb-cho-con', announce: true, live: true, liveId: null, ingestUrl: null, postIds: [], signal: null, signalCheckedAt: null },
      { platform: 'youtube', accountId: 'yt-sct', announce: false, live: true, liveId: null, ingestUrl: null, postIds: [], signal: null, signalCheckedAt: null },
      { platform: 'tiktok', accountId: 'tt-cho-con', announce: true, live: false, liveId: null, ingestUrl: null, postIds: [], signal: null, signalCheckedAt: null },
    ]);
    expect(s.jobs.length).toBeGreaterThan(0);
    for (const job of s.jobs) {
      expect(job).toEqual(
        expect.objectContaining({
          id: expect.stringMatching(new RegExp(`^${String(s.id)}__`)),
          kind: expect.stringMatching(/^(prepare-live|announce|reminder|guard|go-live|end-live)$/),
          platform: job.platform === null ? null : expect.stringMatching(/^(facebook|tiktok|youtube)$/),
          accountId: job.platform === null ? null : expect.any(String),
          runAt: expect.stringMatching(ISO_UTC),
          state: 'pending',
          attempts: 0,
          lastError: null,
          result: null,
        }),
      );
      expect(job.id).not.toContain(':');
    }
    const announces = s.jobs.filter((j: any) => j.kind === 'announce').map((j: any) => `${String(j.platform)}@${String(j.runAt)}`).sort();
    expect(announces).toEqual(
      [
        `facebook@${new Date(Date.parse(startsAt) - DAY_MS).toISOString()}`,
        `facebook@${new Date(Date.parse(startsAt) - HOUR_MS).toISOString()}`,
        `tiktok@${new Date(Date.parse(startsAt) - DAY_MS).toISOString()}`,
        `tiktok@${new Date(Date.parse(startsAt) - HOUR_MS).toISOString()}`,
      ].sort(),
    );
    expect(s.jobs.filter((j: any) => j.kind === 'prepare-live').map((j: any) => j.platform).sort()).toEqual(['facebook', 'youtube']);
    expect(s.jobs.find((j: any) => j.kind === 'go-live' && j.platform === null)?.runAt).toBe(startsAt);

    const read = await app.call('GET', `/v1/sessions/${String(s.id)}`, { role: 'viewer' });
    expect(read.status).toBe(200);
    expect(read.body.id).toBe(s.id);
  });

  it('reads a local wall time without offset in the session time zone', async () => {
    const day = new Date(Date.now() + 20 * DAY_MS + 7 * HOUR_MS).toISOString().slice(0, 10);
    const res = await app.call('POST', '/v1/sessions', { role: 'organizer', body: aSession({ startsAt: `${day}T19:00`, durationMinutes: 30 }) });
    expect(res.status).toBe(201);
    expect(res.body.startsAt).toBe(`${day}T12:00:00.000Z`);
    expect(res.body.startsAtLocal).toBe(`${day}T19:00:00.000+07:00`);
    expect(res.body.endsAtLocal).toBe(`${day}T19:30:00.000+07:00`);

    const berlin = await app.call('POST', '/v1/sessions', {
      role: 'organizer',
      body: aSession({ startsAt: `${day}T19:00`, endsAt: `${day}T20:00`, durationMinutes: undefined, timezone: 'UTC' }),
    });
    expect(berlin.status).toBe(201);
    expect(berlin.body.startsAt).toBe(`${day}T19:00:00.000Z`);
    expect(berlin.body.timezone).toBe('UTC');
  });

  it('records offsets already in the past as skipped, not as an error', async () => {
    const res = await app.call('POST', '/v1/sessions', {
      role: 'organizer',
      body: aSession({ startsAt: isoIn(3 * HOUR_MS), targets: [{ platform: 'tiktok', accountId: 'tt-cho-con' }], announceOffsets: ['P1D', 'PT1H'] }),
    });
    expect(res.status).toBe(201);
    const announce = (offset: string) => res.body.jobs.find((j: any) => j.kind === 'announce' && j.offset === offset);
    expect(announce('P1D')).toMatchObject({ state: 'skipped', attempts: 0 });
    expect(announce('PT1H')).toMatchObject({ state: 'pending' });
  });

  it('replays the first answer for a retried Idempotency-Key and creates nothing new', async () => {
    const stageId = aStageId();
    const body = aSession({ stageId });
    const headers = { 'idempotency-key': `create-${stageId}` };
    const first = await app.call('POST', '/v1/sessions', { role: 'organizer', body, headers });
    expect(first.status).toBe(201);
    const again = await app.call('POST', '/v1/sessions', { role: 'organizer', body, headers });
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers.get('etag')).toBe('"1"');
    expect(await countOnStage(stageId)).toBe(1);

    const other = await app.call('POST', '/v1/sessions', { role: 'organizer', body: { ...body, title: 'Một phiên khác' }, headers });
    expectError(other, 409, 'idempotency_conflict');
    expect(await countOnStage(stageId)).toBe(1);
  });

  it('refuses an Idempotency-Key longer than 200 characters', async () => {
    const res = await app.call('POST', '/v1/sessions', { role: 'organizer', body: aSession(), headers: { 'idempotency-key': 'k'.repeat(201) } });
    expectError(res, 400, 'validation_failed');
  });

  it('replays a refused first answer too (same status, same error)', async () => {
    const body = aSession({ startsAt: isoIn(-HOUR_MS) });
    const headers = { 'idempotency-key': `past-${aStageId()}` };
    const first = await app.call('POST', '/v1/sessions', { role: 'organizer', body, headers });
    expectError(first, 422, 'starts_in_past');
    const again = await app.call('POST', '/v1/sessions', { role: 'organizer', body, headers });
    expect({ status: again.status, body: again.body }).toEqual({ status: first.status, body: first.body });
  });

  it('refuses an unknown campaignId with validation_failed', async () => {
    const res = await app.call('POST', '/v1/sessions', { role: 'organizer', body: aSession({ campaignId: 'no-such-campaign' }) });
    expectError(res, 400, 'validation_failed');
    expect(res.body.error.details.map((d: any) => d.path)).toEqual(['campaignId']);
  });

  it('lets exactly one of ten concurrent overlapping bookings of one stage win', async () => {
    const stageId = aStageId('race');
    const base = Date.parse(isoIn(15 * DAY_MS));
    const bodies = Array.from({ length: 10 }, (_, i) => aSession({ stageId, title: `Phiên ${i}`, startsAt: new Date(base + i * 5 * MINUTE_MS).toISOString(), durationMinutes: 60 }));
    const answers = await Promise.all(bodies.map((body) => app.call('POST', '/v1/sessions', { role: 'organizer', body })));
    const won = answers.filter((a) => a.status === 201);
    const lost = answers.filter((a) => a.status !== 201);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(9);
    const winner = won[0]!.body;
    for (const res of lost) {
      expectError(res, 409, 'stage_conflict');
      expect(res.body.error.conflicts).toEqual([{ sessionId: winner.id, startsAt: winner.startsAt, endsAt: winner.endsAt }]);
      expect(res.body.error.suggestions.length).toBeGreaterThan(0);
      for (const w of res.body.error.suggestions) {
        expect(Date.parse(w.endsAt) - Date.parse(w.startsAt)).toBe(60 * MINUTE_MS);
        const overlaps = Date.parse(w.startsAt) < Date.parse(winner.endsAt) && Date.parse(w.endsAt) > Date.parse(winner.startsAt);
        expect(overlaps).toBe(false);
      }
    }
    expect(await countOnStage(stageId)).toBe(1);
  });

  it('accepts back-to-back sessions on one stage (end == next start)', async () => {
    const stageId = aStageId();
    const start = isoIn(16 * DAY_MS);
    const first = await app.call('POST', '/v1/sessions', { role: 'organizer', body: aSession({ stageId, startsAt: start, durationMinutes: 60 }) });
    expect(first.status).toBe(201);
    const second = await app.call('POST', '/v1/sessions', { role: 'organizer', body: aSession({ stageId, startsAt: first.body.endsAt, durationMinutes: 60 }) });
    expect(second.status).toBe(201);
    const before = await app.call('POST', '/v1/sessions', { role: 'organizer', body: aSession({ stageId, endsAt: start, startsAt: new Date(Date.parse(start) - HOUR_MS).toISOString(), durationMinutes: undefined }) });
    expect(before.status).toBe(201);
    expect(await countOnStage(stageId)).toBe(3);
  });

  it('refuses a session that does not start in the future with 422 starts_in_past', async () => {
    const res = await app.call('POST', '/v1/sessions', { role: 'organizer', body: aSession({ startsAt: isoIn(-HOUR_MS) }) });
    expectError(res, 422, 'starts_in_past');
  });
});
