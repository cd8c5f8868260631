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
 * Start the broadcast at its start time: read the stream (1 unit); no video yet → `unavailable`
 * (retryable) with platformCode `errorStreamInactive`, nothing bound. With video, bind the
 * broadcast to it (50): auto start (live-resources.ts `newBroadcastBody`) then takes it live
 * without a `transition(live)`, so a typical go-live is 51 units. The bind's answer is returned
 * (its status may still be `ready` or `liveStarting` while YouTube starts it).
 *
 * Safe to retry without reading the broadcast first: a broadcast already started refuses the bind
 * (403 liveBroadcastBindingNotAllowed), and only then is it read (already live → done; ended →
 * conflict). When the bind's answer does not show the broadcast starting — a broadcast made
 * before auto start was used (bound at creation, enableAutoStart false), or YouTube slower than
 * its answer — LiveCue sends `transition(live)` itself, as before.
 */
export async function goLive(op: YoutubeOp, live: LiveRef): Promise<LiveResult> {
  const streamId = live.streamId ?? (await streamOfUnknown(op, live.liveId));
  const stream = await readStream(op, streamId);
  if (stream.status?.streamStatus !== 'active') {
    // One more unit, only on this retry path: an ended broadcast stays a conflict, a live one is done.
    const broadcast = await readBroadcast(op, live.liveId);
    const done = startedOrRefused(op, broadcast);
    if (done) return toLiveResult(done, stream);
    throw refusal(
      op,
      'unavailable',
      'errorStreamInactive',
      `YouTube cannot start the broadcast on "${op.accountName}" yet: no video is arriving from the encoder yet.`,
    );
  }
  let bound: youtube_v3.Schema$LiveBroadcast;
  try {
    ({ data: bound } = await op.yt.liveBroadcasts.bind({ id: live.liveId, streamId, part: broadcastReadParts }));
  } catch (err: unknown) {
    if (youtubeReasonOf(err) !== 'liveBroadcastBindingNotAllowed') throw err;
    // Bound and started already (an earlier try), or ended: the broadcast says which.
    const done = startedOrRefused(op, await readBroadcast(op, live.liveId));
    if (done) return toLiveResult(done, stream);
    throw err;
  }
  if (startedStatuses.has(bound.status?.lifeCycleStatus ?? '')) return toLiveResult(bound, stream);
  // A broadcast made before auto start (LiveCue starts it), or one whose bind answer does not show
  // auto start taking it yet: the announced start is not left to chance, LiveCue sends the
  // transition itself (50 units more; a start YouTube began meanwhile is taken as done).
  try {
    const started = await transitionIgnoringRedundant(op, live.liveId, 'live');
    return toLiveResult(started ?? (await readBroadcast(op, live.liveId)), stream);
  } catch (err: unknown) {
    if (youtubeReasonOf(err) !== 'invalidTransition') throw err;
    const done = startedOrRefused(op, await readBroadcast(op, live.liveId));
    if (done) return toLiveResult(done, stream);
    throw err;
  }
}

/**
 * The broadcast when it is already started (→ done), a `conflict` when it has ended, or null when
 * it is yet to start.
 */
function startedOrRefused(op: YoutubeOp, broadcast: youtube_v3.Schema$LiveBroadcast): youtube_v3.Schema$LiveBroadcast | null {
  const status = broadcast.status?.lifeCycleStatus ?? 'unknown';
  if (finishedStatuses.has(status)) {
    throw refusal(op, 'conflict', status, `The YouTube broadcast on "${op.accountName}" has already ended (${status}); it cannot go live again.`);
  }
  return startedStatuses.has(status) ? broadcast : null;
}

/**
 * A live whose stream LiveCue does not know (found by `findLive` on a channel without LiveCue's
 * stream): the broadcast's bound stream, else a conflict, as before.
 */
async function streamOfUnknown(op: YoutubeOp, liveId: string): Promise<string> {
  const broadcast = await readBroadcast(op, liveId);
  startedOrRefused(op, broadcast);
  const streamId = broadcast.contentDetails?.boundStreamId;
  if (streamId) return streamId;
  throw refusal(op, 'conflict', 'noBoundStream', `The YouTube broadcast on "${op.accountName}" has no stream to go live with.`);
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

/**
 * End the broadcast: `transition(complete)` straight away (50 units; the broadcast is not read
 * first). YouTube refuses it for a broadcast that never started (invalidTransition) or already
 * ended (redundantTransition), or that is gone (404): only then is the broadcast read, and one
 * that never started or already ended is left as it is (a gone one is `not_found`); one that went
 * on air in between is ended.
 */
export async function endLive(op: YoutubeOp, live: LiveRef): Promise<void> {
  try {
    await op.yt.liveBroadcasts.transition({ id: live.liveId, broadcastStatus: 'complete', part: broadcastReadParts });
    return;
  } catch (err: unknown) {
    const reason = youtubeReasonOf(err);
    if (reason !== 'invalidTransition' && reason !== 'redundantTransition' && httpStatusOf(err) !== 404) throw err;
  }
  const broadcast = await readBroadcast(op, live.liveId);
  if (!endableStatuses.has(broadcast.status?.lifeCycleStatus ?? 'unknown')) return;
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
