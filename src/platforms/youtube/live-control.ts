import type { youtube_v3 } from 'googleapis/build/src/apis/youtube';
import type { LiveRef, LiveResult } from '../adapter';
import { PlatformError } from '../platform-error';
import type { PlatformErrorKind } from '../platform-error';
import { httpStatusOf, youtubeReasonOf } from './classify-youtube-error';
import {
  broadcastReadParts,
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

/** End the broadcast if it is on air; one that never started or already ended is left as it is. */
export async function endLive(op: YoutubeOp, live: LiveRef): Promise<void> {
  const broadcast = await readBroadcast(op, live.liveId);
  const status = broadcast.status?.lifeCycleStatus ?? 'unknown';
  if (!endableStatuses.has(status)) return;
  await transitionIgnoringRedundant(op, live.liveId, 'complete');
}

/**
 * Delete the broadcast (50 units); what is already gone counts as deleted. The stream is the
 * channel's reusable one (live-setup.ts) and stays for its other lives; the single-use streams of
 * lives made before are left to YouTube, which may delete unused non-reusable streams itself
 * (https://developers.google.com/youtube/v3/live/docs/liveStreams#contentDetails.isReusable).
 */
export async function deleteLive(op: YoutubeOp, live: LiveRef): Promise<void> {
  await ignoreNotFound(op.yt.liveBroadcasts.delete({ id: live.liveId }));
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
