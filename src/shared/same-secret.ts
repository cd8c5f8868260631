import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compares a presented secret (token, feed key) with the expected one in constant time, whatever
 * their lengths: both are hashed first, so neither the content nor the length leaks by timing.
 */
export function isSameSecret(given: string, expected: string): boolean {
  const digest = (v: string): Buffer => createHash('sha256').update(v).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
