import type { Keys } from './keys';
import type { RedisClient } from './redis';

/** Worker heartbeats and firing-lateness samples (for /readyz and /v1/stats). */
export interface OpsStore {
  heartbeat(workerId: string, nowMs: number): Promise<void>;
  /** A worker that stops takes its heartbeat out, so /readyz does not count it for 30 s more. */
  leave(workerId: string): Promise<void>;
  /** Worker ids that beat since `sinceMs`. */
  liveWorkers(sinceMs: number): Promise<string[]>;
  /**
   * The two ends of a lateness sample's member, `<firedAtMs>:<queue>` and `<pid>:<seq>`: the
   * worker's begin step (src/store/job-steps.ts) puts the lateness between them and adds it in
   * the round trip that starts the job. Every TRIM_EVERY samples the set is trimmed.
   */
  latenessSample(queue: string, firedAtMs: number): { head: string; tail: string };
  /** Lateness samples (ms) fired since `sinceMs`. */
  lateness(sinceMs: number): Promise<number[]>;
}

/** Lateness samples kept (about: each process trims every TRIM_EVERY samples). */
const MAX_SAMPLES = 100_000;
const TRIM_EVERY = 500;

export function createOpsStore(redis: RedisClient, keys: Keys): OpsStore {
  let seq = 0;
  return {
    async heartbeat(workerId, nowMs) {
      await redis.zadd(keys.workers, nowMs, workerId);
    },
    async leave(workerId) {
      await redis.zrem(keys.workers, workerId);
    },
    async liveWorkers(sinceMs) {
      await redis.zremrangebyscore(keys.workers, '-inf', `(${sinceMs - 86_400_000}`);
      return redis.zrangebyscore(keys.workers, sinceMs, '+inf');
    },
    latenessSample(queue, firedAtMs) {
      seq = (seq + 1) % 1_000_000;
      // Trimmed every TRIM_EVERY samples, not on each (a MULTI per job was a visible share of a job's cost).
      if (seq % TRIM_EVERY === 0) redis.zremrangebyrank(keys.lateness, 0, -MAX_SAMPLES - 1).catch(() => undefined);
      return { head: `${firedAtMs}:${queue}`, tail: `${process.pid}:${seq}` };
    },
    async lateness(sinceMs) {
      const members = await redis.zrangebyscore(keys.lateness, sinceMs, '+inf');
      return members.map((m) => Number(m.split(':')[2]));
    },
  };
}
