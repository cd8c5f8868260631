import { SANDBOX_PERSON } from '../consent/person';
import type { YoutubeCall } from './call';
import { channelIdOf } from './channel';
import { badRequest } from './google-errors';
import type { HandlerResult } from './google-errors';
import { readBoolean } from './read-input';

/**
 * `GET /youtube/v3/channels?mine=true`: the caller's one channel (the sandbox person's has its own
 * title). https://developers.google.com/youtube/v3/docs/channels/list
 */
export function listChannels(call: YoutubeCall): HandlerResult {
  if (readBoolean(call.query.mine) !== true) return badRequest('missingRequiredParameter', 'The sandbox serves channels.list with mine=true only.');
  const isPerson = call.channelId === channelIdOf(SANDBOX_PERSON.youtube.subject);
  const title = isPerson ? SANDBOX_PERSON.youtube.title : `Sandbox channel ${call.channelId}`;
  const thumbnail = { url: `${call.ctx.baseUrl()}/__sandbox/pictures/${call.channelId}.png`, width: 88, height: 88 };
  return {
    status: 200,
    body: {
      kind: 'youtube#channelListResponse',
      etag: `etag-${call.channelId}`,
      pageInfo: { totalResults: 1, resultsPerPage: 1 },
      items: [{ kind: 'youtube#channel', etag: `etag-${call.channelId}-c`, id: call.channelId, snippet: { title, description: '', thumbnails: { default: thumbnail } } }],
    },
  };
}
