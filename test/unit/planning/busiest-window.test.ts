import { busiestWindow, extent } from '../../../src/planning/busiest-window';

/** The definition the rate checks used: for each instant, how many fall in the window it starts. */
const naive = (times: number[], windowMs: number): number => (times.length === 0 ? 0 : Math.max(...times.map((start) => times.filter((at) => at >= start && at < start + windowMs).length)));

describe('busiestWindow', () => {
  it('counts the instants of the fullest window starting at one of them', () => {
    expect(busiestWindow([], 60_000)).toBe(0);
    expect(busiestWindow([5], 60_000)).toBe(1);
    // [0, 60 s) holds 0, 30 s and 59.999 s; 60 s starts a new window.
    expect(busiestWindow([60_000, 0, 59_999, 30_000], 60_000)).toBe(3);
    expect(busiestWindow([7, 7, 7, 7], 1)).toBe(4);
  });

  it('agrees with the quadratic definition on random instants, duplicates included', () => {
    let seed = 17;
    const next = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed;
    };
    for (let round = 0; round < 300; round++) {
      const n = next() % 40;
      const times = Array.from({ length: n }, () => (next() % 20) * 15_000);
      expect(busiestWindow(times, 60_000)).toBe(naive(times, 60_000));
    }
  });

  it('takes tens of thousands of instants (no argument spreading)', () => {
    const times = Array.from({ length: 200_000 }, (_, i) => i % 1000);
    expect(busiestWindow(times, 60_000)).toBe(200_000);
    expect(extent(times)).toEqual({ min: 0, max: 999 });
  });
});
