import { parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * A phone number as Zalo takes it: country code and number, digits only (`0905 123 456` →
 * `84905123456`). Numbers without a country code are read as Vietnamese. Null when the number
 * is not a valid one (libphonenumber's metadata decides, not a hand-written pattern).
 */
export function normalizePhone(input: string): string | null {
  const parsed = parsePhoneNumberFromString(input.trim(), 'VN');
  if (!parsed?.isValid()) return null;
  return parsed.number.replace(/^\+/, '');
}

/** `84905123456` → `849******56`: enough to recognise, not enough to use. */
export function maskPhone(phone: string): string {
  if (phone.length <= 5) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 5)}${phone.slice(-2)}`;
}

/** `an@b.vn` → `a***@b.vn`. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return '***';
  return `${email.slice(0, 1)}***${email.slice(at)}`;
}
