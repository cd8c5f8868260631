/**
 * The to-sync set (src/store/sync-marks.ts) is written with the session write and cleared after the
 * queue write; the periodic reconcile (reconcileDue) drains it every run and moves a job whose due
 * time differs from its plan's runAt. The queue write is broken for real: the BullMQ connection of
 * the API is closed between the store write and the queue write (workers have their own).
 */
import { reconcileDepsOf, reconcileDue } from '../../../src/scheduling/reconcile';
import { useTestApp, waitFor } from '../../support/app';

describe('reconcile drains the sessions whose queue write failed', () => {
  const app = useTestApp({ mode: 'all', accounts: true });

  const aSession = (title: string, startMs: number) => ({
    title,
    startsAt: new Date(startMs).toISOString(),
    durationMinutes: 30,
    targets: [{ platform: 'facebook', accountId: 'fb-cho-con', live: false }],
    announceOffsets: ['PT10M'],
    reminderOffsets: [],
  });
  const marked = async (): Promise<string[]> => (await app.deps.syncMarks.pending(10_000)).map((m) => m.sessionId);
  const withQueueDown = async <T>(request: () => Promise<T>): Promise<T> => {
    app.deps.bullRedis.disconnect();
    try {
      return await request();
    } finally {
      await app.deps.bullRedis.connect();
      await waitFor('the queue connection to be ready again', () => app.deps.bullRedis.status === 'ready', 10_000, 20);
    }
  };

  it('a write whose queue write succeeded leaves no mark', async () => {
    const res = await app.call('POST', '/v1/sessions', { role: 'organizer', body: aSession('Ghi đủ cả hai', Date.now() + 3 * 3_600_000) });
    expect(res.status).toBe(201);
    expect(await marked()).not.toContain(res.body.id);
  });

  it('a job that an update moved earlier, whose queue write failed, fires at its new time', async () => {
    const created = await app.call('POST', '/v1/sessions', { role: 'organizer', body: aSession('Dời sớm hơn', Date.now() + 40 * 60_000) });
    expect(created.status).toBe(201);
    const id = String(created.body.id);
    const announce = created.body.jobs.find((j: any) => j.kind === 'announce');
    const oldDueMs = Date.parse(announce.runAt);

    // Start 10 min + 5 s from now: the announce (10 min before) is due in about 5 s.
    const moved = await withQueueDown(() => app.call('PATCH', `/v1/sessions/${id}`, { role: 'organizer', body: { startsAt: new Date(Date.now() + 10 * 60_000 + 5_000).toISOString() } }));
    expect(moved.status).toBe(200);
    const newRunAt = moved.body.jobs.find((j: any) => j.id === announce.id).runAt as string;
    expect(Date.parse(newRunAt)).toBeLessThan(oldDueMs);
    // The store has the new time, BullMQ still the old one, and the session is marked.
    const job = await app.deps.queues.facebook.getJob(announce.id);
    expect((job?.timestamp ?? 0) + (job?.opts.delay ?? 0)).toBeCloseTo(oldDueMs, -2);
    expect(await marked()).toContain(id);

    const report = await reconcileDue(reconcileDepsOf(app.deps));
    expect(report.moved).toBeGreaterThanOrEqual(1);
    expect(report.drained).toBeGreaterThanOrEqual(1);
    expect(await marked()).not.toContain(id);

    const fired = await waitFor('the announce to fire at its new time', async () => {
      const s = await app.deps.sessions.get(id);
      const record = s?.jobs.find((j) => j.id === announce.id);
      return record?.state === 'completed' ? record : undefined;
    }, 30_000);
    expect(Date.parse(fired.firedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(newRunAt) - 50);
    expect(Date.parse(fired.firedAt ?? '')).toBeLessThan(oldDueMs);
  });

  it('sweeps everything at most once a day', async () => {
    await reconcileDue(reconcileDepsOf(app.deps));
    expect((await reconcileDue(reconcileDepsOf(app.deps))).fullSweep).toBe(false);
  });
});
