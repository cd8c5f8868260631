import { randomBytes } from 'node:crypto';
import type { SandboxContext } from '../context';
import type { FacebookLive } from '../state';
import { invalidParameter } from './graph-failure';
import type { GraphParams } from './graph-params';
import { formatGraphTime, readBoolean, readJson, readLimit, readString, readUnixSeconds, selectFields } from './graph-params';
import type { GraphRules } from './graph-rules';

const defaultLiveFields = ['id', 'status', 'title', 'description'];
const scheduledStates = new Set(['SCHEDULED_UNPUBLISHED', 'SCHEDULED_LIVE']);
/** States from which `status=LIVE_NOW` starts the broadcast, while the simulated encoder feeds it. */
const startableStates = new Set(['SCHEDULED_UNPUBLISHED', 'SCHEDULED_LIVE', 'UNPUBLISHED', 'LIVE']);
const endedStates = new Set(['VOD', 'PROCESSING', 'LIVE_STOPPED']);

/** `POST /{page}/live_videos`: `LIVE_NOW`, `UNPUBLISHED`, or scheduled with `event_params` (≤ 7 days). */
export function createLive(ctx: SandboxContext, rules: GraphRules, pageId: string, params: GraphParams): Record<string, unknown> {
  const requested = readString(params, 'status') ?? 'UNPUBLISHED';
  if (params.planned_start_time !== undefined) {
    // One revision of the scheduling guide: planned_start_time on create is refused, use event_params.
    throw invalidParameter('planned_start_time is deprecated on create; use event_params');
  }
  let status: string;
  let plannedStartTime: number | null = null;
  if (scheduledStates.has(requested)) {
    const start = readLiveStart(ctx, rules, readEventStart(params.event_params));
    if (start === undefined) throw invalidParameter('A scheduled live video needs event_params with a start_time');
    plannedStartTime = start;
    status = requested;
  } else if (requested === 'LIVE_NOW') {
    status = 'LIVE';
  } else if (requested === 'UNPUBLISHED') {
    status = 'UNPUBLISHED';
  } else {
    throw invalidParameter(`Param status must be one of {LIVE_NOW, SCHEDULED_UNPUBLISHED, SCHEDULED_LIVE, UNPUBLISHED}`);
  }
  const id = ctx.nextNumericId();
  const key = `FB-${id}-0-${randomBytes(12).toString('base64url')}`;
  const live: FacebookLive = {
    id,
    pageId,
    title: readString(params, 'title') ?? '',
    description: readString(params, 'description') ?? '',
    status,
    plannedStartTime,
    streamUrl: `rtmp://live-api-s.facebook.com:80/rtmp/${key}`,
    secureStreamUrl: `rtmps://live-api-s.facebook.com:443/rtmp/${key}`,
    createdAt: ctx.clock.nowIso(),
    deleted: false,
    ...(status === 'LIVE' ? { broadcastStartTime: Math.floor(ctx.clock.now() / 1000) } : {}),
  };
  ctx.state.facebook.lives.push(live);
  return {
    id,
    stream_url: live.streamUrl,
    secure_stream_url: live.secureStreamUrl,
    stream_secondary_urls: [],
    secure_stream_secondary_urls: [],
  };
}

/** `GET /{page}/live_videos`: newest first, optional `broadcast_status` filter. */
export function listLives(ctx: SandboxContext, pageId: string, params: GraphParams): Record<string, unknown> {
  const statuses = readStatusFilter(params.broadcast_status);
  const fields = readString(params, 'fields');
  const data = ctx.state.facebook.lives
    .filter((l) => l.pageId === pageId && !l.deleted && (!statuses || statuses.includes(l.status)))
    .reverse()
    .slice(0, readLimit(params))
    .map((l) => selectFields(describeLive(l), fields, defaultLiveFields));
  return { data };
}

/** `GET /{live}`; with a context, the live's `ingest_streams` (stream health while its encoder feeds it). */
export function readLive(live: FacebookLive, params: GraphParams, ctx?: SandboxContext): Record<string, unknown> {
  const full = describeLive(live);
  if (ctx) full.ingest_streams = describeIngestStreams(ctx, live);
  return selectFields(full, readString(params, 'fields'), defaultLiveFields);
}

/**
 * The live's one (master) input stream, as a Live Video Input Stream: `stream_health` is present
 * only while the simulated encoder pushes video
 * (https://developers.facebook.com/docs/graph-api/reference/live-video-input-stream).
 */
function describeIngestStreams(ctx: SandboxContext, live: FacebookLive): Record<string, unknown> {
  const fed = isFed(ctx, live);
  return {
    data: [
      {
        id: `${live.id}1`,
        stream_id: '0',
        is_master: true,
        secure_stream_url: live.secureStreamUrl,
        stream_url: live.streamUrl,
        ...(fed ? { stream_health: { video_bitrate: 2_500_000, video_framerate: 30, audio_bitrate: 128_000, video_width: 1280, video_height: 720 } } : {}),
      },
    ],
  };
}

/** `POST /{live}`: title/description, `planned_start_time`, `status` changes, `end_live_video`. */
export function updateLive(ctx: SandboxContext, rules: GraphRules, live: FacebookLive, params: GraphParams): Record<string, unknown> {
  if (readBoolean(params, 'end_live_video') === true) {
    endLive(ctx, live);
    return { id: live.id };
  }
  const nextStatus = readNextStatus(live, readString(params, 'status'), isFed(ctx, live));
  const newStart = readStartChange(ctx, rules, live, params);
  const title = readString(params, 'title');
  const description = readString(params, 'description');
  if (title !== undefined) live.title = title;
  if (description !== undefined) live.description = description;
  if (newStart !== undefined) live.plannedStartTime = newStart;
  if (nextStatus === 'LIVE' && live.status !== 'LIVE') live.broadcastStartTime = Math.floor(ctx.clock.now() / 1000);
  live.status = nextStatus;
  return { id: live.id };
}

/** `DELETE /{live}`: the live (or its VOD) is gone; later reads answer 100/33. */
export function deleteLive(live: FacebookLive): Record<string, unknown> {
  live.deleted = true;
  return { success: true };
}

export function findLiveById(ctx: SandboxContext, id: string): FacebookLive | undefined {
  return ctx.state.facebook.lives.find((l) => l.id === id && !l.deleted);
}

/** Is the simulated encoder feeding this live now (api.md "On-air guard", sandbox)? */
export function isFed(ctx: SandboxContext, live: FacebookLive, nowMs = ctx.clock.now()): boolean {
  if (live.encoder === 'on') return true;
  if (live.encoder === 'off' || endedStates.has(live.status) || live.deleted) return false;
  const createdMs = Date.parse(live.createdAt);
  const fromMs = live.plannedStartTime === null ? createdMs : Math.max(createdMs, live.plannedStartTime * 1000 - ctx.settings.encoderLeadSeconds * 1000);
  return nowMs >= fromMs;
}

/**
 * Time passes: a scheduled live goes LIVE at its planned start when it receives stream data, and
 * expires (SCHEDULED_EXPIRED) when none arrived `scheduledExpireAfterS` after it; a broadcast
 * longer than the limit ends as a VOD.
 */
export function settleLives(ctx: SandboxContext, rules: GraphRules): void {
  const nowS = ctx.clock.now() / 1000;
  for (const live of ctx.state.facebook.lives) {
    if (live.deleted) continue;
    if (scheduledStates.has(live.status) && live.plannedStartTime !== null && live.plannedStartTime <= nowS) {
      if (isFed(ctx, live)) {
        live.status = 'LIVE';
        live.broadcastStartTime = Math.floor(nowS);
      } else if (live.plannedStartTime + rules.scheduledExpireAfterS <= nowS) {
        live.status = 'SCHEDULED_EXPIRED';
      }
    }
    if (live.status === 'LIVE' && live.broadcastStartTime !== undefined && live.broadcastStartTime + rules.maxBroadcastS <= nowS) {
      live.status = 'VOD';
      live.endedAt = new Date((live.broadcastStartTime + rules.maxBroadcastS) * 1000).toISOString();
    }
  }
}

function endLive(ctx: SandboxContext, live: FacebookLive): void {
  if (endedStates.has(live.status)) return;
  if (live.status !== 'LIVE') throw invalidParameter(`The live video is not live (status ${live.status})`);
  live.status = 'VOD';
  live.endedAt = ctx.clock.nowIso();
}

function readNextStatus(live: FacebookLive, requested: string | undefined, fed: boolean): string {
  if (requested === undefined) return live.status;
  if (requested === 'LIVE_NOW') {
    if (!startableStates.has(live.status)) throw invalidParameter(`A live video in status ${live.status} cannot go live`);
    // "The broadcast will appear ... as long as it is receiving stream data"
    // (https://developers.facebook.com/docs/live-video-api/guides/scheduling): no data, no LIVE.
    return fed ? 'LIVE' : live.status;
  }
  if (requested === 'SCHEDULED_CANCELED') {
    if (!scheduledStates.has(live.status) && live.status !== 'SCHEDULED_CANCELED') {
      throw invalidParameter(`A live video in status ${live.status} cannot be canceled`);
    }
    return 'SCHEDULED_CANCELED';
  }
  if (scheduledStates.has(requested) || requested === 'UNPUBLISHED') {
    if (!scheduledStates.has(live.status) && live.status !== 'UNPUBLISHED') {
      throw invalidParameter(`A live video in status ${live.status} cannot become ${requested}`);
    }
    return requested;
  }
  throw invalidParameter(`Param status must be one of {LIVE_NOW, SCHEDULED_UNPUBLISHED, SCHEDULED_LIVE, SCHEDULED_CANCELED, UNPUBLISHED}`);
}

function readStartChange(ctx: SandboxContext, rules: GraphRules, live: FacebookLive, params: GraphParams): number | undefined {
  const raw = params.planned_start_time ?? readEventStart(params.event_params);
  if (raw === undefined) return undefined;
  if (!scheduledStates.has(live.status)) throw invalidParameter(`The start time of a live video in status ${live.status} cannot change`);
  return readLiveStart(ctx, rules, raw);
}

/** A live start: in the future and at most `liveScheduleMaxS` ahead (code 100 otherwise). */
function readLiveStart(ctx: SandboxContext, rules: GraphRules, raw: unknown): number | undefined {
  const time = readUnixSeconds(raw);
  if (time === undefined) return undefined;
  const nowS = Math.floor(ctx.clock.now() / 1000);
  if (time === null || time <= nowS) throw invalidParameter('The scheduled start time must be in the future');
  if (time > nowS + rules.liveScheduleMaxS) {
    throw invalidParameter('A live video can be scheduled at most 7 days ahead');
  }
  return time;
}

/**
 * `event_params` as the edge reference types it, a "Live Video Event Parameter" object
 * `{"start_time": <unix>}` (object or JSON string)
 * (https://developers.facebook.com/docs/graph-api/reference/page/live_videos/). The guide's bare
 * timestamp is refused as Graph refuses a wrong-typed parameter (code 100), so a client sending
 * the wrong form is caught here.
 */
function readEventStart(value: unknown): unknown {
  if (value === undefined) return undefined;
  const parsed = readJson(value);
  if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) return (parsed as { start_time?: unknown }).start_time;
  throw invalidParameter('Param event_params must be an object');
}

function readStatusFilter(value: unknown): string[] | undefined {
  const parsed = readJson(value);
  if (Array.isArray(parsed)) return parsed.map(String);
  if (typeof parsed === 'string' && parsed !== '') return parsed.split(',').map((s) => s.trim());
  return undefined;
}

function describeLive(live: FacebookLive): Record<string, unknown> {
  return {
    id: live.id,
    status: live.status,
    title: live.title,
    description: live.description,
    planned_start_time: live.plannedStartTime === null ? undefined : formatGraphTime(live.plannedStartTime * 1000),
    broadcast_start_time: live.broadcastStartTime === undefined ? undefined : formatGraphTime(live.broadcastStartTime * 1000),
    creation_time: formatGraphTime(Date.parse(live.createdAt)),
    stream_url: live.streamUrl,
    secure_stream_url: live.secureStreamUrl,
    permalink_url: `/${live.pageId}/videos/${live.id}/`,
    video: { id: live.id },
  };
}
