import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ErrorDetail } from '../domain/errors';

export const MIN_PASSWORD_LENGTH = 10;
/** argon2 takes any length; a cap keeps a 1 MiB "password" from costing a hash's worth of memory twice. */
export const MAX_PASSWORD_LENGTH = 256;

/** The list next to this module (tsx, jest) or in the source tree (a compiled build). */
function listPath(): string {
  const here = path.join(__dirname, 'common-passwords.txt');
  return existsSync(here) ? here : path.join(process.cwd(), 'src', 'people', 'common-passwords.txt');
}

let common: Set<string> | null = null;

function commonPasswords(): Set<string> {
  common ??= new Set(
    readFileSync(listPath(), 'utf8')
      .split('\n')
      .map((l) => l.trim().toLowerCase())
      .filter((l) => l !== '' && !l.startsWith('#')),
  );
  return common;
}

/**
 * What is wrong with a new password (empty: fine): at least 10 characters, not containing the
 * email's local part, not a common password (api.md "People and sign-in").
 */
export function checkPassword(password: string, email: string, field = 'password'): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  // Characters as people count them (an emoji or a Vietnamese letter with marks is one).
  const length = [...new Intl.Segmenter().segment(password)].length;
  if (length < MIN_PASSWORD_LENGTH) problems.push({ path: field, message: `at least ${MIN_PASSWORD_LENGTH} characters (got ${length})` });
  if (length > MAX_PASSWORD_LENGTH) problems.push({ path: field, message: `at most ${MAX_PASSWORD_LENGTH} characters` });
  const local = email.split('@')[0]?.toLowerCase() ?? '';
  const lower = password.toLowerCase();
  if (local.length >= 3 && lower.includes(local)) problems.push({ path: field, message: 'must not contain your email address' });
  if (commonPasswords().has(lower)) problems.push({ path: field, message: 'is one of the most common passwords: choose another' });
  return problems;
}
