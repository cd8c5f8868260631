import { registerAccounts, startTestApp } from '../../support/app';
import type { TestApp } from '../../support/app';
import { DAY_MS, HOUR_MS, aSession, aStageId, detailPaths, expectError } from './builders';

describe('GET /v1/sessions/:id and GET /v1/sessions', () => {
  let app: TestApp;
  // A window of days far enough ahead that only this suite's list tests book inside it.
  const windowStartMs = Math.floor((Date.now() + 40 * DAY_MS) / DAY_MS) * DAY_MS;
  const at = (hours: number): string => new Date(windowStartMs + hours * HOUR_MS).toISOString();
  const stageA = aStageId('list-a');
  const stageB = aStageId('list-b');
  /** Created in a scrambled order; by start they are hours 0..8. */
  const created: { id: string; startsAt: string; stageId: string }[] = [];

  beforeAll(async () => {
    app = await startTestApp();
    await registerAccounts(app);
    for (const hour of [5, 1, 7, 0, 3, 8, 2, 6, 4]) {
      const stageId = hour % 2 === 0 ? stageA : stageB;
      const res = await app.call('POST', '/v1/sessions', { role: 'organizer', body: aSession({ title: `Phiên ${hour}`, startsAt: at(hour), durationMinutes: 30, stageId }) });
      if (res.status !== 201) throw new Error(`setup: ${res.status} ${JSON.stringify(res.body)}`);
      created.push({ id: res.body.id, startsAt: res.body.startsAt, stageId });
    }
  });
  afterAll(async () => {
    await app.stop();
  });

  const inWindow = `from=${encodeURIComponent(at(0))}&to=${encodeURIComponent(at(24))}`;
  const byStart = () => [...created].sort((a, b) => a.startsAt.localeCompare(b.startsAt));

  it('reads one session with 200 and ETag "<version>"', async () => {
    const first = created[0]!;
    const res = await app.call('GET', `/v1/sessions/${first.id}`, { role: 'viewer' });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(res.body).toMatchObject({ id: first.id, version: 1, status: 'scheduled', startsAt: first.startsAt, stageId: first.stageId });
    expect(res.body.jobs.length).toBeGreaterThan(0);
  });

  it('answers 404 not_found for an unknown session id', async () => {
    expectError(await app.call('GET', '/v1/sessions/ses_doesnotexist', { role: 'viewer' }), 404, 'not_found');
  });

  it('lists sessions ordered by startsAt, bounded by from and to', async () => {
    const res = await app.call('GET', `/v1/sessions?${inWindow}`, { role: 'viewer' });
    expect(res.status).toBe(200);
    expect(res.body.items.map((s: any) => s.id)).toEqual(byStart().map((s) => s.id));
    expect(res.body.nextCursor).toBeNull();

    const middle = await app.call('GET', `/v1/sessions?from=${encodeURIComponent(at(2))}&to=${encodeURIComponent(at(5))}`, { role: 'viewer' });
    expect(middle.status).toBe(200);
    expect(middle.body.items.map((s: any) => s.startsAt)).toEqual([at(2), at(3), at(4)]);
  });

  it('lists without from/to unbounded, still ordered by startsAt', async () => {
    const res = await app.call('GET', '/v1/sessions?limit=500', { role: 'viewer' });
    expect(res.status).toBe(200);
    const starts: string[] = res.body.items.map((s: any) => s.startsAt);
    expect(starts).toEqual([...starts].sort());
    expect(res.body.items.length).toBeGreaterThanOrEqual(created.length);
  });

  it('filters by stageId and by status', async () => {
    const onA = await app.call('GET', `/v1/sessions?stageId=${stageA}`, { role: 'viewer' });
    expect(onA.status).toBe(200);
    expect(onA.body.items.map((s: any) => s.startsAt)).toEqual([at(0), at(2), at(4), at(6), at(8)]);

    const cancelled = byStart()[3]!;
    expect((await app.call('POST', `/v1/sessions/${cancelled.id}/cancel`, { role: 'organizer' })).status).toBe(200);
    const onlyCancelled = await app.call('GET', `/v1/sessions?${inWindow}&status=cancelled`, { role: 'viewer' });
    expect(onlyCancelled.body.items.map((s: any) => s.id)).toEqual([cancelled.id]);
    const scheduled = await app.call('GET', `/v1/sessions?${inWindow}&status=scheduled`, { role: 'viewer' });
    expect(scheduled.body.items.map((s: any) => s.id)).toEqual(byStart().filter((s) => s.id !== cancelled.id).map((s) => s.id));
    const every = await app.call('GET', `/v1/sessions?${inWindow}`, { role: 'viewer' });
    expect(every.body.items).toHaveLength(created.length);
  });

  it('pages with limit and cursor across 3 pages with no duplicates or gaps', async () => {
    const seen: string[] = [];
    const pageSizes: number[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `${inWindow}&limit=4${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const res = await app.call('GET', `/v1/sessions?${query}`, { role: 'viewer' });
      expect(res.status).toBe(200);
      pageSizes.push(res.body.items.length);
      seen.push(...res.body.items.map((s: any) => s.id));
      cursor = res.body.nextCursor;
    } while (cursor !== null && pageSizes.length < 10);
    expect(pageSizes).toEqual([4, 4, 1]);
    expect(seen).toEqual(byStart().map((s) => s.id));
  });

  it('pages a filtered list too', async () => {
    const first = await app.call('GET', `/v1/sessions?stageId=${stageA}&limit=2`, { role: 'viewer' });
    expect(first.body.items.map((s: any) => s.startsAt)).toEqual([at(0), at(2)]);
    const second = await app.call('GET', `/v1/sessions?stageId=${stageA}&limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`, { role: 'viewer' });
    expect(second.body.items.map((s: any) => s.startsAt)).toEqual([at(4), at(6)]);
  });

  it('refuses an invalid cursor, limit, status or date with validation_failed naming the field', async () => {
    const cursor = await app.call('GET', '/v1/sessions?cursor=not-a-cursor', { role: 'viewer' });
    expectError(cursor, 400, 'validation_failed');
    expect(detailPaths(cursor)).toEqual(['cursor']);
    const limit = await app.call('GET', '/v1/sessions?limit=0', { role: 'viewer' });
    expectError(limit, 400, 'validation_failed');
    expect(detailPaths(limit)).toEqual(['limit']);
    const big = await app.call('GET', '/v1/sessions?limit=501', { role: 'viewer' });
    expectError(big, 400, 'validation_failed');
    const status = await app.call('GET', '/v1/sessions?status=paused', { role: 'viewer' });
    expectError(status, 400, 'validation_failed');
    expect(detailPaths(status)).toEqual(['status']);
    const from = await app.call('GET', '/v1/sessions?from=yesterday', { role: 'viewer' });
    expectError(from, 400, 'validation_failed');
    expect(detailPaths(from)).toEqual(['from']);
    const unknown = await app.call('GET', '/v1/sessions?stage=main', { role: 'viewer' });
    expectError(unknown, 400, 'validation_failed');
    expect(detailPaths(unknown)).toEqual(['stage']);
    const proto = await app.call('GET', '/v1/sessions?__proto__=x&constructor=y', { role: 'viewer' });
    expectError(proto, 400, 'validation_failed');
    expect(detailPaths(proto).sort()).toEqual(['__proto__', 'constructor']);
  });
});
