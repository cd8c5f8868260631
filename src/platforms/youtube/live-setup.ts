import type { youtube_v3 } from 'googleapis/build/src/apis/youtube';
import type { LiveRef, LiveResult, LiveSpec } from '../adapter';
import { PlatformError } from '../platform-error';
import {
  broadcastReadParts,
  broadcastSnippet,
  channelStreamTitle,
  newBroadcastBody,
  newStreamBody,
  findStreamById,
  streamReadParts,
  toLiveResult,
} from './live-resources';
import type { YoutubeOp } from './live-resources';
import { streamInsertUnits, youtubeUnitsPerOperation } from './quota-cost';

/** Pages of `liveBroadcasts.list(mine)` `findLive` reads at most (1 quota unit each). */
export const findLiveMaxPages = 10;

/**
 * The channel's reusable stream (found by `list mine`, 1 unit; made once per channel, 50) and a
 * broadcast (50) with auto start, left unbound: 51 quota units. The result still carries the
 * channel's stream (its id and ingest URL), so the host has the ingest URL days before; `goLive`
 * binds the two at the start time (live-resources.ts `newBroadcastBody` says why binding early
 * with auto start would put the broadcast on air too soon).
 */
export async function createLive(op: YoutubeOp, spec: LiveSpec): Promise<LiveResult> {
  const { stream, made } = await channelStream(op);
  required(op, stream.id, 'stream id');
  const { data: broadcast } = await op.yt.liveBroadcasts.insert({
    part: broadcastReadParts,
    requestBody: newBroadcastBody(spec),
  });
  required(op, broadcast.id, 'broadcast id');
  return { ...toLiveResult(broadcast, stream), unitsSpent: youtubeUnitsPerOperation.createLive + (made ? streamInsertUnits : 0) };
}

/** The channel's LiveCue stream, made when there is none yet (one page of `mine`: LiveCue keeps one). */
async function channelStream(op: YoutubeOp): Promise<{ stream: youtube_v3.Schema$LiveStream; made: boolean }> {
  const found = await findChannelStream(op);
  if (found) return { stream: found, made: false };
  const { data: made } = await op.yt.liveStreams.insert({ part: streamReadParts, requestBody: newStreamBody() });
  return { stream: made, made: true };
}

/** The channel's LiveCue stream, or null (one page of `mine`, 1 unit: LiveCue keeps one). */
export async function findChannelStream(op: YoutubeOp): Promise<youtube_v3.Schema$LiveStream | null> {
  const { data } = await op.yt.liveStreams.list({ mine: true, part: streamReadParts, maxResults: 50 });
  return data.items?.find((s) => s.snippet?.title === channelStreamTitle && s.contentDetails?.isReusable !== false) ?? null;
}

/** The channel's broadcast whose description carries `marker`, newest first. */
export async function findLive(op: YoutubeOp, marker: string): Promise<LiveResult | null> {
  let pageToken: string | undefined;
  for (let page = 0; page < findLiveMaxPages; page += 1) {
    const { data } = await op.yt.liveBroadcasts.list({
      mine: true,
      broadcastType: 'all',
      maxResults: 50,
      part: broadcastReadParts,
      ...(pageToken === undefined ? {} : { pageToken }),
    });
    const match = data.items?.find((b) => b.snippet?.description?.includes(marker) === true);
    if (match) return toLiveResult(match, await boundStreamOf(op, match));
    if (!data.nextPageToken) return null;
    pageToken = data.nextPageToken;
  }
  return null;
}

/** New title, description and times; `update` replaces the whole snippet, so all of it is sent. */
export async function updateLive(op: YoutubeOp, live: LiveRef, spec: LiveSpec): Promise<void> {
  await op.yt.liveBroadcasts.update({
    part: ['id', 'snippet'],
    requestBody: { id: live.liveId, snippet: broadcastSnippet(spec) },
  });
}

/**
 * The stream a found broadcast goes live with: the bound one, or, for a broadcast not bound yet
 * (createLive leaves it so until goLive), the channel's stream, as createLive returned it. 1 unit.
 */
async function boundStreamOf(op: YoutubeOp, broadcast: youtube_v3.Schema$LiveBroadcast): Promise<youtube_v3.Schema$LiveStream | null> {
  const streamId = broadcast.contentDetails?.boundStreamId;
  return streamId ? findStreamById(op, streamId) : findChannelStream(op);
}

function required(op: YoutubeOp, value: string | null | undefined, what: string): string {
  if (value) return value;
  throw new PlatformError({
    platform: 'youtube',
    operation: op.operation,
    kind: 'unknown',
    message: `YouTube answered without a ${what} while creating a live on "${op.accountName}".`,
  });
}
