/** One benchmark figure: LiveCue and raw BullMQ/Redis doing the same work in the same run. */
export interface Figure {
  livecue: number;
  raw: number;
  /** livecue / raw. */
  ratio: number;
  unit: string;
  /** Measurements that explain the figure (phase times, counts). */
  notes?: Record<string, number | string>;
}

export function figure(livecue: number, raw: number, unit: string, notes?: Record<string, number | string>): Figure {
  const round = (n: number): number => (Math.abs(n) >= 100 ? Math.round(n) : Math.round(n * 100) / 100);
  return { livecue: round(livecue), raw: round(raw), ratio: raw === 0 ? NaN : Math.round((livecue / raw) * 1000) / 1000, unit, ...(notes ? { notes } : {}) };
}
