import { badRequest } from './google-errors';
import type { HandlerResult } from './google-errors';
import { decodePageToken } from './call';
import type { Fields } from './read-input';
import { readBoolean, readList, readString } from './read-input';

export type ListFilter = { by: 'id'; ids: string[] } | { by: 'mine' } | { by: 'broadcastStatus'; status: string };

export interface ListParams {
  filter: ListFilter;
  maxResults: number;
  offset: number;
}

export type ListParamsResult = { ok: true; params: ListParams } | { ok: false; error: HandlerResult };

/**
 * `list` filters: exactly one of `id` (comma list), `mine`, `broadcastStatus` (when allowed);
 * `maxResults` 0–50, default 5; `pageToken` from a previous page.
 */
export function parseListParams(query: Fields, allowStatusFilter: boolean): ListParamsResult {
  const filters: ListFilter[] = [];
  if (query.id !== undefined) filters.push({ by: 'id', ids: readList(query.id) });
  if (readBoolean(query.mine) === true) filters.push({ by: 'mine' });
  const status = readString(query.broadcastStatus);
  if (allowStatusFilter && status !== undefined) filters.push({ by: 'broadcastStatus', status });
  const expected = allowStatusFilter ? 'mine, broadcastStatus, id' : 'mine, id';
  const [filter] = filters;
  if (filter === undefined) return fail('missingRequiredParameter', `No filter selected. Expected one of: ${expected}`);
  if (filters.length > 1) return fail('incompatibleParameters', `Incompatible parameters specified. Expected one of: ${expected}`);

  const maxRaw = readString(query.maxResults);
  const maxResults = maxRaw === undefined ? 5 : Number(maxRaw);
  if (!Number.isInteger(maxResults) || maxResults < 0 || maxResults > 50) {
    return fail('invalidValue', `Invalid value '${maxRaw ?? ''}'. Values must be within the range: [0, 50]`);
  }
  const token = readString(query.pageToken);
  const offset = token === undefined ? 0 : decodePageToken(token);
  if (offset === null) return fail('invalidPageToken', 'The request specifies an invalid page token.');
  return { ok: true, params: { filter, maxResults, offset } };
}

function fail(reason: string, message: string): ListParamsResult {
  return { ok: false, error: badRequest(reason, message) };
}
