import type { Deps } from '../deps';
import { DomainError } from '../domain/errors';
import type { SessionDefinition } from '../domain/session';
import { suggestWindows } from '../planning/stage-conflicts';
import type { Booking, Window } from '../planning/stage-conflicts';
import { DateTime } from 'luxon';

/** A campaign's days as instants: its first day's midnight to the midnight after its last, in its zone. */
export function campaignWindow(campaign: { startsOn: string; endsOn: string; timezone: string }): Window {
  const startMs = DateTime.fromISO(campaign.startsOn, { zone: campaign.timezone }).toMillis();
  const endMs = DateTime.fromISO(campaign.endsOn, { zone: campaign.timezone }).plus({ days: 1 }).toMillis();
  return { startMs, endMs };
}

/** `409 stage_conflict` with the overlapping bookings and the next free windows of the same length. */
export async function stageConflictError(deps: Pick<Deps, 'campaigns' | 'sessions' | 'clock'>, def: SessionDefinition, conflicts: Booking[], extraBookings: Booking[] = [], sessionId?: string): Promise<DomainError> {
  const startMs = Date.parse(def.startsAt);
  const endMs = Date.parse(def.endsAt);
  const stageId = def.stageId ?? '';
  const campaign = def.campaignId ? await deps.campaigns.ref(def.campaignId) : null;
  const within = campaign ? campaignWindow(campaign) : null;
  const horizonMs = Math.max(startMs + 14 * 86_400_000, within?.endMs ?? 0);
  const bookings = [...(await deps.sessions.stageBookings(stageId, startMs, horizonMs)), ...extraBookings];
  const suggestions = suggestWindows({ startMs, endMs }, bookings, {
    limit: 3,
    notBeforeMs: deps.clock.now(),
    ...(within ? { withinMs: within } : {}),
    ...(sessionId ? { ignoreSessionId: sessionId } : {}),
  });
  const iso = (ms: number): string => new Date(ms).toISOString();
  return new DomainError('stage_conflict', `stage '${stageId}' is booked between ${iso(startMs)} and ${iso(endMs)}: pick one of the suggested windows or another stage`, undefined, {
    conflicts: conflicts.map((c) => ({ sessionId: c.sessionId, startsAt: iso(c.startMs), endsAt: iso(c.endMs) })),
    suggestions: suggestions.map((w) => ({ startsAt: iso(w.startMs), endsAt: iso(w.endMs) })),
  });
}

/** Overlaps between items of one request on one stage (each item after the first it overlaps). */
export function conflictsWithinBatch(items: { index: number; def: SessionDefinition }[]): Map<number, Booking[]> {
  const byStage = new Map<string, { index: number; startMs: number; endMs: number }[]>();
  for (const { index, def } of items) {
    if (!def.stageId) continue;
    const list = byStage.get(def.stageId) ?? [];
    list.push({ index, startMs: Date.parse(def.startsAt), endMs: Date.parse(def.endsAt) });
    byStage.set(def.stageId, list);
  }
  const out = new Map<number, Booking[]>();
  for (const list of byStage.values()) {
    list.sort((a, b) => a.startMs - b.startMs || a.index - b.index);
    let open: { index: number; startMs: number; endMs: number } | null = null;
    for (const w of list) {
      if (open && w.startMs < open.endMs) {
        out.set(w.index, [{ sessionId: `#${open.index}`, startMs: open.startMs, endMs: open.endMs }]);
        if (w.endMs > open.endMs) open = w;
      } else open = w;
    }
  }
  return out;
}
