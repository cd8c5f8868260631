import type { YouTubeStream } from '../state';
import { findStream, paginate } from './call';
import type { YoutubeCall } from './call';
import { randomStreamName, randomYoutubeId } from './channel';
import { badRequest, fieldRequired, streamNotFound } from './google-errors';
import type { HandlerResult } from './google-errors';
import { parseListParams } from './list-params';
import { parseParts, streamParts } from './parts';
import type { Fields } from './read-input';
import { asFields, countCodePoints, formatInstant, readBoolean, readString } from './read-input';
import { etagOf, toStreamResource } from './resources';

const cdnEnums = {
  ingestionType: ['rtmp', 'dash', 'webrtc', 'hls'],
  resolution: ['240p', '360p', '480p', '720p', '1080p', '1440p', '2160p', 'variable'],
  frameRate: ['30fps', '60fps', 'variable'],
} as const;

interface StreamFields {
  title: string;
  description: string;
  ingestionType: string;
  resolution: string;
  frameRate: string;
  isReusable: boolean | undefined;
}

/** `GET /youtube/v3/liveStreams`: by `id` or `mine` (mine omits non-reusable streams, like YouTube). */
export function listStreams(call: YoutubeCall): HandlerResult {
  const parts = parseParts(call.query.part, streamParts);
  if (!parts.ok) return parts.error;
  const list = parseListParams(call.query, false);
  if (!list.ok) return list.error;
  const { filter } = list.params;
  const all = call.ctx.state.youtube.streams;
  const matches =
    filter.by === 'id'
      ? all.filter((s) => filter.ids.includes(s.id))
      : all.filter((s) => s.channelId === call.channelId && s.isReusable).reverse();
  const page = paginate(matches, list.params.offset, list.params.maxResults);
  const items = page.items.map((s) => toStreamResource(s, parts.parts, call.nowMs));
  return {
    status: 200,
    body: {
      kind: 'youtube#liveStreamListResponse',
      etag: etagOf(items),
      ...(page.nextPageToken === undefined ? {} : { nextPageToken: page.nextPageToken }),
      ...(page.prevPageToken === undefined ? {} : { prevPageToken: page.prevPageToken }),
      pageInfo: { totalResults: matches.length, resultsPerPage: list.params.maxResults },
      items,
    },
  };
}

/** `POST /youtube/v3/liveStreams`: a new stream in `ready`, with a fresh stream key. */
export function insertStream(call: YoutubeCall): HandlerResult {
  const parts = parseParts(call.query.part, streamParts);
  if (!parts.ok) return parts.error;
  const fields = parseStreamFields(call.body);
  if (!fields.ok) return fields.error;
  const { isReusable, ...rest } = fields.value;
  const stream: YouTubeStream = {
    id: `${randomYoutubeId(22)}${call.nowMs}`,
    channelId: call.channelId,
    streamName: randomStreamName(),
    ingestionAddress: 'rtmp://a.rtmp.youtube.com/live2',
    streamStatus: 'ready',
    healthStatus: 'noData',
    isReusable: isReusable ?? true,
    createdAt: formatInstant(call.nowMs),
    encoder: 'auto',
    ...rest,
  };
  call.ctx.state.youtube.streams.push(stream);
  return { status: 200, body: toStreamResource(stream, parts.parts, call.nowMs) };
}

/** `PUT /youtube/v3/liveStreams`: replaces snippet and cdn settings (the key stays). */
export function updateStream(call: YoutubeCall): HandlerResult {
  const parts = parseParts(call.query.part, streamParts);
  if (!parts.ok) return parts.error;
  const id = readString(call.body.id);
  if (id === undefined || id === '') return fieldRequired('id', 'the id of the stream');
  const stream = findStream(call, id);
  if (!stream) return streamNotFound(id);
  const fields = parseStreamFields(call.body);
  if (!fields.ok) return fields.error;
  const { isReusable, ...rest } = fields.value;
  Object.assign(stream, rest);
  if (isReusable !== undefined) stream.isReusable = isReusable;
  return { status: 200, body: toStreamResource(stream, parts.parts, call.nowMs) };
}

/** `DELETE /youtube/v3/liveStreams?id=` → 204; broadcasts not yet complete lose their binding. */
export function deleteStream(call: YoutubeCall): HandlerResult {
  const id = readString(call.query.id);
  if (id === undefined || id === '') return fieldRequired('id', 'the id of the stream');
  const { streams, broadcasts } = call.ctx.state.youtube;
  const index = streams.findIndex((s) => s.id === id);
  if (index < 0) return streamNotFound(id);
  streams.splice(index, 1);
  for (const b of broadcasts) {
    if (b.boundStreamId === id && b.lifeCycleStatus !== 'complete') b.boundStreamId = null;
  }
  return { status: 204 };
}

type StreamFieldsResult = { ok: true; value: StreamFields } | { ok: false; error: HandlerResult };

function parseStreamFields(body: Fields): StreamFieldsResult {
  const snippet = asFields(body.snippet);
  const cdn = asFields(body.cdn);
  const title = readString(snippet.title);
  if (title === undefined || title.trim() === '') return { ok: false, error: fieldRequired('title', 'snippet.title') };
  if (countCodePoints(title) > 128) return { ok: false, error: badRequest('invalidTitle', 'snippet.title is longer than 128 characters.') };
  const description = readString(snippet.description) ?? '';
  if (description.length > 10_000) {
    return { ok: false, error: badRequest('invalidDescription', 'snippet.description is longer than 10000 characters.') };
  }
  const value: StreamFields = {
    title,
    description,
    ingestionType: '',
    resolution: '',
    frameRate: '',
    isReusable: readBoolean(asFields(body.contentDetails).isReusable),
  };
  for (const key of ['ingestionType', 'resolution', 'frameRate'] as const) {
    const given = readString(cdn[key]);
    if (given === undefined) return { ok: false, error: fieldRequired(key, `cdn.${key}`) };
    if (!(cdnEnums[key] as readonly string[]).includes(given)) {
      return { ok: false, error: badRequest(`invalid${key[0]?.toUpperCase() ?? ''}${key.slice(1)}`, `Invalid cdn.${key}: ${given}`) };
    }
    value[key] = given;
  }
  return { ok: true, value };
}
