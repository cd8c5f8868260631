import type { AccountContext, IngestReading, LiveRef, LiveResult, LiveSpec } from '../adapter';
import { PlatformError, isPlatformError } from '../platform-error';
import type { GraphClient } from './graph-client';
import { graphId } from './graph-client';
import { unexpectedAnswer } from './unexpected-answer';

const liveFields = 'id,description,status,secure_stream_url,stream_url,permalink_url';

/**
 * Schedule a page live (`SCHEDULED_UNPUBLISHED`). The start goes in `event_params`, whose form
 * Meta's pages disagree on: the edge reference types it as a "Live Video Event Parameter" object
 * with `start_time` (unix seconds)
 * (https://developers.facebook.com/docs/graph-api/reference/page/live_videos/), the guide shows a
 * bare timestamp (https://developers.facebook.com/docs/live-video-api/guides/scheduling). LiveCue
 * sends the object: the reference is the typed parameter list the SDKs are generated from (the
 * Python business SDK's `create_live_video` takes `event_params: Object`). On a code-100 refusal
 * (invalid parameter; nothing was created) it tries the guide's form once; if that fails too, the
 * first refusal is what is reported (a 7-day-window refusal, say, stays readable).
 */
export async function createLive(graph: GraphClient, account: AccountContext, spec: LiveSpec): Promise<LiveResult> {
  const startS = toUnixSeconds(spec.startsAt);
  const create = (eventParams: string) =>
    graph.call({
      operation: 'createLive',
      account,
      method: 'POST',
      path: `/${graphId(account.externalId)}/live_videos`,
      params: { status: 'SCHEDULED_UNPUBLISHED', title: spec.title, description: describeWithMarker(spec), event_params: eventParams },
    });
  let reply;
  try {
    reply = await create(JSON.stringify({ start_time: startS }));
  } catch (err) {
    if (!isPlatformError(err) || err.platformCode !== '100') throw err;
    reply = await create(String(startS)).catch(() => {
      throw err;
    });
  }
  const liveId = readString(reply.body.id);
  if (liveId === undefined) throw unexpectedAnswer('createLive', account, 'a live video id');
  return {
    liveId,
    ingestUrl: readString(reply.body.secure_stream_url) ?? readString(reply.body.stream_url) ?? null,
    status: 'SCHEDULED_UNPUBLISHED',
  };
}

/** The newest live of the page whose description holds `marker` (deleted lives are not listed). */
export async function findLive(graph: GraphClient, account: AccountContext, marker: string): Promise<LiveResult | null> {
  const reply = await graph.call({
    operation: 'findLive',
    account,
    method: 'GET',
    path: `/${graphId(account.externalId)}/live_videos`,
    params: { fields: liveFields, limit: '100' },
  });
  const data = Array.isArray(reply.body.data) ? (reply.body.data as unknown[]) : [];
  for (const item of data) {
    if (typeof item !== 'object' || item === null) continue;
    const live = item as Record<string, unknown>;
    const description = readString(live.description);
    const result = description?.includes(marker) ? toLiveResult(live) : null;
    if (result) return result;
  }
  return null;
}

/** New title, description and start (`planned_start_time`, unix seconds). */
export async function updateLive(graph: GraphClient, account: AccountContext, live: LiveRef, spec: LiveSpec): Promise<void> {
  await graph.call({
    operation: 'updateLive',
    account,
    method: 'POST',
    path: `/${graphId(live.liveId)}`,
    params: { title: spec.title, description: describeWithMarker(spec), planned_start_time: String(toUnixSeconds(spec.startsAt)) },
  });
}

/**
 * `status=LIVE_NOW`, then read the live back for its status, ingest URL and watch page. A live
 * that receives no stream data does not go LIVE ("as long as it is receiving stream data",
 * https://developers.facebook.com/docs/live-video-api/guides/scheduling): that is `unavailable`
 * (retried) with platformCode `noVideo`, as YouTube's errorStreamInactive.
 */
export async function goLive(graph: GraphClient, account: AccountContext, live: LiveRef): Promise<LiveResult> {
  await graph.call({ operation: 'goLive', account, method: 'POST', path: `/${graphId(live.liveId)}`, params: { status: 'LIVE_NOW' } });
  const reply = await graph.call({ operation: 'goLive', account, method: 'GET', path: `/${graphId(live.liveId)}`, params: { fields: liveFields } });
  const result = toLiveResult({ ...reply.body, id: reply.body.id ?? live.liveId }) ?? { liveId: live.liveId, ingestUrl: null };
  const status = readString(reply.body.status);
  if (status !== undefined && status !== 'LIVE') {
    throw new PlatformError({
      platform: 'facebook',
      operation: 'goLive',
      kind: 'unavailable',
      platformCode: 'noVideo',
      message: `Facebook does not start the live of '${account.name}' yet: no video is arriving from the encoder (status ${status})`,
    });
  }
  return result;
}

/** States of a Facebook live video that will never go live any more. */
const goneStatuses = new Set(['SCHEDULED_EXPIRED', 'SCHEDULED_CANCELED', 'VOD', 'LIVE_STOPPED', 'PROCESSING']);

/**
 * The on-air guard's reading, one Graph call: the live video's `status` and its `ingest_streams`
 * (Live Video Input Streams, each with `stream_health` while the encoder pushes):
 * https://developers.facebook.com/docs/graph-api/reference/live-video/ (fields `status`,
 * `ingest_streams`), https://developers.facebook.com/docs/graph-api/reference/live-video-input-stream
 * (`stream_health`, `is_master`). A live deleted on Facebook answers code 100 (not found), one not
 * started in time becomes `SCHEDULED_EXPIRED`: both are `gone`. No input stream with health data →
 * none; health without video (a zero video bitrate) → bad; else ok.
 */
export async function readIngest(graph: GraphClient, account: AccountContext, live: LiveRef): Promise<IngestReading> {
  let body: Record<string, unknown>;
  try {
    const reply = await graph.call({
      operation: 'readIngest',
      account,
      method: 'GET',
      path: `/${graphId(live.liveId)}`,
      params: { fields: 'id,status,ingest_streams{stream_id,is_master,stream_health}' },
    });
    body = reply.body;
  } catch (err) {
    if (isPlatformError(err) && err.kind === 'not_found') return { live: 'gone', signal: 'none', detail: 'live video deleted' };
    throw err;
  }
  const status = readString(body.status) ?? 'unknown';
  if (goneStatuses.has(status)) return { live: 'gone', signal: 'none', detail: `live video ${status}` };
  const streams = readIngestStreams(body.ingest_streams);
  const health = streams.find((s) => s.is_master === true && s.stream_health)?.stream_health ?? streams.find((s) => s.stream_health)?.stream_health;
  if (!health || typeof health !== 'object') return { live: 'present', signal: 'none', detail: `live video ${status}, no stream data` };
  const bitrate = Number((health as Record<string, unknown>).video_bitrate ?? 0);
  return { live: 'present', signal: bitrate > 0 ? 'ok' : 'bad', detail: `live video ${status}, video bitrate ${String(bitrate)}` };
}

function readIngestStreams(value: unknown): { is_master?: unknown; stream_health?: unknown }[] {
  const list = typeof value === 'object' && value !== null && Array.isArray((value as { data?: unknown }).data) ? (value as { data: unknown[] }).data : Array.isArray(value) ? value : [];
  return list.filter((s): s is Record<string, unknown> => typeof s === 'object' && s !== null);
}

/** `end_live_video=true`: the broadcast ends and becomes a VOD. */
export async function endLive(graph: GraphClient, account: AccountContext, live: LiveRef): Promise<void> {
  await graph.call({ operation: 'endLive', account, method: 'POST', path: `/${graphId(live.liveId)}`, params: { end_live_video: 'true' } });
}

/** Delete the live (or its VOD); a live that is already gone counts as deleted. */
export async function deleteLive(graph: GraphClient, account: AccountContext, live: LiveRef): Promise<void> {
  try {
    await graph.call({ operation: 'deleteLive', account, method: 'DELETE', path: `/${graphId(live.liveId)}` });
  } catch (err) {
    if (isPlatformError(err) && err.kind === 'not_found') return;
    throw err;
  }
}

function toLiveResult(live: Record<string, unknown>): LiveResult | null {
  const liveId = readString(live.id);
  if (liveId === undefined) return null;
  const status = readString(live.status);
  const url = toWatchUrl(readString(live.permalink_url));
  return {
    liveId,
    ingestUrl: readString(live.secure_stream_url) ?? readString(live.stream_url) ?? null,
    ...(status === undefined ? {} : { status }),
    ...(url === undefined ? {} : { url }),
  };
}

/** Graph gives video permalinks relative to facebook.com (`/{page}/videos/{id}/`). */
function toWatchUrl(permalink: string | undefined): string | undefined {
  if (permalink === undefined) return undefined;
  return permalink.startsWith('/') ? `https://www.facebook.com${permalink}` : permalink;
}

/** The marker must be in the description for `findLive`; callers usually put it there already. */
function describeWithMarker(spec: LiveSpec): string {
  return spec.description.includes(spec.marker) ? spec.description : `${spec.description}\n${spec.marker}`;
}

function toUnixSeconds(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`not an ISO instant: ${iso}`);
  return Math.floor(ms / 1000);
}

function readString(value: unknown): string | undefined {
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}
