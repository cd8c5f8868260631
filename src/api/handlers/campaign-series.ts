import { DateTime } from 'luxon';
import type { Deps } from '../../deps';
import { DomainError, notFound, validationError } from '../../domain/errors';
import { expandRecurrence } from '../../planning/recurrence';
import { createId } from '../../shared/ids';
import { createSessionSchema, seriesUpdateSchema } from '../schemas/session-schema';
import { parseOrThrow } from '../validate';
import { createMany } from './bulk';
import { campaignsOf } from './campaigns';
import { checkSessionInput, loadRefs } from './session-input';
import { cancelSession, updateSession } from './sessions';
import type { HandlerResult } from './sessions';

/** A create body that asks for a recurring session (POST /v1/sessions routes it here). */
export function isRecurring(body: unknown): boolean {
  return body !== null && typeof body === 'object' && !Array.isArray(body) && 'recurrence' in body;
}

/**
 * `POST /v1/sessions` with `recurrence`: the first start's local wall time repeated on every day of
 * the rule (open rules end with the campaign), each an ordinary session with the same duration and
 * the series id, created atomically like bulk. → `201 { seriesId, created, errors: [] }`.
 */
export async function createSeries(deps: Deps, body: unknown, principal?: string): Promise<HandlerResult> {
  const { recurrence, ...base } = parseOrThrow(createSessionSchema, body);
  if (!recurrence) throw validationError([{ path: 'recurrence', message: 'required' }]);
  const refs = await loadRefs(deps, base.campaignId ? [base.campaignId] : []);
  const checked = checkSessionInput(base, refs, deps, '', false);
  if (!checked.ok && checked.error.code !== 'outside_campaign') throw checked.error;
  const campaign = base.campaignId ? refs.campaigns.get(base.campaignId) ?? null : null;
  const zone = base.timezone ?? campaign?.timezone ?? deps.config.timezone;
  const startMs = Date.parse(checked.ok ? checked.definition.startsAt : '');
  const endMs = Date.parse(checked.ok ? checked.definition.endsAt : '');
  const firstLocal = DateTime.fromMillis(startMs, { zone }).toFormat("yyyy-MM-dd'T'HH:mm:ss");
  const expanded = expandRecurrence(firstLocal, zone, recurrence, campaign?.endsOn);
  if (!expanded.ok) throw validationError([{ path: expanded.path, message: expanded.message }]);
  const { endsAt: _endsAt, ...rest } = base;
  const durationMinutes = Math.round((endMs - startMs) / 60_000);
  const items = expanded.starts.map((startsAt) => ({ ...rest, startsAt, timezone: zone, durationMinutes }));
  const seriesId = createId('ser');
  const result = await createMany(deps, items, true, {
    label: (i) => `occurrences.${i}`,
    describe: (i) => `occurrence ${i} (${expanded.starts[i] ?? ''})`,
    seriesId,
  });
  const created = (result.body as { created: string[] }).created;
  await campaignsOf(deps).saveSeries({ id: seriesId, campaignId: base.campaignId ?? null, rule: recurrence, sessionIds: created, createdAt: new Date(deps.clock.now()).toISOString() });
  deps.logger.info('series created', { component: 'api', seriesId, sessions: created.length, principal });
  return { status: 201, body: { seriesId, created, errors: [] } };
}

/** `GET /v1/series/:id`: the rule and every session of the series with its status. */
export async function getSeries(deps: Deps, id: string): Promise<HandlerResult> {
  const series = await campaignsOf(deps).getSeries(id);
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

type Outcome = { updated: string[]; skipped: { sessionId: string; reason: string }[]; errors: { sessionId: string; error: Record<string, unknown> }[] };

/** Runs `change` on every occurrence still to come (scheduled, not yet started); the others are skipped. */
async function eachUpcoming(deps: Deps, id: string, change: (sessionId: string, startsAt: string, zone: string) => Promise<unknown>): Promise<Outcome> {
  const series = await campaignsOf(deps).getSeries(id);
  if (!series) throw notFound('series', id);
  const out: Outcome = { updated: [], skipped: [], errors: [] };
  for (const s of await deps.sessions.getMany(series.sessionIds)) {
    if (!s) continue;
    if (s.status !== 'scheduled' || Date.parse(s.startsAt) <= deps.clock.now()) {
      out.skipped.push({ sessionId: s.id, reason: s.status === 'scheduled' ? 'already started' : `is ${s.status}` });
      continue;
    }
    try {
      await change(s.id, s.startsAt, s.timezone);
      out.updated.push(s.id);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      out.errors.push({ sessionId: s.id, error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}), ...err.extra } });
    }
  }
  return out;
}

/**
 * `PATCH /v1/series/:id`: the update fields (not startsAt/endsAt; `startTime` `HH:mm` moves each
 * occurrence on its own day) applied to every occurrence still to come, each like PATCH
 * /v1/sessions/:id (stage rules, re-planning). Not atomic: refused occurrences are listed.
 */
export async function updateSeries(deps: Deps, id: string, body: unknown, principal?: string): Promise<HandlerResult> {
  const { startTime, ...patch } = parseOrThrow(seriesUpdateSchema, body);
  const out = await eachUpcoming(deps, id, async (sessionId, startsAt, zone) => {
    const day = DateTime.fromISO(startsAt, { zone: 'utc' }).setZone(zone).toISODate() ?? '';
    const moved = startTime ? { startsAt: `${day}T${startTime}` } : {};
    await updateSession(deps, sessionId, { ...patch, ...moved }, undefined, principal);
  });
  return { status: 200, body: { seriesId: id, ...out } };
}

/** `POST /v1/series/:id/cancel` (body like a session cancel): cancels every occurrence still to come. */
export async function cancelSeries(deps: Deps, id: string, body: unknown, principal?: string): Promise<HandlerResult> {
  const out = await eachUpcoming(deps, id, (sessionId) => cancelSession(deps, sessionId, body ?? {}, principal));
  return { status: 200, body: { seriesId: id, ...out } };
}
