import type { TextLocale } from './text-input';

/** The fixed words of generated text in one language. */
export interface Phrases {
  liveAt: (start: string) => string;
  inOffset: (offset: string) => string;
  timeLabel: string;
  stall: (stall: string) => string;
  vendorLabel: string;
  productsLabel: string;
  moreProducts: (count: number) => string;
  promotionsLabel: string;
  watchLabel: string;
  reminder: (offset: string) => string;
  cue: string;
  hostLabel: string;
  liveNow: string;
  cancelled: (title: string, start: string) => string;
}

const vi: Phrases = {
  liveAt: (start) => `Lên sóng lúc ${start}`,
  inOffset: (offset) => `còn ${offset} nữa`,
  timeLabel: 'Thời gian',
  stall: (stall) => `Sạp ${stall}`,
  vendorLabel: 'Gian hàng',
  productsLabel: 'Sản phẩm',
  moreProducts: (count) => `và ${count} sản phẩm khác`,
  promotionsLabel: 'Khuyến mãi hôm nay',
  watchLabel: 'Xem trực tiếp',
  reminder: (offset) => `Còn ${offset} nữa`,
  cue: 'Đến giờ lên sóng',
  hostLabel: 'Người dẫn',
  liveNow: 'Đang phát trực tiếp',
  cancelled: (title, start) =>
    `Thông báo hủy: buổi livestream “${title}” lúc ${start} sẽ không diễn ra. Mong quý khách thông cảm!`,
};

const en: Phrases = {
  liveAt: (start) => `Live at ${start}`,
  inOffset: (offset) => `in ${offset}`,
  timeLabel: 'Time',
  stall: (stall) => `Stall ${stall}`,
  vendorLabel: 'Vendor',
  productsLabel: 'Products',
  moreProducts: (count) => `and ${count} more`,
  promotionsLabel: "Today's promotions",
  watchLabel: 'Watch live',
  reminder: (offset) => `Starts in ${offset}`,
  cue: 'Time to go live',
  hostLabel: 'Host',
  liveNow: 'Live now',
  cancelled: (title, start) =>
    `Cancelled: the livestream “${title}” at ${start} will not take place. Sorry for the inconvenience!`,
};

const PHRASES: Record<TextLocale, Phrases> = { vi, en };

/** Phrases for a locale. */
export function getPhrases(locale: TextLocale): Phrases {
  return PHRASES[locale];
}
