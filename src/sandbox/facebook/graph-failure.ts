import { randomBytes } from 'node:crypto';
import type { Response } from 'express';

/**
 * A Graph API error the fake answers with: `{"error":{message,type,code,error_subcode?,fbtrace_id}}`
 * plus an `x-fb-trace-id` header (https://developers.facebook.com/docs/graph-api/guides/error-handling). Handlers throw it; the router sends it.
 */
export class GraphFailure extends Error {
  readonly code: number;
  readonly subcode: number | undefined;
  readonly type: string;
  readonly httpStatus: number;

  constructor(code: number, message: string, opts: { subcode?: number; type?: string; httpStatus?: number } = {}) {
    super(message);
    this.name = 'GraphFailure';
    this.code = code;
    this.subcode = opts.subcode;
    this.type = opts.type ?? 'OAuthException';
    this.httpStatus = opts.httpStatus ?? 400;
  }
}

/** `(#100)`: a parameter is missing or wrong (includes out-of-window times). */
export function invalidParameter(message: string): GraphFailure {
  return new GraphFailure(100, `(#100) ${message}`);
}

/** `100/33`: the id does not exist (or was deleted), or the call is not supported on it. */
export function unknownObject(id: string, method: string): GraphFailure {
  return new GraphFailure(
    100,
    `Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
    { subcode: 33, type: 'GraphMethodException' },
  );
}

export function sendGraphFailure(res: Response, failure: GraphFailure): void {
  const traceId = createTraceId();
  const error: Record<string, unknown> = { message: failure.message, type: failure.type, code: failure.code };
  if (failure.subcode !== undefined) error.error_subcode = failure.subcode;
  error.fbtrace_id = traceId;
  res.setHeader('x-fb-trace-id', traceId);
  if (failure.code === 190) {
    res.setHeader('WWW-Authenticate', `OAuth "Facebook Platform" "invalid_token" "${failure.message}"`);
  }
  res.status(failure.httpStatus).json({ error });
}

/** Graph trace ids look like `AbCdEfGh123`: 11 url-safe characters. */
function createTraceId(): string {
  return randomBytes(8).toString('base64url').slice(0, 11);
}
