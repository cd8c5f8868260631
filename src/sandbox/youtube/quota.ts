import { DateTime } from 'luxon';

/** Quota cost per call (https://developers.google.com/youtube/v3/determine_quota_cost): reads 1, writes 50. */
export function costOf(method: string): number {
  return method === 'GET' ? 1 : 50;
}

/**
 * The Google Cloud project every sandbox token belongs to: YouTube's quota is per project (the
 * OAuth client LiveCue runs as), shared by every channel it serves, not per channel
 * (https://developers.google.com/youtube/v3/determine_quota_cost: "Projects that enable the
 * YouTube Data API have a default quota allocation of 10,000 units per day").
 */
export const sandboxProjectId = 'sandbox-project';

/** Ledger key: the project and its Pacific-time day (YouTube quota resets at midnight PT). */
export function quotaKey(projectId: string, nowMs: number): string {
  const day = DateTime.fromMillis(nowMs, { zone: 'America/Los_Angeles' }).toISODate() ?? 'unknown-day';
  return `${projectId}/${day}`;
}

export interface QuotaLedger {
  /** Whether a call of `cost` still fits in today's quota. */
  fits(cost: number): boolean;
  /** Record what a call cost: the full cost when it succeeded, 1 unit when it failed. */
  charge(cost: number, succeeded: boolean): void;
}

export function openQuotaLedger(
  used: Record<string, number>,
  projectId: string,
  nowMs: number,
  dailyQuota: number,
): QuotaLedger {
  const key = quotaKey(projectId, nowMs);
  return {
    fits: (cost) => (used[key] ?? 0) + cost <= dailyQuota,
    charge: (cost, succeeded) => {
      used[key] = (used[key] ?? 0) + (succeeded ? cost : 1);
    },
  };
}
