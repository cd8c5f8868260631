/** One entry of an error's `details` (api.md "Errors"). */
export interface ErrorDetail {
  path: string;
  message: string;
}

/** An answer outside 2xx, carrying the API's error shape; `body` keeps extra fields (conflicts, suggestions). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[],
    readonly body: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface ErrorBody {
  error?: { code?: unknown; message?: unknown; details?: unknown };
}

const isDetail = (d: unknown): d is ErrorDetail =>
  typeof d === 'object' && d !== null && typeof (d as ErrorDetail).path === 'string' && typeof (d as ErrorDetail).message === 'string';

/** Builds an ApiError from a failed response's parsed body (or a plain status when it is not the error shape). */
export function toApiError(status: number, parsed: unknown): ApiError {
  const error = (parsed as ErrorBody | null)?.error;
  const code = typeof error?.code === 'string' ? error.code : `http_${status}`;
  const message = typeof error?.message === 'string' ? error.message : `HTTP ${status}`;
  const details: ErrorDetail[] = Array.isArray(error?.details) ? (error.details as unknown[]).filter(isDetail) : [];
  return new ApiError(status, code, message, details, error ?? {});
}
