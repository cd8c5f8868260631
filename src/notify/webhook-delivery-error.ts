/** Why a delivery failed: refused URL, no answer in time, connection trouble, or a non-2xx status. */
export type WebhookFailureKind = 'refused' | 'timeout' | 'network' | 'http';

export interface WebhookDeliveryErrorInit {
  kind: WebhookFailureKind;
  retryable: boolean;
  status?: number;
  /** From the receiver's `Retry-After` (429/503), in ms from the attempt. */
  retryAfterMs?: number;
  cause?: unknown;
}

/**
 * A webhook call that did not get a 2xx. Its message says only "unreachable", "timed out",
 * "answered <status>" or why the URL was refused (stored and shown to viewers); `detail` is
 * the transport's own error, for the log only. `retryable` tells the job queue whether another attempt
 * (with the same event id) can succeed: timeouts, network errors, 5xx, 408 and 429 are; refused
 * URLs, redirects and other 4xx are not.
 */
export class WebhookDeliveryError extends Error {
  override readonly name = 'WebhookDeliveryError';
  readonly kind: WebhookFailureKind;
  readonly retryable: boolean;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(message: string, init: WebhookDeliveryErrorInit) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.retryable = init.retryable;
    this.status = init.status;
    this.retryAfterMs = init.retryAfterMs;
  }

  /** The transport's own words (for the log, never stored with the job). */
  get detail(): string | undefined {
    const cause: unknown = this.cause;
    if (cause === undefined) return undefined;
    const inner = cause instanceof Error && cause.cause instanceof Error ? cause.cause : cause;
    if (!(inner instanceof Error)) return typeof inner === 'string' ? inner : 'unknown transport error';
    const code = 'code' in inner && typeof inner.code === 'string' ? `${inner.code}: ` : '';
    return `${code}${inner.message}`;
  }
}
