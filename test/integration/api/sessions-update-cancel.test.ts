import { useTestApp } from '../../support/app';
import { DAY_MS, HOUR_MS, MINUTE_MS, aSession, aStageId, detailPaths, expectError, isoIn } from './builders';

describe('PATCH /v1/sessions/:id and POST /v1/sessions/:id/cancel', () => {
  const app = useTestApp({ accounts: true });

  const create = async (overrides: Record<string, unknown> = {}): Promise<any> => {
    const res = await app.call('POST', '/v1/sessions', { role: 'organizer', body: aSession(overrides) });
    expect(res.status).toBe(201);
    return res.body;
  };
  const patch = (id: string, body: unknown, headers: Record<string, string> = {}) => app.call('PATCH', `/v1/sessions/${id}`, { role: 'organizer', body, headers });
  const cancel = (id: string, body?: unknown) => app.call('POST', `/v1/sessions/${id}/cancel`, { role: 'organizer', ...(body !== undefined ? { body } : {}) });
  const pendingRunAts = (s: any): Record<string, string> =>
    Object.fromEntries(s.jobs.filter((j: any) => j.state === 'pending').map((j: any) => [j.id, j.runAt]));

  it('moves pending jobs with the new start (same ids), increments the version and sends its ETag', async () => {
    const s = await create({ durationMinutes: 60 });
    const before = pendingRunAts(s);
    const newStart = new Date(Date.parse(s.startsAt) + 2 * HOUR_MS).toISOString();
    const res = await patch(s.id, { startsAt: newStart });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"2"');
    expect(res.body).toMatchObject({ id: s.id, version: 2, status: 'scheduled', startsAt: newStart });
    expect(res.body.endsAt).toBe(new Date(Date.parse(newStart) + HOUR_MS).toISOString());
    const after = pendingRunAts(res.body);
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    for (const [id, runAt] of Object.entries(before)) expect(Date.parse(after[id]!) - Date.parse(runAt)).toBe(2 * HOUR_MS);

    const read = await app.call('GET', `/v1/sessions/${String(s.id)}`, { role: 'viewer' });
    expect(read.headers.get('etag')).toBe('"2"');
    expect(pendingRunAts(read.body)).toEqual(after);
  });

  it('keeps job times when only the title changes', async () => {
    const s = await create();
    const res = await patch(s.id, { title: 'Tên mới của phiên' });
    expect(res.status).toBe(200);
    expect(res.body.title).toBe('Tên mới của phiên');
    expect(res.body.version).toBe(2);
    expect(pendingRunAts(res.body)).toEqual(pendingRunAts(s));
  });

  it('moves the end with durationMinutes or endsAt and keeps the start', async () => {
    const s = await create({ durationMinutes: 60 });
    const endLive = (body: any) => body.jobs.find((j: any) => j.kind === 'end-live' && j.platform === null);
    const longer = await patch(s.id, { durationMinutes: 90 });
    expect(longer.status).toBe(200);
    expect(longer.body.startsAt).toBe(s.startsAt);
    expect(longer.body.endsAt).toBe(new Date(Date.parse(s.startsAt) + 90 * MINUTE_MS).toISOString());
    expect(endLive(longer.body)).toMatchObject({ id: endLive(s).id, runAt: longer.body.endsAt, state: 'pending' });
    const endsAt = new Date(Date.parse(s.startsAt) + 2 * HOUR_MS).toISOString();
    const byEnd = await patch(s.id, { endsAt });
    expect(byEnd.status).toBe(200);
    expect(byEnd.body).toMatchObject({ startsAt: s.startsAt, endsAt, version: 3 });
    expect(endLive(byEnd.body).runAt).toBe(endsAt);
  });

  it('cancels the jobs of a target the update removes', async () => {
    const s = await create();
    const res = await patch(s.id, { targets: [{ platform: 'facebook', accountId: 'fb-cho-con' }] });
    expect(res.status).toBe(200);
    expect(res.body.targets.map((t: any) => t.platform)).toEqual(['facebook']);
    const tiktokJobs = res.body.jobs.filter((j: any) => j.platform === 'tiktok');
    expect(tiktokJobs.length).toBeGreaterThan(0);
    for (const j of tiktokJobs) expect(j.state).toBe('cancelled');
    for (const j of res.body.jobs.filter((x: any) => x.platform === 'facebook')) expect(j.state).toBe('pending');
  });

  it('validates a patch like a create: starts_in_past, bad time zone, end before start', async () => {
    const s = await create();
    expectError(await patch(s.id, { startsAt: isoIn(-HOUR_MS) }), 422, 'starts_in_past');
    const zone = await patch(s.id, { timezone: 'Mars/Olympus' });
    expectError(zone, 400, 'validation_failed');
    expect(detailPaths(zone)).toEqual(['timezone']);
    const end = await patch(s.id, { endsAt: s.startsAt });
    expectError(end, 400, 'validation_failed');
    expect(detailPaths(end)).toEqual(['endsAt']);
    const ifMatch = await patch(s.id, { title: 'x' }, { 'if-match': 'latest' });
    expectError(ifMatch, 400, 'validation_failed');
    const read = await app.call('GET', `/v1/sessions/${String(s.id)}`, { role: 'viewer' });
    expect(read.body.version).toBe(1);
  });

  it('accepts If-Match 1 and "1", refuses a stale version with 412 version_mismatch', async () => {
    const s = await create();
    const bare = await patch(s.id, { title: 'Lần sửa một' }, { 'if-match': '1' });
    expect(bare.status).toBe(200);
    expect(bare.headers.get('etag')).toBe('"2"');
    const quoted = await patch(s.id, { title: 'Lần sửa hai' }, { 'if-match': '"2"' });
    expect(quoted.status).toBe(200);
    expect(quoted.body.version).toBe(3);
    const stale = await patch(s.id, { title: 'Lần sửa cũ' }, { 'if-match': '"2"' });
    expectError(stale, 412, 'version_mismatch');
    const read = await app.call('GET', `/v1/sessions/${String(s.id)}`, { role: 'viewer' });
    expect(read.body).toMatchObject({ version: 3, title: 'Lần sửa hai' });
  });

  it('refuses moving onto a booked window of the stage with 409 stage_conflict', async () => {
    const stageId = aStageId();
    const booked = await create({ stageId, startsAt: isoIn(11 * DAY_MS), durationMinutes: 60 });
    const mover = await create({ stageId, startsAt: new Date(Date.parse(booked.startsAt) + 3 * HOUR_MS).toISOString(), durationMinutes: 60 });
    const res = await patch(mover.id, { startsAt: new Date(Date.parse(booked.startsAt) + 30 * MINUTE_MS).toISOString() });
    expectError(res, 409, 'stage_conflict');
    expect(res.body.error.conflicts).toEqual([{ sessionId: booked.id, startsAt: booked.startsAt, endsAt: booked.endsAt }]);
    for (const w of res.body.error.suggestions) expect(Date.parse(w.endsAt) - Date.parse(w.startsAt)).toBe(HOUR_MS);
    const read = await app.call('GET', `/v1/sessions/${String(mover.id)}`, { role: 'viewer' });
    expect(read.body).toMatchObject({ version: 1, startsAt: mover.startsAt });

    const otherStage = await create({ startsAt: booked.startsAt, durationMinutes: 60 });
    const onto = await patch(otherStage.id, { stageId });
    expectError(onto, 409, 'stage_conflict');
  });

  it('refuses an unknown field in a patch with validation_failed naming it', async () => {
    const s = await create();
    const res = await patch(s.id, { titel: 'typo' });
    expectError(res, 400, 'validation_failed');
    expect(detailPaths(res)).toEqual(['titel']);
  });

  it('answers 404 for patching or cancelling an unknown session', async () => {
    expectError(await patch('ses_unknown', { title: 'x' }), 404, 'not_found');
    expectError(await cancel('ses_unknown'), 404, 'not_found');
  });

  it('cancels: pending jobs cancelled, status cancelled, the stage freed; cancelling again changes nothing', async () => {
    const stageId = aStageId();
    const s = await create({ stageId });
    const res = await cancel(s.id);
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"2"');
    expect(res.body).toMatchObject({ id: s.id, status: 'cancelled', version: 2 });
    const wasPending = Object.keys(pendingRunAts(s));
    expect(wasPending.length).toBeGreaterThan(0);
    for (const id of wasPending) expect(res.body.jobs.find((j: any) => j.id === id)?.state).toBe('cancelled');
    expect(res.body.jobs.filter((j: any) => j.state === 'pending')).toEqual([]);

    const again = await cancel(s.id);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(res.body);

    const taker = await app.call('POST', '/v1/sessions', { role: 'organizer', body: aSession({ stageId, startsAt: s.startsAt, durationMinutes: 60 }) });
    expect(taker.status).toBe(201);
  });

  it('refuses updating a cancelled session with 422 invalid_state', async () => {
    const s = await create();
    expect((await cancel(s.id)).status).toBe(200);
    expectError(await patch(s.id, { title: 'Quá muộn' }), 422, 'invalid_state');
  });

  it('accepts the notice flag and refuses unknown fields in the cancel body', async () => {
    const s = await create();
    const unknown = await cancel(s.id, { notice: true, reason: 'mưa bão' });
    expectError(unknown, 400, 'validation_failed');
    expect(detailPaths(unknown)).toEqual(['reason']);
    const wrongType = await cancel(s.id, { notice: 'yes' });
    expectError(wrongType, 400, 'validation_failed');
    expect(detailPaths(wrongType)).toEqual(['notice']);
    const res = await cancel(s.id, { notice: true });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('cancelled');
  });
});
