import type { Platform } from '../domain/platform';

/**
 * What went wrong, classified from the platform's structured error fields (never message text):
 * - `auth`: the token is dead or revoked; a human must reconnect the account (not retryable)
 * - `rate_limited`: back off until `retryAfterMs`; does not count as a failed attempt
 * - `quota_exhausted`: a daily budget is spent (YouTube quota, TikTok daily cap); retry after reset
 * - `permission`: scope, feature or eligibility missing (not retryable)
 * - `policy`: the platform blocked the content or account (not retryable)
 * - `invalid_request`: our request is wrong (not retryable)
 * - `not_found`: the object is gone (not retryable)
 * - `conflict`: the object is in a state that refuses the call (not retryable)
 * - `unavailable` / `timeout`: transient; retry with backoff
 * - `unknown`: unclassified; retried with backoff
 */
export type PlatformErrorKind =
  | 'auth'
  | 'rate_limited'
  | 'quota_exhausted'
  | 'permission'
  | 'policy'
  | 'invalid_request'
  | 'not_found'
  | 'conflict'
  | 'unavailable'
  | 'timeout'
  | 'unknown';

const retryableKinds: ReadonlySet<PlatformErrorKind> = new Set([
  'rate_limited',
  'quota_exhausted',
  'unavailable',
  'timeout',
  'unknown',
]);

export interface PlatformErrorInit {
  platform: Platform;
  operation: string;
  kind: PlatformErrorKind;
  message: string;
  retryAfterMs?: number;
  httpStatus?: number;
  platformCode?: string;
  /** Flag the account (token dead, permission lost): organizers must act. */
  flagsAccount?: boolean;
  /** Raised before the call that has an effect was sent (a read, a token refresh): nothing was done. */
  noEffect?: boolean;
  cause?: unknown;
}

export class PlatformError extends Error {
  readonly platform: Platform;
  readonly operation: string;
  readonly kind: PlatformErrorKind;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly httpStatus: number | undefined;
  readonly platformCode: string | undefined;
  readonly flagsAccount: boolean;
  readonly noEffect: boolean;

  constructor(readonly init: PlatformErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'PlatformError';
    this.platform = init.platform;
    this.operation = init.operation;
    this.kind = init.kind;
    this.retryable = retryableKinds.has(init.kind);
    this.retryAfterMs = init.retryAfterMs;
    this.httpStatus = init.httpStatus;
    this.platformCode = init.platformCode;
    this.flagsAccount = init.flagsAccount ?? (init.kind === 'auth' || init.kind === 'permission');
    this.noEffect = init.noEffect ?? false;
  }
}

/**
 * Runs a step that comes before an adapter's effecting call (creator_info, a token refresh): its
 * platform errors are marked `noEffect`, so the at-most-once guard releases its claim and a
 * passing outage is retried as usual instead of being treated as a post that may exist.
 */
export async function beforeEffect<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (err) {
    if (err instanceof PlatformError && !err.noEffect) {
      const marked = new PlatformError({ ...err.init, noEffect: true });
      if (err.stack !== undefined) marked.stack = err.stack;
      throw marked;
    }
    throw err;
  }
}

export function isPlatformError(err: unknown): err is PlatformError {
  return err instanceof PlatformError;
}
