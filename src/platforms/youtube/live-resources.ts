import type { youtube_v3 } from 'googleapis/build/src/apis/youtube';
import type { LiveResult, LiveSpec } from '../adapter';
import { PlatformError } from '../platform-error';

/** What every operation needs: the client and names for messages. */
export interface YoutubeOp {
  yt: youtube_v3.Youtube;
  operation: string;
  accountName: string;
}

export const broadcastReadParts = ['id', 'snippet', 'status', 'contentDetails'];
export const streamReadParts = ['id', 'snippet', 'cdn', 'status', 'contentDetails'];

/** YouTube titles: 1–100 characters, no `<` or `>` (invalidTitle otherwise). */
export function broadcastTitle(title: string, maxChars = 100): string {
  const clean = title.replace(/[<>]/g, '').trim();
  const chars = Array.from(clean);
  if (chars.length <= maxChars) return clean === '' ? 'Livestream' : clean;
  return `${chars.slice(0, maxChars - 1).join('').trimEnd()}…`;
}

/**
 * The description with the marker LiveCue looks for in `findLive`, within YouTube's 5,000 bytes
 * (UTF-8: a Vietnamese letter takes 2–3 of them) and without `<`/`>` (invalidDescription
 * otherwise); the marker is never cut. "The value's maximum length is 5000 bytes":
 * https://developers.google.com/youtube/v3/live/docs/liveBroadcasts#snippet.description
 */
export function broadcastDescription(spec: LiveSpec, maxBytes = 5000): string {
  const body = spec.description.replace(/[<>]/g, '');
  if (body.includes(spec.marker) && utf8Bytes(body) <= maxBytes) return body;
  const text = body.split(spec.marker).join('').trimEnd();
  const room = maxBytes - utf8Bytes(spec.marker) - 2;
  const cut = utf8Bytes(text) <= room ? text : `${cutToBytes(text, room - utf8Bytes('…')).trimEnd()}…`;
  return cut === '' ? spec.marker : `${cut}\n\n${spec.marker}`;
}

function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** The longest prefix of whole code points that fits in `maxBytes` of UTF-8. */
function cutToBytes(text: string, maxBytes: number): string {
  let bytes = 0;
  let out = '';
  for (const char of text) {
    bytes += utf8Bytes(char);
    if (bytes > maxBytes) break;
    out += char;
  }
  return out;
}

export function broadcastSnippet(spec: LiveSpec): youtube_v3.Schema$LiveBroadcastSnippet {
  return {
    title: broadcastTitle(spec.title),
    description: broadcastDescription(spec),
    scheduledStartTime: spec.startsAt,
    scheduledEndTime: spec.endsAt,
  };
}

/**
 * The new broadcast: public, not for kids, no monitor stream, with `enableAutoStart` and, as the
 * safety net, `enableAutoStop` (when LiveCue cannot send the end — quota spent, YouTube down —
 * YouTube ends the broadcast once the encoder stops instead of leaving it on air).
 *
 * Auto start is safe only because `createLive` does not bind the broadcast: bound early with auto
 * start, it would go on air the moment the host's encoder feeds the channel's stream, and the
 * on-air guard asks hosts to feed minutes before the announced time. `goLive` binds it at the start
 * time once video arrives, and YouTube then starts it itself, so no `transition(live)` (50 units)
 * is spent. "With enableAutoStart=true YouTube moves the broadcast to live by itself when the bound
 * stream becomes active" (../shared/platform-apis.md §3.4, from 3P code; the reference only says
 * "This setting indicates whether auto start is enabled for this broadcast"):
 * https://developers.google.com/youtube/v3/live/docs/liveBroadcasts#contentDetails.enableAutoStart,
 * https://developers.google.com/youtube/v3/live/docs/liveBroadcasts#contentDetails.enableAutoStop,
 * https://developers.google.com/youtube/v3/live/docs/liveBroadcasts/bind.
 */
export function newBroadcastBody(spec: LiveSpec): youtube_v3.Schema$LiveBroadcast {
  return {
    snippet: broadcastSnippet(spec),
    status: { privacyStatus: 'public', selfDeclaredMadeForKids: false },
    contentDetails: { enableAutoStart: true, enableAutoStop: true, monitorStream: { enableMonitorStream: false } },
  };
}

/** The title of the one reusable stream LiveCue keeps per channel (how `createLive` finds it again). */
export const channelStreamTitle = 'LiveCue encoder';

/**
 * The channel's reusable RTMP stream: made once, bound to every broadcast LiveCue starts there,
 * so a live costs no stream insert (50 units) and the host's encoder keeps one stream key.
 * "A reusable stream can be bound to multiple broadcasts" and only reusable streams are listed by
 * `mine` (https://developers.google.com/youtube/v3/live/docs/liveStreams#contentDetails.isReusable).
 */
export function newStreamBody(): youtube_v3.Schema$LiveStream {
  return {
    snippet: { title: channelStreamTitle },
    cdn: { ingestionType: 'rtmp', resolution: 'variable', frameRate: 'variable' },
    contentDetails: { isReusable: true },
  };
}

export function watchUrl(broadcastId: string): string {
  return `https://www.youtube.com/watch?v=${encodeURIComponent(broadcastId)}`;
}

/** `ingestionAddress/streamName`, the URL an encoder pushes to (a secret). */
export function ingestUrlOf(stream: youtube_v3.Schema$LiveStream | null): string | null {
  const info = stream?.cdn?.ingestionInfo;
  if (!info?.ingestionAddress || !info.streamName) return null;
  return `${info.ingestionAddress}/${info.streamName}`;
}

export function toLiveResult(
  broadcast: youtube_v3.Schema$LiveBroadcast,
  stream: youtube_v3.Schema$LiveStream | null,
): LiveResult {
  const liveId = broadcast.id ?? '';
  const result: LiveResult = {
    liveId,
    streamId: stream?.id ?? broadcast.contentDetails?.boundStreamId ?? null,
    ingestUrl: ingestUrlOf(stream),
    url: watchUrl(liveId),
  };
  const status = broadcast.status?.lifeCycleStatus;
  if (status) result.status = status;
  return result;
}

/** The broadcast by id, or `not_found`. */
export async function readBroadcast(op: YoutubeOp, id: string): Promise<youtube_v3.Schema$LiveBroadcast> {
  const broadcast = await findBroadcastById(op, id);
  if (!broadcast) throw notFound(op, 'broadcast', id);
  return broadcast;
}

export async function findBroadcastById(op: YoutubeOp, id: string): Promise<youtube_v3.Schema$LiveBroadcast | null> {
  const { data } = await op.yt.liveBroadcasts.list({ id: [id], part: broadcastReadParts, maxResults: 1 });
  return data.items?.[0] ?? null;
}

/** The stream by id, or `not_found`. */
export async function readStream(op: YoutubeOp, id: string): Promise<youtube_v3.Schema$LiveStream> {
  const stream = await findStreamById(op, id);
  if (!stream) throw notFound(op, 'stream', id);
  return stream;
}

export async function findStreamById(op: YoutubeOp, id: string): Promise<youtube_v3.Schema$LiveStream | null> {
  const { data } = await op.yt.liveStreams.list({ id: [id], part: streamReadParts, maxResults: 1 });
  return data.items?.[0] ?? null;
}

export function notFound(op: YoutubeOp, what: 'broadcast' | 'stream', id: string): PlatformError {
  return new PlatformError({
    platform: 'youtube',
    operation: op.operation,
    kind: 'not_found',
    platformCode: what === 'broadcast' ? 'liveBroadcastNotFound' : 'liveStreamNotFound',
    message: `The YouTube ${what} ${id} no longer exists on "${op.accountName}" (deleted on YouTube?).`,
  });
}
