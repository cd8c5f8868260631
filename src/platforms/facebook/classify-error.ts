import { PlatformError } from '../platform-error';
import type { PlatformErrorKind } from '../platform-error';
import { readGraphUsage } from './read-usage';
import type { HeaderMap } from './read-usage';

/** A rate limit with no header stating when it lifts: probe again after a minute. */
export const defaultRateLimitRetryMs = 60_000;
/**
 * Platform (app/user) limits are counted over a rolling hour (FB-RATE): when `X-App-Usage` shows
 * the budget spent (≥ 100 %), wait the hour out instead of probing every minute.
 */
export const spentPlatformLimitRetryMs = 3_600_000;

/** The structured part of Graph's `{"error":{…}}` envelope; the only input classification reads. */
export interface GraphErrorFields {
  code: number;
  subcode: number | undefined;
  /** Graph's own text: shown to people for context, never used to classify. */
  message: string | undefined;
  isTransient: boolean;
}

export interface GraphErrorAnswer {
  operation: string;
  /** The page's name as organizers know it. */
  accountName: string;
  httpStatus: number;
  body: unknown;
  headers: HeaderMap;
}

interface Row {
  match: (code: number, subcode: number | undefined) => boolean;
  kind: PlatformErrorKind;
  explain: (page: string, error: GraphErrorFields) => string;
}

const is =
  (code: number, subcodes?: number[]) =>
  (c: number, s: number | undefined): boolean =>
    c === code && (subcodes === undefined || (s !== undefined && subcodes.includes(s)));
const oneOf =
  (...codes: number[]) =>
  (c: number): boolean =>
    codes.includes(c);
const reconnect = 'reconnect the page in LiveCue';

/** https://developers.facebook.com/docs/graph-api/guides/error-handling, first match wins (subcode rows before their code's general row). */
const rows: Row[] = [
  { match: oneOf(1, 2), kind: 'unavailable', explain: (p, e) => `Facebook is temporarily unavailable (code ${e.code}) while acting for '${p}'; LiveCue will retry` },
  {
    match: is(200, [1363120, 1363144]),
    kind: 'permission',
    explain: (p) => `'${p}' is not eligible to go live on Facebook (the Facebook account must be at least 60 days old and the page needs 100 followers)`,
  },
  { match: (c) => c === 3 || c === 10 || (c >= 200 && c <= 299), kind: 'permission', explain: (p, e) => `LiveCue lacks a Facebook permission on '${p}' (code ${e.code}): ${reconnect} and grant every permission it asks for` },
  { match: oneOf(4, 17, 32, 613, 341, 80001), kind: 'rate_limited', explain: (p, e) => `Facebook is limiting how often LiveCue may call for '${p}' (code ${e.code}); LiveCue will wait and try again` },
  { match: is(100, [33]), kind: 'not_found', explain: (p) => `the Facebook post or live video no longer exists on '${p}' (deleted, or never created)` },
  { match: is(100), kind: 'invalid_request', explain: (p, e) => `Facebook refused the request for '${p}' as invalid: ${e.message ?? 'invalid parameter'}` },
  { match: is(190, [459]), kind: 'auth', explain: (p) => `the Facebook account that connected '${p}' is checkpointed: log in on facebook.com to clear it, then ${reconnect}` },
  { match: is(190, [464]), kind: 'auth', explain: (p) => `the Facebook account that connected '${p}' is unconfirmed: confirm it on facebook.com, then ${reconnect}` },
  { match: is(190, [458]), kind: 'auth', explain: (p) => `the LiveCue app was removed from the Facebook account that connected '${p}': ${reconnect}` },
  { match: is(190, [460]), kind: 'auth', explain: (p) => `the Page token of '${p}' was revoked (password changed or session ended by Facebook): ${reconnect}` },
  { match: is(190, [463]), kind: 'auth', explain: (p) => `the Page token of '${p}' has expired: ${reconnect}` },
  { match: is(190, [492]), kind: 'auth', explain: (p) => `the Page token of '${p}' is no longer valid (its owner may have lost their role on the page): ${reconnect}` },
  { match: oneOf(102, 190), kind: 'auth', explain: (p) => `the Page token of '${p}' is not valid any more: ${reconnect}` },
  { match: is(368), kind: 'policy', explain: (p) => `Facebook has temporarily blocked '${p}' for a policy violation: check the page's notifications before posting again` },
  { match: is(506), kind: 'invalid_request', explain: (p) => `Facebook refused a duplicate post on '${p}': the same text was just posted there; change the text` },
  { match: is(1609005), kind: 'invalid_request', explain: (p) => `Facebook could not read the link in the post for '${p}': check that the URL opens publicly` },
];

/** Turn a Graph error answer (any HTTP status, or an `error` envelope) into a `PlatformError`. */
export function classifyGraphError(failure: GraphErrorAnswer): PlatformError {
  const fields = readGraphErrorFields(failure.body);
  const page = failure.accountName;
  const base = { platform: 'facebook' as const, operation: failure.operation, httpStatus: failure.httpStatus };
  if (!fields) {
    const kind: PlatformErrorKind = failure.httpStatus >= 500 ? 'unavailable' : failure.httpStatus === 429 ? 'rate_limited' : 'unknown';
    return new PlatformError({
      ...base,
      kind,
      message: `Facebook answered HTTP ${failure.httpStatus} without an error description while acting for '${page}'`,
      ...(kind === 'rate_limited' ? { retryAfterMs: rateLimitDelayMs(failure.headers, undefined) } : {}),
    });
  }
  const platformCode = fields.subcode === undefined ? String(fields.code) : `${fields.code}/${fields.subcode}`;
  const row = rows.find((r) => r.match(fields.code, fields.subcode));
  const kind: PlatformErrorKind = row?.kind ?? (fields.isTransient || failure.httpStatus >= 500 ? 'unavailable' : 'unknown');
  const message = row
    ? row.explain(page, fields)
    : `Facebook refused the request for '${page}' (code ${platformCode}): ${fields.message ?? 'no description'}`;
  return new PlatformError({
    ...base,
    kind,
    message,
    platformCode,
    ...(kind === 'rate_limited' ? { retryAfterMs: rateLimitDelayMs(failure.headers, fields.code) } : {}),
  });
}

/**
 * How long to wait out a rate limit: the page's `estimated_time_to_regain_access` when given; an
 * hour for a platform limit (4, 17, 341) whose `X-App-Usage` shows a spent budget; else a minute.
 */
export function rateLimitDelayMs(headers: HeaderMap, code: number | undefined): number {
  const usage = readGraphUsage(headers);
  if (usage.regainAccessMs !== undefined) return usage.regainAccessMs;
  const isPlatformLimit = code === 4 || code === 17 || code === 341;
  if (isPlatformLimit && usage.appUsagePercent !== undefined && usage.appUsagePercent >= 100) return spentPlatformLimitRetryMs;
  return defaultRateLimitRetryMs;
}

/** The `error` envelope's structured fields, or null when the body has none. */
export function readGraphErrorFields(body: unknown): GraphErrorFields | null {
  if (typeof body !== 'object' || body === null) return null;
  const error = (body as { error?: unknown }).error;
  if (typeof error !== 'object' || error === null) return null;
  const { code, error_subcode: subcode, message, is_transient: isTransient } = error as Record<string, unknown>;
  const numericCode = toInteger(code);
  if (numericCode === undefined) return null;
  return {
    code: numericCode,
    subcode: toInteger(subcode),
    message: typeof message === 'string' ? message : undefined,
    isTransient: isTransient === true,
  };
}

function toInteger(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return undefined;
}
