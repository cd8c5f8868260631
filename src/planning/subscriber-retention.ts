import { DateTime } from 'luxon';

/** api.md "Reminders that reach people": subscriber contacts are deleted 30 days after the campaign ends. */
export const SUBSCRIBER_RETENTION_DAYS = 30;

/**
 * When a campaign's subscriber contacts are due for deletion (epoch ms): the end of its last day
 * (`endsOn`, inclusive, in the campaign's zone) plus 30 days, counted in that zone (a DST shift does
 * not move it by an hour).
 */
export function subscribersExpireAtMs(campaign: { endsOn: string; timezone: string }): number {
  const end = DateTime.fromISO(campaign.endsOn, { zone: campaign.timezone }).plus({ days: 1 }).startOf('day');
  return end.plus({ days: SUBSCRIBER_RETENTION_DAYS }).toMillis();
}
