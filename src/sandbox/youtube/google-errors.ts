/** What a fake YouTube handler answers; the Express layer only writes it out. */
export interface HandlerResult {
  status: number;
  /** JSON body; omitted for 204. */
  body?: unknown;
}

const statusNames: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

/** Error domains as YouTube reports them (https://developers.google.com/youtube/v3/live/docs/errors). */
export type GoogleErrorDomain =
  | 'global'
  | 'youtube.quota'
  | 'youtube.liveBroadcast'
  | 'youtube.liveStream'
  | 'youtube.parameter'
  | 'usageLimits';

export interface GoogleErrorExtra {
  domain?: GoogleErrorDomain;
  location?: string;
  locationType?: 'header' | 'parameter';
}

/**
 * Google's error envelope:
 * `{"error":{"code","message","errors":[{"message","domain","reason",…}],"status"}}`.
 */
export function googleError(
  status: number,
  reason: string,
  message: string,
  extra: GoogleErrorExtra = {},
): HandlerResult {
  const item: Record<string, string> = { message, domain: extra.domain ?? 'youtube.liveBroadcast', reason };
  if (extra.location !== undefined) item.location = extra.location;
  if (extra.locationType !== undefined) item.locationType = extra.locationType;
  const error: Record<string, unknown> = { code: status, message, errors: [item] };
  const statusName = statusNames[status];
  if (statusName !== undefined) error.status = statusName;
  return { status, body: { error } };
}

export function badRequest(reason: string, message: string): HandlerResult {
  return googleError(400, reason, message, { domain: 'youtube.parameter' });
}

/** A required body field is missing: reason `<field>Required` (e.g. `titleRequired`). */
export function fieldRequired(field: string, path: string): HandlerResult {
  return badRequest(`${field}Required`, `The request must specify ${path}.`);
}

export function broadcastNotFound(id: string): HandlerResult {
  return googleError(404, 'liveBroadcastNotFound', `Broadcast not found: ${id}`);
}

export function streamNotFound(id: string): HandlerResult {
  return googleError(404, 'liveStreamNotFound', `Stream not found: ${id}`, { domain: 'youtube.liveStream' });
}

export function forbidden(reason: string, message: string): HandlerResult {
  return googleError(403, reason, message);
}

export function authError(message: string): HandlerResult {
  return googleError(401, 'authError', message, {
    domain: 'global',
    location: 'Authorization',
    locationType: 'header',
  });
}

export function quotaExceeded(): HandlerResult {
  return googleError(
    403,
    'quotaExceeded',
    'The request cannot be completed because you have exceeded your <a href="/youtube/v3/getting-started#quota">quota</a>.',
    { domain: 'youtube.quota' },
  );
}
