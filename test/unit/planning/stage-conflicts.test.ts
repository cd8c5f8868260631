import { findConflicts, overlaps, suggestWindows } from '../../../src/planning/stage-conflicts';
import type { Booking, Window } from '../../../src/planning/stage-conflicts';
import { DAY_MS, HOUR_MS, iso, ms } from './builders';

/** A window on 7 June 2024 (UTC hours, end exclusive). */
const hours = (from: number, to: number): Window => ({ startMs: ms('2024-06-07T00:00:00Z') + from * HOUR_MS, endMs: ms('2024-06-07T00:00:00Z') + to * HOUR_MS });
const booking = (sessionId: string, from: number, to: number): Booking => ({ sessionId, ...hours(from, to) });
const shown = (windows: Window[]): string[] => windows.map((w) => `${iso(w.startMs)}/${iso(w.endMs)}`);
const FAR_PAST = ms('2024-01-01T00:00:00Z');

describe('overlaps', () => {
  it('sees windows that share time as overlapping, in either order', () => {
    expect(overlaps(hours(12, 14), hours(13, 15))).toBe(true);
    expect(overlaps(hours(13, 15), hours(12, 14))).toBe(true);
    expect(overlaps(hours(12, 14), hours(12, 14))).toBe(true);
    expect(overlaps(hours(10, 16), hours(12, 13))).toBe(true);
  });

  it('does not see touching windows (end == start) as overlapping', () => {
    expect(overlaps(hours(12, 14), hours(14, 16))).toBe(false);
    expect(overlaps(hours(14, 16), hours(12, 14))).toBe(false);
  });

  it('does not see separate windows as overlapping', () => {
    expect(overlaps(hours(8, 9), hours(12, 14))).toBe(false);
  });
});

describe('findConflicts', () => {
  const bookings = [booking('ses_c', 15, 17), booking('ses_a', 11, 13), booking('ses_b', 14, 15), booking('ses_self', 12, 14)];

  it('returns the overlapping bookings by start, ignoring touching ones', () => {
    expect(findConflicts(hours(12, 15), bookings).map((b) => b.sessionId)).toEqual(['ses_a', 'ses_self', 'ses_b']);
  });

  it('ignores the session itself (an update does not conflict with its own booking)', () => {
    expect(findConflicts(hours(12, 15), bookings, 'ses_self').map((b) => b.sessionId)).toEqual(['ses_a', 'ses_b']);
  });

  it('finds nothing on a free stage', () => {
    expect(findConflicts(hours(18, 20), bookings)).toEqual([]);
    expect(findConflicts(hours(18, 20), [])).toEqual([]);
  });

  it('keeps the fields of the bookings it returns', () => {
    const rich = [{ ...booking('ses_a', 11, 13), title: 'Chợ Hàn sáng' }];
    expect(findConflicts(hours(12, 14), rich)[0]?.title).toBe('Chợ Hàn sáng');
  });
});

describe('suggestWindows', () => {
  const wanted = hours(12, 14);

  it('offers the next free windows of the same length after the wanted start, skipping bookings', () => {
    const bookings = [booking('ses_a', 11, 13), booking('ses_b', 15, 16)];
    expect(shown(suggestWindows(wanted, bookings, { limit: 3, notBeforeMs: FAR_PAST }))).toEqual([
      '2024-06-07T13:00:00.000Z/2024-06-07T15:00:00.000Z',
      '2024-06-07T16:00:00.000Z/2024-06-07T18:00:00.000Z',
      '2024-06-07T18:00:00.000Z/2024-06-07T20:00:00.000Z',
    ]);
  });

  it('skips a gap too short for the session', () => {
    const bookings = [booking('ses_a', 12, 14), booking('ses_b', 15, 17)];
    expect(shown(suggestWindows(wanted, bookings, { limit: 1, notBeforeMs: FAR_PAST }))).toEqual(['2024-06-07T17:00:00.000Z/2024-06-07T19:00:00.000Z']);
  });

  it('fits a window exactly between two bookings (touching is not overlapping)', () => {
    const bookings = [booking('ses_a', 12, 14), booking('ses_b', 16, 18)];
    expect(shown(suggestWindows(wanted, bookings, { limit: 1, notBeforeMs: FAR_PAST }))).toEqual(['2024-06-07T14:00:00.000Z/2024-06-07T16:00:00.000Z']);
  });

  it('gets past overlapping bookings listed in any order', () => {
    const bookings = [booking('ses_b', 13, 17), booking('ses_a', 12, 14), booking('ses_c', 16, 19)];
    expect(shown(suggestWindows(wanted, bookings, { limit: 1, notBeforeMs: FAR_PAST }))).toEqual(['2024-06-07T19:00:00.000Z/2024-06-07T21:00:00.000Z']);
  });

  it('never offers a window before notBefore', () => {
    const notBeforeMs = hours(13, 13).startMs + 30 * 60_000;
    const windows = suggestWindows(wanted, [booking('ses_a', 12, 13)], { limit: 2, notBeforeMs });
    expect(shown(windows)).toEqual(['2024-06-07T13:30:00.000Z/2024-06-07T15:30:00.000Z', '2024-06-07T15:30:00.000Z/2024-06-07T17:30:00.000Z']);
    expect(windows.every((w) => w.startMs >= notBeforeMs)).toBe(true);
  });

  it('stays inside the campaign bounds and stops at their end', () => {
    const withinMs = hours(10, 18);
    const windows = suggestWindows(wanted, [booking('ses_a', 12, 14)], { limit: 5, notBeforeMs: FAR_PAST, withinMs });
    expect(shown(windows)).toEqual(['2024-06-07T14:00:00.000Z/2024-06-07T16:00:00.000Z', '2024-06-07T16:00:00.000Z/2024-06-07T18:00:00.000Z']);
  });

  it('starts no earlier than the campaign start', () => {
    const early = { startMs: hours(0, 0).startMs - DAY_MS, endMs: hours(0, 0).startMs - DAY_MS + 2 * HOUR_MS };
    expect(shown(suggestWindows(early, [], { limit: 1, notBeforeMs: FAR_PAST, withinMs: hours(9, 21) }))).toEqual(['2024-06-07T09:00:00.000Z/2024-06-07T11:00:00.000Z']);
  });

  it('offers nothing when no window fits inside the campaign', () => {
    expect(suggestWindows(wanted, [booking('ses_a', 10, 18)], { limit: 3, notBeforeMs: FAR_PAST, withinMs: hours(10, 18) })).toEqual([]);
  });

  it('offers windows that do not overlap each other or any booking, of the wanted length', () => {
    const bookings = [booking('ses_a', 12, 13), booking('ses_b', 14, 15), booking('ses_c', 17, 20), booking('ses_d', 21, 22)];
    const windows = suggestWindows(wanted, bookings, { limit: 4, notBeforeMs: FAR_PAST });
    expect(windows).toHaveLength(4);
    for (const [i, w] of windows.entries()) {
      expect(w.endMs - w.startMs).toBe(2 * HOUR_MS);
      expect(w.startMs).toBeGreaterThanOrEqual(wanted.startMs);
      expect(bookings.some((b) => overlaps(w, b))).toBe(false);
      expect(windows.some((other, j) => j !== i && overlaps(w, other))).toBe(false);
    }
  });

  it('respects the limit', () => {
    expect(suggestWindows(wanted, [], { limit: 2, notBeforeMs: FAR_PAST })).toHaveLength(2);
    expect(suggestWindows(wanted, [], { limit: 0, notBeforeMs: FAR_PAST })).toEqual([]);
  });

  it('ignores the session itself, so its own window is offered', () => {
    expect(shown(suggestWindows(wanted, [booking('ses_self', 12, 14)], { limit: 1, notBeforeMs: FAR_PAST, ignoreSessionId: 'ses_self' }))).toEqual([
      '2024-06-07T12:00:00.000Z/2024-06-07T14:00:00.000Z',
    ]);
  });

  it('does not reorder the bookings it is given', () => {
    const bookings = [booking('ses_b', 15, 16), booking('ses_a', 11, 13)];
    suggestWindows(wanted, bookings, { limit: 3, notBeforeMs: FAR_PAST });
    expect(bookings.map((b) => b.sessionId)).toEqual(['ses_b', 'ses_a']);
  });
});
