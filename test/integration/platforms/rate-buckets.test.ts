import { Redis } from 'ioredis';
import { createKeys } from '../../../src/store/keys';
import { createLedger } from '../../../src/store/ledger';
import { createRateBuckets } from '../../../src/store/rate-buckets';
import { createManualClock } from '../../../src/shared/clock';
import type { Deps } from '../../../src/deps';
import { once, EffectInFlightError } from '../../../workers/once';
import type { ActionContext } from '../../../workers/context';
import { flushPrefix, testRedisUrl, uniquePrefix } from '../../support/app';

describe('rate buckets in Redis (Lua)', () => {
  const prefix = uniquePrefix();
  const redis = new Redis(testRedisUrl());
  const keys = createKeys(prefix);
  const buckets = createRateBuckets(redis, keys);
  afterAll(async () => {
    redis.disconnect();
    await flushPrefix(prefix);
  });

  it('gives 6 TikTok inits a minute, then says how long until the next token', async () => {
    const spec = { name: 'tiktok:init:a', capacity: 6, periodMs: 60_000 };
    const t0 = 1_000_000;
    const results = await Promise.all(Array.from({ length: 8 }, () => buckets.take([spec], t0)));
    expect(results.filter((r) => r.ok)).toHaveLength(6);
    expect(results.find((r) => !r.ok)).toEqual({ ok: false, waitMs: 10_000 });
    await expect(buckets.take([spec], t0 + 9_999)).resolves.toMatchObject({ ok: false });
    await expect(buckets.take([spec], t0 + 10_000)).resolves.toEqual({ ok: true });
  });

  it('takes from several buckets all at once or not at all', async () => {
    const init = { name: 'tiktok:init:b', capacity: 6, periodMs: 60_000 };
    const info = { name: 'tiktok:creatorInfo:b', capacity: 1, periodMs: 60_000 };
    await expect(buckets.take([init, info], 0)).resolves.toEqual({ ok: true });
    await expect(buckets.take([init, info], 0)).resolves.toEqual({ ok: false, waitMs: 60_000 });
    for (let i = 0; i < 5; i += 1) await expect(buckets.take([init], 0)).resolves.toEqual({ ok: true });
  });

  it('spends a daily quota up to its budget and no further', async () => {
    const q = { scope: 'youtube', day: '2024-06-14', budget: 300, msUntilReset: 5000 };
    await expect(buckets.spend({ ...q, units: 150 })).resolves.toEqual({ ok: true, spent: 150 });
    await expect(buckets.spend({ ...q, units: 150 })).resolves.toEqual({ ok: true, spent: 300 });
    await expect(buckets.spend({ ...q, units: 1 })).resolves.toEqual({ ok: false, waitMs: 5000, spent: 300 });
    await expect(buckets.spent('youtube', '2024-06-15')).resolves.toBe(0);
  });

  it('keeps Facebook usage readings', async () => {
    await buckets.noteUsage('fb', { percent: 80, atMs: 5 });
    await expect(buckets.usage('fb')).resolves.toEqual({ percent: 80, atMs: 5 });
    await expect(buckets.usage('other')).resolves.toBeNull();
  });

  it('keeps an in-doubt TikTok claim for the grace window, then refuses to post blindly', async () => {
    const clock = createManualClock(Date.parse('2024-06-14T10:00:00Z'));
    const deps = { ledger: createLedger(redis, keys), clock, config: { platformTimeoutMs: 1000 } } as unknown as Deps;
    const ctx = (owner: string): ActionContext => ({ deps, jobId: 'ses_x__announce__tiktok__tt__PT1H', owner } as unknown as ActionContext);
    const iso = new Date(clock.now()).toISOString();
    await deps.ledger.claim('ses_x__announce__tiktok__tt__PT1H', 'dead#1', iso);
    let calls = 0;
    const call = (): Promise<{ postId: string }> => {
      calls += 1;
      return Promise.resolve({ postId: 'p' });
    };
    const policy = { graceMs: 600_000, recheckMs: 15_000, onUnverified: () => new Error('cannot verify: not posting again') };
    clock.advance(60_000);
    await expect(once(ctx('next#2'), () => Promise.resolve(null), call, policy)).rejects.toBeInstanceOf(EffectInFlightError);
    clock.advance(600_000);
    await expect(once(ctx('next#3'), () => Promise.resolve(null), call, policy)).rejects.toThrow('cannot verify');
    expect(calls).toBe(0);
  });
});
