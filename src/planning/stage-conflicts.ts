/** A booked or requested time window on a stage, epoch ms, end exclusive. */
export interface Window {
  startMs: number;
  endMs: number;
}

export interface Booking extends Window {
  sessionId: string;
}

export function overlaps(a: Window, b: Window): boolean {
  return a.startMs < b.endMs && b.startMs < a.endMs;
}

export function findConflicts<T extends Booking>(wanted: Window, bookings: readonly T[], ignoreSessionId?: string): T[] {
  return bookings.filter((b) => b.sessionId !== ignoreSessionId && overlaps(wanted, b)).sort((a, b) => a.startMs - b.startMs);
}

export interface SuggestOptions {
  /** How many windows to offer. */
  limit: number;
  /** Nothing earlier than this (e.g. now). */
  notBeforeMs: number;
  /** Stay inside these (e.g. the campaign's days). */
  withinMs?: Window;
  ignoreSessionId?: string;
}

/**
 * The next free windows of the same length on a stage, from the wanted start onwards, each clear
 * of every booking (and of each other), inside the campaign's days when given.
 */
export function suggestWindows(wanted: Window, bookings: readonly Booking[], options: SuggestOptions): Window[] {
  const length = wanted.endMs - wanted.startMs;
  const sorted = bookings.filter((b) => b.sessionId !== options.ignoreSessionId).sort((a, b) => a.startMs - b.startMs);
  const out: Window[] = [];
  let candidate = Math.max(wanted.startMs, options.notBeforeMs, options.withinMs?.startMs ?? -Infinity);
  for (let guard = 0; out.length < options.limit && guard < sorted.length + options.limit + 1; guard += 1) {
    const window = { startMs: candidate, endMs: candidate + length };
    if (options.withinMs && window.endMs > options.withinMs.endMs) break;
    const blocker = sorted.find((b) => overlaps(window, b));
    if (blocker) {
      candidate = blocker.endMs;
      continue;
    }
    out.push(window);
    candidate = window.endMs;
  }
  return out;
}
