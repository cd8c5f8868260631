/** The only way LiveCue reads time. Instants are epoch milliseconds (UTC). */
export interface Clock {
  /** Current instant in epoch milliseconds. */
  now(): number;
}

/** The machine clock. */
export function createSystemClock(): Clock {
  return { now: () => Date.now() };
}

/** A clock tests move by hand: a month of schedule in a second. */
export interface ManualClock extends Clock {
  set(ms: number): void;
  advance(ms: number): void;
}

export function createManualClock(startMs: number): ManualClock {
  let current = startMs;
  return {
    now: () => current,
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
  return { now: () => base.now() + offsetMs() };
}
