import { DateTime } from 'luxon';
import type { WorkerPolicy } from '../worker-policy';
import { youtubeDailyQuota, youtubeReservedOperations, youtubeUnitsPerOperation } from './quota-cost';
import { msUntilQuotaReset, quotaZone } from './quota-reset';

/** The YouTube quota day (Pacific time) of an instant, e.g. `2024-06-14`. */
export function youtubeQuotaDay(nowMs: number): string {
  return DateTime.fromMillis(nowMs, { zone: quotaZone }).toISODate() ?? 'unknown-day';
}

/** YouTube: one daily quota for the project (see quota-cost.ts); no posts, so no in-doubt posts. */
export const youtubeWorkerPolicy: WorkerPolicy = {
  pacing: {
    kind: 'daily-quota',
    budget: youtubeDailyQuota,
    budgetOf: (config) => config.youtubeDailyQuota,
    unitsOf: youtubeUnitsPerOperation,
    reservedFor: youtubeReservedOperations,
    dayOf: youtubeQuotaDay,
    msUntilReset: msUntilQuotaReset,
    resetNote: 'LiveCue waits for the reset at midnight Pacific time',
  },
  inDoubtPost: null,
  followUpPublish: null,
  notesUsage: false,
};
