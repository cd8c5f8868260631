import type { youtube_v3 } from 'googleapis/build/src/apis/youtube';
import type { IngestReading, LiveRef, LiveResult } from '../adapter';
import { PlatformError } from '../platform-error';
import type { PlatformErrorKind } from '../platform-error';
import { httpStatusOf, youtubeReasonOf } from './classify-youtube-error';
import {
  broadcastReadParts,
  findBroadcastById,
  findStreamById,
  readBroadcast,
  readStream,
  toLiveResult,
} from './live-resources';
import type { YoutubeOp } from './live-resources';

const startedStatuses = new Set(['liveStarting', 'live']);
const endableStatuses = new Set(['testStarting', 'testing', 'liveStarting', 'live']);
const finishedStatuses = new Set(['complete', 'revoked']);

/**
 * Start the broadcast. The state is read first (so a second call is harmless, and YouTube's
 * invalidTransition is avoided): already live → done; ended → conflict; the bound stream must be
 * receiving video, else `unavailable` (retryable) with platformCode `errorStreamInactive`.
 */
export async function goLive(op: YoutubeOp, live: LiveRef): Promise<LiveResult> {
  const broadcast = await readBroadcast(op, live.liveId);
  const status = broadcast.status?.lifeCycleStatus ?? 'unknown';
  if (finishedStatuses.has(status)) {
    throw refusal(op, 'conflict', status, `The YouTube broadcast on "${op.accountName}" has already ended (${status}); it cannot go live again.`);
  }
  let streamId = broadcast.contentDetails?.boundStreamId ?? null;
  if (startedStatuses.has(status)) {
    return toLiveResult(broadcast, streamId ? await findStreamById(op, streamId) : null);
  }
  if (!streamId && live.streamId) {
    // Created but unbound (someone unbound it on YouTube): bind the stream LiveCue made for it.
    await op.yt.liveBroadcasts.bind({ id: live.liveId, streamId: live.streamId, part: broadcastReadParts });
    streamId = live.streamId;
  }
  if (!streamId) {
    throw refusal(op, 'conflict', 'noBoundStream', `The YouTube broadcast on "${op.accountName}" has no stream to go live with.`);
  }
  const stream = await readStream(op, streamId);
  if (stream.status?.streamStatus !== 'active') {
    throw refusal(
      op,
      'unavailable',
      'errorStreamInactive',
      `YouTube cannot start the broadcast on "${op.accountName}" yet: no video is arriving from the encoder yet.`,
    );
  }
  const started = await transitionIgnoringRedundant(op, live.liveId, 'live');
  return toLiveResult(started ?? (await readBroadcast(op, live.liveId)), stream);
}

/**
 * The on-air guard's reading (2 quota units: liveBroadcasts.list + liveStreams.list). A broadcast
 * that is gone, `complete` or `revoked` before the start cannot be used any more (`gone`). The
 * bound stream's `status.streamStatus` (created, ready, active, inactive, error) and
 * `status.healthStatus.status` (good, ok, bad, noData, revoked) give the signal: active and
 * good/ok → ok; active with bad/noData, or error → bad; else none
 * (https://developers.google.com/youtube/v3/live/docs/liveStreams#status.streamStatus,
 * https://developers.google.com/youtube/v3/live/docs/liveStreams#status.healthStatus.status).
 */
export async function readIngest(op: YoutubeOp, live: LiveRef): Promise<IngestReading> {
  const broadcast = await findBroadcastById(op, live.liveId);
  const status = broadcast?.status?.lifeCycleStatus ?? 'deleted';
  if (!broadcast || finishedStatuses.has(status)) return { live: 'gone', signal: 'none', detail: `broadcast ${status}` };
  const streamId = broadcast.contentDetails?.boundStreamId ?? live.streamId ?? null;
  const stream = streamId ? await findStreamById(op, streamId) : null;
  if (!stream) return { live: 'present', signal: 'none', detail: `broadcast ${status}, no bound stream` };
  const streamStatus = stream.status?.streamStatus ?? 'unknown';
  const health = stream.status?.healthStatus?.status ?? 'noData';
  const detail = `stream ${streamStatus}, health ${health}`;
  if (streamStatus === 'active') return { live: 'present', signal: health === 'good' || health === 'ok' ? 'ok' : 'bad', detail };
  return { live: 'present', signal: streamStatus === 'error' ? 'bad' : 'none', detail };
}

/** End the broadcast if it is on air; one that never started or already ended is left as it is. */
export async function endLive(op: YoutubeOp, live: LiveRef): Promise<void> {
  const broadcast = await readBroadcast(op, live.liveId);
  const status = broadcast.status?.lifeCycleStatus ?? 'unknown';
  if (!endableStatuses.has(status)) return;
  await transitionIgnoringRedundant(op, live.liveId, 'complete');
}

/** Delete the broadcast and its stream; what is already gone counts as deleted. */
export async function deleteLive(op: YoutubeOp, live: LiveRef): Promise<void> {
  let streamId = live.streamId ?? null;
  if (!streamId) {
    const broadcast = await findBroadcastById(op, live.liveId);
    streamId = broadcast?.contentDetails?.boundStreamId ?? null;
  }
  await ignoreNotFound(op.yt.liveBroadcasts.delete({ id: live.liveId }));
  if (streamId) await ignoreNotFound(op.yt.liveStreams.delete({ id: streamId }));
}

/** `transition`, where YouTube's redundantTransition (already there) counts as success → null. */
async function transitionIgnoringRedundant(
  op: YoutubeOp,
  id: string,
  broadcastStatus: 'live' | 'complete',
): Promise<youtube_v3.Schema$LiveBroadcast | null> {
  try {
    const { data } = await op.yt.liveBroadcasts.transition({ id, broadcastStatus, part: broadcastReadParts });
    return data;
  } catch (err: unknown) {
    if (youtubeReasonOf(err) === 'redundantTransition') return null;
    throw err;
  }
}

async function ignoreNotFound(call: Promise<unknown>): Promise<void> {
  try {
    await call;
  } catch (err: unknown) {
    if (httpStatusOf(err) === 404) return;
    throw err;
  }
}

function refusal(op: YoutubeOp, kind: PlatformErrorKind, platformCode: string, message: string): PlatformError {
  return new PlatformError({ platform: 'youtube', operation: op.operation, kind, platformCode, message });
}
