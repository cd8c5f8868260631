import { clockFrom, createSystemClock } from './clock';
import type { Clock } from './clock';

/** The one command the clock needs (an ioredis Redis or Cluster client has it). */
export interface TimeSource {
  time(): Promise<[string, string] | (string | number)[]>;
}

/**
 * A Clock that follows Redis `TIME` instead of the local machine, so every producer stamps jobs
 * from one clock and a host whose clock is off does not move firing times. It reads the local
 * clock and adds the offset to Redis measured at start and re-measured every `refreshMs` (the
 * sample with the shortest round trip of a few wins; its error is at most half that round trip).
 */
export interface RedisClock extends Clock {
  /** Redis time minus local time, in ms, as last measured. */
  offsetMs(): number;
  /** Measure the offset again now. */
  refresh(): Promise<void>;
  /** Stop the periodic refresh. */
  stop(): void;
}

export interface RedisClockOptions {
  /** The local clock (default: the system clock). */
  base?: Clock;
  refreshMs?: number;
  /** Round trips per measurement; the fastest one is used. */
  samples?: number;
  onError?: (err: unknown) => void;
}

export async function measureOffset(redis: TimeSource, base: Clock, samples = 3): Promise<{ offsetMs: number; rttMs: number }> {
  let best: { offsetMs: number; rttMs: number } | null = null;
  for (let i = 0; i < samples; i += 1) {
    const sent = base.now();
    const t0 = performance.now();
    const [sec, micro] = await redis.time();
    const rtt = performance.now() - t0;
    const redisMs = Number(sec) * 1000 + Number(micro) / 1000;
    const offset = redisMs - (sent + rtt / 2);
    if (!best || rtt < best.rttMs) best = { offsetMs: offset, rttMs: rtt };
  }
  if (!best) throw new Error('measureOffset needs at least one sample');
  return best;
}

/** Starts tracking Redis TIME: resolves after the first measurement. */
export async function createRedisClock(redis: TimeSource, options: RedisClockOptions = {}): Promise<RedisClock> {
  const base = options.base ?? createSystemClock();
  let offset = (await measureOffset(redis, base, options.samples)).offsetMs;
  const refresh = async (): Promise<void> => {
    offset = (await measureOffset(redis, base, options.samples)).offsetMs;
  };
  const timer = setInterval(() => {
    refresh().catch((err: unknown) => options.onError?.(err));
  }, options.refreshMs ?? 30_000);
  timer.unref();
  return {
    ...clockFrom(() => Math.round(base.now() + offset)),
    offsetMs: () => offset,
    refresh,
    stop: () => { clearInterval(timer); },
  };
}
