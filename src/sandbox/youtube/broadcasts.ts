import type { YouTubeBroadcast } from '../state';
import { parseBroadcastContentDetails, parseBroadcastSnippet, parseBroadcastStatus } from './broadcast-fields';
import type { BroadcastContentDetails, BroadcastSnippet, BroadcastStatusFields } from './broadcast-fields';
import { findBroadcast, paginate } from './call';
import type { YoutubeCall } from './call';
import { randomYoutubeId } from './channel';
import { badRequest, broadcastNotFound, fieldRequired, forbidden } from './google-errors';
import type { HandlerResult } from './google-errors';
import { onAirStatuses } from './lifecycle';
import { parseListParams } from './list-params';
import type { ListFilter } from './list-params';
import { broadcastParts, parseParts } from './parts';
import { readString, formatInstant } from './read-input';
import { etagOf, toBroadcastResource } from './resources';

const statusGroups: Record<string, ReadonlySet<string> | null> = {
  all: null,
  active: onAirStatuses,
  upcoming: new Set(['created', 'ready']),
  completed: new Set(['complete', 'revoked']),
};

/** `GET /youtube/v3/liveBroadcasts`: by `id`, `mine` or `broadcastStatus`, newest first. */
export function listBroadcasts(call: YoutubeCall): HandlerResult {
  const parts = parseParts(call.query.part, broadcastParts);
  if (!parts.ok) return parts.error;
  const list = parseListParams(call.query, true);
  if (!list.ok) return list.error;
  const type = readString(call.query.broadcastType) ?? 'event';
  if (!['all', 'event', 'persistent'].includes(type)) return badRequest('invalidValue', `Invalid broadcastType: ${type}`);
  const matches = selectBroadcasts(call, list.params.filter);
  if (matches === null) return badRequest('invalidValue', 'Invalid broadcastStatus.');
  // Every broadcast of the fake is an event; only the default (persistent) broadcast is not.
  const typed = list.params.filter.by === 'id' || type !== 'persistent' ? matches : [];
  const page = paginate(typed, list.params.offset, list.params.maxResults);
  const items = page.items.map((b) => toBroadcastResource(b, parts.parts));
  return {
    status: 200,
    body: {
      kind: 'youtube#liveBroadcastListResponse',
      etag: etagOf(items),
      ...(page.nextPageToken === undefined ? {} : { nextPageToken: page.nextPageToken }),
      ...(page.prevPageToken === undefined ? {} : { prevPageToken: page.prevPageToken }),
      pageInfo: { totalResults: typed.length, resultsPerPage: list.params.maxResults },
      items,
    },
  };
}

function selectBroadcasts(call: YoutubeCall, filter: ListFilter): YouTubeBroadcast[] | null {
  const all = call.ctx.state.youtube.broadcasts;
  if (filter.by === 'id') return all.filter((b) => filter.ids.includes(b.id));
  const group = filter.by === 'mine' ? null : statusGroups[filter.status];
  if (group === undefined) return null;
  return all
    .filter((b) => b.channelId === call.channelId && (group === null || group.has(b.lifeCycleStatus)))
    .reverse();
}

/** `POST /youtube/v3/liveBroadcasts`: a new broadcast in `created`. */
export function insertBroadcast(call: YoutubeCall): HandlerResult {
  const parts = parseParts(call.query.part, broadcastParts);
  if (!parts.ok) return parts.error;
  const snippet = parseBroadcastSnippet(call.body);
  if (!snippet.ok) return snippet.error;
  const status = parseBroadcastStatus(call.body);
  if (!status.ok) return status.error;
  const details = parseBroadcastContentDetails(call.body);
  if (!details.ok) return details.error;
  const broadcast: YouTubeBroadcast = {
    id: randomYoutubeId(11),
    channelId: call.channelId,
    lifeCycleStatus: 'created',
    boundStreamId: null,
    createdAt: formatInstant(call.nowMs),
    title: '',
    description: '',
    scheduledStartTime: '',
    privacyStatus: 'private',
    selfDeclaredMadeForKids: false,
    enableAutoStart: false,
    enableAutoStop: false,
    enableMonitorStream: true,
  };
  applySnippet(broadcast, snippet.value);
  applyStatus(broadcast, status.value);
  applyContentDetails(broadcast, details.value);
  call.ctx.state.youtube.broadcasts.push(broadcast);
  return { status: 200, body: toBroadcastResource(broadcast, parts.parts) };
}

/** `PUT /youtube/v3/liveBroadcasts`: replaces every mutable field of the given parts. */
export function updateBroadcast(call: YoutubeCall): HandlerResult {
  const parts = parseParts(call.query.part, broadcastParts);
  if (!parts.ok) return parts.error;
  const id = readString(call.body.id);
  if (id === undefined || id === '') return fieldRequired('id', 'the id of the broadcast');
  const broadcast = findBroadcast(call, id);
  if (!broadcast) return broadcastNotFound(id);
  const snippet = parts.parts.has('snippet') ? parseBroadcastSnippet(call.body) : null;
  if (snippet && !snippet.ok) return snippet.error;
  const status = parts.parts.has('status') ? parseBroadcastStatus(call.body) : null;
  if (status && !status.ok) return status.error;
  const details = parts.parts.has('contentDetails') ? parseBroadcastContentDetails(call.body) : null;
  if (details && !details.ok) return details.error;
  const monitor = details?.value.enableMonitorStream;
  const locked = onAirStatuses.has(broadcast.lifeCycleStatus) || broadcast.lifeCycleStatus === 'complete';
  if (monitor !== undefined && monitor !== broadcast.enableMonitorStream && locked) {
    return forbidden('invalidMonitorStreamSetting', 'monitorStream.enableMonitorStream cannot change once the broadcast is testing or live.');
  }
  if (snippet) applySnippet(broadcast, snippet.value);
  if (status) applyStatus(broadcast, status.value);
  if (details) applyContentDetails(broadcast, details.value);
  return { status: 200, body: toBroadcastResource(broadcast, parts.parts) };
}

/** `DELETE /youtube/v3/liveBroadcasts?id=` → 204. */
export function deleteBroadcast(call: YoutubeCall): HandlerResult {
  const id = readString(call.query.id);
  if (id === undefined || id === '') return fieldRequired('id', 'the id of the broadcast');
  const list = call.ctx.state.youtube.broadcasts;
  const index = list.findIndex((b) => b.id === id);
  if (index < 0) return broadcastNotFound(id);
  list.splice(index, 1);
  return { status: 204 };
}

function applySnippet(b: YouTubeBroadcast, s: BroadcastSnippet): void {
  b.title = s.title;
  b.description = s.description;
  b.scheduledStartTime = s.scheduledStartTime;
  if (s.scheduledEndTime === undefined) delete b.scheduledEndTime;
  else b.scheduledEndTime = s.scheduledEndTime;
}

function applyStatus(b: YouTubeBroadcast, s: BroadcastStatusFields): void {
  b.privacyStatus = s.privacyStatus;
  b.selfDeclaredMadeForKids = s.selfDeclaredMadeForKids;
}

function applyContentDetails(b: YouTubeBroadcast, d: BroadcastContentDetails): void {
  b.enableAutoStart = d.enableAutoStart;
  b.enableAutoStop = d.enableAutoStop;
  if (d.enableMonitorStream !== undefined) b.enableMonitorStream = d.enableMonitorStream;
}
