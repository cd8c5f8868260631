import { z } from 'zod';

// C0 and C1 controls and DEL; the multi-line form allows tab, newline and carriage return.
// eslint-disable-next-line no-control-regex
const controlChars = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
// eslint-disable-next-line no-control-regex
const controlCharsNoNewline = /[\u0000-\u001F\u007F-\u009F]/;
/** Bidirectional embeddings, overrides and isolates: they make a post read other than it is stored. */
const bidiControls = /[\u202A-\u202E\u2066-\u2069]/;
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Characters that take no room: a title of only these looks empty on every platform. */
const invisibleOnly = /^[\s\u200B-\u200D\u2060\uFEFF\u180E]*$/;

/** Problems of a text field beyond its length, as the message that says what to fix. */
function textProblem(s: string, allowNewlines: boolean): string | null {
  if ((allowNewlines ? controlChars : controlCharsNoNewline).test(s)) {
    return allowNewlines ? 'must not contain control characters (newline and tab are fine)' : 'must not contain control characters';
  }
  if (loneSurrogate.test(s)) return 'must be valid Unicode (it holds a lone surrogate)';
  if (bidiControls.test(s)) return 'must not contain bidirectional override characters (U+202A–U+202E, U+2066–U+2069)';
  return null;
}

const refineText = (allowNewlines: boolean) => (s: string, ctx: z.RefinementCtx) => {
  const problem = textProblem(s, allowNewlines);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
};

/** A one-line text field: trimmed, no control, bidi-override or lone-surrogate characters, not only invisible ones. */
export const line = (max: number, min = 1) =>
  z
    .string()
    .trim()
    .min(min, min === 1 ? 'must not be empty' : `must be at least ${min} characters`)
    .max(max, `must be at most ${max} characters`)
    .superRefine(refineText(false))
    // An empty value is the min rule's to report, once.
    .refine((s) => s.length === 0 || !invisibleOnly.test(s), 'must contain visible characters (not only zero-width ones)');

/** A multi-line text field: newline and tab allowed, other control characters not. */
export const multiline = (max: number) => z.string().max(max, `must be at most ${max} characters`).superRefine(refineText(true));

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
