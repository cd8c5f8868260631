import { appendMarker, createMarker, hasMarker, MARKER_LENGTH } from '../../../src/text/marker';

const key = 'ses_k3j9x0a1b2c3__announce__facebook__acc_1__P1D';

describe('createMarker', () => {
  it('is 48 zero-width characters and nothing else', () => {
    const marker = createMarker(key);
    expect(marker).toHaveLength(MARKER_LENGTH);
    expect(MARKER_LENGTH).toBe(48);
    expect(marker).toMatch(/^[\u200B\u200C]+$/);
  });

  it('encodes the first 12 hex chars of sha256 of the key, U+200C for a 1 bit', () => {
    // sha256("abc") starts with ba7816bf8f01.
    const bits = createMarker('abc')
      .replace(/\u200C/g, '1')
      .replace(/\u200B/g, '0');
    expect(parseInt(bits, 2).toString(16).padStart(12, '0')).toBe('ba7816bf8f01');
  });

  it('is stable for a key and differs between keys', () => {
    expect(createMarker(key)).toBe(createMarker(key));
    expect(createMarker(key)).not.toBe(createMarker(`${key}x`));
  });
});

describe('appendMarker / hasMarker', () => {
  const marker = createMarker(key);

  it('leaves the visible text unchanged and finds the marker again', () => {
    const text = appendMarker('Chợ Cồn đêm\nhttps://fb.watch/chocon', marker);
    expect(text.replace(/[\u200B\u200C]/g, '')).toBe('Chợ Cồn đêm\nhttps://fb.watch/chocon ');
    expect(hasMarker(text, marker)).toBe(true);
  });

  it('does not append the same marker twice', () => {
    const once = appendMarker('text', marker);
    expect(appendMarker(once, marker)).toBe(once);
  });

  it('does not find a marker the text does not carry', () => {
    expect(hasMarker(appendMarker('text', marker), createMarker('other'))).toBe(false);
    expect(hasMarker('plain text', marker)).toBe(false);
  });

  it('finds both of two markers written back to back, and none across their boundary', () => {
    const a = createMarker('a');
    const b = createMarker('b');
    const text = `post ${a}${b}`;
    expect(hasMarker(text, a)).toBe(true);
    expect(hasMarker(text, b)).toBe(true);
    const straddling = (a + b).slice(MARKER_LENGTH / 2, MARKER_LENGTH / 2 + MARKER_LENGTH);
    expect(hasMarker(text, straddling)).toBe(false);
  });

  it('marks an empty text with the marker alone', () => {
    expect(appendMarker('', marker)).toBe(marker);
  });
});
