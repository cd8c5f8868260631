import type { RouteConfig } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { bulkSchema, cancelSessionSchema, createSessionSchema, listSessionsQuery, seriesUpdateSchema, updateSessionSchema } from '../schemas/session-schema';
import { defineRoute, headerRefs, idParam } from './define-route';
import { BulkResultSchema, PreviewResultSchema, SessionListSchema, SessionSchema } from './responses';

const RULES =
  'Text fields are trimmed and hold no control characters (newline and tab allowed in `description` and `text`); URLs are http or https. ' +
  'Give exactly one of `endsAt` and `durationMinutes`; a session lasts at most 24 h. `startsAt`/`endsAt` are ISO 8601 with an offset or a local wall time read in `timezone`. ' +
  '`announceOffsets`/`reminderOffsets` are positive ISO 8601 durations before start (defaults `["P1D","PT1H"]` and `["PT1H","PT10M"]`; `[]` means none). ' +
  'A target `announce` defaults to true for facebook and tiktok, false for youtube; `live` defaults to true for facebook and youtube, false for tiktok (TikTok LIVE is started by hand after a go-live cue).';

export const CreateSessionBody = createSessionSchema.meta({ id: 'CreateSessionRequest', description: `A new session. ${RULES}` });
export const UpdateSessionBody = updateSessionSchema.meta({ id: 'UpdateSessionRequest', description: `Any create field; the plan is recomputed. ${RULES}` });
const CancelSessionBody = cancelSessionSchema.meta({ id: 'CancelSessionRequest' });

/**
 * Documented equivalent of `bulkSchema`: the handler takes `sessions` as `unknown[]` and validates
 * each item with the create schema afterwards (so its errors carry the item index); the document
 * shows that per-item schema instead of an empty one.
 */
const BulkRequestBody = bulkSchema
  .extend({ sessions: z.array(CreateSessionBody).min(1).max(5000) })
  .meta({ id: 'BulkSessionsRequest', description: '`atomic` (default true): all or nothing.' });

const idempotencyHeader = z.strictObject({
  'Idempotency-Key': z
    .string()
    .min(1)
    .max(200)
    .optional()
    .meta({ param: { description: 'Opaque, 1-200 characters: a retry with the same key and body returns the first answer (same id, same status, header `Idempotent-Replayed: true`) and creates nothing; the same key with another body is 409 `idempotency_conflict`. Kept at least 24 h.' } }),
});

const ifMatchHeader = z.strictObject({
  'If-Match': z
    .string()
    .max(40)
    .optional()
    .meta({ param: { description: 'The version the change is based on: `3` or `"3"`; stale → 412 `version_mismatch`' }, example: '"3"' }),
});

const sessionId = idParam('session', 'ses_k3j9x0a1b2c3');
const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });
const oneSession = (description: string) => ({ description, headers: headerRefs('ETag'), content: json(SessionSchema) });

export function sessionRoutes(): RouteConfig[] {
  const tag = 'Sessions';
  return [
    defineRoute({
      method: 'post', path: '/v1/sessions', operationId: 'createSession', tag, role: 'organizer',
      summary: 'Create a session and plan its jobs',
      headers: idempotencyHeader,
      body: { schema: CreateSessionBody },
      answers: { 201: { ...oneSession('The created session with its planned jobs'), headers: headerRefs('ETag', 'IdempotentReplayed') } },
      errors: ['validation_failed', 'stage_conflict', 'idempotency_conflict', 'starts_in_past', 'outside_campaign', 'unavailable'],
    }),
    defineRoute({
      method: 'get', path: '/v1/sessions', operationId: 'listSessions', tag, role: 'viewer',
      summary: 'List sessions ordered by startsAt',
      description: 'Without `from`/`to` the list is unbounded; without `status`, every status. `limit` 1-500, default 50.',
      query: listSessionsQuery,
      answers: { 200: { description: 'One page of sessions', content: json(SessionListSchema) } },
      errors: ['validation_failed', 'unavailable'],
    }),
    defineRoute({
      method: 'get', path: '/v1/sessions/{id}', operationId: 'getSession', tag, role: 'viewer',
      summary: 'Read a session with the live state of its jobs',
      params: sessionId,
      answers: { 200: oneSession('The session') },
      errors: ['not_found', 'unavailable'],
    }),
    defineRoute({
      method: 'patch', path: '/v1/sessions/{id}', operationId: 'updateSession', tag, role: 'organizer',
      summary: 'Change a session; its plan is recomputed',
      description: 'Completed jobs stay, pending jobs move, jobs no longer wanted become cancelled, scheduled lives are updated (`update-live` jobs).',
      params: sessionId,
      headers: ifMatchHeader,
      body: { schema: UpdateSessionBody },
      answers: { 200: oneSession('The updated session (version incremented)') },
      errors: ['not_found', 'stage_conflict', 'version_mismatch', 'invalid_state', 'starts_in_past', 'outside_campaign', 'unavailable'],
    }),
    defineRoute({
      method: 'post', path: '/v1/sessions/{id}/cancel', operationId: 'cancelSession', tag, role: 'organizer',
      summary: 'Cancel a session (idempotent)',
      description: 'Pending jobs become cancelled; scheduled lives are deleted (`delete-live`); with `notice`, a cancellation post goes to every announced target (`cancel-notice`). Cancelling a cancelled session returns it unchanged.',
      params: sessionId,
      body: { schema: CancelSessionBody, required: false },
      answers: { 200: oneSession('The cancelled session') },
      errors: ['not_found', 'invalid_state', 'version_mismatch', 'unavailable'],
    }),
    defineRoute({
      method: 'post', path: '/v1/sessions/preview', operationId: 'previewSession', tag, role: 'viewer',
      summary: 'Check a create body and show the session it would make; saves nothing',
      body: { schema: CreateSessionBody },
      answers: { 200: { description: 'The session as it would be, stage conflicts and warnings', content: json(PreviewResultSchema) } },
      errors: ['starts_in_past', 'outside_campaign', 'unavailable'],
    }),
    defineRoute({
      method: 'post', path: '/v1/sessions/bulk', operationId: 'bulkCreateSessions', tag, role: 'organizer',
      summary: 'Create up to 5000 sessions at once',
      description: 'All items are validated first; conflicts between items count. Atomic: any failure creates nothing and answers 400 `validation_failed` (`details[].path` starts with the item index, e.g. `3.startsAt`) or 409 `stage_conflict` when the only failures are conflicts. Not atomic: the valid items are created and the others listed in `errors`.',
      headers: idempotencyHeader,
      body: { schema: BulkRequestBody },
      answers: {
        201: { description: 'Atomic: every session was created', headers: headerRefs('IdempotentReplayed'), content: json(BulkResultSchema) },
        200: { description: 'Not atomic: the created sessions and the failing items', headers: headerRefs('IdempotentReplayed'), content: json(BulkResultSchema) },
      },
      errors: ['stage_conflict', 'idempotency_conflict', 'unavailable'],
    }),
    ...seriesRoutes(),
  ];
}

const SeriesSessions = z
  .object({
    seriesId: z.string(),
    campaignId: z.string().nullable(),
    recurrence: z.unknown(),
    sessions: z.array(z.object({ id: z.string(), status: z.string(), version: z.number().int(), title: z.string(), startsAt: z.string(), endsAt: z.string() })),
  })
  .meta({ id: 'Series' });
const SeriesOutcome = z
  .object({
    seriesId: z.string(),
    updated: z.array(z.string()),
    skipped: z.array(z.object({ sessionId: z.string(), reason: z.string() })),
    errors: z.array(z.object({ sessionId: z.string(), error: z.record(z.string(), z.unknown()) })),
  })
  .meta({ id: 'SeriesOutcome', description: 'Not atomic: every occurrence still to come is changed on its own; the refused ones are listed with their error.' });

/** A recurrence series: the sessions one `recurrence` body made. */
function seriesRoutes(): RouteConfig[] {
  const tag = 'Sessions';
  const seriesId = idParam('series', 'ser_k3j9x0a1b2c3');
  return [
    defineRoute({
      method: 'get', path: '/v1/series/{id}', operationId: 'getSeries', tag, role: 'viewer',
      summary: 'The sessions of a recurrence series',
      params: seriesId,
      answers: { 200: { description: 'The series and its sessions', content: json(SeriesSessions) } },
      errors: ['not_found', 'unavailable'],
    }),
    defineRoute({
      method: 'patch', path: '/v1/series/{id}', operationId: 'updateSeries', tag, role: 'organizer',
      summary: 'Change every occurrence still to come',
      description: 'The update fields except startsAt/endsAt, plus `startTime` (`HH:mm`) to move each occurrence to a new local time on its own day; each occurrence follows the rules of PATCH /v1/sessions/{id}.',
      params: seriesId,
      body: { schema: seriesUpdateSchema.meta({ id: 'UpdateSeriesRequest' }) },
      answers: { 200: { description: 'What was changed, skipped or refused', content: json(SeriesOutcome) } },
      errors: ['not_found', 'unavailable'],
    }),
    defineRoute({
      method: 'post', path: '/v1/series/{id}/cancel', operationId: 'cancelSeries', tag, role: 'organizer',
      summary: 'Cancel every occurrence still to come',
      params: seriesId,
      body: { schema: CancelSessionBody, required: false },
      answers: { 200: { description: 'What was cancelled, skipped or refused', content: json(SeriesOutcome) } },
      errors: ['not_found', 'unavailable'],
    }),
  ];
}
