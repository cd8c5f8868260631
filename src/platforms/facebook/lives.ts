import type { AccountContext, LiveRef, LiveResult, LiveSpec } from '../adapter';
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
