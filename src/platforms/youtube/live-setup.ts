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
 * The channel's reusable stream (found by `list mine`, 1 unit; made once per channel, 50), a
 * broadcast (50) bound to it (50): 101 quota units. When the bind fails the broadcast is deleted
 * (best effort) so a retry starts clean instead of leaving a public broadcast without video; the
 * channel's stream stays for the next live.
 */
export async function createLive(op: YoutubeOp, spec: LiveSpec): Promise<LiveResult> {
  const { stream, made } = await channelStream(op);
  const streamId = required(op, stream.id, 'stream id');
  let broadcastId: string | null = null;
  try {
    const { data: broadcast } = await op.yt.liveBroadcasts.insert({
      part: broadcastReadParts,
      requestBody: newBroadcastBody(spec),
    });
    broadcastId = required(op, broadcast.id, 'broadcast id');
    const { data: bound } = await op.yt.liveBroadcasts.bind({ id: broadcastId, streamId, part: broadcastReadParts });
    return { ...toLiveResult(bound, stream), unitsSpent: youtubeUnitsPerOperation.createLive + (made ? streamInsertUnits : 0) };
  } catch (err: unknown) {
    await removeQuietly(broadcastId === null ? null : op.yt.liveBroadcasts.delete({ id: broadcastId }));
    throw err;
  }
}

/** The channel's LiveCue stream, made when there is none yet (one page of `mine`: LiveCue keeps one). */
async function channelStream(op: YoutubeOp): Promise<{ stream: youtube_v3.Schema$LiveStream; made: boolean }> {
  const { data } = await op.yt.liveStreams.list({ mine: true, part: streamReadParts, maxResults: 50 });
  const found = data.items?.find((s) => s.snippet?.title === channelStreamTitle && s.contentDetails?.isReusable !== false);
  if (found) return { stream: found, made: false };
  const { data: made } = await op.yt.liveStreams.insert({ part: streamReadParts, requestBody: newStreamBody() });
  return { stream: made, made: true };
}

/** Cleanup after a failed create: its own failure must not hide the original error. */
async function removeQuietly(call: Promise<unknown> | null): Promise<void> {
  try {
    await call;
  } catch {
    // Best effort (quota may be spent); findLive reconciles what is left.
  }
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

async function boundStreamOf(op: YoutubeOp, broadcast: youtube_v3.Schema$LiveBroadcast): Promise<youtube_v3.Schema$LiveStream | null> {
  const streamId = broadcast.contentDetails?.boundStreamId;
  return streamId ? findStreamById(op, streamId) : null;
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
