import type { ApiRoute } from '../routes';
import { withIdempotency } from '../idempotency';
import { postBulk } from '../handlers/bulk';
import { listSessions } from '../handlers/list-sessions';
import { getSession, patchSession, postCancel, postPreview, postSession } from '../handlers/sessions';
import { z } from 'zod';
import { bulkSchema, cancelSessionSchema, createSessionSchema, listSessionsQuery, updateSessionSchema } from '../schemas/session-schema';
import { headerRefs, idParam } from '../openapi/define-route';
import { BulkResultSchema, PreviewResultSchema, SessionListSchema, SessionSchema } from '../openapi/responses';

const RULES =
  'Text fields are trimmed and hold no control characters (newline and tab allowed in `description` and `text`); URLs are http or https. ' +
  'Give exactly one of `endsAt` and `durationMinutes`; a session lasts at most 24 h. `startsAt`/`endsAt` are ISO 8601 with an offset or a local wall time read in `timezone`. ' +
  '`announceOffsets`/`reminderOffsets`/`guardOffsets` are positive ISO 8601 durations before start (defaults `["P1D","PT1H"]`, `["PT1H","PT10M"]` and `["PT10M","PT3M"]`; `[]` means none; `guardOffsets`: the on-air guard checks the encoder signal of each live). ' +
  'A target `announce` defaults to true for facebook and tiktok, false for youtube; `live` defaults to true for facebook and youtube, false for tiktok (TikTok LIVE is started by hand after a go-live cue).';

export const CreateSessionBody = createSessionSchema.meta({ id: 'CreateSessionRequest', description: `A new session. ${RULES}` });
export const UpdateSessionBody = updateSessionSchema.meta({ id: 'UpdateSessionRequest', description: `Any create field; the plan is recomputed. ${RULES}` });
export const CancelSessionBody = cancelSessionSchema.meta({ id: 'CancelSessionRequest' });

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

const tag = 'Sessions';
export const sessionRoutes: ApiRoute[] = [
  {
    method: 'post', path: '/v1/sessions', role: 'organizer',
    handle: (c) => withIdempotency(c.deps, c.req, c.res, (seal) => postSession(c.deps, c.req.body, c.auth?.principal, seal)),
    doc: {
      operationId: 'createSession', tag,
      summary: 'Create a session and plan its jobs',
      headers: idempotencyHeader,
      body: { schema: CreateSessionBody },
      answers: { 201: { ...oneSession('The created session with its planned jobs'), headers: headerRefs('ETag', 'IdempotentReplayed') } },
      errors: ['validation_failed', 'stage_conflict', 'idempotency_conflict', 'starts_in_past', 'outside_campaign', 'unavailable'],
    },
  },
  {
    method: 'get', path: '/v1/sessions', role: 'viewer',
    handle: ({ deps, req, auth }) => listSessions(deps, req.query, auth?.role),
    doc: {
      operationId: 'listSessions', tag,
      summary: 'List sessions ordered by startsAt',
      description: 'Without `from`/`to` the list is unbounded; without `status`, every status. `limit` 1-500, default 50.',
      query: listSessionsQuery,
      answers: { 200: { description: 'One page of sessions', content: json(SessionListSchema) } },
      errors: ['validation_failed', 'unavailable'],
    },
  },
  {
    method: 'get', path: '/v1/sessions/:id', role: 'viewer',
    handle: ({ deps, id, auth }) => getSession(deps, id, auth?.role),
    doc: {
      operationId: 'getSession', tag,
      summary: 'Read a session with the live state of its jobs',
      params: sessionId,
      answers: { 200: oneSession('The session') },
      errors: ['not_found', 'unavailable'],
    },
  },
  {
    method: 'patch', path: '/v1/sessions/:id', role: 'organizer',
    handle: ({ deps, req, id, auth }) => patchSession(deps, id, req.body, req.get('if-match'), auth?.principal),
    doc: {
      operationId: 'updateSession', tag,
      summary: 'Change a session; its plan is recomputed',
      description: 'Completed jobs stay, pending jobs move, jobs no longer wanted become cancelled, scheduled lives are updated (`update-live` jobs).',
      params: sessionId,
      headers: ifMatchHeader,
      body: { schema: UpdateSessionBody },
      answers: { 200: oneSession('The updated session (version incremented)') },
      errors: ['not_found', 'stage_conflict', 'version_mismatch', 'invalid_state', 'starts_in_past', 'outside_campaign', 'unavailable'],
    },
  },
  {
    method: 'post', path: '/v1/sessions/:id/cancel', role: 'organizer',
    handle: ({ deps, req, id, auth }) => postCancel(deps, id, req.body, auth?.principal),
    doc: {
      operationId: 'cancelSession', tag,
      summary: 'Cancel a session (idempotent)',
      description: 'Pending jobs become cancelled; scheduled lives are deleted (`delete-live`); with `notice`, a cancellation post goes to every announced target (`cancel-notice`). Cancelling a cancelled session returns it unchanged.',
      params: sessionId,
      body: { schema: CancelSessionBody, required: false },
      answers: { 200: oneSession('The cancelled session') },
      errors: ['not_found', 'invalid_state', 'version_mismatch', 'unavailable'],
    },
  },
  {
    method: 'post', path: '/v1/sessions/preview', role: 'viewer',
    handle: ({ deps, req, auth }) => postPreview(deps, req.body, auth?.role),
    doc: {
      operationId: 'previewSession', tag,
      summary: 'Check a create body and show the session it would make; saves nothing',
      body: { schema: CreateSessionBody },
      answers: { 200: { description: 'The session as it would be, stage conflicts and warnings', content: json(PreviewResultSchema) } },
      errors: ['starts_in_past', 'outside_campaign', 'unavailable'],
    },
  },
  {
    method: 'post', path: '/v1/sessions/bulk', role: 'organizer',
    handle: (c) => withIdempotency(c.deps, c.req, c.res, (seal) => postBulk(c.deps, c.req.body, c.auth?.principal, seal)),
    doc: {
      operationId: 'bulkCreateSessions', tag,
      summary: 'Create up to 5000 sessions at once',
      description: 'All items are validated first; conflicts between items count. Atomic: any failure creates nothing and answers 400 `validation_failed` (`details[].path` starts with the item index, e.g. `3.startsAt`) or 409 `stage_conflict` when the only failures are conflicts. Not atomic: the valid items are created and the others listed in `errors`.',
      headers: idempotencyHeader,
      body: { schema: BulkRequestBody },
      answers: {
        201: { description: 'Atomic: every session was created', headers: headerRefs('IdempotentReplayed'), content: json(BulkResultSchema) },
        200: { description: 'Not atomic: the created sessions and the failing items', headers: headerRefs('IdempotentReplayed'), content: json(BulkResultSchema) },
      },
      errors: ['stage_conflict', 'idempotency_conflict', 'unavailable'],
    },
  },
];
