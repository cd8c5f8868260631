import type { YouTubeBroadcast } from '../state';
import { findBroadcast, findStream } from './call';
import type { YoutubeCall } from './call';
import { badRequest, broadcastNotFound, fieldRequired, forbidden, streamNotFound } from './google-errors';
import type { HandlerResult } from './google-errors';
import { applyAutoStartStop, beginStarting, completeBroadcast, onAirStatuses } from './lifecycle';
import { broadcastParts, parseParts } from './parts';
import { readString } from './read-input';
import { toBroadcastResource } from './resources';

/**
 * `POST /liveBroadcasts/bind?id&part[&streamId]`: bind (→ ready; → liveStarting when auto start is
 * on and the stream is active) or, without streamId, unbind (→ created).
 */
export function bindBroadcast(call: YoutubeCall): HandlerResult {
  const parts = parseParts(call.query.part, broadcastParts);
  if (!parts.ok) return parts.error;
  const id = readString(call.query.id);
  if (id === undefined || id === '') return fieldRequired('id', 'the id of the broadcast');
  const broadcast = findBroadcast(call, id);
  if (!broadcast) return broadcastNotFound(id);
  if (broadcast.lifeCycleStatus !== 'created' && broadcast.lifeCycleStatus !== 'ready') {
    return bindingNotAllowed(`The broadcast is ${broadcast.lifeCycleStatus}; its stream can no longer change.`);
  }
  const streamId = readString(call.query.streamId);
  if (streamId === undefined || streamId === '') {
    broadcast.boundStreamId = null;
    broadcast.lifeCycleStatus = 'created';
    return { status: 200, body: toBroadcastResource(broadcast, parts.parts) };
  }
  const stream = findStream(call, streamId);
  if (!stream) return streamNotFound(streamId);
  const boundElsewhere = call.ctx.state.youtube.broadcasts.some(
    (b) => b.id !== broadcast.id && b.boundStreamId === stream.id && b.lifeCycleStatus !== 'complete',
  );
  if (!stream.isReusable && boundElsewhere) {
    return bindingNotAllowed('A non-reusable stream can only be bound to one broadcast.');
  }
  broadcast.boundStreamId = stream.id;
  broadcast.lifeCycleStatus = 'ready';
  // An active stream bound to an auto-start broadcast starts it now (platform-apis.md §3.4), or
  // only after this answer, or never: `PUT /__sandbox/settings` `youtube.autoStart`.
  if (call.ctx.settings.youtube.autoStart === 'at-bind') applyAutoStartStop(broadcast, stream, call.nowMs, call.ctx.options.youtubeSettleMs);
  return { status: 200, body: toBroadcastResource(broadcast, parts.parts) };
}

/** `POST /liveBroadcasts/transition?id&broadcastStatus&part`: testing | live | complete. */
export function transitionBroadcast(call: YoutubeCall): HandlerResult {
  const parts = parseParts(call.query.part, broadcastParts);
  if (!parts.ok) return parts.error;
  const target = readString(call.query.broadcastStatus);
  if (target === undefined || target === '') return fieldRequired('broadcastStatus', 'broadcastStatus');
  if (target !== 'testing' && target !== 'live' && target !== 'complete') {
    return badRequest('invalidValue', `Invalid value for broadcastStatus: ${target}`);
  }
  const id = readString(call.query.id);
  if (id === undefined || id === '') return fieldRequired('id', 'the id of the broadcast');
  const broadcast = findBroadcast(call, id);
  if (!broadcast) return broadcastNotFound(id);
  const refusal = target === 'complete' ? refuseComplete(broadcast) : refuseStart(call, broadcast, target);
  if (refusal) return refusal;
  if (target === 'complete') completeBroadcast(broadcast, call.nowMs);
  else beginStarting(broadcast, target, call.nowMs, call.ctx.options.youtubeSettleMs);
  return { status: 200, body: toBroadcastResource(broadcast, parts.parts) };
}

function refuseStart(call: YoutubeCall, b: YouTubeBroadcast, target: 'testing' | 'live'): HandlerResult | null {
  const status = b.lifeCycleStatus;
  const redundant = target === 'live' ? ['liveStarting', 'live'] : ['testStarting', 'testing'];
  if (redundant.includes(status)) return redundantTransition(status);
  if (target === 'testing' && !b.enableMonitorStream) {
    return invalidTransition('Testing needs monitorStream.enableMonitorStream set to true.');
  }
  const from = target === 'live' ? ['ready', 'testing'] : ['ready'];
  if (!from.includes(status)) return invalidTransition(`The broadcast cannot go ${target} from ${status}.`);
  // With a monitor stream the broadcast must be tested first (ready → testing → live).
  if (target === 'live' && status === 'ready' && b.enableMonitorStream) {
    return invalidTransition('A broadcast with a monitor stream must go to testing before live.');
  }
  const stream = b.boundStreamId === null ? undefined : findStream(call, b.boundStreamId);
  if (stream?.streamStatus !== 'active') {
    return forbidden('errorStreamInactive', 'Stream is inactive');
  }
  return null;
}

function refuseComplete(b: YouTubeBroadcast): HandlerResult | null {
  if (b.lifeCycleStatus === 'complete') return redundantTransition('complete');
  if (!onAirStatuses.has(b.lifeCycleStatus)) {
    return invalidTransition(`The broadcast cannot complete from ${b.lifeCycleStatus}.`);
  }
  return null;
}

function bindingNotAllowed(message: string): HandlerResult {
  return forbidden('liveBroadcastBindingNotAllowed', message);
}

function invalidTransition(message: string): HandlerResult {
  return forbidden('invalidTransition', message);
}

function redundantTransition(status: string): HandlerResult {
  return forbidden('redundantTransition', `The broadcast is already ${status}.`);
}
