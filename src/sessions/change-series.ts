import { DateTime } from 'luxon';
import { updateSessionSchema } from '../api/schemas/session-schema';
import type { SeriesUpdateInput } from '../api/schemas/session-schema';
import { parseOrThrow } from '../api/validate';
import type { Deps } from '../deps';
import { DomainError, notFound } from '../domain/errors';
import { cancelSession } from './cancel-session';
import { updateSession } from './update-session';
import type { UpdateSessionDeps } from './update-session';

/** What a series change did to each occurrence still to come (not atomic). */
export interface SeriesOutcome {
  updated: string[];
  skipped: { sessionId: string; reason: string }[];
  errors: { sessionId: string; error: Record<string, unknown> }[];
}

export type ChangeSeriesDeps = UpdateSessionDeps;

/** Runs `change` on every occurrence still to come (scheduled, not yet started); the others are skipped. */
async function eachUpcoming(deps: Pick<Deps, 'campaigns' | 'sessions' | 'clock'>, id: string, change: (sessionId: string, startsAt: string, zone: string) => Promise<unknown>): Promise<SeriesOutcome> {
  const series = await deps.campaigns.getSeries(id);
  if (!series) throw notFound('series', id);
  const out: SeriesOutcome = { updated: [], skipped: [], errors: [] };
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
 * The update fields (not startsAt/endsAt; `startTime` `HH:mm` moves each occurrence on its own
 * day) applied to every occurrence still to come, each like a session update.
 */
export async function updateSeries(deps: ChangeSeriesDeps, id: string, input: SeriesUpdateInput, principal?: string): Promise<SeriesOutcome> {
  const { startTime, ...patch } = input;
  return eachUpcoming(deps, id, async (sessionId, startsAt, zone) => {
    const day = DateTime.fromISO(startsAt, { zone: 'utc' }).setZone(zone).toISODate() ?? '';
    const moved = startTime ? { startsAt: `${day}T${startTime}` } : {};
    // The moved start is checked like a PATCH body's (an occurrence that cannot take it is listed).
    await updateSession(deps, { id: sessionId, patch: parseOrThrow(updateSessionSchema, { ...patch, ...moved }), expectedVersion: null, principal });
  });
}

/** Cancels every occurrence still to come, each like a session cancel. */
export async function cancelSeries(deps: ChangeSeriesDeps, id: string, notice: boolean, principal?: string): Promise<SeriesOutcome> {
  return eachUpcoming(deps, id, (sessionId) => cancelSession(deps, { id: sessionId, notice, principal }));
}
