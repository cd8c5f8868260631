import { calendarQuery, catalogSchema, createCampaignSchema, importCampaignQuery } from '../../../src/api/schemas/campaign-schema';

/** A campaign create body shaped like the Da Nang 2024 fixture, with overrides. */
const aCampaign = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: 'danang-livestream-2024',
  name: 'Chợ Livestream bán hàng Đà Nẵng 2024',
  organizer: 'Sở Công Thương Đà Nẵng',
  timezone: 'Asia/Ho_Chi_Minh',
  startsOn: '2024-06-07',
  endsOn: '2024-07-07',
  imageUrl: 'https://example.com/poster.jpg',
  stages: [
    { id: 'mega-stage', name: 'Sân khấu Mega Livestream - chợ Cồn' },
    { id: 'booth-cho-con', name: 'Quầy tư vấn livestream - chợ Cồn' },
  ],
  promotions: [{ id: 'kich-cau-cho-con', name: 'Khuyến mại kích cầu', startsOn: '2024-06-07', endsOn: '2024-06-30' }],
  ...overrides,
});

const aCatalog = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  vendors: [
    { id: 'v001', name: 'Quầy Cô Lan', stall: 'A10', market: 'Chợ Cồn', marketId: 'cho-con', category: 'Đặc sản khô', phone: '0905439563' },
    { id: 'v002', name: 'Quầy Anh Hoa' },
  ],
  products: [
    { id: 'p001', vendorId: 'v001', name: 'Mực rim me', price: 180000, unit: 'VND' },
    { id: 'p002', vendorId: 'v002', name: 'Mắm nêm' },
  ],
  ...overrides,
});

const issuePaths = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }): string[] =>
  (result.error?.issues ?? []).map((i) => i.path.map(String).join('.'));

describe('campaign create body', () => {
  it('accepts the fixture campaign and the minimal one', () => {
    expect(createCampaignSchema.safeParse(aCampaign()).success).toBe(true);
    expect(createCampaignSchema.safeParse({ name: 'Chợ', startsOn: '2024-06-07', endsOn: '2024-06-07', stages: [] }).success).toBe(true);
  });

  it('refuses an unknown field (a typo never drops a setting)', () => {
    const result = createCampaignSchema.safeParse(aCampaign({ stagez: [] }));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['stagez'] });
  });

  it('refuses unknown fields inside stages and promotions', () => {
    expect(createCampaignSchema.safeParse(aCampaign({ stages: [{ id: 'a', name: 'A', color: 'red' }] })).success).toBe(false);
    expect(createCampaignSchema.safeParse(aCampaign({ promotions: [{ id: 'p', name: 'P', startsOn: '2024-06-07', endsOn: '2024-06-08', pct: 10 }] })).success).toBe(false);
  });

  it('refuses days that do not exist, an end before the start, and an unknown zone', () => {
    expect(issuePaths(createCampaignSchema.safeParse(aCampaign({ endsOn: '2024-02-30' })))).toEqual(['endsOn']);
    expect(issuePaths(createCampaignSchema.safeParse(aCampaign({ endsOn: '2024-06-01' })))).toEqual(['endsOn']);
    expect(issuePaths(createCampaignSchema.safeParse(aCampaign({ timezone: 'Mars/Olympus' })))).toEqual(['timezone']);
  });

  it('refuses duplicate stage ids, naming the second', () => {
    const stages = [{ id: 'a', name: 'A' }, { id: 'a', name: 'B' }];
    expect(issuePaths(createCampaignSchema.safeParse(aCampaign({ stages })))).toEqual(['stages.1.id']);
  });

  it('refuses ids outside [a-z0-9_-]{1,64} and control characters in names', () => {
    expect(createCampaignSchema.safeParse(aCampaign({ id: 'Bad Id' })).success).toBe(false);
    expect(createCampaignSchema.safeParse(aCampaign({ name: 'a\u0007b' })).success).toBe(false);
  });
});

describe('campaign catalog body', () => {
  it('accepts vendors and products shaped like the fixture', () => {
    expect(catalogSchema.safeParse(aCatalog()).success).toBe(true);
  });

  it('requires both lists (an omitted list never wipes a catalog by accident)', () => {
    expect(catalogSchema.safeParse({ vendors: [] }).success).toBe(false);
    expect(catalogSchema.safeParse({ vendors: [], products: [] }).success).toBe(true);
  });

  it('refuses a product of a vendor the catalog does not have', () => {
    const products = [{ id: 'p009', vendorId: 'v404', name: 'Bánh tráng' }];
    expect(issuePaths(catalogSchema.safeParse(aCatalog({ products })))).toEqual(['products.0.vendorId']);
  });

  it('refuses unknown fields and duplicate ids', () => {
    expect(catalogSchema.safeParse(aCatalog({ vendors: [{ id: 'v001', name: 'A', owner: 'x' }], products: [] })).success).toBe(false);
    expect(issuePaths(catalogSchema.safeParse(aCatalog({ vendors: [{ id: 'v001', name: 'A' }, { id: 'v001', name: 'B' }], products: [] })))).toEqual(['vendors.1.id']);
  });
});

describe('campaign query parameters', () => {
  it('takes atomic as "true" or "false" on import', () => {
    expect(importCampaignQuery.safeParse({ atomic: 'false' }).success).toBe(true);
    expect(importCampaignQuery.safeParse({ atomic: 'no' }).success).toBe(false);
  });

  it('wants a feed key for the calendar', () => {
    expect(calendarQuery.safeParse({}).success).toBe(false);
    expect(calendarQuery.safeParse({ key: 'k3y' }).success).toBe(true);
  });
});
