import type { Job } from 'bullmq';
import { createOffsetClock, createSystemClock } from '../../../src/shared/clock';
import type { Sandbox } from '../../../src/sandbox/server';
import { rateBucketsOf } from '../../../workers/processors/rate-gate';
import { startTestApp, uniquePrefix, waitFor } from '../../support/app';
import type { TestApp } from '../../support/app';
import { startTestSandbox } from '../../support/sandbox';
import { watchQueueEvents } from '../../support/queue-events';
import type { WatchedQueueEvents } from '../../support/queue-events';

/**
 * Facebook's usage headers and rate-limit errors, end to end: the sandbox reports a page's usage
 * over HTTP, the worker records it after a post and paces the page's next posts. BullMQ keeps real
 * time, so "the time passed" is LiveCue's clock moved forward plus the delayed job promoted.
 */
describe('Facebook usage headers and rate limits in the worker', () => {
  let sandbox: Sandbox;
  let app: TestApp;
  let offsetMs = 0;
  const clock = createOffsetClock(createSystemClock(), () => offsetMs);
  /** BullMQ's own events: it writes attemptsMade after the worker wrote the session store. */
  let bullEvents: WatchedQueueEvents;

  beforeAll(async () => {
    sandbox = await startTestSandbox({}, clock);
    app = await startTestApp({ SANDBOX_URL: sandbox.baseUrl, LIVECUE_MAX_ATTEMPTS: '20' }, 'all', { clock });
    bullEvents = await watchQueueEvents(app.deps.queues.facebook);
  });
  afterEach(() => {
    sandbox.faults.clear();
    // BullMQ stamps new jobs with LiveCue's clock: back to real time, so the next test's jobs fire now.
    offsetMs = 0;
  });
  afterAll(async () => {
    await bullEvents.close();
    await app.stop();
    await sandbox.close();
  });

  /** A page of its own per test: usage readings and slow-down buckets are per account. */
  async function registerPage(): Promise<{ accountId: string; pageId: string }> {
    const pageId = `1000${String(Math.floor(Math.random() * 1e11)).padStart(11, '0')}`;
    const accountId = `fb-usage-${uniquePrefix()}`;
    const res = await app.call('POST', '/v1/accounts', { body: { id: accountId, platform: 'facebook', name: 'Fanpage Chợ Cồn', externalId: pageId, credentials: { accessToken: `fb-page-${uniquePrefix()}` } } });
    if (res.status !== 201) throw new Error(`account: ${res.status} ${JSON.stringify(res.body)}`);
    return { accountId, pageId };
  }
  async function setUsage(usage: Record<string, unknown>): Promise<void> {
    const res = await fetch(`${sandbox.baseUrl}/__sandbox/facebook/usage`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(usage) });
    if (res.status !== 201) throw new Error(`usage: ${res.status} ${await res.text()}`);
  }
  /** A session whose one Facebook promo is due in 1.5 s; the session's id. */
  async function announceSoon(accountId: string): Promise<string> {
    const res = await app.call('POST', '/v1/sessions', {
      role: 'organizer',
      body: { title: 'Phiên live Chợ Cồn', startsAt: new Date(clock.now() + 3_600_000 + 1500).toISOString(), durationMinutes: 30, reminderOffsets: [], announceOffsets: ['PT1H'], targets: [{ platform: 'facebook', accountId, live: false }] },
    });
    if (res.status !== 201) throw new Error(`create: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id;
  }
  const announceOf = async (sessionId: string): Promise<any> =>
    (await app.call('GET', `/v1/sessions/${sessionId}`)).body.jobs.find((j: any) => j.kind === 'announce');
  const finished = (sessionId: string): Promise<any> =>
    waitFor('the announce to finish', async () => {
      const job = await announceOf(sessionId);
      return ['completed', 'failed', 'skipped'].includes(job?.state) ? job : undefined;
    });
  /** The BullMQ job once it has run `runs` times and sits delayed again. */
  const delayedAfterRuns = (jobId: string, runs: number): Promise<Job> =>
    waitFor(`job ${jobId} delayed after run ${runs}`, async () => {
      const bull = await app.deps.queues.facebook.getJob(jobId);
      return bull && bull.attemptsStarted >= runs && (await bull.getState()) === 'delayed' ? bull : undefined;
    });
  const postsTo = (pageId: string) => sandbox.requests.filter((r) => r.method === 'POST' && r.path.startsWith(`/v23.0/${pageId}/`));

  it('pauses a page at 95 % usage without calling Facebook or burning an attempt, and posts once the pause is over', async () => {
    const { accountId, pageId } = await registerPage();
    await setUsage({ pageId, callCount: 96, totalTime: 40, totalCputime: 30 });
    const first = await finished(await announceSoon(accountId));
    expect(first).toMatchObject({ state: 'completed', attempts: 1, result: { usagePercent: 96 } });
    await expect(rateBucketsOf(app.deps).usage(accountId)).resolves.toMatchObject({ percent: 96 });
    const callsBefore = postsTo(pageId).length;

    const nextSession = await announceSoon(accountId);
    const next = await announceOf(nextSession);
    const paused = await delayedAfterRuns(next.id, 1);
    expect(paused.attemptsMade).toBe(0);
    // Paused for the 10 minutes after the reading, not retried in seconds.
    const pauseMs = paused.delay - offsetMs;
    expect(pauseMs).toBeGreaterThan(9 * 60_000);
    expect(pauseMs).toBeLessThanOrEqual(10 * 60_000);
    expect(await announceOf(nextSession)).toMatchObject({ state: 'pending', attempts: 0 });

    // Run early (BullMQ promoted before LiveCue's time): still refused, for what is left of the pause.
    await paused.promote();
    const stillPaused = await delayedAfterRuns(next.id, 2);
    expect(stillPaused.attemptsMade).toBe(0);
    expect(stillPaused.delay - offsetMs).toBeLessThan(pauseMs);
    expect(postsTo(pageId)).toHaveLength(callsBefore);

    // The pause is over and Facebook's usage went down: the post is made, and the low reading kept.
    await setUsage({ pageId, callCount: 20, totalTime: 10, totalCputime: 5 });
    offsetMs += 10 * 60_000;
    await stillPaused.promote();
    const done = await finished(nextSession);
    expect(done).toMatchObject({ state: 'completed', attempts: 1, result: { usagePercent: 20 } });
    await waitFor('BullMQ to mark the job completed', () => bullEvents.ended(next.id, 'completed'));
    expect((await app.deps.queues.facebook.getJob(next.id))?.attemptsMade).toBe(1);
    expect(postsTo(pageId)).toHaveLength(callsBefore + 1);
    await expect(rateBucketsOf(app.deps).usage(accountId)).resolves.toMatchObject({ percent: 20 });
  }, 40_000);

  it('slows a page at 75 % usage to 2 posts a minute: the third waits, unattempted, until a token is due', async () => {
    const { accountId, pageId } = await registerPage();
    await setUsage({ pageId, callCount: 30, totalTime: 80, totalCputime: 20 });
    await finished(await announceSoon(accountId));
    const callsBefore = postsTo(pageId).length;

    const sessions = await Promise.all([1, 2, 3].map(() => announceSoon(accountId)));
    const jobs = await Promise.all(sessions.map(announceOf));
    const runs = await waitFor('the three posts to run once', async () => {
      const bulls = await Promise.all(jobs.map((j) => app.deps.queues.facebook.getJob(j.id)));
      const states = await Promise.all(bulls.map((b) => b?.getState() ?? Promise.resolve('missing')));
      return bulls.every((b) => (b?.attemptsStarted ?? 0) >= 1) && states.filter((s) => s === 'completed').length === 2 ? states : undefined;
    });
    const index = runs.indexOf('delayed');
    const waiting = await app.deps.queues.facebook.getJob(jobs[index].id);
    expect(waiting?.attemptsMade).toBe(0);
    expect((waiting?.delay ?? 0) - offsetMs).toBeLessThanOrEqual(30_000);
    expect(await announceOf(sessions[index] ?? '')).toMatchObject({ state: 'pending', attempts: 0 });
    expect(postsTo(pageId)).toHaveLength(callsBefore + 2);

    offsetMs += 30_000;
    await waiting?.promote();
    const done = await finished(sessions[index] ?? '');
    expect(done).toMatchObject({ state: 'completed', attempts: 1 });
    expect(postsTo(pageId)).toHaveLength(callsBefore + 3);
  }, 40_000);

  // [Graph code, what the answer's headers say, answer headers for a page, the wait LiveCue must keep (ms)]
  // (https://developers.facebook.com/docs/graph-api/guides/error-handling, https://developers.facebook.com/docs/graph-api/overview/rate-limiting).
  const limitRows: [number, string, (pageId: string) => Record<string, string>, number][] = [
    [4, 'nothing', () => ({}), 60_000],
    [17, 'nothing', () => ({}), 60_000],
    [32, 'nothing', () => ({}), 60_000],
    [613, 'nothing', () => ({}), 60_000],
    [4, 'the app budget spent', () => ({ 'X-App-Usage': JSON.stringify({ call_count: 100, total_time: 30, total_cputime: 20 }) }), 3_600_000],
    [
      80001,
      'access back in 7 min',
      (pageId) => ({ 'X-Business-Use-Case-Usage': JSON.stringify({ [pageId]: [{ type: 'pages', call_count: 100, total_cputime: 40, total_time: 60, estimated_time_to_regain_access: 7 }] }) }),
      7 * 60_000,
    ],
  ];

  it.each(limitRows)('delays a post Facebook refuses with code %p (headers: %s) by its wait, no attempt burned, then posts', async (code, _said, headersFor, waitMs) => {
    const { accountId, pageId } = await registerPage();
    sandbox.faults.add({ platform: 'facebook', method: 'POST', match: `/v23.0/${pageId}/`, status: 400, headers: headersFor(pageId), body: { error: { code, type: 'OAuthException', message: 'x', fbtrace_id: 'A' } }, times: 1 });
    const sessionId = await announceSoon(accountId);
    const job = await announceOf(sessionId);
    const delayed = await delayedAfterRuns(job.id, 1);
    expect(delayed.attemptsMade).toBe(0);
    expect(delayed.delay - offsetMs).toBeGreaterThan(waitMs - 5000);
    expect(delayed.delay - offsetMs).toBeLessThanOrEqual(waitMs);
    expect(await announceOf(sessionId)).toMatchObject({ state: 'pending', attempts: 0 });

    await delayed.promote();
    expect(await finished(sessionId)).toMatchObject({ state: 'completed', attempts: 1 });
    await waitFor('BullMQ to mark the job completed', () => bullEvents.ended(job.id, 'completed'));
    expect((await app.deps.queues.facebook.getJob(job.id))?.attemptsMade).toBe(1);
    expect(postsTo(pageId)).toHaveLength(2);
  });
});
