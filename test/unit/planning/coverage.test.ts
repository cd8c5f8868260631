import { computeCoverage } from '../../../src/planning/coverage';
import type { CoverageSession } from '../../../src/planning/coverage';

const catalog = {
  vendors: [{ id: 'v1', name: 'Quầy Cô Lan' }, { id: 'v2', name: 'Quầy Anh Hoa' }, { id: 'v3', name: 'Quầy Cô Mai' }],
  products: [
    { id: 'p1', vendorId: 'v1', name: 'Mực rim me' },
    { id: 'p2', vendorId: 'v1', name: 'Tôm khô' },
    { id: 'p3', vendorId: 'v2', name: 'Mắm nêm' },
    { id: 'p4', vendorId: 'v3', name: 'Chả bò' },
  ],
};
const session = (over: Partial<CoverageSession>): CoverageSession => ({
  vendorIds: [], productIds: [], startsAt: '2024-06-07T12:00:00.000Z', endsAt: '2024-06-07T13:00:00.000Z', status: 'scheduled', ...over,
});

describe('computeCoverage', () => {
  it('counts sessions, minutes and ended ones per vendor and product, in catalog order', () => {
    const result = computeCoverage(catalog, [
      session({ vendorIds: ['v1'], status: 'ended' }),
      session({ vendorIds: ['v1', 'v2'], endsAt: '2024-06-07T14:00:00.000Z' }),
    ]);
    expect(result.vendors).toEqual([
      { id: 'v1', name: 'Quầy Cô Lan', sessions: 2, minutes: 180, done: 1 },
      { id: 'v2', name: 'Quầy Anh Hoa', sessions: 1, minutes: 120, done: 0 },
      { id: 'v3', name: 'Quầy Cô Mai', sessions: 0, minutes: 0, done: 0 },
    ]);
    expect(result.products.map((p) => [p.id, p.sessions, p.minutes, p.done])).toEqual([['p1', 2, 180, 1], ['p2', 2, 180, 1], ['p3', 1, 120, 0], ['p4', 0, 0, 0]]);
  });

  it('features only the named products of a vendor, and the vendor of a named product', () => {
    const result = computeCoverage(catalog, [session({ vendorIds: ['v1'], productIds: ['p2', 'p4'] })]);
    expect(result.products.map((p) => p.sessions)).toEqual([0, 1, 0, 1]);
    expect(result.vendors.map((v) => v.sessions)).toEqual([1, 0, 1]);
  });

  it('leaves cancelled sessions out and ignores ids not in the catalog', () => {
    const result = computeCoverage(catalog, [session({ vendorIds: ['v1'], status: 'cancelled' }), session({ vendorIds: ['v9'], productIds: ['p9'] })]);
    expect(result.vendors.every((v) => v.sessions === 0)).toBe(true);
    expect(result.products.every((p) => p.sessions === 0)).toBe(true);
  });
});
