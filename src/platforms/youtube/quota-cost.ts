/**
 * YouTube's default daily quota per project, 10,000 units
 * (https://developers.google.com/youtube/v3/determine_quota_cost).
 */
export const youtubeDailyQuota = 10_000;

/**
 * Quota units one adapter operation spends at most (determine_quota_cost above: list 1, insert / bind /
 * transition / update / delete 50): createLive = stream insert + broadcast insert + bind; goLive =
 * broadcast list + stream list + transition; endLive = list + transition; deleteLive = broadcast
 * and stream delete (+ a list when the stream is unknown); findLive reads up to 10 pages.
 */
export const youtubeUnitsPerOperation = {
  createLive: 150,
  findLive: 10,
  updateLive: 50,
  goLive: 52,
  endLive: 51,
  deleteLive: 101,
  /** The on-air guard: liveBroadcasts.list + liveStreams.list (1 unit each). */
  readIngest: 2,
  checkAccount: 0,
} as const;

export type YoutubeOperation = keyof typeof youtubeUnitsPerOperation;

/** Units one scheduled session spends: create, go live, end (what the preflight budgets). */
export const youtubeUnitsPerSession =
  youtubeUnitsPerOperation.createLive + youtubeUnitsPerOperation.goLive + youtubeUnitsPerOperation.endLive;
