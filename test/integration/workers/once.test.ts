import { Redis } from 'ioredis';
import type { Deps } from '../../../src/deps';
import { PlatformError } from '../../../src/platforms/platform-error';
import { createManualClock } from '../../../src/shared/clock';
import { createKeys } from '../../../src/store/keys';
import { createLedger } from '../../../src/store/ledger';
import type { ActionContext } from '../../../workers/context';
import { EffectInFlightError, PastStaleError, once } from '../../../workers/once';
import { flushPrefix, testRedisUrl, uniquePrefix } from '../../support/app';

describe('once() against the real ledger', () => {
  const prefix = uniquePrefix();
  const redis = new Redis(testRedisUrl());
  const keys = createKeys(prefix);
  const ledger = createLedger(redis, keys);
  const clock = createManualClock(Date.parse('2024-06-14T10:00:00Z'));
  const deps = { ledger, clock, config: { platformTimeoutMs: 1000 } } as unknown as Deps;
  let n = 0;
  const aJob = (): string => `ses_once__announce__facebook__fb__${(n += 1)}`;
  const ctx = (jobId: string, owner: string): ActionContext => ({ deps, jobId, owner }) as unknown as ActionContext;
  const counting = (result: { postId: string }) => {
    const calls = { find: 0, call: 0 };
    return {
      calls,
      find: (found: { postId: string } | null) => () => {
        calls.find += 1;
        return Promise.resolve(found);
      },
      call: () => {
        calls.call += 1;
        return Promise.resolve(result);
      },
    };
  };
  afterAll(async () => {
    redis.disconnect();
    await flushPrefix(prefix);
  });

  it('claims, calls once and records: a second run reuses the record without a call', async () => {
    const job = aJob();
    const c = counting({ postId: 'p1' });
    await expect(once(ctx(job, 'a#1'), c.find(null), c.call)).resolves.toMatchObject({ result: { postId: 'p1' }, reused: false });
    await expect(once(ctx(job, 'a#2'), c.find(null), c.call)).resolves.toMatchObject({ result: { postId: 'p1' }, reused: true });
    expect(c.calls).toEqual({ find: 0, call: 1 });
    await expect(ledger.get(job)).resolves.toEqual({ state: 'done', result: { postId: 'p1' } });
  });

  it('looks an in-doubt effect up and records what the platform has, without calling again', async () => {
    const job = aJob();
    await ledger.claim(job, 'dead#1', clock.nowIso());
    clock.advance(5000);
    const c = counting({ postId: 'never' });
    await expect(once(ctx(job, 'next#2'), c.find({ postId: 'found' }), c.call)).resolves.toMatchObject({ result: { postId: 'found' }, reused: true });
    expect(c.calls).toEqual({ find: 1, call: 0 });
    await expect(ledger.get(job)).resolves.toEqual({ state: 'done', result: { postId: 'found' } });
  });

  it('takes an in-doubt effect over when the platform has no trace, and calls', async () => {
    const job = aJob();
    await ledger.claim(job, 'dead#1', clock.nowIso());
    clock.advance(5000);
    const c = counting({ postId: 'p2' });
    await expect(once(ctx(job, 'next#2'), c.find(null), c.call)).resolves.toMatchObject({ result: { postId: 'p2' }, reused: false });
    expect(c.calls).toEqual({ find: 1, call: 1 });
  });

  it('past the stale window, records an in-doubt effect the platform has, and never calls when it has none', async () => {
    const late = (jobId: string, owner: string): ActionContext => ({ ...ctx(jobId, owner), pastStale: true, record: { staleAt: '2024-06-14T09:00:00.000Z' } }) as unknown as ActionContext;
    const posted = aJob();
    await ledger.claim(posted, 'dead#1', clock.nowIso());
    clock.advance(5000);
    const c = counting({ postId: 'never' });
    await expect(once(late(posted, 'next#2'), c.find({ postId: 'found' }), c.call)).resolves.toMatchObject({ result: { postId: 'found' }, reused: true });
    const notPosted = aJob();
    await ledger.claim(notPosted, 'dead#1', clock.nowIso());
    clock.advance(5000);
    await expect(once(late(notPosted, 'next#2'), c.find(null), c.call)).rejects.toBeInstanceOf(PastStaleError);
    expect(c.calls).toEqual({ find: 2, call: 0 });
    // Released: the record is skipped as stale, and nothing claims an effect that never was.
    await expect(ledger.get(notPosted)).resolves.toBeNull();
  });

  it('waits while another attempt may still be in flight', async () => {
    const job = aJob();
    await ledger.claim(job, 'other#1', clock.nowIso());
    const c = counting({ postId: 'p3' });
    await expect(once(ctx(job, 'me#2'), c.find(null), c.call)).rejects.toBeInstanceOf(EffectInFlightError);
    expect(c.calls).toEqual({ find: 0, call: 0 });
  });

  it('releases the claim when the platform refused the call (no effect)', async () => {
    const job = aJob();
    const refused = new PlatformError({ platform: 'facebook', operation: 'publishPost', kind: 'invalid_request', message: 'bad' });
    await expect(once(ctx(job, 'a#1'), () => Promise.resolve(null), () => Promise.reject(refused))).rejects.toBe(refused);
    await expect(ledger.get(job)).resolves.toBeNull();
  });

  it('settles a recorded effect: failed releases the claim, pending records the newer result', async () => {
    const failedJob = aJob();
    const failure = new Error('publish failed');
    await expect(once(ctx(failedJob, 'a#1'), () => Promise.resolve(null), () => Promise.resolve({ postId: 'f' }), undefined, () => Promise.resolve({ state: 'failed', error: failure }))).rejects.toBe(failure);
    await expect(ledger.get(failedJob)).resolves.toBeNull();

    const pendingJob = aJob();
    const later = new EffectInFlightError(30_000);
    const settle = (r: { postId: string }) => Promise.resolve({ state: 'pending' as const, result: { ...r, status: 'PROCESSING' }, error: later });
    await expect(once(ctx(pendingJob, 'a#1'), () => Promise.resolve(null), () => Promise.resolve({ postId: 'q' }), undefined, settle)).rejects.toBe(later);
    await expect(ledger.get(pendingJob)).resolves.toEqual({ state: 'done', result: { postId: 'q', status: 'PROCESSING' } });
  });
});
