/**
 * Limits the fake Graph API enforces (https://developers.facebook.com/docs/pages-api/posts,
 * https://developers.facebook.com/docs/live-video-api/guides/scheduling); tests may tighten or widen them.
 */
export interface GraphRules {
  /** Earliest `scheduled_publish_time` of a feed post, seconds after the call (doc: 10 min). */
  feedScheduleMinS: number;
  /** Latest `scheduled_publish_time`, seconds after the call (current guide: 30 days; reference: 75). */
  feedScheduleMaxS: number;
  /** Latest start of a scheduled live, seconds after the call (7 days). */
  liveScheduleMaxS: number;
  /** Longest broadcast before Facebook ends it by itself (8 h). */
  maxBroadcastS: number;
}

export const defaultGraphRules: GraphRules = {
  feedScheduleMinS: 10 * 60,
  feedScheduleMaxS: 30 * 86_400,
  liveScheduleMaxS: 7 * 86_400,
  maxBroadcastS: 8 * 3600,
};
