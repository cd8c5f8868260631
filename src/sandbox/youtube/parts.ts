import { googleError } from './google-errors';
import type { HandlerResult } from './google-errors';
import { readList } from './read-input';

export const broadcastParts = ['id', 'snippet', 'contentDetails', 'status', 'statistics', 'monetizationDetails'] as const;
export const streamParts = ['id', 'snippet', 'cdn', 'contentDetails', 'status'] as const;

export type PartsResult = { ok: true; parts: ReadonlySet<string> } | { ok: false; error: HandlerResult };

/** The `part` parameter: required, comma list or repeated keys, only the resource's known parts. */
export function parseParts(value: unknown, allowed: readonly string[]): PartsResult {
  const parts = readList(value);
  if (parts.length === 0) {
    return {
      ok: false,
      error: googleError(400, 'required', 'Required parameter: part', {
        domain: 'global',
        location: 'part',
        locationType: 'parameter',
      }),
    };
  }
  const unknown = parts.find((p) => !allowed.includes(p));
  if (unknown !== undefined) {
    return {
      ok: false,
      error: googleError(400, 'unknownPart', `'${unknown}'`, {
        domain: 'youtube.parameter',
        location: 'part',
        locationType: 'parameter',
      }),
    };
  }
  return { ok: true, parts: new Set(parts) };
}
