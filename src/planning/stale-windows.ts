import type { JobKind } from '../domain/session';

const MIN = 60_000;
const HOUR = 60 * MIN;

/**
 * Past which instant a job is skipped as stale instead of being done late (invariant 4).
 * A promo or reminder that would land after the start is pointless; going live is worth doing
 * until the end; ending and deleting are always worth doing (a day's grace).
 */
export function staleAtFor(kind: JobKind, runAtMs: number, startMs: number, endMs: number): number {
  switch (kind) {
    case 'prepare-live':
      return startMs;
    case 'announce':
      return Math.min(runAtMs + 30 * MIN, startMs);
    case 'reminder':
      return Math.min(runAtMs + 15 * MIN, startMs);
    case 'go-live':
      return endMs;
    case 'end-live':
      return endMs + 24 * HOUR;
    case 'update-live':
      return endMs;
    case 'delete-live':
      return Math.max(runAtMs, endMs) + 24 * HOUR;
    case 'cancel-notice':
      return Math.max(runAtMs + HOUR, startMs);
    case 'guard':
      // A guard read late is still worth it until the start (go-live's own checks take over then).
      return startMs;
  }
}
