import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';

/** Raw BullMQ on the bench Redis: one hash-tagged queue, the same retention as LiveCue's queues. */
export function rawQueue(connection: Redis, name = 'raw'): Queue {
  return new Queue(name, {
    connection,
    prefix: `{bench-${name}}`,
    defaultJobOptions: { removeOnComplete: { age: 7 * 86_400, count: 20_000 }, removeOnFail: { age: 30 * 86_400, count: 50_000 } },
    streams: { events: { maxLen: 10_000 } },
  });
}

const KINDS = ['announce__facebook__fb-cho-con__P1D', 'announce__tiktok__tt-cho-con__P1D', 'announce__facebook__fb-cho-con__PT1H', 'announce__tiktok__tt-cho-con__PT1H', 'go-live', 'end-live'];

/** Six delayed jobs of one session, ids shaped like LiveCue's, ID-only payloads. */
export function rawSessionJobs(n: number, startMs: number, now: number) {
  const sessionId = `ses_${n.toString(36).padStart(20, '0')}`;
  return KINDS.map((kind, i) => ({
    name: kind.split('__')[0] ?? kind,
    data: { s: sessionId },
    opts: { jobId: `${sessionId}__${kind}`, delay: Math.max(0, startMs - 86_400_000 + i * 60_000 - now), timestamp: now },
  }));
}

/** Run `task` with `inFlight` concurrent loops for `durationMs`; returns completions per second. */
export async function closedLoop(inFlight: number, durationMs: number, task: (n: number) => Promise<void>): Promise<{ perSecond: number; count: number }> {
  let next = 0;
  let count = 0;
  const t0 = performance.now();
  const end = t0 + durationMs;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (performance.now() < end) {
        await task((next += 1));
        count += 1;
      }
    }),
  );
  return { perSecond: count / ((performance.now() - t0) / 1000), count };
}

/** Start `task` `rate` times a second (open loop) for `durationMs`; returns each task's latency (ms). */
export async function openLoop(rate: number, durationMs: number, task: (n: number) => Promise<void>): Promise<number[]> {
  const latencies: number[] = [];
  const running: Promise<void>[] = [];
  const t0 = performance.now();
  const total = Math.floor((rate * durationMs) / 1000);
  for (let i = 0; i < total; i += 1) {
    const at = t0 + (i * 1000) / rate;
    const wait = at - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const started = performance.now();
    running.push(task(i).then(() => { latencies.push(performance.now() - started); }));
  }
  await Promise.all(running);
  return latencies;
}
