import type { Bench } from '../lib/setup';
import { announceAt, bulkImport, percentile, resetBench, sleep, startApiProcess, startWorkerProcess, waitUntil } from '../lib/setup';
import { spawnTs } from '../lib/proc';
import type { Child } from '../lib/proc';
import { rawQueue } from '../lib/raw';
import { figure } from '../lib/figure';
import type { Figure } from '../lib/figure';

/** What one firing run saw at the sandbox: lateness of every platform call (arrival − due). */
export interface FiringRun {
  lateness: number[];
  early: number;
  missing: number;
  /** Calls per second from the first due instant to the last arrival. */
  throughput: number;
  importMs: number;
  /** Redis commands per fired job, from the end of the import to the last arrival (INFO commandstats). */
  redisCallsPerJob: number;
}

/**
 * Redis commands run since the last CONFIG RESETSTAT (commands scripts run included). With
 * BENCH_COMMANDSTATS=1 the busiest commands (calls, µs) go to stderr: where Redis's time goes.
 */
async function redisCalls(bench: Bench, label: string, jobs: number): Promise<number> {
  const info = await bench.client.info('commandstats');
  const stats = [...info.matchAll(/^cmdstat_([\w|]+):calls=(\d+),usec=(\d+)/gm)]
    .filter(([, name]) => name !== 'info' && name !== 'config')
    .map(([, name, calls, usec]) => ({ name: name ?? '', calls: Number(calls), usec: Number(usec) }));
  if (process.env.BENCH_COMMANDSTATS === '1') {
    const top = [...stats].sort((a, b) => b.usec - a.usec).slice(0, 15);
    process.stderr.write(`${label}: Redis per job: ${top.map((c) => `${c.name} ${(c.calls / jobs).toFixed(2)}× ${(c.usec / jobs).toFixed(0)} µs`).join(', ')}\n`);
  }
  return stats.reduce((sum, c) => sum + c.calls, 0);
}

const PHOTO = /\/photos$/;

/** Promo calls seen so far (parsed once each; the sandbox's log only grows during a run). */
function arrivalReader(bench: Bench): () => { due: number; at: number }[] {
  const out: { due: number; at: number }[] = [];
  let read = 0;
  return () => {
    const log = bench.sandbox.requests;
    for (; read < log.length; read += 1) {
      const r = log[read];
      if (!r || r.method !== 'POST' || !PHOTO.test(r.path)) continue;
      const body = r.body as { caption?: string; message?: string } | null;
      const m = /LCB(\d+)X/.exec(body?.caption ?? body?.message ?? '');
      if (m) out.push({ due: Number(m[1]), at: Date.parse(r.at) });
    }
    return out;
  };
}

async function collect(bench: Bench, dues: number[], timeoutMs: number): Promise<Omit<FiringRun, 'importMs' | 'redisCallsPerJob'>> {
  const last = Math.max(...dues);
  const arrivals = arrivalReader(bench);
  await waitUntil(`${dues.length} platform calls`, () => arrivals().length >= dues.length, last - Date.now() + timeoutMs, undefined, 100).catch(() => undefined);
  await sleep(300);
  const seen = arrivals();
  const lateness = seen.map((a) => a.at - a.due);
  const first = Math.min(...dues);
  const lastAt = Math.max(...seen.map((a) => a.at));
  return {
    lateness,
    early: lateness.filter((l) => l < 0).length,
    missing: Math.max(0, dues.length - seen.length),
    throughput: seen.length / Math.max(0.001, (lastAt - first) / 1000),
  };
}

/** LiveCue: import one Facebook promo per due time over the bulk API, one worker process fires them. */
export async function fireLiveCue(bench: Bench, dues: (t0: number) => number[], workers = 1, timeoutMs = 120_000): Promise<FiringRun> {
  await resetBench(bench);
  const [apiProc, ...procs] = await Promise.all([startApiProcess(bench), ...Array.from({ length: workers }, () => startWorkerProcess(bench))]);
  try {
    const probe = dues(0);
    // The bulk import now also foresees every promo's page pacing (a burst of 10,000 on one page
    // warns each item): 6 ms a session leaves the import done before the first due time.
    const leadMs = 4000 + probe.length * 6;
    const times = dues(Date.now() + leadMs);
    const t0 = performance.now();
    await bulkImport(apiProc.url, times.map(announceAt), 5000);
    const importMs = performance.now() - t0;
    if (Date.now() > Math.min(...times)) process.stderr.write(`warning: import ended after the first due time (lead ${leadMs} ms too short)\n`);
    await bench.client.config('RESETSTAT');
    const run = await collect(bench, times, timeoutMs);
    const fired = Math.max(1, times.length - run.missing);
    return { ...run, importMs, redisCallsPerJob: (await redisCalls(bench, 'livecue', fired)) / fired };
  } finally {
    await Promise.all([apiProc?.stop(), ...procs.map((p: Child) => p.kill('SIGTERM'))]);
  }
}

/** Raw: a bare BullMQ worker process making the same call; jobs added with addBulk (chunks of 1,000). */
export async function fireRaw(bench: Bench, dues: (t0: number) => number[], workers = 1, timeoutMs = 120_000): Promise<FiringRun> {
  await resetBench(bench);
  const procs = Array.from({ length: workers }, () => spawnTs('bench/raw-worker.ts', [bench.redis.url, bench.sandbox.baseUrl, 'raw', '50'], {}));
  await Promise.all(procs.map((p) => p.waitFor(/raw worker ready/)));
  const queue = rawQueue(bench.client);
  try {
    const probe = dues(0);
    const times = dues(Date.now() + 2000 + probe.length * 0.1);
    const t0 = performance.now();
    const now = Date.now();
    const jobs = times.map((due, i) => ({ name: 'announce', data: { due }, opts: { jobId: `raw-${i}`, delay: due - now, timestamp: now } }));
    for (let i = 0; i < jobs.length; i += 1000) await queue.addBulk(jobs.slice(i, i + 1000));
    const importMs = performance.now() - t0;
    await bench.client.config('RESETSTAT');
    const run = await collect(bench, times, timeoutMs);
    const fired = Math.max(1, times.length - run.missing);
    return { ...run, importMs, redisCallsPerJob: (await redisCalls(bench, 'raw', fired)) / fired };
  } finally {
    await queue.close();
    await Promise.all(procs.map((p) => p.kill('SIGTERM')));
  }
}

const spread = (count: number, perSecond: number) => (t0: number): number[] => Array.from({ length: count }, (_, i) => Math.round(t0 + (i * 1000) / perSecond));
const together = (count: number) => (t0: number): number[] => Array.from({ length: count }, () => t0);

/** dispatch throughput, steady and burst lateness. */
export async function firing(bench: Bench): Promise<Record<string, Figure>> {
  const size = bench.smoke ? { dispatch: 200, steadyS: 2, burstPerS: 1000, burstS: 1 } : bench.quick ? { dispatch: 2000, steadyS: 5, burstPerS: 10_000, burstS: 0.5 } : { dispatch: 10_000, steadyS: 10, burstPerS: 10_000, burstS: 2 };
  const out: Record<string, Figure> = {};
  const dl = await fireLiveCue(bench, together(size.dispatch));
  const dr = await fireRaw(bench, together(size.dispatch));
  out.dispatch_jobs_per_s = figure(dl.throughput, dr.throughput, `jobs/s (${size.dispatch} announces due at once, 1 worker process)`, {
    livecueMissing: dl.missing, rawMissing: dr.missing, livecueRedisCallsPerJob: Math.round(dl.redisCallsPerJob * 10) / 10, rawRedisCallsPerJob: Math.round(dr.redisCallsPerJob * 10) / 10,
  });

  const steady = spread(500 * size.steadyS, 500);
  const sl = await fireLiveCue(bench, steady);
  const sr = await fireRaw(bench, steady);
  out.lateness_p99_ms_steady = figure(percentile(sl.lateness, 99), percentile(sr.lateness, 99), `ms (500 due/s for ${size.steadyS} s; goal ≤ raw + 15)`, {
    livecueP50: percentile(sl.lateness, 50), rawP50: percentile(sr.lateness, 50), livecueMax: Math.max(...sl.lateness), rawMax: Math.max(...sr.lateness), livecueEarly: sl.early, livecueMissing: sl.missing, rawEarly: sr.early, rawMissing: sr.missing,
  });

  const burst = spread(size.burstPerS * size.burstS, size.burstPerS);
  const bl = await fireLiveCue(bench, burst);
  const br = await fireRaw(bench, burst);
  out.lateness_p99_ms_burst = figure(percentile(bl.lateness, 99), percentile(br.lateness, 99), `ms (${size.burstPerS} due/s for ${size.burstS} s; goal ≤ 1.5 × raw + 25)`, {
    livecueP50: percentile(bl.lateness, 50), rawP50: percentile(br.lateness, 50), livecueMax: Math.max(...bl.lateness), rawMax: Math.max(...br.lateness), livecueEarly: bl.early, livecueMissing: bl.missing, rawEarly: br.early, rawMissing: br.missing, livecueThroughput: Math.round(bl.throughput), rawThroughput: Math.round(br.throughput),
  });
  return out;
}
