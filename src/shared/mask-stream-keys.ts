/** What stands in for a stream key (api.md "Sessions": `rtmp://a.rtmp.youtube.com/live2/••••`). */
export const MASK = '••••';

const STREAM_SCHEMES = /^(rtmps?|srt|rtsp):\/\//i;

/**
 * An ingest URL without its stream key: the last path segment (the key on YouTube and Facebook)
 * becomes `••••`, and the query string, fragment and userinfo are dropped (an HLS or SRT ingest
 * carries the key there). Something that does not parse as a URL is masked whole.
 */
export function maskIngestUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return MASK;
  }
  if (!parsed.host) return MASK;
  const segments = parsed.pathname.split('/');
  let last = segments.length - 1;
  while (last > 0 && segments[last] === '') last -= 1;
  if (last > 0) segments.splice(last, segments.length - last, MASK);
  else segments.splice(0, segments.length, '', MASK);
  return `${parsed.protocol}//${parsed.host}${segments.join('/')}`;
}

/**
 * A copy of `value` (job data, a return value, event data) with every stream key masked: each
 * `ingestUrl` string, with `ingestUrlMasked: true` beside it, and any other string that is an
 * rtmp(s)/srt/rtsp URL. What a viewer-readable surface shows; the original is left unchanged.
 */
export function maskStreamKeys(value: unknown): unknown {
  if (typeof value === 'string') return STREAM_SCHEMES.test(value) ? maskIngestUrl(value) : value;
  if (Array.isArray(value)) return value.map(maskStreamKeys);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (key === 'ingestUrl' && typeof inner === 'string') {
      out[key] = maskIngestUrl(inner);
      out.ingestUrlMasked = true;
    } else if (!(key === 'ingestUrlMasked' && key in out)) {
      out[key] = maskStreamKeys(inner);
    }
  }
  return out;
}
