import { DateTime } from 'luxon';
import type { CreateSessionInput } from '../api/schemas/session-schema';
import { validationError } from '../domain/errors';
import { expandRecurrence } from '../planning/recurrence';
import { createId } from '../shared/ids';
import { createMany } from './create-many';
import type { CreateManyDeps } from './create-many';
import { checkSessionInput, loadRefs } from './session-input';

export interface CreatedSeries {
  seriesId: string;
  created: string[];
}

/**
 * A create with `recurrence`: the first start's local wall time repeated on every day of the rule
 * (open rules end with the campaign), each an ordinary session with the same duration and the
 * series id, created atomically like bulk; then the series record.
 */
export async function createSeries(deps: CreateManyDeps, input: CreateSessionInput, principal?: string): Promise<CreatedSeries> {
  const { recurrence, ...base } = input;
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
  const { created } = await createMany(deps, items, true, {
    label: (i) => `occurrences.${i}`,
    describe: (i) => `occurrence ${i} (${expanded.starts[i] ?? ''})`,
    seriesId,
  });
  await deps.campaigns.saveSeries({ id: seriesId, campaignId: base.campaignId ?? null, rule: recurrence, sessionIds: created, createdAt: deps.clock.nowIso() });
  deps.logger.info('series created', { component: 'sessions', seriesId, sessions: created.length, principal });
  return { seriesId, created };
}

/** Whether a raw create body asks for a recurring session. */
export function isRecurring(body: unknown): boolean {
  return body !== null && typeof body === 'object' && !Array.isArray(body) && 'recurrence' in body;
}

