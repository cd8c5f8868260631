import type { Bench } from '../lib/setup';
import { bulkImport, resetBench, startApiProcess, usedMemory } from '../lib/setup';
import { rawQueue, rawSessionJobs } from '../lib/raw';
import { figure } from '../lib/figure';
import type { Figure } from '../lib/figure';
import { QUEUE_NAMES } from '../../src/scheduling/queues';

const STAGES_PER_MARKET = 12;
const SLOTS_PER_DAY = 10;
const DAYS = 30;

/**
 * The Chợ Cồn month widened to a city: `markets` markets × 12 stages × 10 one-hour slots a day ×
 * 30 days (10 markets ≈ 36,000 sessions ≈ 209,000 jobs), each on Facebook + TikTok with promos a day
 * and an hour before (the last slot of a day only an hour before).
 */
export function citySessions(markets: number, firstDayMs: number): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (let m = 0; m < markets; m += 1) {
    for (let st = 0; st < STAGES_PER_MARKET; st += 1) {
      for (let d = 0; d < DAYS; d += 1) {
        for (let slot = 0; slot < SLOTS_PER_DAY; slot += 1) {
          const startMs = firstDayMs + d * 86_400_000 + (8 + slot) * 3_600_000;
          out.push({
            title: `Chợ ${m + 1} - quầy ${st + 1} - phiên ${slot + 1}`,
            startsAt: new Date(startMs).toISOString(),
            durationMinutes: 50,
            stageId: `market-${m + 1}-booth-${st + 1}`,
            host: { name: `Quầy ${st + 1}` },
            products: [{ name: 'Mực rim me', price: 180000 }],
            targets: [
              { platform: 'facebook', accountId: 'fb-cho-con', live: false },
              { platform: 'tiktok', accountId: 'tt-cho-con' },
            ],
            announceOffsets: slot === SLOTS_PER_DAY - 1 ? ['PT1H'] : ['P1D', 'PT1H'],
            reminderOffsets: [],
          });
        }
      }
    }
  }
  return out;
}

export async function cityImport(bench: Bench): Promise<Record<string, Figure>> {
  const markets = bench.smoke ? 0.05 : bench.quick ? 1 : 10;
  await resetBench(bench);
  const firstDay = Math.ceil(Date.now() / 86_400_000) * 86_400_000 + 2 * 86_400_000 - 7 * 3_600_000;
  const sessions = citySessions(Math.max(1, Math.ceil(markets)), firstDay).slice(0, Math.round(markets * STAGES_PER_MARKET * DAYS * SLOTS_PER_DAY));
  const apiProc = await startApiProcess(bench);
  let ms: number;
  let jobs: number;
  let bytes: number;
  try {
    const before = await usedMemory(bench.client);
    const t0 = performance.now();
    await bulkImport(apiProc.url, sessions, 5000);
    ms = performance.now() - t0;
    bytes = (await usedMemory(bench.client)) - before;
    jobs = 0;
    for (const q of QUEUE_NAMES) jobs += await bench.client.zcard(`{bench-${q}}:${q}:delayed`);
  } finally {
    await apiProc.stop();
  }
  await resetBench(bench);
  const queue = rawQueue(bench.client);
  const all = Array.from({ length: sessions.length }, (_, n) => rawSessionJobs(n, firstDay + n * 60_000, Date.now())).flat().slice(0, jobs);
  const before = await usedMemory(bench.client);
  const t0 = performance.now();
  for (let i = 0; i < all.length; i += 1000) await queue.addBulk(all.slice(i, i + 1000));
  const rawMs = performance.now() - t0;
  const rawBytes = (await usedMemory(bench.client)) - before;
  await queue.close();
  return {
    city_import_s: figure(ms / 1000, rawMs / 1000, `s to import and schedule ${sessions.length} sessions / ${jobs} jobs (raw: addBulk of the same jobs; goal ≤ 60 s)`, {
      sessions: sessions.length, jobs, livecueRedisMB: Math.round(bytes / 1e5) / 10, rawRedisMB: Math.round(rawBytes / 1e5) / 10,
    }),
  };
}
