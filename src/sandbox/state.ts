/** What exists on each fake platform now (served at `GET /__sandbox/state`). */
export interface FacebookPost {
  id: string;
  pageId: string;
  message: string;
  link?: string;
  photoIds: string[];
  published: boolean;
  scheduledPublishTime?: number;
  createdAt: string;
}

export interface FacebookLive {
  id: string;
  pageId: string;
  title: string;
  description: string;
  /** SCHEDULED_UNPUBLISHED, LIVE, VOD, SCHEDULED_CANCELED, SCHEDULED_EXPIRED, … */
  status: string;
  plannedStartTime: number | null;
  streamUrl: string;
  secureStreamUrl: string;
  createdAt: string;
  deleted: boolean;
}

export interface TikTokPost {
  publishId: string;
  openId: string;
  title: string;
  description: string;
  mediaType: 'PHOTO' | 'VIDEO';
  postMode: string;
  privacyLevel: string;
  photoImages: string[];
  /** PROCESSING_DOWNLOAD, PUBLISH_COMPLETE, FAILED, … */
  status: string;
  failReason?: string;
  postIds: string[];
  createdAt: string;
  completesAt: number;
}

export interface YouTubeBroadcast {
  id: string;
  channelId: string;
  title: string;
  description: string;
  scheduledStartTime: string;
  scheduledEndTime?: string;
  privacyStatus: string;
  /** created, ready, testStarting, testing, liveStarting, live, complete, revoked */
  lifeCycleStatus: string;
  boundStreamId: string | null;
  enableAutoStart: boolean;
  enableAutoStop: boolean;
  enableMonitorStream: boolean;
  /** While in a *Starting state: when it settles (epoch ms) and into what. */
  settlesAt?: number;
  settlesTo?: string;
  createdAt: string;
  actualStartTime?: string;
  actualEndTime?: string;
}

export interface YouTubeStream {
  id: string;
  channelId: string;
  title: string;
  streamName: string;
  ingestionAddress: string;
  /** created, ready, active, inactive, error */
  streamStatus: string;
  /** good, ok, bad, noData */
  healthStatus: string;
  isReusable: boolean;
  createdAt: string;
}

export interface SandboxState {
  facebook: { posts: FacebookPost[]; lives: FacebookLive[] };
  tiktok: { posts: TikTokPost[] };
  youtube: { broadcasts: YouTubeBroadcast[]; streams: YouTubeStream[]; quotaUsed: Record<string, number> };
}

export function createEmptyState(): SandboxState {
  return {
    facebook: { posts: [], lives: [] },
    tiktok: { posts: [] },
    youtube: { broadcasts: [], streams: [], quotaUsed: {} },
  };
}
