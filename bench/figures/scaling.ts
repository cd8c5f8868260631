import type { Bench } from '../lib/setup';
import { figure } from '../lib/figure';
import type { Figure } from '../lib/figure';
import { fireLiveCue, fireRaw } from './firing';

/** Dispatch throughput with 1 and 2 worker processes (LiveCue and raw), same announces due at once. */
export async function scaling(bench: Bench): Promise<Record<string, Figure>> {
  const n = bench.smoke ? 200 : bench.quick ? 2000 : 10_000;
  const at = (t0: number): number[] => Array.from({ length: n }, () => t0);
  const l1 = await fireLiveCue(bench, at, 1);
  const l2 = await fireLiveCue(bench, at, 2);
  const r1 = await fireRaw(bench, at, 1);
  const r2 = await fireRaw(bench, at, 2);
  return {
    dispatch_jobs_per_s_1_worker: figure(l1.throughput, r1.throughput, `jobs/s (${n} due at once, 1 worker process)`),
    dispatch_jobs_per_s_2_workers: figure(l2.throughput, r2.throughput, `jobs/s (${n} due at once, 2 worker processes)`, {
      livecueSpeedup: Math.round((l2.throughput / l1.throughput) * 100) / 100, rawSpeedup: Math.round((r2.throughput / r1.throughput) * 100) / 100,
    }),
  };
}
