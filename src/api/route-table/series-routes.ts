import { z } from 'zod';
import type { ApiRoute } from '../routes';
import { isRecurring } from '../../sessions/create-series';
import { withIdempotency } from '../idempotency';
import { getSeries, patchSeries, postSeries, postSeriesCancel } from '../handlers/campaign-series';
import { seriesUpdateSchema } from '../schemas/session-schema';
import { idParam } from '../openapi/define-route';
import { CancelSessionBody } from './session-routes';

const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });

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

const tag = 'Sessions';
const seriesId = idParam('series', 'ser_k3j9x0a1b2c3');

/** A recurrence series: the sessions one `recurrence` body made. */
export const seriesRoutes: ApiRoute[] = [
  {
    // A create body with `recurrence` is a series; any other goes on to the plain create route
    // (documented there, as createSession).
    method: 'post', path: '/v1/sessions', role: 'organizer',
    when: (req) => isRecurring(req.body),
    handle: (c) => withIdempotency(c.deps, c.req, c.res, () => postSeries(c.deps, c.req.body, c.auth?.principal)),
    doc: null,
  },
  {
    method: 'get', path: '/v1/series/:id', role: 'viewer',
    handle: ({ deps, id }) => getSeries(deps, id),
    doc: {
      operationId: 'getSeries', tag,
      summary: 'The sessions of a recurrence series',
      params: seriesId,
      answers: { 200: { description: 'The series and its sessions', content: json(SeriesSessions) } },
      errors: ['not_found', 'unavailable'],
    },
  },
  {
    method: 'patch', path: '/v1/series/:id', role: 'organizer',
    handle: ({ deps, req, id, auth }) => patchSeries(deps, id, req.body, auth?.principal),
    doc: {
      operationId: 'updateSeries', tag,
      summary: 'Change every occurrence still to come',
      description: 'The update fields except startsAt/endsAt, plus `startTime` (`HH:mm`) to move each occurrence to a new local time on its own day; each occurrence follows the rules of PATCH /v1/sessions/{id}.',
      params: seriesId,
      body: { schema: seriesUpdateSchema.meta({ id: 'UpdateSeriesRequest' }) },
      answers: { 200: { description: 'What was changed, skipped or refused', content: json(SeriesOutcome) } },
      errors: ['not_found', 'unavailable'],
    },
  },
  {
    method: 'post', path: '/v1/series/:id/cancel', role: 'organizer',
    handle: ({ deps, req, id, auth }) => postSeriesCancel(deps, id, req.body, auth?.principal),
    doc: {
      operationId: 'cancelSeries', tag,
      summary: 'Cancel every occurrence still to come',
      params: seriesId,
      body: { schema: CancelSessionBody, required: false },
      answers: { 200: { description: 'What was cancelled, skipped or refused', content: json(SeriesOutcome) } },
      errors: ['not_found', 'unavailable'],
    },
  },
];
