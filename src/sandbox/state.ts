/** What exists on each fake platform now (served at `GET /__sandbox/state`). */
export interface FacebookPost {
  id: string;
  pageId: string;
  message: string;
  link?: string;
  photoIds: string[];
  published: boolean;
  /** Unix seconds (as Graph takes it); set while the post waits with `published=false`. */
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
  /** Unix seconds (as Graph takes it). */
  plannedStartTime: number | null;
  streamUrl: string;
  secureStreamUrl: string;
  createdAt: string;
  deleted: boolean;
  /** Unix seconds the broadcast went LIVE. */
  broadcastStartTime?: number;
  /** UTC ISO instant the broadcast ended (VOD). */
  endedAt?: string;
  /**
   * The simulated encoder: `auto` (default) feeds from `encoderLeadSeconds` before the planned
   * start (from creation when that is later; from creation for a live made LIVE_NOW); `on`/`off`
   * force it (`POST /__sandbox/encoder`).
   */
  encoder?: 'auto' | 'on' | 'off';
}

/**
 * The usage a page reports in `X-Business-Use-Case-Usage`, set by a test (`POST
 * /__sandbox/facebook/usage`): percentages of the page's limits, and minutes until access returns.
 */
export interface FacebookPageUsage {
  callCount: number;
  totalTime: number;
  totalCputime: number;
  estimatedTimeToRegainAccess: number;
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
  /** PULL_FROM_URL source of a video post. */
  videoUrl?: string;
  photoCoverIndex?: number;
  disableComment?: boolean;
  autoAddMusic?: boolean;
  brandContentToggle?: boolean;
  brandOrganicToggle?: boolean;
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
  selfDeclaredMadeForKids: boolean;
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
  description: string;
  /** rtmp, dash, webrtc, hls */
  ingestionType: string;
  /** e.g. `variable`, `1080p` */
  resolution: string;
  /** e.g. `variable`, `30fps` */
  frameRate: string;
  /**
   * Test hook for the simulated encoder: `auto` (default) feeds the stream from the bound
   * broadcast's scheduledStartTime until it completes; `on`/`off` force it.
   */
  encoder: 'auto' | 'on' | 'off';
}

/** A ZNS template message the sandbox's Zalo accepted. */
export interface ZaloMessage {
  msgId: string;
  phone: string;
  templateId: string;
  templateData: Record<string, unknown>;
  trackingId: string | null;
  sentAt: string;
}

export interface SandboxState {
  /** `usage`: pages whose reported usage a test has set, by page id (else it grows slowly by itself). */
  facebook: { posts: FacebookPost[]; lives: FacebookLive[]; usage: Record<string, FacebookPageUsage> };
  tiktok: { posts: TikTokPost[] };
  youtube: { broadcasts: YouTubeBroadcast[]; streams: YouTubeStream[]; quotaUsed: Record<string, number> };
  zalo: { messages: ZaloMessage[] };
}

export function createEmptyState(): SandboxState {
  return {
    facebook: { posts: [], lives: [], usage: {} },
    tiktok: { posts: [] },
    youtube: { broadcasts: [], streams: [], quotaUsed: {} },
    zalo: { messages: [] },
  };
}
