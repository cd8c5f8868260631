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
  /**
   * A scheduled live that receives no stream data this long after its planned start becomes
   * SCHEDULED_EXPIRED. Meta documents the state, not the delay: configurable, default 10 min.
   */
  scheduledExpireAfterS: number;
}

export const defaultGraphRules: GraphRules = {
  feedScheduleMinS: 10 * 60,
  feedScheduleMaxS: 30 * 86_400,
  liveScheduleMaxS: 7 * 86_400,
  maxBroadcastS: 8 * 3600,
  scheduledExpireAfterS: 10 * 60,
};
