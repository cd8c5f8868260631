/** The only way LiveCue reads time. Instants are epoch milliseconds (UTC). */
export interface Clock {
  /** Current instant in epoch milliseconds. */
  now(): number;
  /** Current instant as a UTC ISO 8601 string with `Z` (how instants are stored and queued). */
  nowIso(): string;
}

/** A Clock from a function that reads epoch milliseconds. */
export function clockFrom(now: () => number): Clock {
  return { now, nowIso: () => new Date(now()).toISOString() };
}

/** The machine clock. */
export function createSystemClock(): Clock {
  return clockFrom(() => Date.now());
}

/** A clock tests move by hand: a month of schedule in a second. */
export interface ManualClock extends Clock {
  set(ms: number): void;
  advance(ms: number): void;
}

export function createManualClock(startMs: number): ManualClock {
  let current = startMs;
  return {
    ...clockFrom(() => current),
    set: (ms) => {
      current = ms;
    },
    advance: (ms) => {
      current += ms;
    },
  };
}

/** A clock shifted by a fixed offset (e.g. to follow Redis `TIME` instead of the local clock). */
export function createOffsetClock(base: Clock, offsetMs: () => number): Clock {
  return clockFrom(() => base.now() + offsetMs());
}
