import { useTestApp } from '../../support/app';
import { DAY_MS, HOUR_MS, aSession, aStageId, detailPaths, expectError, isoIn } from './builders';

describe('POST /v1/sessions/preview and POST /v1/sessions/bulk', () => {
  const app = useTestApp({ accounts: true });

  const onStage = async (stageId: string): Promise<string[]> => {
    const res = await app.call('GET', `/v1/sessions?stageId=${stageId}&limit=500`, { role: 'viewer' });
    expect(res.status).toBe(200);
    return res.body.items.map((s: any) => s.id);
  };
  const hoursAfter = (iso: string, hours: number): string => new Date(Date.parse(iso) + hours * HOUR_MS).toISOString();

  describe('preview', () => {
    it('answers 200 {session, conflicts, warnings} for a viewer and saves nothing', async () => {
      const stageId = aStageId();
      const res = await app.call('POST', '/v1/sessions/preview', { role: 'viewer', body: aSession({ stageId, startsAt: isoIn(3 * DAY_MS) }) });
      expect(res.status).toBe(200);
      expect(Object.keys(res.body).sort()).toEqual(['conflicts', 'session', 'warnings']);
      expect(res.body.session).toMatchObject({ version: 1, status: 'scheduled', stageId });
      expect(res.body.session.jobs.length).toBeGreaterThan(0);
      expect(res.body.conflicts).toEqual([]);
      expect(Array.isArray(res.body.warnings)).toBe(true);
      expect(await onStage(stageId)).toEqual([]);
      expect((await app.call('GET', '/v1/jobs?limit=1000', { role: 'viewer' })).body.items.filter((j: any) => j.sessionId === res.body.session.id)).toEqual([]);
    });

    it('warns about a manual TikTok live and about Facebook\'s 7-day window', async () => {
      const res = await app.call('POST', '/v1/sessions/preview', {
        role: 'viewer',
        body: aSession({ startsAt: isoIn(10 * DAY_MS), targets: [{ platform: 'facebook', accountId: 'fb-cho-con' }, { platform: 'tiktok', accountId: 'tt-cho-con', live: true }] }),
      });
      expect(res.status).toBe(200);
      const codes = res.body.warnings.map((w: any) => w.code);
      expect(codes).toEqual(expect.arrayContaining(['tiktok_live_manual', 'facebook_live_window']));
      for (const w of res.body.warnings) expect(typeof w.message).toBe('string');

      const soon = await app.call('POST', '/v1/sessions/preview', { role: 'viewer', body: aSession({ startsAt: isoIn(3 * DAY_MS), targets: [{ platform: 'facebook', accountId: 'fb-cho-con' }] }) });
      expect(soon.body.warnings.map((w: any) => w.code)).not.toContain('facebook_live_window');
      expect(soon.body.warnings.map((w: any) => w.code)).not.toContain('tiktok_live_manual');
    });

    it('lists the conflicting bookings when the stage is taken', async () => {
      const stageId = aStageId();
      const booked = await app.call('POST', '/v1/sessions', { role: 'organizer', body: aSession({ stageId }) });
      expect(booked.status).toBe(201);
      const res = await app.call('POST', '/v1/sessions/preview', { role: 'viewer', body: aSession({ stageId, startsAt: hoursAfter(booked.body.startsAt, 0.5) }) });
      expect(res.status).toBe(200);
      expect(res.body.conflicts).toEqual([{ sessionId: booked.body.id, startsAt: booked.body.startsAt, endsAt: booked.body.endsAt }]);
      expect(await onStage(stageId)).toEqual([booked.body.id]);
    });

    it('validates like create', async () => {
      const res = await app.call('POST', '/v1/sessions/preview', { role: 'viewer', body: aSession({ timezone: 'Mars/Olympus' }) });
      expectError(res, 400, 'validation_failed');
      expect(detailPaths(res)).toEqual(['timezone']);
    });
  });

  describe('bulk', () => {
    it('atomic: creates all and answers 201 with the ids in item order', async () => {
      const stageId = aStageId();
      const start = isoIn(12 * DAY_MS);
      const sessions = [3, 0, 1].map((h) => aSession({ stageId, title: `Bulk ${h}`, startsAt: hoursAfter(start, h) }));
      const res = await app.call('POST', '/v1/sessions/bulk', { role: 'organizer', body: { sessions } });
      expect(res.status).toBe(201);
      expect(res.body.errors).toEqual([]);
      expect(res.body.created).toHaveLength(3);
      for (const [i, id] of (res.body.created as string[]).entries()) {
        const s = await app.call('GET', `/v1/sessions/${id}`, { role: 'viewer' });
        expect(s.body.title).toBe(`Bulk ${[3, 0, 1][i]!}`);
      }
      expect((await onStage(stageId)).sort()).toEqual([...res.body.created].sort());
    });

    it('atomic: one invalid item → 400 validation_failed with paths led by its index, nothing created', async () => {
      const stageId = aStageId();
      const start = isoIn(12 * DAY_MS);
      const sessions = [
        aSession({ stageId, startsAt: start }),
        aSession({ stageId, startsAt: 'next tuesday' }),
        aSession({ stageId, startsAt: hoursAfter(start, 2), targets: [{ platform: 'myspace', accountId: 'fb-cho-con' }] }),
      ];
      const res = await app.call('POST', '/v1/sessions/bulk', { role: 'organizer', body: { sessions, atomic: true } });
      expectError(res, 400, 'validation_failed');
      expect(detailPaths(res)).toEqual(expect.arrayContaining(['1.startsAt', '2.targets.0.platform']));
      for (const path of detailPaths(res)) expect(path).toMatch(/^[12]\./);
      expect(await onStage(stageId)).toEqual([]);
    });

    it('atomic: only conflicts (within the request and with a booking) → 409 stage_conflict, nothing created', async () => {
      const stageId = aStageId();
      const start = isoIn(13 * DAY_MS);
      const existing = await app.call('POST', '/v1/sessions', { role: 'organizer', body: aSession({ stageId, startsAt: start }) });
      expect(existing.status).toBe(201);
      const within = await app.call('POST', '/v1/sessions/bulk', {
        role: 'organizer',
        body: { sessions: [aSession({ stageId, startsAt: hoursAfter(start, 5) }), aSession({ stageId, startsAt: hoursAfter(start, 5.5) }), aSession({ stageId, startsAt: hoursAfter(start, 8) })] },
      });
      expectError(within, 409, 'stage_conflict');
      expect(detailPaths(within)).toEqual(['1']);
      expect(await onStage(stageId)).toEqual([existing.body.id]);

      const withBooking = await app.call('POST', '/v1/sessions/bulk', {
        role: 'organizer',
        body: { sessions: [aSession({ stageId, startsAt: hoursAfter(start, 3) }), aSession({ stageId, startsAt: hoursAfter(start, 0.5) })] },
      });
      expectError(withBooking, 409, 'stage_conflict');
      expect(detailPaths(withBooking)).toEqual(['1']);
      expect(JSON.stringify(withBooking.body.error)).toContain(existing.body.id);
      expect(await onStage(stageId)).toEqual([existing.body.id]);
    });

    it('non-atomic: creates the valid ones, answers 200 with errors by index', async () => {
      const stageId = aStageId();
      const start = isoIn(14 * DAY_MS);
      const sessions = [
        aSession({ stageId, title: 'OK 0', startsAt: start }),
        aSession({ stageId, startsAt: hoursAfter(start, 0.5) }),
        aSession({ stageId, title: 'OK 2', startsAt: hoursAfter(start, 2) }),
        aSession({ stageId, startsAt: hoursAfter(start, 4), titel: 'typo' }),
        aSession({ stageId, startsAt: isoIn(-HOUR_MS) }),
      ];
      const res = await app.call('POST', '/v1/sessions/bulk', { role: 'organizer', body: { sessions, atomic: false } });
      expect(res.status).toBe(200);
      expect(res.body.created).toHaveLength(2);
      expect(res.body.errors.map((e: any) => [e.index, e.error.code])).toEqual([
        [1, 'stage_conflict'],
        [3, 'validation_failed'],
        [4, 'starts_in_past'],
      ]);
      for (const e of res.body.errors) expect(typeof e.error.message).toBe('string');
      expect(res.body.errors[1].error.details.map((d: any) => d.path)).toEqual(['3.titel']);
      const titles = await Promise.all((res.body.created as string[]).map(async (id) => (await app.call('GET', `/v1/sessions/${id}`, { role: 'viewer' })).body.title));
      expect(titles).toEqual(['OK 0', 'OK 2']);
      expect((await onStage(stageId)).sort()).toEqual([...res.body.created].sort());
    });

    it('refuses a bulk body that is not {sessions: [...]} and a viewer', async () => {
      const empty = await app.call('POST', '/v1/sessions/bulk', { role: 'organizer', body: { sessions: [] } });
      expectError(empty, 400, 'validation_failed');
      expect(detailPaths(empty)).toEqual(['sessions']);
      const typo = await app.call('POST', '/v1/sessions/bulk', { role: 'organizer', body: { sessions: [aSession()], atomc: false } });
      expectError(typo, 400, 'validation_failed');
      expect(detailPaths(typo)).toEqual(['atomc']);
      expectError(await app.call('POST', '/v1/sessions/bulk', { role: 'viewer', body: { sessions: [aSession()] } }), 403, 'forbidden');
    });
  });
});
