import type { Bench } from '../lib/setup';
import { bulkImport, resetBench, sixJobSession, startApiProcess, usedMemory } from '../lib/setup';
import { rawQueue, rawSessionJobs } from '../lib/raw';
import { figure } from '../lib/figure';
import type { Figure } from '../lib/figure';

/**
 * The bulk path (POST /v1/sessions/bulk, 5,000 sessions a request) vs addBulk in chunks of 1,000,
 * and the Redis memory each leaves per scheduled session (used_memory delta on an empty Redis).
 */
export async function importAndMemory(bench: Bench): Promise<Record<string, Figure>> {
  const sessions = bench.smoke ? 500 : bench.quick ? 5000 : 20_000;
  const jobsPerSession = 6;
  await resetBench(bench);
  const apiProc = await startApiProcess(bench);
  let livecueMs: number;
  let livecueBytes: number;
  try {
    const base = Date.now() + 3 * 86_400_000;
    const bodies = Array.from({ length: sessions }, (_, i) => sixJobSession(base + i * 1000, `Quầy ${i} - Đặc sản khô`));
    await bulkImport(apiProc.url, bodies.slice(0, 50)); // warm-up, counted in memory baseline
    const before = await usedMemory(bench.client);
    const t0 = performance.now();
    await bulkImport(apiProc.url, bodies.slice(50));
    livecueMs = performance.now() - t0;
    livecueBytes = ((await usedMemory(bench.client)) - before) / (sessions - 50);
  } finally {
    await apiProc.stop();
  }
  const jobs = (sessions - 50) * jobsPerSession;

  await resetBench(bench);
  const queue = rawQueue(bench.client);
  const start = Date.now() + 3 * 86_400_000;
  const all = Array.from({ length: sessions }, (_, n) => rawSessionJobs(n, start + n * 1000, Date.now())).flat();
  await queue.addBulk(all.slice(0, 50 * jobsPerSession));
  const before = await usedMemory(bench.client);
  const t0 = performance.now();
  for (let i = 50 * jobsPerSession; i < all.length; i += 1000) await queue.addBulk(all.slice(i, i + 1000));
  const rawMs = performance.now() - t0;
  const rawBytes = ((await usedMemory(bench.client)) - before) / (sessions - 50);
  await queue.close();
  return {
    import_jobs_per_s: figure(jobs / (livecueMs / 1000), jobs / (rawMs / 1000), `jobs/s (${sessions - 50} sessions × 6 jobs)`),
    redis_bytes_per_session: figure(livecueBytes, rawBytes, `bytes/session (${sessions - 50} sessions; raw = 6 delayed ID-only jobs)`),
  };
}
