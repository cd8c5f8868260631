import { PlatformError, isPlatformError } from '../platform-error';
import type { PlatformErrorKind } from '../platform-error';
import { msUntilQuotaReset } from './quota-reset';
import {
  googleOauthErrorTable,
  isInvalidRequestReason,
  kindOfHttpStatus,
  youtubeReasonTable,
} from './youtube-error-table';

export interface ClassifyContext {
  operation: string;
  /** The account's display name, quoted in messages. */
  accountName: string;
  nowMs: number;
}

/** Delay for a rate limit that names no Retry-After (YouTube's windows are per minute). */
export const defaultRateLimitDelayMs = 60_000;

/** The HTTP part of a gaxios error (duck-typed: googleapis and google-auth-library ship different gaxios copies). */
interface HttpFailure {
  status: number;
  data: unknown;
  retryAfter: string | null;
}

const timeoutCodes = new Set(['TimeoutError', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);
const networkCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'EHOSTUNREACH', 'UND_ERR_SOCKET']);

/** `error.errors[0].reason` of a YouTube API error, or the OAuth `error` of a token refresh failure. */
export function youtubeReasonOf(err: unknown): string | undefined {
  const data = httpFailureOf(err)?.data;
  if (!isRecord(data)) return undefined;
  if (typeof data.error === 'string') return data.error;
  if (!isRecord(data.error) || !Array.isArray(data.error.errors)) return undefined;
  const first: unknown = data.error.errors[0];
  return isRecord(first) && typeof first.reason === 'string' ? first.reason : undefined;
}

export function httpStatusOf(err: unknown): number | undefined {
  return httpFailureOf(err)?.status;
}

/** Turn anything a googleapis / google-auth-library call threw into a `PlatformError`. */
export function classifyYoutubeError(err: unknown, c: ClassifyContext): PlatformError {
  if (isPlatformError(err)) return err;
  const account = `"${c.accountName}"`;
  const http = httpFailureOf(err);
  if (http) return classifyHttpFailure(err, http, c, account);
  const code = transportCodeOf(err);
  if (code !== undefined && timeoutCodes.has(code)) {
    return build(c, err, 'timeout', `YouTube did not answer in time while serving ${account}; LiveCue will try again.`, { platformCode: code });
  }
  if ((code !== undefined && networkCodes.has(code)) || isGaxiosError(err)) {
    return build(c, err, 'unavailable', `YouTube could not be reached for ${account}; LiveCue will try again.`, code === undefined ? {} : { platformCode: code });
  }
  const detail = err instanceof Error ? err.message : 'unexpected failure';
  return build(c, err, 'unknown', `YouTube call for ${account} failed unexpectedly: ${detail}`, {});
}

function classifyHttpFailure(err: unknown, http: HttpFailure, c: ClassifyContext, account: string): PlatformError {
  const reason = youtubeReasonOf(err);
  const isOauth = isRecord(http.data) && typeof http.data.error === 'string';
  const rule = reason === undefined ? undefined : (isOauth ? googleOauthErrorTable : youtubeReasonTable)[reason];
  let kind: PlatformErrorKind;
  let message: string;
  if (rule) {
    kind = rule.kind;
    message = rule.explain(account);
  } else {
    kind = reason !== undefined && isInvalidRequestReason(reason) ? 'invalid_request' : kindOfHttpStatus(http.status);
    message = genericMessage(kind, account, http.status, reason);
  }
  const extra: Extra = { httpStatus: http.status };
  if (reason !== undefined) extra.platformCode = reason;
  if (kind === 'quota_exhausted') extra.retryAfterMs = msUntilQuotaReset(c.nowMs);
  if (kind === 'rate_limited') extra.retryAfterMs = retryAfterMsOf(http.retryAfter, c.nowMs) ?? defaultRateLimitDelayMs;
  return build(c, err, kind, message, extra);
}

function genericMessage(kind: PlatformErrorKind, account: string, status: number, reason: string | undefined): string {
  const why = reason === undefined ? `HTTP ${status}` : `${reason}, HTTP ${status}`;
  switch (kind) {
    case 'auth':
      return `YouTube no longer accepts the sign-in of ${account} (${why}); reconnect the account.`;
    case 'permission':
      return `YouTube refused the request for ${account} (${why}): a permission or channel feature is missing.`;
    case 'not_found':
      return `YouTube no longer has the requested object for ${account} (${why}).`;
    case 'invalid_request':
      return `YouTube rejected LiveCue's request for ${account} as invalid (${why}).`;
    case 'unavailable':
    case 'timeout':
      return `YouTube is temporarily unavailable for ${account} (${why}); LiveCue will try again.`;
    case 'rate_limited':
      return `YouTube is rate limiting requests for ${account} (${why}); LiveCue will try again shortly.`;
    case 'quota_exhausted':
    case 'policy':
    case 'conflict':
    case 'unknown':
      return `YouTube refused the request for ${account} (${why}).`;
  }
}

type Extra = { httpStatus?: number; platformCode?: string; retryAfterMs?: number };

function build(c: ClassifyContext, cause: unknown, kind: PlatformErrorKind, message: string, extra: Extra): PlatformError {
  return new PlatformError({ platform: 'youtube', operation: c.operation, kind, message, cause, ...extra });
}

function httpFailureOf(err: unknown): HttpFailure | null {
  if (!isRecord(err) || !isRecord(err.response)) return null;
  const { status, data, headers } = err.response;
  if (typeof status !== 'number') return null;
  return { status, data, retryAfter: headerOf(headers, 'retry-after') };
}

function headerOf(headers: unknown, name: string): string | null {
  if (headers instanceof Headers) return headers.get(name);
  if (!isRecord(headers)) return null;
  const value = headers[name];
  return typeof value === 'string' ? value : null;
}

/** `Retry-After`: seconds or an HTTP date. */
function retryAfterMsOf(value: string | null, nowMs: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** The first `code` (or DOMException `name` for timeouts/aborts) along the cause chain. */
function transportCodeOf(err: unknown): string | undefined {
  let current: unknown = err;
  for (let depth = 0; depth < 5 && isRecord(current); depth += 1) {
    if (typeof current.code === 'string') return current.code;
    if (current.name === 'TimeoutError' || current.name === 'AbortError') return 'TimeoutError';
    current = current.cause;
  }
  return undefined;
}

/** gaxios marks its errors with this symbol (every copy of gaxios uses the same one). */
const gaxiosErrorSymbol = Symbol.for('gaxios-gaxios-error');

function isGaxiosError(err: unknown): boolean {
  return isRecord(err) && gaxiosErrorSymbol in err;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
