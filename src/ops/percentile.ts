/** The `p`th percentile (nearest rank) of ascending `sorted` values; null without values. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? null;
}

/** p50/p95/p99/max of lateness samples (ms). */
export function summarizeLateness(samples: readonly number[]): { count: number; p50: number | null; p95: number | null; p99: number | null; max: number | null } {
  const sorted = [...samples].sort((a, b) => a - b);
  return { count: sorted.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? null };
}
