import type { SandboxContext } from '../context';
import type { YouTubeBroadcast, YouTubeStream } from '../state';
import type { Fields } from './read-input';

/** One authenticated call to the fake YouTube API, as the handlers see it (no Express). */
export interface YoutubeCall {
  query: Fields;
  body: Fields;
  /** The caller's channel (from its access token). */
  channelId: string;
  nowMs: number;
  ctx: SandboxContext;
}

/*
 * Lookups by id ignore the owning channel on purpose: the sandbox adopts an account's access token
 * and refresh token separately, so after a refresh the same user can appear under a second channel.
 * `mine` lists stay per channel.
 */
export function findBroadcast(call: YoutubeCall, id: string): YouTubeBroadcast | undefined {
  return call.ctx.state.youtube.broadcasts.find((b) => b.id === id);
}

export function findStream(call: YoutubeCall, id: string): YouTubeStream | undefined {
  return call.ctx.state.youtube.streams.find((s) => s.id === id);
}

export interface Page<T> {
  items: T[];
  nextPageToken?: string;
  prevPageToken?: string;
}

/** Opaque page tokens in the spirit of YouTube's (`CAUQAA`-like); they encode an offset. */
export function encodePageToken(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

export function decodePageToken(token: string): number | null {
  const match = /^o:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  return match?.[1] === undefined ? null : Number(match[1]);
}

export function paginate<T>(all: readonly T[], offset: number, maxResults: number): Page<T> {
  const items = all.slice(offset, offset + maxResults);
  const page: Page<T> = { items };
  if (offset + maxResults < all.length) page.nextPageToken = encodePageToken(offset + maxResults);
  if (offset > 0) page.prevPageToken = encodePageToken(Math.max(0, offset - maxResults));
  return page;
}
