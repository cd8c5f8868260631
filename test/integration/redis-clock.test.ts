import { Redis } from 'ioredis';
import { createOffsetClock, createSystemClock } from '../../src/shared/clock';
import { createRedisClock } from '../../src/shared/redis-clock';
import { planSession } from '../../src/planning/plan-session';
import { toJobRecord } from '../../src/planning/merge-plan';
import { bullPrefix, closeQueues, createQueues } from '../../src/scheduling/queues';
import { createScheduler } from '../../src/scheduling/scheduler';
import { flushPrefix, startTestApp, testRedisUrl, uniquePrefix } from '../support/app';

const redisNowMs = async (redis: Redis): Promise<number> => {
  const [sec, micro] = await redis.time();
  return Number(sec) * 1000 + Number(micro) / 1000;
};

describe('stamping jobs from Redis TIME', () => {
  const redis = new Redis(testRedisUrl(), { maxRetriesPerRequest: null });
  const prefix = uniquePrefix();
  const queues = createQueues(redis, { redisPrefix: prefix, maxAttempts: 3 });
  afterAll(async () => {
    await closeQueues(queues);
    await flushPrefix(prefix);
    redis.disconnect();
  });

  it('follows Redis TIME although the local clock is 2 s ahead', async () => {
    const skewed = createOffsetClock(createSystemClock(), () => 2000);
    const clock = await createRedisClock(redis, { base: skewed, refreshMs: 60_000 });
    try {
      expect(clock.offsetMs()).toBeGreaterThan(-2050);
      expect(clock.offsetMs()).toBeLessThan(-1950);
      expect(Math.abs(clock.now() - (await redisNowMs(redis)))).toBeLessThan(25);
      await clock.refresh();
      expect(Math.abs(clock.now() - (await redisNowMs(redis)))).toBeLessThan(25);
    } finally {
      clock.stop();
    }
  });

  it('schedules due at runAt and stamps Redis time when the producer clock is 2 s ahead', async () => {
    const skewed = createOffsetClock(createSystemClock(), () => 2000);
    const clock = await createRedisClock(redis, { base: skewed, refreshMs: 60_000 });
    try {
      const startMs = Math.round((await redisNowMs(redis)) + 3_600_000);
      const def = {
        startsAt: new Date(startMs).toISOString(),
        endsAt: new Date(startMs + 1_800_000).toISOString(),
        targets: [{ platform: 'facebook' as const, accountId: 'fb-cho-con', live: false, announce: true }],
        announceOffsets: ['PT30M'],
        reminderOffsets: [],
        notify: [],
      };
      const records = planSession(def, clock.now()).map((a) => toJobRecord('ses_clock', 1, a));
      const scheduler = createScheduler(queues, clock);
      await scheduler.schedule('ses_clock', records);
      const announce = records.find((r) => r.kind === 'announce');
      if (!announce) throw new Error('no announce planned');
      const score = await redis.zscore(`${bullPrefix(prefix, 'facebook')}:facebook:delayed`, announce.id);
      // BullMQ keeps the due instant in the delayed score (ms × 4096 + a counter).
      expect(Math.floor(Number(score) / 4096)).toBe(Date.parse(announce.runAt));
      const job = await queues.facebook.getJob(announce.id);
      expect(Math.abs((job?.timestamp ?? 0) - (await redisNowMs(redis)))).toBeLessThan(500);

      // Moving the plan keeps the due instant exact (changeDelay measures from BullMQ's own clock).
      const moved = { ...announce, runAt: new Date(Date.parse(announce.runAt) + 60_000).toISOString() };
      await scheduler.sync('ses_clock', [moved]);
      const movedScore = await redis.zscore(`${bullPrefix(prefix, 'facebook')}:facebook:delayed`, announce.id);
      expect(Math.abs(Math.floor(Number(movedScore) / 4096) - Date.parse(moved.runAt))).toBeLessThan(50);
    } finally {
      clock.stop();
    }
  });
});

describe('LIVECUE_CLOCK', () => {
  it('redis: the app reads time as Redis TIME (a measured offset); local: the machine clock', async () => {
    const onRedis = await startTestApp({ LIVECUE_CLOCK: 'redis' }, 'api');
    const local = await startTestApp({ LIVECUE_CLOCK: 'local' }, 'api');
    try {
      expect(typeof (onRedis.deps.clock as { offsetMs?: unknown }).offsetMs).toBe('function');
      expect((local.deps.clock as { offsetMs?: unknown }).offsetMs).toBeUndefined();
      const redis = new Redis(testRedisUrl());
      const at = await redisNowMs(redis);
      redis.disconnect();
      expect(Math.abs(onRedis.deps.clock.now() - at)).toBeLessThan(250);
    } finally {
      await onRedis.stop();
      await local.stop();
    }
  });
});
