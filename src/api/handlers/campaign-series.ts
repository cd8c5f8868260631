import type { Deps } from '../../deps';
import { notFound } from '../../domain/errors';
import { cancelSeries, updateSeries } from '../../sessions/change-series';
import { createSeries } from '../../sessions/create-series';
import type { HandlerResult } from '../handler-result';
import { cancelSessionSchema, createSessionSchema, seriesUpdateSchema } from '../schemas/session-schema';
import { parseOrThrow } from '../validate';

/** `POST /v1/sessions` with `recurrence` → `201 { seriesId, created, errors: [] }`. */
export async function postSeries(deps: Deps, body: unknown, principal?: string): Promise<HandlerResult> {
  const { seriesId, created } = await createSeries(deps, parseOrThrow(createSessionSchema, body), principal);
  return { status: 201, body: { seriesId, created, errors: [] } };
}

/** `GET /v1/series/:id`: the rule and every session of the series with its status. */
export async function getSeries(deps: Deps, id: string): Promise<HandlerResult> {
  const series = await deps.campaigns.getSeries(id);
  if (!series) throw notFound('series', id);
  const sessions = await deps.sessions.getMany(series.sessionIds);
  return {
    status: 200,
    body: {
      seriesId: series.id,
      campaignId: series.campaignId,
      recurrence: series.rule,
      sessions: sessions.flatMap((s) => (s ? [{ id: s.id, status: s.status, version: s.version, title: s.title, startsAt: s.startsAt, endsAt: s.endsAt }] : [])),
    },
  };
}

/**
 * `PATCH /v1/series/:id`: the update fields (not startsAt/endsAt; `startTime` `HH:mm` moves each
 * occurrence on its own day) applied to every occurrence still to come. Not atomic: refused
 * occurrences are listed.
 */
export async function patchSeries(deps: Deps, id: string, body: unknown, principal?: string): Promise<HandlerResult> {
  const out = await updateSeries(deps, id, parseOrThrow(seriesUpdateSchema, body), principal);
  return { status: 200, body: { seriesId: id, ...out } };
}

/** `POST /v1/series/:id/cancel` (body like a session cancel): cancels every occurrence still to come. */
export async function postSeriesCancel(deps: Deps, id: string, body: unknown, principal?: string): Promise<HandlerResult> {
  const { notice } = parseOrThrow(cancelSessionSchema, body ?? {});
  const out = await cancelSeries(deps, id, notice ?? false, principal);
  return { status: 200, body: { seriesId: id, ...out } };
}
