/** Stable error codes of the HTTP contract (api.md "Errors"). */
export type ErrorCode =
  | 'validation_failed'
  | 'invalid_json'
  | 'unauthorized'
  | 'forbidden'
  | 'csrf_failed'
  | 'invalid_token'
  | 'conflict'
  | 'not_found'
  | 'stage_conflict'
  | 'outside_campaign'
  | 'idempotency_conflict'
  | 'version_mismatch'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'starts_in_past'
  | 'invalid_state'
  | 'not_configured'
  | 'quota_exceeded'
  | 'rate_limited'
  | 'unavailable'
  | 'internal';

export const ERROR_STATUS: Record<ErrorCode, number> = {
  validation_failed: 400,
  invalid_json: 400,
  unauthorized: 401,
  forbidden: 403,
  csrf_failed: 403,
  invalid_token: 400,
  conflict: 409,
  not_found: 404,
  stage_conflict: 409,
  outside_campaign: 422,
  idempotency_conflict: 409,
  version_mismatch: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  starts_in_past: 422,
  invalid_state: 422,
  not_configured: 422,
  quota_exceeded: 422,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

export interface ErrorDetail {
  path: string;
  message: string;
}

/** An error the API reports with its stable code; `extra` fields join the error object. */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetail[] | undefined;
  readonly extra: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details?: ErrorDetail[], extra: Record<string, unknown> = {}) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.details = details;
    this.extra = extra;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export function validationError(details: ErrorDetail[], message?: string): DomainError {
  const first = details[0];
  const summary = message ?? (first ? `${first.path || 'body'}: ${first.message}` : 'invalid input');
  return new DomainError('validation_failed', summary, details);
}

export function notFound(what: string, id: string): DomainError {
  return new DomainError('not_found', `${what} '${id}' does not exist`);
}
