import { isPlatformError } from '../src/platforms/platform-error';

const CAP_MS = 5 * 60_000;

/**
 * Jittered exponential backoff (full jitter over the upper half): base × 2^(n-1), capped at 5 min.
 * A platform's Retry-After (or usage header) sets the delay instead when present.
 */
export function createBackoff(baseMs: number, random: () => number = Math.random) {
  return (attemptsMade: number, _type?: string, err?: Error): number => {
    if (err && isPlatformError(err) && err.retryAfterMs !== undefined) return Math.min(err.retryAfterMs, 24 * 3_600_000);
    const exp = Math.min(CAP_MS, baseMs * 2 ** Math.max(0, attemptsMade - 1));
    return Math.round(exp / 2 + random() * (exp / 2));
  };
}
