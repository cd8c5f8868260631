import type { TextInput } from '../../../src/text/text-input';

/** The Chợ Cồn evening session (Friday 07/06/2024, 19:00–21:00 in Đà Nẵng), with overrides. */
export function aTextInput(overrides: Partial<TextInput> = {}): TextInput {
  return {
    title: 'Chợ Cồn đêm: đặc sản Đà Nẵng',
    startsAt: '2024-06-07T12:00:00.000Z',
    endsAt: '2024-06-07T14:00:00.000Z',
    timezone: 'Asia/Ho_Chi_Minh',
    locale: 'vi',
    products: [
      { name: 'Mực rim me', price: 180000 },
      { name: 'Bánh tráng cuốn thịt heo', price: 45000 },
      { name: 'Chả bò', price: 250000 },
      { name: 'Tré' },
    ],
    vendor: { name: 'Cô Ba Mực Khô', stall: 'B12', market: 'Chợ Cồn' },
    host: { name: 'Chị Lan', phone: '0905 123 456' },
    promotions: ['Freeship nội thành', 'Giảm 10%'],
    link: 'https://fb.watch/chocon',
    ...overrides,
  };
}

/** `count` products named `Món 1`… with prices 10.000 ₫ apart. */
export function someProducts(count: number): TextInput['products'] {
  return Array.from({ length: count }, (_, i) => ({
    name: `Món ${i + 1}`,
    price: (i + 1) * 10000,
  }));
}
