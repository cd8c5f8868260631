import { registerAccounts, startTestApp, waitFor } from '../../support/app';
import type { TestApp } from '../../support/app';
import { startReceiver } from '../../support/webhook-receiver';
import { parsePrometheus, sumOf } from './prometheus-text';

describe('the watchdog on a stopped worker', () => {
  let api: TestApp;
  let worker: TestApp;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    receiver = await startReceiver('ops-secret-123');
    const env = { LIVECUE_OPS_WEBHOOKS: `${receiver.url}#ops-secret-123`, LIVECUE_WATCHDOG_EVERY_MS: '500', LIVECUE_OVERDUE_AFTER_MS: '1500' };
    api = await startTestApp(env, 'api');
    worker = await startTestApp({ ...env, REDIS_PREFIX: api.prefix }, 'worker');
    await registerAccounts(api);
  });
  afterAll(async () => {
    await worker.stop({ flush: false });
    await api.stop();
    await receiver.close();
  });

  it('alerts the ops hooks when a delayed job is overdue and no worker beats, and /readyz says why', async () => {
    expect((await api.call('GET', '/readyz', { role: null })).status).toBe(200);
    await worker.stop({ flush: false });
    const startMs = Date.now() + 3 * 3_600_000;
    const created = await api.call('POST', '/v1/sessions', {
      role: 'organizer',
      body: { title: 'Phiên không ai chạy', startsAt: new Date(startMs).toISOString(), durationMinutes: 30, targets: [{ platform: 'facebook', accountId: 'fb-cho-con', live: false }], announceOffsets: ['PT2H59M59S'], reminderOffsets: [] },
    });
    expect(created.status).toBe(201);

    const alerts = await waitFor('overdue and no-worker alerts', () => {
      const kinds = receiver.events.filter((e) => e.body.type === 'ops.alert').map((e) => e.body.data.alert);
      return kinds.includes('job_overdue') && kinds.includes('no_worker') ? receiver.events : undefined;
    }, 15_000).catch((err: unknown) => {
      throw new Error(`${String(err)}; received ${JSON.stringify(receiver.events.map((e) => e.body.data))}`);
    });
    expect(alerts.every((e) => e.valid)).toBe(true);
    const overdue = alerts.find((e) => e.body.data.alert === 'job_overdue')!;
    expect(overdue.body.data).toMatchObject({ queue: 'facebook', count: 1, jobs: [{ jobId: `${created.body.id}__announce__facebook__fb-cho-con__PT2H59M59S`, sessionId: created.body.id }] });
    expect(overdue.body.sessionId).toBe(created.body.id);
    expect(overdue.body.data.message).toContain('no worker took them');

    const ready = await api.call('GET', '/readyz', { role: null });
    expect(ready.status).toBe(503);
    expect(ready.body.missing.join(' ')).toContain('heartbeat');
    const metrics = parsePrometheus((await api.call('GET', '/metrics', { role: null })).body);
    expect(sumOf(metrics, 'livecue_overdue_delayed_jobs', { queue: 'facebook' })).toBe(1);
    expect(sumOf(metrics, 'livecue_workers_alive')).toBe(0);
    expect(sumOf(metrics, 'livecue_alerts_total', { alert: 'job_overdue' })).toBe(1);
    expect(sumOf(metrics, 'livecue_alerts_total', { alert: 'no_worker' })).toBe(1);

    // The same problems are not sent again on every check.
    const count = receiver.events.length;
    await api.deps.watchdog.check(api.deps);
    expect(receiver.events.length).toBe(count);
  }, 40_000);
});
