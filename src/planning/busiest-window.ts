/**
 * The most instants of `times` inside one window `[start, start + windowMs)` that starts at one of
 * them (0 for none): sorted once and swept with two indices, O(n log n). The rate checks used
 * `max(near.map(start => near.filter(in window).length))`, O(n²): with every session of a busy
 * account due in the same minute (the bench, a flash sale) that was most of a create's time.
 */
export function busiestWindow(times: readonly number[], windowMs: number): number {
  const sorted = Float64Array.from(times).sort();
  let best = 0;
  let end = 0;
  for (let start = 0; start < sorted.length; start++) {
    const from = sorted[start] as number;
    // Equal instants: the first of them counts them all (a later one would start the same window).
    if (start > 0 && sorted[start - 1] === from) continue;
    if (end < start) end = start;
    while (end < sorted.length && (sorted[end] as number) < from + windowMs) end++;
    best = Math.max(best, end - start);
  }
  return best;
}

/** The least and the greatest of `values` without spreading them into arguments (no stack limit). */
export function extent(values: readonly number[]): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}
