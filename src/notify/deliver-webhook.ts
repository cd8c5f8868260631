import http from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import axios from 'axios';
import type { AxiosResponse } from 'axios';
import type { Clock } from '../shared/clock';
import { checkHookUrl } from './check-hook-url';
import type { HookUrlPolicy, ResolveHost } from './check-hook-url';
import type { WebhookEvent } from './create-event';
import { createGuardedLookup } from './guarded-lookup';
import { HookRefusedError } from './hook-refused-error';
import { signPayload } from './sign-payload';
import { WebhookDeliveryError } from './webhook-delivery-error';

/** A `notify` hook of a session. */
export interface WebhookTarget {
  url: string;
  secret: string;
}

export interface DeliverWebhookDeps {
  clock: Clock;
  /** Whole-call deadline in ms, connect to response headers; default 5000. */
  timeoutMs?: number;
  /** Allow link-local / metadata targets (never in production). */
  allowLinkLocal: boolean;
  userAgent?: string;
  /** Resolver seam for tests; defaults to the system resolver. */
  resolve?: ResolveHost;
}

/** A delivery the receiver acknowledged with 2xx; `durationMs` is measured on `deps.clock`. */
export interface DeliveryResult {
  status: number;
  durationMs: number;
}

export const DEFAULT_WEBHOOK_TIMEOUT_MS = 5000;
const DEFAULT_USER_AGENT = 'LiveCue-Webhooks/1';
const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ERR_CANCELED']);

/** Statuses worth another attempt; every other non-2xx is the receiver refusing the event. */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 || status === 408 || status === 429;
}

/** The host only: a URL's path or query may carry a receiver's token, so messages never show it. */
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'invalid URL';
  }
}

function toDeliveryError(error: unknown, host: string): WebhookDeliveryError {
  const cause = axios.isAxiosError(error) && error.cause !== undefined ? error.cause : error;
  if (cause instanceof HookRefusedError) {
    return new WebhookDeliveryError(`Webhook to ${host} refused: ${cause.message}`, {
      kind: 'refused',
      retryable: false,
      cause,
    });
  }
  const code = axios.isAxiosError(error) ? error.code : undefined;
  if (code !== undefined && TIMEOUT_CODES.has(code)) {
    return new WebhookDeliveryError(`Webhook to ${host} timed out`, {
      kind: 'timeout',
      retryable: true,
      cause: error,
    });
  }
  // Never the socket detail (ECONNREFUSED, socket hang up…): shown to viewers, it would tell what
  // listens on a port of the network LiveCue runs in. The detail stays in `cause`, for the log.
  return new WebhookDeliveryError(`Webhook to ${host} unreachable`, {
    kind: 'network',
    retryable: true,
    cause: error,
  });
}

/** `Retry-After` as ms from now: delta seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: unknown, nowMs: number): number | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

function statusError(response: AxiosResponse, host: string, clock: Clock): WebhookDeliveryError {
  const retryAfterMs = parseRetryAfter(response.headers['retry-after'], clock.now());
  return new WebhookDeliveryError(`Webhook to ${host} answered ${response.status}`, {
    kind: 'http',
    retryable: isRetryableStatus(response.status),
    status: response.status,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
}

async function post(
  target: WebhookTarget,
  event: WebhookEvent,
  deps: DeliverWebhookDeps,
): Promise<AxiosResponse<Readable>> {
  const policy: HookUrlPolicy = {
    allowLinkLocal: deps.allowLinkLocal,
    ...(deps.resolve ? { resolve: deps.resolve } : {}),
  };
  const lookup = createGuardedLookup(policy);
  const httpAgent = new http.Agent({ lookup });
  const httpsAgent = new https.Agent({ lookup });
  const rawBody = JSON.stringify(event);
  const timestamp = Math.floor(deps.clock.now() / 1000);
  const timeoutMs = deps.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS;
  try {
    const response = await axios.request<Readable>({
      method: 'POST',
      url: target.url,
      data: Buffer.from(rawBody, 'utf8'),
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': deps.userAgent ?? DEFAULT_USER_AGENT,
        'X-LiveCue-Timestamp': String(timestamp),
        'X-LiveCue-Signature': signPayload(target.secret, timestamp, rawBody),
        'X-LiveCue-Event-Id': event.id,
      },
      timeout: timeoutMs,
      signal: AbortSignal.timeout(timeoutMs),
      maxRedirects: 0,
      validateStatus: () => true,
      responseType: 'stream',
      proxy: false,
      httpAgent,
      httpsAgent,
    });
    // The status is the acknowledgement; the body is not needed.
    response.data.destroy();
    return response;
  } finally {
    httpAgent.destroy();
    httpsAgent.destroy();
  }
}

/**
 * POSTs one signed event to a hook: JSON body, `X-LiveCue-Timestamp` (unix seconds from
 * `deps.clock`), `X-LiveCue-Signature`, `X-LiveCue-Event-Id`. No redirects, no retries here: the
 * job queue retries with backoff and the event id stays the same. Resolves on 2xx; otherwise
 * throws `WebhookDeliveryError` whose `retryable` says whether another attempt can succeed.
 */
export async function deliverWebhook(
  target: WebhookTarget,
  event: WebhookEvent,
  deps: DeliverWebhookDeps,
): Promise<DeliveryResult> {
  const host = hostOf(target.url);
  const startedMs = deps.clock.now();
  let response: AxiosResponse<Readable>;
  try {
    await checkHookUrl(target.url, {
      allowLinkLocal: deps.allowLinkLocal,
      ...(deps.resolve ? { resolve: deps.resolve } : {}),
    });
    response = await post(target, event, deps);
  } catch (error: unknown) {
    throw toDeliveryError(error, host);
  }
  if (response.status < 200 || response.status > 299) throw statusError(response, host, deps.clock);
  return { status: response.status, durationMs: deps.clock.now() - startedMs };
}
