import type { SessionDefinition } from '../../../src/domain/session';
import { createTextInput } from '../../../src/text/text-input';

function aDefinition(overrides: Partial<SessionDefinition> = {}): SessionDefinition {
  return {
    title: 'Chợ Cồn đêm',
    startsAt: '2024-06-07T12:00:00.000Z',
    endsAt: '2024-06-07T14:00:00.000Z',
    timezone: 'Asia/Ho_Chi_Minh',
    campaignId: null,
    stageId: null,
    products: [{ name: 'Mực rim me', price: 180000, url: 'https://shop/1' }, { name: 'Tré' }],
    vendorIds: [],
    productIds: [],
    imageUrls: [],
    targets: [],
    announceOffsets: ['P1D'],
    reminderOffsets: ['PT1H'],
    // No on-air guard unless a test asks for one (plan-session.test.ts plans it explicitly).
    guardOffsets: [],
    notify: [],
    locale: 'vi',
    ...overrides,
  };
}

describe('createTextInput', () => {
  it('takes title, times, zone, locale and priced products from the session', () => {
    expect(createTextInput(aDefinition())).toEqual({
      title: 'Chợ Cồn đêm',
      startsAt: '2024-06-07T12:00:00.000Z',
      endsAt: '2024-06-07T14:00:00.000Z',
      timezone: 'Asia/Ho_Chi_Minh',
      locale: 'vi',
      products: [{ name: 'Mực rim me', price: 180000 }, { name: 'Tré' }],
      promotions: [],
    });
  });

  it('carries vendor, host, overrides, promotions and link when present', () => {
    const input = createTextInput(
      aDefinition({
        vendor: { name: 'Cô Ba', stall: 'B12' },
        host: { name: 'Chị Lan' },
        text: { live: '{title}' },
      }),
      { promotions: ['Freeship'], link: 'https://fb.watch/x' },
    );
    expect(input.vendor).toEqual({ name: 'Cô Ba', stall: 'B12' });
    expect(input.host).toEqual({ name: 'Chị Lan' });
    expect(input.overrides).toEqual({ live: '{title}' });
    expect(input.promotions).toEqual(['Freeship']);
    expect(input.link).toBe('https://fb.watch/x');
  });
});
