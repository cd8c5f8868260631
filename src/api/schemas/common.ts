import { z } from 'zod';

// eslint-disable-next-line no-control-regex
const controlChars = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
// eslint-disable-next-line no-control-regex
const controlCharsNoNewline = /[\u0000-\u001F\u007F]/;

/** A one-line text field: trimmed, no control characters. */
export const line = (max: number, min = 1) =>
  z
    .string()
    .trim()
    .min(min, min === 1 ? 'must not be empty' : `must be at least ${min} characters`)
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !controlCharsNoNewline.test(s), 'must not contain control characters');

/** A multi-line text field: newline and tab allowed, other control characters not. */
export const multiline = (max: number) =>
  z
    .string()
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !controlChars.test(s), 'must not contain control characters (newline and tab are fine)');

export const idPattern = /^[a-z0-9_-]{1,64}$/;
export const idString = z.string().regex(idPattern, 'must match [a-z0-9_-]{1,64}');

export const httpUrl = z
  .string()
  .trim()
  .max(2048, 'must be at most 2048 characters')
  .refine((value) => {
    try {
      const u = new URL(value);
      return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname.length > 0;
    } catch {
      return false;
    }
  }, 'must be an http or https URL');

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2024-06-07');
