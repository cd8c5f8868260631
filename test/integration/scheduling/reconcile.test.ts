import { reconcile } from '../../../src/scheduling/reconcile';
import { emitEvent } from '../../../src/scheduling/emit-event';
import { createEvent } from '../../../src/notify';
import { registerAccounts, startTestApp } from '../../support/app';
import type { TestApp } from '../../support/app';

describe('reconcile keeps BullMQ equal to the store', () => {
  let app: TestApp;

  beforeAll(async () => {
    // API only: no worker takes the jobs while the test looks at them.
    app = await startTestApp({}, 'api');
    await registerAccounts(app);
  });
  afterAll(async () => {
    await app.stop();
  });

  const aSession = (title: string, hours: number) => ({
    title,
    startsAt: new Date(Date.now() + hours * 3_600_000).toISOString(),
    durationMinutes: 60,
    targets: [{ platform: 'facebook', accountId: 'fb-cho-con' }, { platform: 'tiktok', accountId: 'tt-cho-con' }],
  });

  it('restores a job lost between the store write and the queue write, and removes an orphan', async () => {
    const { deps } = app;
    const a = (await app.call('POST', '/v1/sessions', { role: 'organizer', body: aSession('Phiên A', 30) })).body;
    const b = (await app.call('POST', '/v1/sessions', { role: 'organizer', body: aSession('Phiên B', 31) })).body;
    const lost = a.jobs.find((j: any) => j.kind === 'announce' && j.platform === 'tiktok');
    await (await deps.queues.tiktok.getJob(lost.id))?.remove();
    // An orphan: a delayed job whose action is not pending (b is cancelled; its job is put back by hand).
    await app.call('POST', `/v1/sessions/${b.id}/cancel`, { role: 'organizer' });
    const orphan = b.jobs.find((j: any) => j.kind === 'announce' && j.platform === 'facebook');
    await deps.queues.facebook.add('announce', { s: b.id }, { jobId: orphan.id, delay: 3_600_000 });
    // A webhook delivery is not an orphan.
    const event = createEvent({ type: 'session.reminder', sessionId: a.id, data: {}, occurredAt: new Date().toISOString(), stableKey: 'x' });
    await emitEvent({ redis: deps.redis, keys: deps.keys, notifyQueue: deps.queues.notify, retryBaseMs: 100 }, event, []);
    await deps.queues.notify.add('deliver-webhook', { e: event.id, s: a.id, h: 's0' }, { jobId: `${event.id}__s0`, delay: 3_600_000 });

    const report = await reconcile({ store: deps.sessions, queues: deps.queues, scheduler: deps.scheduler, clock: deps.clock });

    expect(report.restored).toBe(1);
    expect(report.orphansRemoved).toBe(1);
    const restored = await deps.queues.tiktok.getJob(lost.id);
    expect(await restored?.getState()).toBe('delayed');
    expect((restored?.timestamp ?? 0) + (restored?.opts.delay ?? 0)).toBeCloseTo(Date.parse(lost.runAt), -2);
    expect(await deps.queues.facebook.getJob(orphan.id)).toBeUndefined();
    expect(await deps.queues.notify.getJob(`${event.id}__s0`)).toBeDefined();
    // A second pass finds nothing to do.
    expect(await reconcile({ store: deps.sessions, queues: deps.queues, scheduler: deps.scheduler, clock: deps.clock })).toMatchObject({ restored: 0, orphansRemoved: 0 });
  });
});
