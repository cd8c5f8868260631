/**
 * YouTube's default daily quota per Google Cloud project, 10,000 units; a project Google granted
 * more sets YOUTUBE_DAILY_QUOTA (https://developers.google.com/youtube/v3/determine_quota_cost:
 * "a default quota allocation of … 10,000 units per day", reset at midnight Pacific time).
 */
export const youtubeDailyQuota = 10_000;

/**
 * Quota units one adapter operation spends (determine_quota_cost above: list 1; insert, bind,
 * transition, update and delete 50), as planning budgets them: createLive = the channel's stream
 * looked up (list) + broadcast insert, left unbound with auto start (the stream insert, 50 more,
 * happens once per channel: live-setup.ts); goLive = stream list + bind, YouTube's auto start
 * doing the go-live (no transition); endLive = transition complete; deleteLive = broadcast delete
 * (the channel's stream stays); findLive reads up to 10 pages. Uncommon paths spend more than the
 * budget: a go-live retried while no video arrives reads the broadcast too (2, refunded down to
 * that), a broadcast made before auto start was used is bound again and transitioned (101), an
 * endLive YouTube refuses reads the broadcast (1 more).
 */
export const youtubeUnitsPerOperation = {
  createLive: 51,
  findLive: 10,
  updateLive: 50,
  goLive: 51,
  endLive: 50,
  deleteLive: 50,
  /** The on-air guard: liveBroadcasts.list + liveStreams.list (1 unit each). */
  readIngest: 2,
  checkAccount: 0,
} as const;

/** `liveStreams.insert`: the channel's reusable stream, once per channel (reported by createLive's `unitsSpent`). */
export const streamInsertUnits = 50;

export type YoutubeOperation = keyof typeof youtubeUnitsPerOperation;

/**
 * The operations that act on a broadcast that exists and is (about to be) on air: their units are
 * reserved when the broadcast is made, and new broadcasts and lookups may not spend them.
 */
export const youtubeReservedOperations = ['goLive', 'endLive'] as const;

/** Units one scheduled live spends: create, go live, end (what planning budgets per YouTube target). */
export const youtubeUnitsPerSession =
  youtubeUnitsPerOperation.createLive + youtubeUnitsPerOperation.goLive + youtubeUnitsPerOperation.endLive;
