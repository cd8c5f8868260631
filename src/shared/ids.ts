import { randomBytes } from 'node:crypto';

const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';

/** A random id with a type prefix, e.g. `ses_k3j9x0a1b2c3`: 12 base-36 chars (~62 bits). */
export function createId(prefix: string, length = 12): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += alphabet.charAt(b % alphabet.length);
  return `${prefix}_${out}`;
}
