import { formatLocalStart, formatLocalTime, formatVnd } from '../../../src/text/format';

describe('formatVnd', () => {
  it.each([
    [180000, '180.000 ₫'],
    [0, '0 ₫'],
    [999, '999 ₫'],
    [1000, '1.000 ₫'],
    [45000, '45.000 ₫'],
    [1234567, '1.234.567 ₫'],
    [1500000000, '1.500.000.000 ₫'],
    [179999.6, '180.000 ₫'],
    [-50000, '-50.000 ₫'],
  ])('formats %p as %p with dots and a normal space before ₫', (amount, expected) => {
    expect(formatVnd(amount)).toBe(expected);
  });

  it('uses a plain U+0020 space, not a non-breaking one', () => {
    expect(formatVnd(180000).charCodeAt(7)).toBe(0x20);
  });

  it('refuses amounts that are not finite numbers', () => {
    expect(() => formatVnd(Number.NaN)).toThrow(RangeError);
    expect(() => formatVnd(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('formatLocalStart', () => {
  it('shows a Vietnamese evening start in the market zone', () => {
    expect(formatLocalStart('2024-06-07T12:00:00.000Z', 'Asia/Ho_Chi_Minh', 'vi')).toBe(
      '19:00 thứ Sáu, 07/06/2024',
    );
    expect(formatLocalStart('2024-06-07T12:00:00.000Z', 'Asia/Ho_Chi_Minh', 'en')).toBe(
      '19:00 Friday, 07/06/2024',
    );
  });

  it.each([
    ['2024-06-03T02:00:00Z', '09:00 thứ Hai, 03/06/2024', '09:00 Monday, 03/06/2024'],
    ['2024-06-04T02:00:00Z', '09:00 thứ Ba, 04/06/2024', '09:00 Tuesday, 04/06/2024'],
    ['2024-06-05T02:00:00Z', '09:00 thứ Tư, 05/06/2024', '09:00 Wednesday, 05/06/2024'],
    ['2024-06-06T02:00:00Z', '09:00 thứ Năm, 06/06/2024', '09:00 Thursday, 06/06/2024'],
    ['2024-06-08T02:00:00Z', '09:00 thứ Bảy, 08/06/2024', '09:00 Saturday, 08/06/2024'],
    ['2024-06-09T02:00:00Z', '09:00 Chủ Nhật, 09/06/2024', '09:00 Sunday, 09/06/2024'],
  ])('names every weekday: %s', (iso, vi, en) => {
    expect(formatLocalStart(iso, 'Asia/Ho_Chi_Minh', 'vi')).toBe(vi);
    expect(formatLocalStart(iso, 'Asia/Ho_Chi_Minh', 'en')).toBe(en);
  });

  it('moves to the next local day when UTC is still on the previous one', () => {
    expect(formatLocalStart('2024-06-07T17:30:00Z', 'Asia/Ho_Chi_Minh', 'vi')).toBe(
      '00:30 thứ Bảy, 08/06/2024',
    );
  });

  it('follows the Berlin clock change at the end of March', () => {
    // CET (+01:00) on Saturday, CEST (+02:00) from 01:00 UTC on Sunday 31/03/2024.
    expect(formatLocalStart('2024-03-30T18:00:00Z', 'Europe/Berlin', 'en')).toBe(
      '19:00 Saturday, 30/03/2024',
    );
    expect(formatLocalStart('2024-03-31T17:00:00Z', 'Europe/Berlin', 'en')).toBe(
      '19:00 Sunday, 31/03/2024',
    );
    expect(formatLocalStart('2024-03-31T00:30:00Z', 'Europe/Berlin', 'vi')).toBe(
      '01:30 Chủ Nhật, 31/03/2024',
    );
    expect(formatLocalStart('2024-03-31T01:30:00Z', 'Europe/Berlin', 'vi')).toBe(
      '03:30 Chủ Nhật, 31/03/2024',
    );
  });

  it('accepts instants with an offset and reads them as the same instant', () => {
    expect(formatLocalStart('2024-06-07T19:00:00+07:00', 'Asia/Ho_Chi_Minh', 'vi')).toBe(
      '19:00 thứ Sáu, 07/06/2024',
    );
  });

  it('throws a RangeError naming the bad instant or zone', () => {
    expect(() => formatLocalStart('not a date', 'Asia/Ho_Chi_Minh', 'vi')).toThrow(/not a date/);
    expect(() => formatLocalStart('2024-06-07T12:00:00Z', 'Mars/Olympus', 'vi')).toThrow(
      /Mars\/Olympus/,
    );
  });
});

describe('formatLocalTime', () => {
  it('gives the wall-clock time in the zone', () => {
    expect(formatLocalTime('2024-06-07T14:30:00Z', 'Asia/Ho_Chi_Minh')).toBe('21:30');
  });
});
