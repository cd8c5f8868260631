/**
 * The one commit rule (src/sessions/commit.ts): once the store holds a change, the answer is the
 * committed result even when the queue write after it fails. The queue write is broken for real:
 * the BullMQ connection is closed between the store write and the queue write (the store has its
 * own connection), so every BullMQ command of the request fails with ioredis' "Connection is
 * closed". Reconcile then brings BullMQ in line with the store.
 */
import type { Job } from 'bullmq';
import { reconcile } from '../../../src/scheduling/reconcile';
import { queueOf } from '../../../src/scheduling/queues';
import type { JobRecord } from '../../../src/domain/session';
import { registerAccounts, startTestApp, waitFor } from '../../support/app';
import type { TestApp } from '../../support/app';

describe('a change whose queue write fails after the store write', () => {
  let app: TestApp;

  beforeAll(async () => {
    // API only: no worker takes the jobs while the test looks at them.
    app = await startTestApp({}, 'api');
    await registerAccounts(app);
  });
  afterAll(async () => {
    await app.stop();
  });

  const aSession = (title: string, minutes: number, announceOffsets = ['PT10M']) => ({
    title,
    startsAt: new Date(Date.now() + minutes * 60_000).toISOString(),
    durationMinutes: 60,
    targets: [{ platform: 'facebook', accountId: 'fb-cho-con', live: false }],
    announceOffsets,
    reminderOffsets: [],
  });
  const create = async (body: Record<string, unknown>): Promise<any> => {
    const res = await app.call('POST', '/v1/sessions', { role: 'organizer', body });
    expect(res.status).toBe(201);
    return res.body;
  };
  const jobOf = (record: Pick<JobRecord, 'id' | 'kind' | 'platform'>): Promise<Job | undefined> =>
    app.deps.queues[queueOf(record)].getJob(record.id) as Promise<Job | undefined>;
  /** Runs `request` with the BullMQ connection closed: the store write goes through, the queue write cannot. */
  const withQueueDown = async <T>(request: () => Promise<T>): Promise<T> => {
    app.deps.bullRedis.disconnect();
    try {
      return await request();
    } finally {
      await app.deps.bullRedis.connect();
      await waitFor('the queue connection to be ready again', () => app.deps.bullRedis.status === 'ready', 10_000, 20);
    }
  };
  const runReconcile = () => reconcile({ store: app.deps.sessions, queues: app.deps.queues, scheduler: app.deps.scheduler, clock: app.deps.clock });

  it('the BullMQ connection really is down inside withQueueDown (the queue write fails)', async () => {
    await expect(withQueueDown(() => app.deps.queues.facebook.getJobCounts('delayed'))).rejects.toThrow(/closed/i);
  });

  it('update answers 200 with the committed version, and the store holds it', async () => {
    const s = await create(aSession('Cập nhật khi hàng đợi hỏng', 120));
    const res = await withQueueDown(() => app.call('PATCH', `/v1/sessions/${String(s.id)}`, { role: 'organizer', body: { title: 'Tên mới' } }));
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"2"');
    expect(res.body).toMatchObject({ id: s.id, version: 2, title: 'Tên mới' });
    expect(await app.deps.sessions.get(s.id)).toMatchObject({ version: 2, title: 'Tên mới' });
  });

  it('cancel answers 200 cancelled, and reconcile removes the jobs the queue write could not', async () => {
    const s = await create(aSession('Huỷ khi hàng đợi hỏng', 120));
    const announce = s.jobs.find((j: any) => j.kind === 'announce' && j.state === 'pending');
    expect(await (await jobOf(announce))?.getState()).toBe('delayed');
    const res = await withQueueDown(() => app.call('POST', `/v1/sessions/${String(s.id)}/cancel`, { role: 'organizer' }));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: s.id, version: 2, status: 'cancelled' });
    expect((await app.deps.sessions.get(s.id))?.status).toBe('cancelled');
    // The queue write did not happen: the job of the cancelled announce is still there ...
    expect(await jobOf(announce)).toBeDefined();
    await runReconcile();
    // ... until reconcile removes it.
    expect(await jobOf(announce)).toBeUndefined();
  });

  it('a job retry answers 200 pending, and reconcile adds the job the queue write could not', async () => {
    // The announce 2 h before a start 30 min away is already past: recorded as skipped.
    const s = await create(aSession('Thử lại khi hàng đợi hỏng', 30, ['PT2H']));
    const skipped = s.jobs.find((j: any) => j.kind === 'announce' && j.state === 'skipped');
    expect(skipped).toBeDefined();
    const res = await withQueueDown(() => app.call('POST', `/v1/jobs/${String(skipped.id)}/retry`, { role: 'ops' }));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: skipped.id, sessionId: s.id, state: 'pending' });
    expect((await app.deps.sessions.get(s.id))?.jobs.find((j) => j.id === skipped.id)?.state).toBe('pending');
    expect(await jobOf(skipped)).toBeUndefined();
    await runReconcile();
    expect(await jobOf(skipped)).toBeDefined();
  });
});
