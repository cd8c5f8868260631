import { createHash } from 'node:crypto';

const ZERO = '\u200B';
const ONE = '\u200C';
const HASH_HEX_CHARS = 12;
/** Length of a marker in characters: one zero-width character per bit of the hash. */
export const MARKER_LENGTH = HASH_HEX_CHARS * 4;
const RUN = /[\u200B\u200C]+/g;

/**
 * An invisible marker for one effect (e.g. `ses_x__announce__facebook__acc_y__P1D`): the first
 * 12 hex chars of its sha256 as 48 zero-width characters (U+200B for 0, U+200C for 1). A worker
 * that crashed after the platform answered finds its earlier post by this marker.
 */
export function createMarker(effectKey: string): string {
  const hex = createHash('sha256').update(effectKey, 'utf8').digest('hex').slice(0, HASH_HEX_CHARS);
  let out = '';
  for (const digit of hex) {
    for (const bit of parseInt(digit, 16).toString(2).padStart(4, '0'))
      out += bit === '1' ? ONE : ZERO;
  }
  return out;
}

/** The text with the marker after a space (so a trailing link is not glued to it); idempotent. */
export function appendMarker(text: string, marker: string): string {
  if (hasMarker(text, marker)) return text;
  return text.length === 0 ? marker : `${text} ${marker}`;
}

/**
 * Whether the text carries the marker. Runs of zero-width characters are read in whole markers,
 * so two markers written back to back are both found and never match across their boundary.
 */
export function hasMarker(text: string, marker: string): boolean {
  for (const run of text.match(RUN) ?? []) {
    if (run.length % MARKER_LENGTH !== 0) continue;
    for (let i = 0; i < run.length; i += MARKER_LENGTH) {
      if (run.slice(i, i + MARKER_LENGTH) === marker) return true;
    }
  }
  return false;
}
