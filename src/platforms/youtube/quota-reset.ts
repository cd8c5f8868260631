import { DateTime } from 'luxon';

/** YouTube's daily quota resets at midnight Pacific time (https://developers.google.com/youtube/v3/determine_quota_cost). */
export const quotaZone = 'America/Los_Angeles';

/** Milliseconds from `nowMs` until the next midnight in America/Los_Angeles (DST-aware). */
export function msUntilQuotaReset(nowMs: number): number {
  const nextMidnight = DateTime.fromMillis(nowMs, { zone: quotaZone }).startOf('day').plus({ days: 1 });
  return nextMidnight.toMillis() - nowMs;
}
