import type { ResponseConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { ERROR_STATUS } from '../../domain/errors';
import type { ErrorCode } from '../../domain/errors';
import { BulkItemErrorSchema, ConflictSchema, ErrorDetailSchema, WindowSchema, utcInstant } from './responses';

/** Every error code, in api.md order: the keys of ERROR_STATUS (a `Record<ErrorCode, …>`, so none is missing). */
export const ERROR_CODES = Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]];

export const ErrorCodeSchema = z.enum(ERROR_CODES).meta({ id: 'ErrorCode' });

/** When each code is answered (api.md "Errors"); a Record so a new code cannot go undocumented. */
const WHEN: Record<ErrorCode, string> = {
  validation_failed: 'the body, query or a header fails the schema; `details` lists every failing field',
  invalid_json: 'the body is not JSON',
  unauthorized: 'no or unknown bearer token, an ended session, or a wrong email or password',
  forbidden: "the token's role may not do this",
  csrf_failed: 'a request made with the session cookie and an unsafe method without the right X-CSRF-Token header',
  invalid_token: 'an invitation, connection or unsubscribe token that is unknown, used or expired',
  conflict: "a unique field already taken (a user's email)",
  not_found: 'unknown id or route',
  stage_conflict: 'the stage is booked in an overlapping window; `conflicts` lists the bookings, `suggestions` the next free windows of the same length',
  outside_campaign: "the session does not fit inside its campaign's days",
  idempotency_conflict: 'the same Idempotency-Key was used with a different body (or its first request is still running)',
  version_mismatch: 'If-Match does not match the current version (`currentVersion` says which it is)',
  payload_too_large: 'the body is over the configured limit (default 1 MiB)',
  unsupported_media_type: 'wrong Content-Type',
  starts_in_past: 'the session start is not in the future',
  invalid_state: 'the resource is in a state that forbids this, e.g. updating an ended or cancelled session',
  not_configured: "the feature needs configuration this install lacks (e.g. a platform's app credentials)",
  quota_exceeded: "the lives of the session (bulk and import: of an item) do not fit in a platform's daily quota on the day they run (YouTube: the Google Cloud project's units, counted per Pacific-time day over the day's whole plan); `details` name the target and say what to do: ask Google for a quota increase and set YOUTUBE_DAILY_QUOTA, move lives to another day, or use channels of another Google Cloud project",
  rate_limited: 'more requests a minute than the API allows this token; wait Retry-After seconds',
  unavailable: 'Redis is unreachable; nothing was half-written; retry after Retry-After seconds',
  internal: 'unexpected failure on the server side; it is logged',
};

const BulkConflictSchema = z
  .object({
    index: z.number().int().nonnegative().meta({ description: 'Index of the request item' }),
    conflicts: z.array(
      z.object({
        sessionId: z.string().optional().meta({ description: 'An existing session' }),
        item: z.number().int().optional().meta({ description: 'Another item of the same request' }),
        startsAt: utcInstant,
        endsAt: utcInstant,
      }),
    ),
  })
  .meta({ id: 'BulkStageConflict' });

/** The one error shape of the API. Extra fields may join `error` for some codes. */
export const ErrorSchema = z
  .object({
    error: z.looseObject({
      code: ErrorCodeSchema,
      message: z.string().meta({ description: 'Human readable; says what to fix' }),
      details: z.array(ErrorDetailSchema).optional(),
      conflicts: z
        .array(z.union([ConflictSchema, BulkConflictSchema]))
        .optional()
        .meta({ description: 'stage_conflict: the overlapping bookings (bulk and import: per item index)' }),
      suggestions: z.array(WindowSchema).optional().meta({ description: 'stage_conflict: next free windows of the same length on that stage' }),
      currentVersion: z.number().int().optional().meta({ description: 'version_mismatch: the current version' }),
      sessionIds: z.array(z.string()).optional().meta({ description: 'invalid_state on account delete: sessions still targeting it' }),
      errors: z.array(BulkItemErrorSchema).optional().meta({ description: 'validation_failed of an atomic bulk or import: every failing item' }),
    }),
  })
  .meta({
    id: 'Error',
    example: { error: { code: 'validation_failed', message: 'targets.0.platform: expected facebook | tiktok | youtube', details: [{ path: 'targets.0.platform', message: 'expected facebook | tiktok | youtube' }] } },
  });

const HEADERS_BY_STATUS: Partial<Record<number, Record<string, { $ref: string }>>> = {
  401: { 'WWW-Authenticate': { $ref: '#/components/headers/WWWAuthenticate' } },
  429: { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } },
  503: { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } },
};

/** Error responses for `codes`, one per status, each saying which codes it carries and when. */
export function errorResponses(codes: readonly ErrorCode[]): Record<string, ResponseConfig> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of new Set(codes)) {
    const status = ERROR_STATUS[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const out: Record<string, ResponseConfig> = {};
  for (const [status, list] of [...byStatus].sort((a, b) => a[0] - b[0])) {
    const headers = HEADERS_BY_STATUS[status];
    out[String(status)] = {
      description: list.map((code) => `- \`${code}\`: ${WHEN[code]}`).join('\n'),
      ...(headers ? { headers } : {}),
      content: { 'application/json': { schema: ErrorSchema } },
    };
  }
  return out;
}
