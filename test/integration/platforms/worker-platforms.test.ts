import { registerAccounts, startTestApp, waitFor } from '../../support/app';
import { watchQueueEvents } from '../../support/queue-events';
import type { WatchedQueueEvents } from '../../support/queue-events';
import type { TestApp } from '../../support/app';
import { startTestSandbox } from '../../support/sandbox';
import { startReceiver } from '../../support/webhook-receiver';
import type { Sandbox } from '../../../src/sandbox/server';
import { rateBucketsOf, youtubeQuotaDay } from '../../../workers/processors/rate-gate';

/** Worker behaviour against the platforms: delays that burn no attempt, fatal failures, TikTok status, YouTube video. */
describe('platform jobs in the worker', () => {
  let sandbox: Sandbox;
  let app: TestApp;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let ops: Awaited<ReturnType<typeof startReceiver>>;
  /** BullMQ's own events (the session store is written before BullMQ's job fields). */
  let facebookEvents: WatchedQueueEvents;
  let tiktokEvents: WatchedQueueEvents;

  beforeAll(async () => {
    sandbox = await startTestSandbox({ tiktokPublishMs: 2500 });
    receiver = await startReceiver('hook-secret-w');
    ops = await startReceiver('ops-secret-w');
    app = await startTestApp({ SANDBOX_URL: sandbox.baseUrl, LIVECUE_MAX_ATTEMPTS: '20', LIVECUE_OPS_WEBHOOKS: `${ops.url}#ops-secret-w` });
    await registerAccounts(app);
    facebookEvents = await watchQueueEvents(app.deps.queues.facebook);
    tiktokEvents = await watchQueueEvents(app.deps.queues.tiktok);
  });
  afterEach(() => {
    sandbox.faults.clear();
  });
  afterAll(async () => {
    await facebookEvents.close();
    await tiktokEvents.close();
    await app.stop();
    await sandbox.close();
    await receiver.close();
    await ops.close();
  });

  async function createSession(body: Record<string, unknown>): Promise<{ id: string; body: any }> {
    const res = await app.call('POST', '/v1/sessions', {
      role: 'organizer',
      body: { title: 'Phiên live Chợ Cồn', durationMinutes: 30, reminderOffsets: [], notify: [{ type: 'webhook', url: receiver.url, secret: 'hook-secret-w' }], ...body },
    });
    if (res.status !== 201) throw new Error(`create: ${res.status} ${JSON.stringify(res.body)}`);
    return { id: res.body.id, body: res.body };
  }
  const jobOf = async (id: string, kind: string, platform: string | null = null): Promise<any> => {
    const s = await app.call('GET', `/v1/sessions/${id}`);
    return s.body.jobs.find((j: any) => j.kind === kind && (platform === null || j.platform === platform));
  };
  const finished = (id: string, kind: string, platform: string, timeoutMs = 20_000): Promise<any> =>
    waitFor(`${kind} on ${platform} to finish`, async () => {
      const job = await jobOf(id, kind, platform);
      return job && ['completed', 'failed', 'skipped'].includes(job.state) ? job : undefined;
    }, timeoutMs);

  it('delays a TikTok post on a rate limit without burning an attempt, then polls it to PUBLISH_COMPLETE', async () => {
    sandbox.faults.add({ platform: 'tiktok', match: '/v2/post/publish/content/init/', status: 429, headers: { 'Retry-After': '1' }, body: { data: {}, error: { code: 'rate_limit_exceeded', message: 'x', log_id: 'l' } }, times: 2 });
    const { id } = await createSession({ startsAt: new Date(Date.now() + 3_600_000 + 2000).toISOString(), targets: [{ platform: 'tiktok', accountId: 'tt-cho-con' }], announceOffsets: ['PT1H'] });
    const job = await finished(id, 'announce', 'tiktok');
    expect(job.state).toBe('completed');
    expect(job.attempts).toBe(1);
    expect(job.result).toMatchObject({ status: 'PUBLISH_COMPLETE', publicIds: [expect.stringMatching(/^7\d{18}$/)], reused: false });
    await waitFor('BullMQ to mark the job completed', () => tiktokEvents.ended(job.id, 'completed'));
    const bull = await app.deps.queues.tiktok.getJob(job.id);
    // BullMQ counts the completing run only: the two rate-limit delays made no attempt.
    expect(bull?.attemptsMade).toBe(1);
    const inits = sandbox.requests.filter((r) => r.path === '/v2/post/publish/content/init/');
    expect(inits).toHaveLength(3);
    expect(sandbox.requests.filter((r) => r.path === '/v2/post/publish/status/fetch/').length).toBeGreaterThanOrEqual(1);
  }, 40_000);

  it('fails a TikTok post whose publish ends FAILED with the classified fail_reason, at once', async () => {
    sandbox.faults.add({ platform: 'tiktok', match: '/v2/post/publish/status/fetch/', status: 200, body: { data: { status: 'FAILED', fail_reason: 'spam_risk_text', publicaly_available_post_id: [] }, error: { code: 'ok', message: '', log_id: 'l' } }, times: 1 });
    const { id } = await createSession({ startsAt: new Date(Date.now() + 7_200_000 + 2000).toISOString(), targets: [{ platform: 'tiktok', accountId: 'tt-cho-con' }], announceOffsets: ['PT2H'] });
    const job = await finished(id, 'announce', 'tiktok');
    expect(job.state).toBe('failed');
    expect(job.attempts).toBe(1);
    expect(job.lastError).toContain('spam_risk_text');
    expect(job.lastError).toContain("'TikTok Chợ Cồn'");
  }, 30_000);

  it('paces TikTok inits under 6 a minute per account: an empty bucket delays the job, no attempt burned', async () => {
    const buckets = rateBucketsOf(app.deps);
    for (let i = 0; i < 6; i += 1) await buckets.take([{ name: 'tiktok:init:tt-cho-con', capacity: 6, periodMs: 60_000 }], Date.now());
    const before = sandbox.requests.length;
    const { id } = await createSession({ startsAt: new Date(Date.now() + 10_800_000 + 2000).toISOString(), targets: [{ platform: 'tiktok', accountId: 'tt-cho-con' }], announceOffsets: ['PT3H'] });
    const delayed = await waitFor('the announce to be paced', async () => {
      const job = await jobOf(id, 'announce', 'tiktok');
      return job?.lastError?.includes('per-minute limits') ? job : undefined;
    });
    expect(delayed).toMatchObject({ state: 'pending', attempts: 0 });
    expect(sandbox.requests.slice(before).filter((r) => r.path.startsWith('/v2/post/publish/'))).toHaveLength(0);
    const bull = await app.deps.queues.tiktok.getJob(delayed.id);
    expect(await bull?.getState()).toBe('delayed');
    expect(bull?.attemptsMade).toBe(0);
    const done = await finished(id, 'announce', 'tiktok', 25_000);
    expect(done).toMatchObject({ state: 'completed', attempts: 1 });
  }, 40_000);

  it('waits for the YouTube quota reset when what the day\'s budget has left is kept for ending other lives', async () => {
    const day = youtubeQuotaDay(Date.now());
    // Planning lets it through (9,800 + 101 + the channel's stream 50 fit), but 150 units are reserved for other lives' ends.
    await app.deps.redis.set(app.deps.keys.quotaSpent('youtube', day), '9800');
    await app.deps.redis.hset(app.deps.keys.quotaReserved('youtube', day), 'ses_other|yt-sct|endLive', '150');
    try {
      const { id } = await createSession({ startsAt: new Date(Date.now() + 3 * 86_400_000).toISOString(), targets: [{ platform: 'youtube', accountId: 'yt-sct' }], announceOffsets: [] });
      const job = await waitFor('prepare-live to wait for the quota', async () => {
        const j = await jobOf(id, 'prepare-live', 'youtube');
        return j?.lastError?.includes('YouTube quota') ? j : undefined;
      });
      expect(job).toMatchObject({ state: 'pending', attempts: 0 });
      expect(sandbox.requests.filter((r) => r.platform === 'youtube' && r.method === 'POST' && r.path === '/youtube/v3/liveStreams')).toHaveLength(0);
      const bull = await app.deps.queues.youtube.getJob(job.id);
      expect(bull?.attemptsMade).toBe(0);
      expect((bull?.delay ?? 0) + (bull?.timestamp ?? 0)).toBeGreaterThan(Date.now() + 60_000);
      expect(job.lastError).toContain('kept for ending (and starting) the lives that exist');
    } finally {
      await app.deps.redis.set(app.deps.keys.quotaSpent('youtube', day), '0');
      await app.deps.redis.del(app.deps.keys.quotaReserved('youtube', day));
    }
  });

  it('fails a post on a revoked page token at once: job.failed to hooks and ops, account flagged with a readable reason', async () => {
    sandbox.faults.add({ platform: 'facebook', method: 'POST', match: '/v23.0/100000000000002/', status: 400, body: { error: { code: 190, error_subcode: 460, type: 'OAuthException', message: 'x', fbtrace_id: 'A' } }, times: 1 });
    const { id } = await createSession({ startsAt: new Date(Date.now() + 14_400_000 + 2000).toISOString(), targets: [{ platform: 'facebook', accountId: 'fb-cho-con', live: false }], announceOffsets: ['PT4H'] });
    const job = await finished(id, 'announce', 'facebook');
    expect(job).toMatchObject({ state: 'failed', attempts: 1 });
    expect(job.lastError).toContain("the Page token of 'Fanpage Chợ Cồn' was revoked");
    await waitFor('BullMQ to mark the job failed', () => facebookEvents.ended(job.id, 'failed'));
    const bull = await app.deps.queues.facebook.getJob(job.id);
    expect(bull?.attemptsMade).toBe(1);
    expect(await bull?.getState()).toBe('failed');
    const account = (await app.call('GET', '/v1/accounts')).body.items.find((a: any) => a.id === 'fb-cho-con');
    expect(account).toMatchObject({ tokenStatus: 'invalid', tokenStatusReason: expect.stringContaining("the Page token of 'Fanpage Chợ Cồn' was revoked") });
    for (const r of [receiver, ops]) {
      await waitFor('job.failed delivered', () => r.events.find((e) => e.body.type === 'job.failed' && e.body.data.jobId === job.id));
    }
    // Reconnecting (new credentials) clears the flag for the other tests.
    await app.deps.accounts.saveCredentials('fb-cho-con', { accessToken: `fb-page-fresh-${id}` });
  }, 30_000);

  it('alerts (job.failed, reason no_video) when no video arrives after the start, and goes live once it does', async () => {
    const startMs = Date.now() + 4000;
    const { id } = await createSession({ durationMinutes: undefined, startsAt: new Date(startMs).toISOString(), endsAt: new Date(startMs + 50_000).toISOString(), targets: [{ platform: 'youtube', accountId: 'yt-sct' }], announceOffsets: [] });
    const prepared = await finished(id, 'prepare-live', 'youtube');
    expect(prepared.state).toBe('completed');
    const broadcast = sandbox.state.youtube.broadcasts.find((b) => b.id === prepared.result.liveId);
    // Not bound before the start: the host's encoder feeds the channel's reusable stream.
    expect(broadcast).toMatchObject({ boundStreamId: null, enableAutoStart: true });
    const stream = sandbox.state.youtube.streams.find((s) => s.channelId === broadcast?.channelId && s.isReusable);
    if (!stream) throw new Error('no channel stream in the sandbox');
    stream.encoder = 'off';
    const alert = await waitFor('the no-video alert', () => ops.events.find((e) => e.body.type === 'job.failed' && e.body.sessionId === id && e.body.data.reason === 'no_video'), 30_000);
    expect(alert.valid).toBe(true);
    expect(alert.body.data.error).toContain('no video is arriving');
    await waitFor('the alert to the session hook too', () => receiver.events.find((e) => e.body.id === alert.body.id));
    stream.encoder = 'on';
    const goLive = await finished(id, 'go-live', 'youtube', 40_000);
    expect(goLive.state).toBe('completed');
    expect(sandbox.state.youtube.broadcasts.find((b) => b.id === prepared.result.liveId)?.boundStreamId).toBe(stream.id);
    expect(ops.events.filter((e) => e.body.data?.reason === 'no_video' && e.body.sessionId === id)).toHaveLength(1);
  }, 90_000);
});
