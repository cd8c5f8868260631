import { formatLocalStart, formatLocalTime, formatVnd, wallClock } from './format';
import { getPhrases } from './phrases';
import type { TextInput, TextProduct } from './text-input';

/** At most this many lines list products; beyond it the last line says how many are left out. */
export const MAX_PRODUCT_LINES = 10;

/** `Mực rim me – 180.000 ₫`, or the bare name when there is no price. */
export function formatProduct(product: TextProduct): string {
  return product.price === undefined
    ? product.name
    : `${product.name} – ${formatVnd(product.price)}`;
}

/**
 * Product bullet lines, never more than `MAX_PRODUCT_LINES`: with 11 or more products the first
 * nine are listed and the tenth line reads `và N sản phẩm khác` / `and N more`.
 */
export function productLines(input: TextInput): string[] {
  const { products } = input;
  const shown =
    products.length > MAX_PRODUCT_LINES ? products.slice(0, MAX_PRODUCT_LINES - 1) : products;
  const lines = shown.map((p) => `• ${formatProduct(p)}`);
  const hidden = products.length - shown.length;
  if (hidden > 0) lines.push(getPhrases(input.locale).moreProducts(hidden));
  return lines;
}

/** The start as the session's audience reads it. */
export function startText(input: TextInput): string {
  return formatLocalStart(input.startsAt, input.timezone, input.locale);
}

/** `19:00 thứ Sáu, 07/06/2024 – 21:00`; the end carries its own date when it falls on another day. */
export function timeRangeText(input: TextInput): string {
  const start = wallClock(input.startsAt, input.timezone);
  const end = wallClock(input.endsAt, input.timezone);
  const endText = start.year === end.year && start.month === end.month && start.day === end.day
    ? formatLocalTime(input.endsAt, input.timezone)
    : formatLocalStart(input.endsAt, input.timezone, input.locale);
  return `${startText(input)} – ${endText}`;
}

/** `Gian hàng: Cô Ba Mực Khô · Sạp B12 · Chợ Cồn`, or nothing without a vendor. */
export function vendorLines(input: TextInput): string[] {
  const { vendor } = input;
  if (!vendor) return [];
  const phrases = getPhrases(input.locale);
  const parts = [vendor.name];
  if (vendor.stall) parts.push(phrases.stall(vendor.stall));
  if (vendor.market) parts.push(vendor.market);
  return [`${phrases.vendorLabel}: ${parts.join(' · ')}`];
}

/** Label plus bullets, or nothing without products. */
export function productSection(input: TextInput): string[] {
  if (input.products.length === 0) return [];
  return [`${getPhrases(input.locale).productsLabel}:`, ...productLines(input)];
}

export function promotionLines(input: TextInput): string[] {
  if (input.promotions.length === 0) return [];
  return [`${getPhrases(input.locale).promotionsLabel}: ${input.promotions.join(', ')}`];
}

export function linkLines(input: TextInput): string[] {
  return input.link ? [`${getPhrases(input.locale).watchLabel}: ${input.link}`] : [];
}

export function hostLines(input: TextInput): string[] {
  const { host } = input;
  if (!host) return [];
  const phone = host.phone ? ` (${host.phone})` : '';
  return [`${getPhrases(input.locale).hostLabel}: ${host.name}${phone}`];
}
