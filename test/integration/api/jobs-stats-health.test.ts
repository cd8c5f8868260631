import { registerAccounts, startTestApp, waitFor } from '../../support/app';
import type { TestApp } from '../../support/app';
import { aSession, detailPaths, expectError } from './builders';

describe('jobs, stats, health and sandbox endpoints', () => {
  let app: TestApp;
  let session: any;

  beforeAll(async () => {
    app = await startTestApp();
    await registerAccounts(app);
    const res = await app.call('POST', '/v1/sessions', { role: 'organizer', body: aSession() });
    if (res.status !== 201) throw new Error(`setup: ${res.status} ${JSON.stringify(res.body)}`);
    session = res.body;
    const other = await app.call('POST', '/v1/sessions', { role: 'organizer', body: aSession() });
    if (other.status !== 201) throw new Error(`setup: ${other.status} ${JSON.stringify(other.body)}`);
  });
  afterAll(async () => {
    await app.stop();
  });

  it('lists the jobs of one session with GET /v1/jobs?sessionId=…', async () => {
    const res = await app.call('GET', `/v1/jobs?sessionId=${String(session.id)}`, { role: 'viewer' });
    expect(res.status).toBe(200);
    expect(res.body.items.map((j: any) => j.id).sort()).toEqual(session.jobs.map((j: any) => j.id).sort());
    for (const job of res.body.items) {
      expect(job).toEqual(
        expect.objectContaining({
          id: expect.any(String),
          sessionId: session.id,
          kind: expect.any(String),
          runAt: expect.any(String),
          state: 'pending',
          attempts: 0,
          lastError: null,
          firedAt: null,
          finishedAt: null,
        }),
      );
      expect(job).toHaveProperty('platform');
    }
    const runAts: string[] = res.body.items.map((j: any) => j.runAt);
    expect(runAts).toEqual([...runAts].sort());
  });

  it('filters jobs by kind, platform, state and limit, and refuses bad filters', async () => {
    const announces = await app.call('GET', `/v1/jobs?sessionId=${String(session.id)}&kind=announce&platform=tiktok`, { role: 'viewer' });
    expect(announces.body.items.length).toBe(2);
    for (const j of announces.body.items) expect(j).toMatchObject({ kind: 'announce', platform: 'tiktok' });
    const failed = await app.call('GET', `/v1/jobs?sessionId=${String(session.id)}&state=failed`, { role: 'viewer' });
    expect(failed.body.items).toEqual([]);
    const limited = await app.call('GET', '/v1/jobs?limit=3', { role: 'viewer' });
    expect(limited.body.items).toHaveLength(3);
    const bad = await app.call('GET', '/v1/jobs?state=exploded', { role: 'viewer' });
    expectError(bad, 400, 'validation_failed');
    expect(detailPaths(bad)).toEqual(['state']);
    const unknown = await app.call('GET', '/v1/jobs?sessionId=ses_nobody', { role: 'viewer' });
    expect(unknown.status).toBe(200);
    expect(unknown.body.items).toEqual([]);
  });

  it('answers GET /v1/stats with queue counts and lateness percentiles', async () => {
    const res = await app.call('GET', '/v1/stats', { role: 'viewer' });
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.queues).length).toBeGreaterThan(0);
    for (const counts of Object.values(res.body.queues)) {
      for (const state of ['waiting', 'active', 'delayed', 'completed', 'failed']) expect(typeof (counts as any)[state]).toBe('number');
    }
    const delayed = Object.values(res.body.queues).reduce((sum: number, c: any) => sum + Number(c.delayed), 0);
    expect(delayed).toBeGreaterThan(0);
    for (const p of ['p50', 'p95', 'p99']) {
      expect(res.body.lateness).toHaveProperty(p);
      const value: unknown = res.body.lateness[p];
      expect(value === null || typeof value === 'number').toBe(true);
    }
  });

  it('answers /healthz 200 {status: ok} without a token', async () => {
    const res = await app.call('GET', '/healthz', { role: null });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('answers /readyz 200 once a worker has sent a heartbeat', async () => {
    const ready = await waitFor('readyz 200', async () => {
      const res = await app.call('GET', '/readyz', { role: null });
      return res.status === 200 ? res : undefined;
    }, 15_000);
    expect(ready.body).toMatchObject({ status: 'ready', missing: [] });
    expect(Array.isArray(ready.body.warnings)).toBe(true);
  });

  it('answers GET /v1/sandbox (admin) with the sandbox base URL', async () => {
    const res = await app.call('GET', '/v1/sandbox');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ baseUrl: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) });
    expect(res.body.baseUrl).toBe(app.sandboxUrl);
    const requests = await fetch(`${String(res.body.baseUrl)}/__sandbox/requests`);
    expect(requests.status).toBe(200);
    expectError(await app.call('GET', '/v1/sandbox', { role: 'organizer' }), 403, 'forbidden');
  });
});
