import type { JobRecord } from '../../../src/domain/session';
import { mergePlan, planCancel, toJobRecord } from '../../../src/planning/merge-plan';
import { planSession } from '../../../src/planning/plan-session';
import {
  DAY_MS,
  FB,
  HOUR_MS,
  START,
  START_MS,
  TEN_DAYS_BEFORE_MS,
  TT,
  TWO_DAYS_BEFORE_MS,
  YT,
  aCancelContext,
  aDefinition,
  aJob,
  aMergeContext,
  aTarget,
  iso,
} from './builders';

const SES = 'ses_chocon';
const LATER_START = '2024-06-08T12:00:00.000Z';
const LATER_END = '2024-06-08T14:00:00.000Z';

/** The version-1 jobs of the Chợ Cồn session, planned ten days ahead. */
const versionOneJobs = (nowMs = TEN_DAYS_BEFORE_MS): JobRecord[] => planSession(aDefinition(), nowMs).map((a) => toJobRecord(SES, 1, a));

/** Jobs with the ones named by key changed as given. */
function withJobs(jobs: JobRecord[], changes: Record<string, Partial<JobRecord>>): JobRecord[] {
  return jobs.map((j) => (changes[j.key] ? { ...j, ...changes[j.key] } : j));
}

function jobOf(jobs: readonly JobRecord[], key: string): JobRecord {
  const job = jobs.find((j) => j.key === key);
  if (!job) throw new Error(`no job ${key} in ${jobs.map((j) => j.key).join(', ')}`);
  return job;
}

const completed = { state: 'completed', attempts: 1, firedAt: '2024-05-28T12:00:01.000Z', finishedAt: '2024-05-28T12:00:02.000Z', result: { liveId: 'live-1' } } as const;

describe('toJobRecord', () => {
  it('turns a planned action into a fresh job record with a deterministic id', () => {
    const [first] = planSession(aDefinition(), TEN_DAYS_BEFORE_MS);
    expect(toJobRecord(SES, 3, first!)).toEqual({
      key: 'prepare-live__youtube__yt-sct',
      id: 'ses_chocon__prepare-live__youtube__yt-sct',
      kind: 'prepare-live',
      platform: 'youtube',
      accountId: 'yt-sct',
      offset: null,
      runAt: '2024-05-28T12:00:00.000Z',
      staleAt: START,
      state: 'pending',
      attempts: 0,
      lastError: null,
      reason: null,
      result: null,
      firedAt: null,
      finishedAt: null,
      plannedVersion: 3,
    });
  });
});

describe('mergePlan', () => {
  const movedADay = (nowMs = TWO_DAYS_BEFORE_MS) => planSession(aDefinition({ startsAt: LATER_START, endsAt: LATER_END }), nowMs);
  const movedContext = { startMs: START_MS + DAY_MS, endMs: START_MS + DAY_MS + 2 * HOUR_MS };

  it('moves pending jobs to the new times, planned for the new version', () => {
    const merged = mergePlan(versionOneJobs(), movedADay(), aMergeContext(movedContext));
    expect(jobOf(merged, 'announce__facebook__fb-sct__P1D')).toMatchObject({ runAt: '2024-06-07T12:00:00.000Z', state: 'pending', plannedVersion: 2 });
    expect(jobOf(merged, 'go-live')).toMatchObject({ runAt: LATER_START, staleAt: LATER_END, state: 'pending' });
    expect(jobOf(merged, 'end-live__youtube__yt-sct')).toMatchObject({ runAt: LATER_END, staleAt: '2024-06-09T14:00:00.000Z' });
  });

  it('keeps completed, failed and running jobs exactly as they were when the session moves', () => {
    const existing = withJobs(versionOneJobs(), {
      'prepare-live__youtube__yt-sct': completed,
      'prepare-live__facebook__fb-sct': { state: 'failed', attempts: 5, lastError: 'auth: token revoked' },
      'announce__facebook__fb-sct__P1D': { state: 'running', attempts: 1 },
    });
    const merged = mergePlan(existing, movedADay(), aMergeContext(movedContext));
    for (const key of ['prepare-live__youtube__yt-sct', 'prepare-live__facebook__fb-sct', 'announce__facebook__fb-sct__P1D']) {
      expect(jobOf(merged, key)).toEqual(jobOf(existing, key));
    }
  });

  it('keeps the attempts of a pending job it moves', () => {
    const existing = withJobs(versionOneJobs(), { 'prepare-live__facebook__fb-sct': { attempts: 2 } });
    expect(jobOf(mergePlan(existing, movedADay(), aMergeContext(movedContext)), 'prepare-live__facebook__fb-sct').attempts).toBe(2);
  });

  it('cancels pending jobs no longer wanted, with a reason, and leaves finished ones alone', () => {
    const existing = withJobs(versionOneJobs(), { 'announce__tiktok__tt-cho-con__P1D': { state: 'completed', attempts: 1 } });
    const planned = planSession(aDefinition({ targets: [FB, YT] }), TWO_DAYS_BEFORE_MS);
    const merged = mergePlan(existing, planned, aMergeContext({ targets: [FB, YT] }));
    expect(jobOf(merged, 'announce__tiktok__tt-cho-con__PT1H')).toMatchObject({ state: 'cancelled', reason: 'no longer part of the session after an update' });
    expect(jobOf(merged, 'announce__tiktok__tt-cho-con__P1D').state).toBe('completed');
  });

  it('cancels reminders when the hooks are removed', () => {
    const merged = mergePlan(versionOneJobs(), planSession(aDefinition({ notify: [] }), TWO_DAYS_BEFORE_MS), aMergeContext());
    expect(merged.filter((j) => j.kind === 'reminder').map((j) => [j.key, j.state])).toEqual([
      ['reminder__PT1H', 'cancelled'],
      ['reminder__PT10M', 'cancelled'],
    ]);
  });

  it('brings a skipped job back as pending when its time is in the future again', () => {
    const lateNow = START_MS - 3 * HOUR_MS;
    const existing = versionOneJobs(lateNow);
    expect(jobOf(existing, 'announce__facebook__fb-sct__P1D').state).toBe('skipped');
    const merged = mergePlan(existing, movedADay(lateNow), aMergeContext({ ...movedContext, nowMs: lateNow }));
    expect(jobOf(merged, 'announce__facebook__fb-sct__P1D')).toMatchObject({ state: 'pending', reason: null, runAt: '2024-06-07T12:00:00.000Z' });
  });

  it('brings a cancelled job back as pending when it is wanted again', () => {
    const existing = withJobs(versionOneJobs(), { 'reminder__PT1H': { state: 'cancelled', reason: 'no longer part of the session after an update' } });
    expect(jobOf(mergePlan(existing, planSession(aDefinition(), TWO_DAYS_BEFORE_MS), aMergeContext()), 'reminder__PT1H')).toMatchObject({ state: 'pending', reason: null });
  });

  it('adds jobs for a new target', () => {
    const fbChoHan = aTarget('facebook', 'fb-cho-han');
    const planned = planSession(aDefinition({ targets: [FB, YT, TT, fbChoHan] }), TWO_DAYS_BEFORE_MS);
    const merged = mergePlan(versionOneJobs(), planned, aMergeContext({ targets: [FB, YT, TT, fbChoHan] }));
    expect(jobOf(merged, 'prepare-live__facebook__fb-cho-han')).toMatchObject({ state: 'pending', runAt: iso(TWO_DAYS_BEFORE_MS), attempts: 0, plannedVersion: 2 });
  });

  describe('platform lives already created', () => {
    const lives = new Set(['facebook:fb-sct', 'youtube:yt-sct']);
    const existing = withJobs(versionOneJobs(), { 'prepare-live__youtube__yt-sct': completed, 'prepare-live__facebook__fb-sct': completed });

    it('are updated (update-live, keyed by the version) when details changed', () => {
      const merged = mergePlan(existing, movedADay(), aMergeContext({ ...movedContext, liveDetailsChanged: true, createdLives: lives }));
      const updates = merged.filter((j) => j.kind === 'update-live');
      expect(updates.map((j) => j.key).sort()).toEqual(['update-live__facebook__fb-sct__v2', 'update-live__youtube__yt-sct__v2']);
      expect(jobOf(merged, 'update-live__youtube__yt-sct__v2')).toMatchObject({
        id: 'ses_chocon__update-live__youtube__yt-sct__v2',
        platform: 'youtube',
        accountId: 'yt-sct',
        state: 'pending',
        runAt: iso(TWO_DAYS_BEFORE_MS),
        staleAt: LATER_END,
        plannedVersion: 2,
      });
    });

    it('are not updated when nothing relevant changed', () => {
      const merged = mergePlan(existing, planSession(aDefinition(), TWO_DAYS_BEFORE_MS), aMergeContext({ createdLives: lives }));
      expect(merged.filter((j) => j.kind === 'update-live')).toEqual([]);
    });

    it('are deleted (delete-live) when their target is removed', () => {
      const planned = planSession(aDefinition({ targets: [FB, TT] }), TWO_DAYS_BEFORE_MS);
      const merged = mergePlan(existing, planned, aMergeContext({ targets: [FB, TT], createdLives: lives, liveDetailsChanged: true }));
      expect(jobOf(merged, 'delete-live__youtube__yt-sct')).toMatchObject({ state: 'pending', reason: 'the target was removed or its live turned off' });
      expect(merged.some((j) => j.key.startsWith('update-live__youtube'))).toBe(false);
      expect(jobOf(merged, 'go-live__youtube__yt-sct').state).toBe('cancelled');
      expect(jobOf(merged, 'prepare-live__youtube__yt-sct').state).toBe('completed');
    });

    it('are deleted when the target turns its live off', () => {
      const targets = [FB, aTarget('youtube', 'yt-sct', { live: false }), TT];
      const merged = mergePlan(existing, planSession(aDefinition({ targets }), TWO_DAYS_BEFORE_MS), aMergeContext({ targets, createdLives: lives }));
      expect(merged.filter((j) => j.kind === 'delete-live').map((j) => j.key)).toEqual(['delete-live__youtube__yt-sct']);
    });

    it('are not deleted twice when a delete-live already completed', () => {
      const before = [...existing, aJob('delete-live__youtube__yt-sct', { state: 'completed', attempts: 1 })];
      const merged = mergePlan(before, planSession(aDefinition({ targets: [FB, TT] }), TWO_DAYS_BEFORE_MS), aMergeContext({ targets: [FB, TT], createdLives: lives }));
      expect(merged.filter((j) => j.kind === 'delete-live')).toEqual([jobOf(before, 'delete-live__youtube__yt-sct')]);
    });

    it('keep a pending update-live of an earlier version when the next update changes nothing relevant', () => {
      const v2 = mergePlan(existing, movedADay(), aMergeContext({ ...movedContext, liveDetailsChanged: true, createdLives: lives }));
      const v3 = mergePlan(v2, movedADay(), aMergeContext({ ...movedContext, version: 3, createdLives: lives }));
      expect(jobOf(v3, 'update-live__facebook__fb-sct__v2')).toEqual(jobOf(v2, 'update-live__facebook__fb-sct__v2'));
    });

    it('replace a pending update-live of an earlier version when details change again', () => {
      const v2 = mergePlan(existing, movedADay(), aMergeContext({ ...movedContext, liveDetailsChanged: true, createdLives: lives }));
      const v3 = mergePlan(v2, planSession(aDefinition(), TWO_DAYS_BEFORE_MS), aMergeContext({ version: 3, liveDetailsChanged: true, createdLives: lives }));
      expect(jobOf(v3, 'update-live__facebook__fb-sct__v2')).toMatchObject({ state: 'cancelled', reason: 'superseded by the update to version 3' });
      expect(jobOf(v3, 'update-live__facebook__fb-sct__v3').state).toBe('pending');
    });

    it('keep a pending delete-live while the target stays removed', () => {
      const v2 = mergePlan(existing, planSession(aDefinition({ targets: [FB, TT] }), TWO_DAYS_BEFORE_MS), aMergeContext({ targets: [FB, TT], createdLives: lives }));
      const retried = withJobs(v2, { 'delete-live__youtube__yt-sct': { attempts: 1, lastError: 'unavailable: 503' } });
      const v3 = mergePlan(retried, planSession(aDefinition({ targets: [FB, TT] }), TWO_DAYS_BEFORE_MS), aMergeContext({ version: 3, targets: [FB, TT], createdLives: lives }));
      expect(jobOf(v3, 'delete-live__youtube__yt-sct')).toEqual(jobOf(retried, 'delete-live__youtube__yt-sct'));
    });

    it('cancel a pending delete-live when the target comes back before it ran', () => {
      const v2 = mergePlan(existing, planSession(aDefinition({ targets: [FB, TT] }), TWO_DAYS_BEFORE_MS), aMergeContext({ targets: [FB, TT], createdLives: lives }));
      const v3 = mergePlan(v2, planSession(aDefinition(), TWO_DAYS_BEFORE_MS), aMergeContext({ version: 3, createdLives: lives }));
      expect(jobOf(v3, 'delete-live__youtube__yt-sct').state).toBe('cancelled');
      expect(jobOf(v3, 'go-live__youtube__yt-sct').state).toBe('pending');
    });
  });

  it('is deterministic', () => {
    const run = () => mergePlan(versionOneJobs(), movedADay(), aMergeContext({ ...movedContext, liveDetailsChanged: true, createdLives: new Set(['facebook:fb-sct']) }));
    expect(run()).toEqual(run());
  });

  it('keeps one job per key', () => {
    const merged = mergePlan(versionOneJobs(), movedADay(), aMergeContext(movedContext));
    const keys = merged.map((j) => j.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.length).toBe(versionOneJobs().length);
  });
});

describe('planCancel', () => {
  const announced = withJobs(versionOneJobs(), {
    'prepare-live__youtube__yt-sct': completed,
    'prepare-live__facebook__fb-sct': completed,
    'announce__facebook__fb-sct__P1D': { state: 'completed', attempts: 1 },
    'announce__tiktok__tt-cho-con__P1D': { state: 'failed', attempts: 5, lastError: 'invalid_request' },
    'reminder__PT1H': { state: 'running', attempts: 1 },
  });
  const lives = new Set(['facebook:fb-sct', 'youtube:yt-sct']);

  it('cancels pending jobs and leaves completed, failed and running ones untouched', () => {
    const jobs = planCancel(announced, aCancelContext());
    expect(jobOf(jobs, 'go-live')).toMatchObject({ state: 'cancelled', reason: 'session cancelled' });
    expect(jobOf(jobs, 'announce__tiktok__tt-cho-con__PT1H')).toMatchObject({ state: 'cancelled', reason: 'session cancelled' });
    for (const key of ['prepare-live__youtube__yt-sct', 'announce__facebook__fb-sct__P1D', 'announce__tiktok__tt-cho-con__P1D', 'reminder__PT1H']) {
      expect(jobOf(jobs, key)).toEqual(jobOf(announced, key));
    }
    expect(jobs.filter((j) => j.state === 'pending')).toEqual([]);
  });

  it('leaves a skipped job skipped', () => {
    const existing = versionOneJobs(START_MS - 3 * HOUR_MS);
    expect(jobOf(planCancel(existing, aCancelContext()), 'announce__facebook__fb-sct__P1D')).toEqual(jobOf(existing, 'announce__facebook__fb-sct__P1D'));
  });

  it('deletes every platform live already created', () => {
    const jobs = planCancel(announced, aCancelContext({ createdLives: lives }));
    expect(jobs.filter((j) => j.kind === 'delete-live').map((j) => j.key).sort()).toEqual(['delete-live__facebook__fb-sct', 'delete-live__youtube__yt-sct']);
    expect(jobOf(jobs, 'delete-live__youtube__yt-sct')).toMatchObject({ state: 'pending', runAt: iso(TWO_DAYS_BEFORE_MS), staleAt: '2024-06-08T14:00:00.000Z', plannedVersion: 2 });
  });

  it('deletes nothing when no live was created', () => {
    expect(planCancel(announced, aCancelContext()).some((j) => j.kind === 'delete-live')).toBe(false);
  });

  it('with notice, posts a cancellation on every target already announced, and only there', () => {
    const jobs = planCancel(announced, aCancelContext({ notice: true }));
    expect(jobs.filter((j) => j.kind === 'cancel-notice').map((j) => j.key)).toEqual(['cancel-notice__facebook__fb-sct']);
    expect(jobOf(jobs, 'cancel-notice__facebook__fb-sct')).toMatchObject({ state: 'pending', runAt: iso(TWO_DAYS_BEFORE_MS), staleAt: START });
  });

  it('without notice, posts no cancellation', () => {
    expect(planCancel(announced, aCancelContext({ notice: false })).some((j) => j.kind === 'cancel-notice')).toBe(false);
  });

  it('tells the hooks (session-level cancel-notice) only when there are hooks', () => {
    expect(jobOf(planCancel(announced, aCancelContext({ hasHooks: true })), 'cancel-notice')).toMatchObject({ platform: null, accountId: null, state: 'pending' });
    expect(planCancel(announced, aCancelContext({ hasHooks: false })).some((j) => j.key === 'cancel-notice')).toBe(false);
  });

  it('keeps a delete-live that already completed', () => {
    const existing = [...announced, aJob('delete-live__youtube__yt-sct', { state: 'completed', attempts: 1 })];
    const jobs = planCancel(existing, aCancelContext({ createdLives: lives }));
    expect(jobOf(jobs, 'delete-live__youtube__yt-sct')).toEqual(jobOf(existing, 'delete-live__youtube__yt-sct'));
  });

  it('keeps one job per key', () => {
    const jobs = planCancel(announced, aCancelContext({ createdLives: lives, notice: true, hasHooks: true }));
    expect(new Set(jobs.map((j) => j.key)).size).toBe(jobs.length);
  });

  it('uses the end of the session for the end of the delete window', () => {
    const jobs = planCancel(announced, aCancelContext({ createdLives: lives, endMs: START_MS + 3 * HOUR_MS }));
    expect(jobOf(jobs, 'delete-live__facebook__fb-sct').staleAt).toBe('2024-06-08T15:00:00.000Z');
  });
});
