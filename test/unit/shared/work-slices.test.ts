import { createWorkSlices, jsonBytesInSlices, mapInSlices } from '../../../src/shared/work-slices';

/** Busy work of about `ms` milliseconds (a slow item). */
function spin(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // busy
  }
}

describe('work slices', () => {
  it('gives the event loop a turn between slices of a long map, and maps like Array.map', async () => {
    let turns = 0;
    let ticking = true;
    const tick = (): void => {
      turns += 1;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const items = Array.from({ length: 40 }, (_, i) => i);
    const out = await mapInSlices(items, (n, i) => {
      spin(1);
      return n * 2 + i;
    }, createWorkSlices(5));
    ticking = false;
    expect(out).toEqual(items.map((n, i) => n * 2 + i));
    // ~40 ms of work in 5 ms slices: the immediate ran between slices, not only after the map.
    expect(turns).toBeGreaterThanOrEqual(4);
  });

  it('does not yield within a slice', async () => {
    let turned = false;
    setImmediate(() => {
      turned = true;
    });
    await mapInSlices([1, 2, 3], (n) => n, createWorkSlices(10_000));
    expect(turned).toBe(false);
  });

  it('writes the same JSON bytes as JSON.stringify', async () => {
    const items = [{ a: 'Chợ Cồn 🛒', b: [1, 2] }, null, undefined, 'x"y', 3];
    expect((await jsonBytesInSlices(items)).toString('utf8')).toBe(JSON.stringify(items));
    expect((await jsonBytesInSlices([])).toString('utf8')).toBe('[]');
  });
});
