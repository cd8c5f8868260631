/**
 * The worker's two store round trips (src/store/job-steps.ts) on real Redis: begin decides from
 * the session whether a job runs (due time and stale window to the millisecond), starts it with
 * its lateness sample, reads the ledger (claiming it when asked), the account and the usage
 * reading; finish records the effect, the usage reading and the outcome together.
 */
import { useTestApp } from '../../support/app';
import type { BeginInput } from '../../../src/store/job-steps';
import { EARLY_TOLERANCE_MS } from '../../../workers/begin-action';

describe('job steps: begin and finish', () => {
  const app = useTestApp({ mode: 'api', accounts: true });

  /** A session whose Facebook promo is due in an hour; its announce record. */
  async function anAnnounce(): Promise<{ sessionId: string; key: string; id: string; dueMs: number; staleMs: number }> {
    const res = await app.call('POST', '/v1/sessions', {
      body: { title: 'Quầy Cô Lan', startsAt: new Date(Date.now() + 2 * 3_600_000).toISOString(), durationMinutes: 60, targets: [{ platform: 'facebook', accountId: 'fb-cho-con', live: false }], announceOffsets: ['PT1H'], reminderOffsets: [] },
    });
    expect(res.status).toBe(201);
    const job = (res.body.jobs as { id: string; kind: string; runAt: string }[]).find((j) => j.kind === 'announce')!;
    const record = (await app.deps.sessions.get(res.body.id))!.jobs.find((j) => j.id === job.id)!;
    return { sessionId: res.body.id, key: record.key, id: record.id, dueMs: Date.parse(record.runAt), staleMs: Date.parse(record.staleAt) };
  }

  const input = (job: { sessionId: string; key: string; id: string }, nowMs: number, extra: Partial<BeginInput> = {}): BeginInput => ({
    sessionId: job.sessionId,
    jobKey: job.key,
    nowMs,
    nowIso: new Date(nowMs).toISOString(),
    earlyToleranceMs: EARLY_TOLERANCE_MS,
    latenessSample: app.deps.ops.latenessSample('facebook', nowMs),
    effectKey: job.id,
    ...extra,
  });
  const recordOf = async (job: { sessionId: string; id: string }) => (await app.deps.sessions.get(job.sessionId))!.jobs.find((j) => j.id === job.id)!;

  it('re-delays a job due later than the tolerance allows, to the millisecond, and writes nothing', async () => {
    const job = await anAnnounce();
    await expect(app.deps.jobSteps.begin(input(job, job.dueMs - EARLY_TOLERANCE_MS - 1))).resolves.toEqual({ outcome: 'early', dueMs: job.dueMs });
    expect(await recordOf(job)).toMatchObject({ state: 'pending', attempts: 0, firedAt: null });
    await expect(app.deps.jobSteps.begin(input(job, job.dueMs - EARLY_TOLERANCE_MS))).resolves.toMatchObject({ outcome: 'started' });
  });

  it('starts a due job with its lateness sample, claims its effect and reads its account and usage', async () => {
    const job = await anAnnounce();
    await app.deps.redis.set(app.deps.keys.platformUsage('fb-cho-con'), JSON.stringify({ percent: 12, atMs: 1 }));
    const nowMs = job.dueMs + 250;
    const begun = await app.deps.jobSteps.begin(input(job, nowMs, { claimFor: `${job.id}#1`, accountId: 'fb-cho-con', usageOf: 'fb-cho-con' }));
    if (begun.outcome !== 'started') throw new Error(`not started: ${begun.outcome}`);
    expect(begun.record).toMatchObject({ id: job.id, state: 'running', attempts: 1, firedAt: new Date(nowMs).toISOString() });
    // The session as it was read: the start is the record's, not the session's.
    expect(begun.session.jobs.find((j) => j.id === job.id)).toMatchObject({ state: 'pending' });
    expect(begun.claim).toEqual({ state: 'claimed' });
    expect(await app.deps.ledger.get(job.id)).toEqual({ state: 'in-doubt', claimedAt: new Date(nowMs).toISOString(), owner: `${job.id}#1` });
    expect(begun.account?.account).toMatchObject({ id: 'fb-cho-con', platform: 'facebook' });
    expect(begun.account?.credentials.accessToken).toMatch(/^fb-page-/);
    expect(begun.usage).toEqual({ percent: 12, atMs: 1 });
    expect(await app.deps.ops.lateness(nowMs)).toContain(250);
    expect(await recordOf(job)).toMatchObject({ state: 'running', attempts: 1 });

    // A re-run after a crash starts again and finds the first attempt's claim in doubt.
    const again = await app.deps.jobSteps.begin(input(job, nowMs + 1000, { claimFor: `${job.id}#2` }));
    expect(again).toMatchObject({ outcome: 'started', record: { attempts: 2 }, claim: { state: 'in-doubt', owner: `${job.id}#1` } });
  });

  it('skips a job past its stale window unless its effect is recorded (a follow-up)', async () => {
    const job = await anAnnounce();
    await expect(app.deps.jobSteps.begin(input(job, job.staleMs))).resolves.toMatchObject({ outcome: 'started' });
    const late = await anAnnounce();
    await expect(app.deps.jobSteps.begin(input(late, late.staleMs + 1))).resolves.toMatchObject({ outcome: 'stale', record: { id: late.id, state: 'pending' } });
    await app.deps.ledger.record(late.id, { postId: 'p-1' }, new Date().toISOString());
    await expect(app.deps.jobSteps.begin(input(late, late.staleMs + 1))).resolves.toMatchObject({ outcome: 'started', claim: { state: 'done', result: { postId: 'p-1' } } });
  });

  it('starts a job past its stale window whose effect is in doubt, saying so (pastStale), and only then', async () => {
    const job = await anAnnounce();
    await expect(app.deps.jobSteps.begin(input(job, job.staleMs))).resolves.toMatchObject({ outcome: 'started', pastStale: false });
    const doubt = await anAnnounce();
    // An attempt claimed the effect and died (its worker SIGKILLed mid-call); the re-armed job comes late.
    await app.deps.ledger.claim(doubt.id, `${doubt.id}#1`, new Date().toISOString());
    await expect(app.deps.jobSteps.begin(input(doubt, doubt.staleMs + 1, { claimFor: `${doubt.id}#2` }))).resolves.toMatchObject({
      outcome: 'started',
      pastStale: true,
      claim: { state: 'in-doubt', owner: `${doubt.id}#1` },
    });
  });

  it('tells a missing session, a finished record and a cancelled session apart', async () => {
    const job = await anAnnounce();
    await expect(app.deps.jobSteps.begin(input({ ...job, sessionId: 'ses_nope' }, job.dueMs))).resolves.toEqual({ outcome: 'missing' });
    await expect(app.deps.jobSteps.begin(input({ ...job, key: 'announce__facebook__fb-cho-con__P9D' }, job.dueMs))).resolves.toEqual({ outcome: 'missing' });
    await app.deps.sessions.updateJob(job.sessionId, job.key, { op: 'finish', now: new Date().toISOString(), state: 'completed' });
    await expect(app.deps.jobSteps.begin(input(job, job.dueMs))).resolves.toEqual({ outcome: 'inactive', state: 'completed' });
    const other = await anAnnounce();
    // Picked up between the cancel's status write and its record updates.
    await app.deps.redis.hset(app.deps.keys.session(other.sessionId), 'status', 'cancelled');
    await expect(app.deps.jobSteps.begin(input(other, other.dueMs))).resolves.toMatchObject({ outcome: 'cancelled', record: { id: other.id } });
  });

  it('finishes with the effect, the usage reading and the outcome in one step', async () => {
    const job = await anAnnounce();
    await app.deps.jobSteps.begin(input(job, job.dueMs, { claimFor: `${job.id}#1` }));
    const at = new Date(job.dueMs + 900).toISOString();
    const finished = await app.deps.jobSteps.finish({
      sessionId: job.sessionId,
      jobKey: job.key,
      nowIso: at,
      patch: { op: 'finish', now: at, state: 'completed', result: { postId: 'p-9' }, lastError: null, runtime: { target: 'facebook:fb-cho-con', addPostId: 'p-9' } },
      effect: { effectKey: job.id, result: { postId: 'p-9' } },
      usage: { accountId: 'fb-cho-con', reading: { percent: 40, atMs: job.dueMs } },
    });
    expect(finished).toMatchObject({ ok: true, record: { state: 'completed', finishedAt: at, result: { postId: 'p-9' } } });
    expect(await app.deps.ledger.get(job.id)).toEqual({ state: 'done', result: { postId: 'p-9' } });
    expect(JSON.parse((await app.deps.redis.get(app.deps.keys.platformUsage('fb-cho-con'))) ?? 'null')).toEqual({ percent: 40, atMs: job.dueMs });
    expect(await app.deps.redis.pttl(app.deps.keys.platformUsage('fb-cho-con'))).toBeGreaterThan(3_500_000);
    expect((await app.deps.sessions.get(job.sessionId))!.runtime['facebook:fb-cho-con']?.postIds).toEqual(['p-9']);
  });
});
