import {
  renderAnnounce,
  renderCancelNotice,
  renderCue,
  renderLiveDescription,
  renderLivePost,
  renderReminder,
} from '../../../src/text/render';
import { aTextInput, someProducts } from './builders';

describe('renderAnnounce', () => {
  it('writes the Chợ Cồn promo in Vietnamese', () => {
    expect(renderAnnounce(aTextInput())).toBe(
      [
        'Chợ Cồn đêm: đặc sản Đà Nẵng',
        'Lên sóng lúc 19:00 thứ Sáu, 07/06/2024',
        'Gian hàng: Cô Ba Mực Khô · Sạp B12 · Chợ Cồn',
        'Sản phẩm:',
        '• Mực rim me – 180.000 ₫',
        '• Bánh tráng cuốn thịt heo – 45.000 ₫',
        '• Chả bò – 250.000 ₫',
        '• Tré',
        'Khuyến mãi hôm nay: Freeship nội thành, Giảm 10%',
        'Xem trực tiếp: https://fb.watch/chocon',
      ].join('\n'),
    );
  });

  it('writes the same promo in English with the distance to the start', () => {
    expect(renderAnnounce(aTextInput({ locale: 'en' }), 'P1D')).toBe(
      [
        'Chợ Cồn đêm: đặc sản Đà Nẵng',
        'Live at 19:00 Friday, 07/06/2024 (in 1 day)',
        'Vendor: Cô Ba Mực Khô · Stall B12 · Chợ Cồn',
        'Products:',
        '• Mực rim me – 180.000 ₫',
        '• Bánh tráng cuốn thịt heo – 45.000 ₫',
        '• Chả bò – 250.000 ₫',
        '• Tré',
        "Today's promotions: Freeship nội thành, Giảm 10%",
        'Watch live: https://fb.watch/chocon',
      ].join('\n'),
    );
  });

  it('says how far away the start is in Vietnamese', () => {
    expect(renderAnnounce(aTextInput(), 'PT1H').split('\n')[1]).toBe(
      'Lên sóng lúc 19:00 thứ Sáu, 07/06/2024 (còn 1 giờ nữa)',
    );
  });

  it('leaves out the lines it has nothing for', () => {
    const input = aTextInput({ products: [], promotions: [] });
    delete input.vendor;
    delete input.link;
    expect(renderAnnounce(input)).toBe(
      'Chợ Cồn đêm: đặc sản Đà Nẵng\nLên sóng lúc 19:00 thứ Sáu, 07/06/2024',
    );
  });

  it('shows a vendor without stall or market by name only', () => {
    const text = renderAnnounce(aTextInput({ vendor: { name: 'Cô Ba Mực Khô' } }));
    expect(text).toContain('\nGian hàng: Cô Ba Mực Khô\n');
  });

  it('lists exactly ten products in full', () => {
    const lines = renderAnnounce(aTextInput({ products: someProducts(10), link: 'x' })).split('\n');
    const bullets = lines.filter((l) => l.startsWith('• '));
    expect(bullets).toHaveLength(10);
    expect(bullets[9]).toBe('• Món 10 – 100.000 ₫');
    expect(lines.some((l) => l.includes('khác'))).toBe(false);
  });

  it('keeps the product list to ten lines and counts the rest', () => {
    const text = renderAnnounce(aTextInput({ products: someProducts(25) }));
    const lines = text.split('\n');
    const start = lines.indexOf('Sản phẩm:') + 1;
    const listed = lines.slice(start, start + 10);
    expect(listed.slice(0, 9)).toEqual(
      someProducts(9).map((p) => `• ${p.name} – ${String((p.price ?? 0) / 1000)}.000 ₫`),
    );
    expect(listed[9]).toBe('và 16 sản phẩm khác');
    expect(lines[start + 10]).toBe('Khuyến mãi hôm nay: Freeship nội thành, Giảm 10%');
  });

  it('counts the rest in English', () => {
    const text = renderAnnounce(aTextInput({ locale: 'en', products: someProducts(11) }));
    expect(text).toContain('• Món 9 – 90.000 ₫\nand 2 more\n');
    expect(text).not.toContain('Món 10');
  });

  it('fills an organizer template and leaves unknown placeholders as written', () => {
    const input = aTextInput({
      products: someProducts(2),
      overrides: { announce: '{title} lúc {start}! {products}\nXem: {link} {giá} {TITLE}' },
    });
    expect(renderAnnounce(input, 'P1D')).toBe(
      'Chợ Cồn đêm: đặc sản Đà Nẵng lúc 19:00 thứ Sáu, 07/06/2024! ' +
        '• Món 1 – 10.000 ₫\n• Món 2 – 20.000 ₫\nXem: https://fb.watch/chocon {giá} {TITLE}',
    );
  });

  it('does not expand placeholders that come from the values themselves', () => {
    const input = aTextInput({ title: 'Sale {link}', overrides: { announce: '{title}|{link}' } });
    expect(renderAnnounce(input)).toBe('Sale {link}|https://fb.watch/chocon');
  });

  it('replaces {link} with nothing when there is no link', () => {
    const input = aTextInput({ overrides: { announce: 'Xem: {link}.' } });
    delete input.link;
    expect(renderAnnounce(input)).toBe('Xem: .');
  });

  it('shows the start in the session zone across the Berlin clock change', () => {
    const input = aTextInput({
      locale: 'en',
      timezone: 'Europe/Berlin',
      startsAt: '2024-03-31T17:00:00Z',
      endsAt: '2024-03-31T19:00:00Z',
    });
    expect(renderAnnounce(input).split('\n')[1]).toBe('Live at 19:00 Sunday, 31/03/2024');
  });
});

describe('renderLiveDescription', () => {
  it('describes the live with its time range, vendor, host and products but no link', () => {
    expect(renderLiveDescription(aTextInput({ products: someProducts(1) }))).toBe(
      [
        'Chợ Cồn đêm: đặc sản Đà Nẵng',
        'Thời gian: 19:00 thứ Sáu, 07/06/2024 – 21:00',
        'Gian hàng: Cô Ba Mực Khô · Sạp B12 · Chợ Cồn',
        'Người dẫn: Chị Lan (0905 123 456)',
        'Sản phẩm:',
        '• Món 1 – 10.000 ₫',
        'Khuyến mãi hôm nay: Freeship nội thành, Giảm 10%',
      ].join('\n'),
    );
  });

  it('dates the end when the session runs past local midnight', () => {
    const input = aTextInput({ locale: 'en', endsAt: '2024-06-07T18:00:00Z' });
    expect(renderLiveDescription(input).split('\n')[1]).toBe(
      'Time: 19:00 Friday, 07/06/2024 – 01:00 Saturday, 08/06/2024',
    );
  });
});

describe('renderReminder', () => {
  it('reminds in Vietnamese an hour before', () => {
    expect(renderReminder(aTextInput(), 'PT1H')).toBe(
      [
        'Còn 1 giờ nữa: Chợ Cồn đêm: đặc sản Đà Nẵng',
        'Lên sóng lúc 19:00 thứ Sáu, 07/06/2024',
        'Xem trực tiếp: https://fb.watch/chocon',
      ].join('\n'),
    );
  });

  it.each([
    ['P1D', 'Starts in 1 day: Chợ Cồn đêm: đặc sản Đà Nẵng'],
    ['P2D', 'Starts in 2 days: Chợ Cồn đêm: đặc sản Đà Nẵng'],
    ['PT10M', 'Starts in 10 minutes: Chợ Cồn đêm: đặc sản Đà Nẵng'],
    ['PT30M', 'Starts in 30 minutes: Chợ Cồn đêm: đặc sản Đà Nẵng'],
  ])('reminds in English %s before', (offset, firstLine) => {
    expect(renderReminder(aTextInput({ locale: 'en' }), offset).split('\n')[0]).toBe(firstLine);
  });

  it('reminds in Vietnamese ten minutes and two days before', () => {
    expect(renderReminder(aTextInput(), 'PT10M')).toMatch(/^Còn 10 phút nữa: /);
    expect(renderReminder(aTextInput(), 'P2D')).toMatch(/^Còn 2 ngày nữa: /);
  });
});

describe('renderCue', () => {
  it('cues the host with name, phone and stall', () => {
    expect(renderCue(aTextInput())).toBe(
      [
        'Đến giờ lên sóng: Chợ Cồn đêm: đặc sản Đà Nẵng',
        'Lên sóng lúc 19:00 thứ Sáu, 07/06/2024',
        'Người dẫn: Chị Lan (0905 123 456)',
        'Gian hàng: Cô Ba Mực Khô · Sạp B12 · Chợ Cồn',
      ].join('\n'),
    );
  });

  it('cues in English without a phone', () => {
    const input = aTextInput({ locale: 'en', host: { name: 'Lan' } });
    delete input.vendor;
    expect(renderCue(input)).toBe(
      'Time to go live: Chợ Cồn đêm: đặc sản Đà Nẵng\nLive at 19:00 Friday, 07/06/2024\nHost: Lan',
    );
  });
});

describe('renderCancelNotice', () => {
  it('apologises in both languages', () => {
    expect(renderCancelNotice(aTextInput())).toBe(
      'Thông báo hủy: buổi livestream “Chợ Cồn đêm: đặc sản Đà Nẵng” lúc 19:00 thứ Sáu, ' +
        '07/06/2024 sẽ không diễn ra. Mong quý khách thông cảm!',
    );
    expect(renderCancelNotice(aTextInput({ locale: 'en' }))).toBe(
      'Cancelled: the livestream “Chợ Cồn đêm: đặc sản Đà Nẵng” at 19:00 Friday, 07/06/2024 ' +
        'will not take place. Sorry for the inconvenience!',
    );
  });
});

describe('renderLivePost', () => {
  it('announces the live now', () => {
    expect(renderLivePost(aTextInput({ products: someProducts(1), promotions: [] }))).toBe(
      [
        'Đang phát trực tiếp: Chợ Cồn đêm: đặc sản Đà Nẵng',
        'Gian hàng: Cô Ba Mực Khô · Sạp B12 · Chợ Cồn',
        'Sản phẩm:',
        '• Món 1 – 10.000 ₫',
        'Xem trực tiếp: https://fb.watch/chocon',
      ].join('\n'),
    );
  });

  it('uses the live override, not the announce one', () => {
    const input = aTextInput({
      locale: 'en',
      overrides: { announce: 'ANNOUNCE {title}', live: 'LIVE: {title} → {link}' },
    });
    expect(renderLivePost(input)).toBe(
      'LIVE: Chợ Cồn đêm: đặc sản Đà Nẵng → https://fb.watch/chocon',
    );
    expect(renderAnnounce(input)).toBe('ANNOUNCE Chợ Cồn đêm: đặc sản Đà Nẵng');
  });

  it('renders the default when only an announce override exists', () => {
    const input = aTextInput({ overrides: { announce: 'X' } });
    expect(renderLivePost(input)).toMatch(/^Đang phát trực tiếp: /);
  });
});
