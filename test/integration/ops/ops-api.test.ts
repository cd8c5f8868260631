import { registerAccounts, startTestApp, TEST_TOKENS, waitFor } from '../../support/app';
import type { TestApp } from '../../support/app';
import { parsePrometheus, sumOf } from './prometheus-text';

const FB_PHOTOS = '/v23.0/100000000000002/photos';
const invalidParameter = { platform: 'facebook', method: 'POST', match: FB_PHOTOS, status: 400, body: { error: { message: '(#100) Invalid parameter', type: 'OAuthException', code: 100 } } };

/** A session on `stageId` (or none) starting in `inMinutes`, whose Facebook promo is due in ~1 s. */
function sessionBody(title: string, inMinutes: number, stageId?: string) {
  const startMs = Date.now() + inMinutes * 60_000;
  return {
    title,
    startsAt: new Date(startMs).toISOString(),
    durationMinutes: 60,
    ...(stageId ? { stageId } : {}),
    vendor: { name: 'Quầy Cô Lan', stall: 'A10' },
    targets: [{ platform: 'facebook', accountId: 'fb-cho-con', live: false }],
    announceOffsets: [`PT${inMinutes * 60 - 1}S`],
    reminderOffsets: [],
  };
}

async function failedJobOf(app: TestApp, sessionId: string): Promise<any> {
  return waitFor('the announce job failed', async () => {
    const s = await app.call('GET', `/v1/sessions/${sessionId}`, { role: 'viewer' });
    return s.body.jobs.find((j: any) => j.kind === 'announce' && j.state === 'failed');
  });
}

describe('ops API: board data, group retry, sign-in cookie, bull-board, metrics', () => {
  let app: TestApp;

  beforeAll(async () => {
    // Behind a TLS proxy on loopback (LIVECUE_TRUST_PROXY): X-Forwarded-Proto https makes cookies Secure.
    app = await startTestApp({ METRICS_TOKEN: 'metrics-token-123', LIVECUE_TRUST_PROXY: 'loopback' });
    await registerAccounts(app);
  });
  afterAll(async () => {
    await app.stop();
  });

  it('serves /v1/board with sessions, lanes and failures grouped by error kind, and retries a group', async () => {
    await fetch(`${app.sandboxUrl}/__sandbox/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...invalidParameter, times: 2 }) });
    const a = await app.call('POST', '/v1/sessions', { role: 'organizer', body: sessionBody('Phiên A', 120, 'main-stage') });
    const b = await app.call('POST', '/v1/sessions', { role: 'organizer', body: sessionBody('Phiên B', 130) });
    expect([a.status, b.status]).toEqual([201, 201]);
    await failedJobOf(app, a.body.id);
    await failedJobOf(app, b.body.id);

    expect((await app.call('GET', '/v1/board', { role: null })).status).toBe(401);
    const board = await app.call('GET', '/v1/board', { role: 'viewer' });
    expect(board.status).toBe(200);
    expect(board.body.stages).toEqual(['main-stage']);
    const ids = board.body.sessions.map((s: any) => s.id);
    expect(ids).toEqual(expect.arrayContaining([a.body.id, b.body.id]));
    expect(board.body.sessions.find((s: any) => s.id === b.body.id).stageId).toBeNull();
    const group = board.body.failures.find((g: any) => g.jobIds.length === 2);
    expect(group.errorKind).toMatch(/^facebook: /);
    expect(group.example).toContain('#100');

    expect((await app.call('POST', '/v1/jobs/retry', { role: 'viewer', body: { errorKind: group.errorKind } })).status).toBe(403);
    const retried = await app.call('POST', '/v1/jobs/retry', { role: 'ops', body: { errorKind: group.errorKind } });
    expect(retried.status).toBe(200);
    expect(retried.body.retried).toHaveLength(2);
    expect(retried.body.errors).toEqual([]);
    await waitFor('both promos posted after the retry', async () => {
      const after = await app.call('GET', '/v1/board', { role: 'viewer' });
      const states = after.body.sessions.filter((s: any) => ids.includes(s.id)).flatMap((s: any) => s.jobs.filter((j: any) => j.kind === 'announce').map((j: any) => j.state));
      return states.length >= 2 && states.every((st: string) => st === 'completed');
    });
    const again = await app.call('POST', '/v1/jobs/retry', { role: 'ops', body: { ids: [group.jobIds[0]] } });
    expect(again.body.errors[0].error.code).toBe('invalid_state');
    expect((await app.call('POST', '/v1/jobs/retry', { role: 'ops', body: { what: 1 } })).status).toBe(400);
  }, 60_000);

  it('signs in with a session cookie (HttpOnly, SameSite=Lax, Path=/), refuses cross-site writes, signs out', async () => {
    const login = (body: unknown, headers: Record<string, string> = {}) => fetch(`${app.url}/ops/login`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    expect((await login({ token: 'nope-nope-nope' })).status).toBe(401);
    expect((await login({ token: TEST_TOKENS.ops }, { origin: 'https://evil.example' })).status).toBe(403);
    const ok = await login({ token: TEST_TOKENS.ops }, { origin: app.url });
    expect(ok.status).toBe(200);
    const csrf = ((await ok.json()) as { csrfToken: string }).csrfToken;
    const setCookie = ok.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^livecue_session=[^;]+; HttpOnly; SameSite=Lax; Path=\//);
    expect(setCookie).not.toContain('Secure');
    const cookie = setCookie.split(';')[0]!;

    expect((await (await fetch(`${app.url}/ops/me`, { headers: { cookie } })).json())).toMatchObject({ role: 'ops', canRetry: true, principal: 'token:ops', user: null, csrfToken: csrf });
    expect((await fetch(`${app.url}/v1/stats`, { headers: { cookie } })).status).toBe(200);
    expect((await fetch(`${app.url}/v1/accounts`, { headers: { cookie } })).status).toBe(403);
    const forged = await fetch(`${app.url}/v1/jobs/retry`, { method: 'POST', headers: { cookie, 'content-type': 'application/json', origin: 'https://evil.example' }, body: JSON.stringify({ ids: ['x__y'] }) });
    expect(forged.status).toBe(403);
    const sameOrigin = await fetch(`${app.url}/v1/jobs/retry`, { method: 'POST', headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': csrf }, body: JSON.stringify({ ids: ['x__y'] }) });
    expect(sameOrigin.status).toBe(200);
    const out = await fetch(`${app.url}/ops/logout`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrf } });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toContain('Max-Age=0');
  });

  it('opens bull-board to ops, read-only to viewers, and closes it to anonymous callers', async () => {
    const html = await fetch(`${app.url}/admin/queues`, { headers: { accept: 'text/html' }, redirect: 'manual' });
    expect(html.status).toBe(303);
    expect(html.headers.get('location')).toBe('/ops?next=%2Fadmin%2Fqueues');
    expect((await app.call('GET', '/admin/queues/api/queues', { role: null })).status).toBe(401);

    const ops = await app.call('GET', '/admin/queues/api/queues?activeQueue=facebook&status=completed', { role: 'ops' });
    expect(ops.status).toBe(200);
    expect(ops.body.queues.map((q: any) => q.name).sort()).toEqual(['facebook', 'maintenance', 'notify', 'tiktok', 'youtube']);
    expect(ops.body.queues.every((q: any) => q.readOnlyMode === false)).toBe(true);
    const fb = ops.body.queues.find((q: any) => q.name === 'facebook');
    const job = fb.jobs.find((j: any) => j.id.includes('__announce__'));
    expect(job.name).toMatch(/^announce · facebook · fb-cho-con · PT\d+S — ses_/);
    expect(job.data).toEqual({ sessionId: expect.stringMatching(/^ses_/), s: expect.any(String) });

    const viewer = await app.call('GET', '/admin/queues/api/queues', { role: 'viewer' });
    expect(viewer.status).toBe(200);
    expect(viewer.body.queues.every((q: any) => q.readOnlyMode === true)).toBe(true);
    expect((await app.call('PUT', '/admin/queues/api/queues/facebook/retry/failed', { role: 'viewer' })).status).toBe(403);
    expect((await app.call('PUT', '/admin/queues/api/queues/facebook/pause', { role: 'ops' })).status).toBe(200);
    expect((await app.call('PUT', '/admin/queues/api/queues/facebook/resume', { role: 'ops' })).status).toBe(200);
    const page = await fetch(`${app.url}/admin/queues`, { headers: { authorization: `Bearer ${TEST_TOKENS.ops}`, accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('LiveCue jobs');
  });

  it('serves Prometheus metrics behind METRICS_TOKEN (or an ops/admin token)', async () => {
    expect((await fetch(`${app.url}/metrics`)).status).toBe(401);
    expect((await app.call('GET', '/metrics', { role: 'viewer' })).status).toBe(401);
    expect((await app.call('GET', '/metrics', { role: 'ops' })).status).toBe(200);
    const res = await fetch(`${app.url}/metrics`, { headers: { authorization: 'Bearer metrics-token-123' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const samples = parsePrometheus(await res.text());
    expect(samples.every((s) => s.name.startsWith('livecue_'))).toBe(true);
    expect(sumOf(samples, 'livecue_jobs_total', { queue: 'facebook', kind: 'announce', state: 'completed' })).toBeGreaterThanOrEqual(2);
    expect(sumOf(samples, 'livecue_jobs_total', { queue: 'facebook', kind: 'announce', state: 'failed' })).toBeGreaterThanOrEqual(2);
    expect(sumOf(samples, 'livecue_job_duration_seconds_count', { queue: 'facebook' })).toBeGreaterThan(0);
    expect(sumOf(samples, 'livecue_job_lateness_seconds_count')).toBeGreaterThan(0);
    expect(sumOf(samples, 'livecue_platform_calls_total', { platform: 'facebook', operation: 'publishPost', outcome: 'ok' })).toBeGreaterThanOrEqual(2);
    expect(sumOf(samples, 'livecue_platform_errors_total', { platform: 'facebook', kind: 'invalid_request' })).toBeGreaterThanOrEqual(2);
    expect(sumOf(samples, 'livecue_api_requests_total', { method: 'POST', route: '/v1/sessions', status: '201' })).toBe(2);
    expect(sumOf(samples, 'livecue_api_request_duration_seconds_count', { route: '/v1/board' })).toBeGreaterThan(0);
    expect(samples.some((s) => s.name === 'livecue_queue_jobs' && s.labels.queue === 'maintenance' && s.labels.state === 'delayed')).toBe(true);
    expect(sumOf(samples, 'livecue_overdue_delayed_jobs')).toBe(0);
    expect(sumOf(samples, 'livecue_workers_alive')).toBe(1);
    expect(sumOf(samples, 'livecue_account_token_status', { account: 'tt-cho-con', status: 'valid' })).toBe(1);
    expect(sumOf(samples, 'livecue_account_token_status', { account: 'fb-cho-con' })).toBe(1);
    expect(samples.find((s) => s.name === 'livecue_job_lateness_last_hour_ms' && s.labels.quantile === 'p95')).toBeDefined();
    const stats = await app.call('GET', '/v1/stats', { role: 'viewer' });
    expect(stats.body.lateness.count).toBeGreaterThan(0);
    expect(stats.body.lateness.p95).toEqual(expect.any(Number));
  });
});
