/**
 * Removes secrets from anything about to be logged: values under secret-looking keys, bearer
 * tokens, `Authorization` values, `access_token=` query parameters, JSON token fields and RTMP
 * stream keys inside strings, and any registered secret value (API tokens, encryption keys)
 * wherever it appears. Errors keep name, message, stack, their primitive fields (e.g. a
 * PlatformError's `kind`, `httpStatus`) and their `cause` chain, all redacted.
 */
const secretKey =
  /(^|_|-)(authorization|proxy-authorization|cookie|set-cookie|password|passwd|secret|token|access[_-]?token|refresh[_-]?token|id[_-]?token|api[_-]?key|client[_-]?secret|private[_-]?key|credentials|encryption[_-]?key|input_token|fb_exchange_token|stream[_-]?key|streamName|signature|(secure[_-]?)?stream[_-]?url|ingest[_-]?url)$/i;
const secretKeyLoose = /token|secret|password|authorization|credential|cookie|signature/i;
const inlinePatterns: RegExp[] = [
  /(Bearer\s+)[A-Za-z0-9._~+/=|-]+/gi,
  /((?:proxy-)?authorization["']?\s*[:=]\s*["']?(?:basic\s+|bearer\s+|token\s+)?)[^\s"',;}]+/gi,
  /((?:access_token|refresh_token|input_token|fb_exchange_token|client_secret|token)=)[^&\s"']+/gi,
  /("(?:access_token|refresh_token|id_token|client_secret|stream_key|secure_stream_url|stream_url|ingestUrl)"\s*:\s*")[^"]+/gi,
  // RTMP ingest URLs end with the stream key: rtmps://live-api-s.facebook.com:443/rtmp/FB-…
  /(rtmps?:\/\/[^\s"'/]+\/(?:[^\s"'/]+\/)*)[^\s"'/]+/gi,
];
export const REDACTED = '[redacted]';

export interface Redactor {
  /** Register a literal secret (e.g. a configured token) so it never appears in output. */
  addSecret(value: string): void;
  redact<T>(value: T): T;
}

type Walk = (value: unknown) => unknown;

function redactError(error: Error, walk: Walk, redactString: (s: string) => string): unknown {
  const out: Record<string, unknown> = {
    name: error.name,
    message: redactString(error.message),
    stack: error.stack ? redactString(error.stack) : undefined,
  };
  for (const [k, v] of Object.entries(error)) {
    if (k in out || (v !== null && typeof v === 'object')) continue;
    out[k] = isSecretKey(k) && v !== undefined ? REDACTED : walk(v);
  }
  if (error.cause !== undefined) out.cause = walk(error.cause);
  return out;
}

/** Values that are objects but not records: render them as text instead of `{}` or byte maps. */
function redactSpecial(value: object, redactString: (s: string) => string): unknown {
  if (value instanceof Date)
    return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (value instanceof URL) return redactString(value.href);
  if (ArrayBuffer.isView(value)) return `[${value.constructor.name} ${value.byteLength} bytes]`;
  return undefined;
}

export function createRedactor(initialSecrets: Iterable<string> = []): Redactor {
  const secrets = new Set<string>();
  const addSecret = (value: string): void => {
    if (value.length >= 6) secrets.add(value);
  };
  for (const s of initialSecrets) addSecret(s);

  const redactString = (s: string): string => {
    let out = s;
    for (const p of inlinePatterns) out = out.replace(p, `$1${REDACTED}`);
    for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    return out;
  };

  // `ancestors` holds the objects on the current path only: a value shared by two fields is
  // printed twice, a true cycle is cut.
  const walk = (value: unknown, ancestors: WeakSet<object>, depth: number): unknown => {
    if (typeof value === 'string') return redactString(value);
    if (value === null || typeof value !== 'object') return value;
    if (ancestors.has(value) || depth > 8) return '[circular]';
    const special = redactSpecial(value, redactString);
    if (special !== undefined) return special;
    ancestors.add(value);
    const next: Walk = (v) => walk(v, ancestors, depth + 1);
    let out: unknown;
    if (Array.isArray(value)) out = value.map(next);
    else if (value instanceof Error) out = redactError(value, next, redactString);
    else {
      const record: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        record[k] = isSecretKey(k) && v !== null && v !== undefined ? REDACTED : next(v);
      }
      out = record;
    }
    ancestors.delete(value);
    return out;
  };

  return {
    addSecret,
    redact: <T>(value: T): T => walk(value, new WeakSet(), 0) as T,
  };
}

function isSecretKey(key: string): boolean {
  if (secretKey.test(key)) return true;
  // camelCase keys such as accessToken, refreshToken, webhookSecret
  return secretKeyLoose.test(key) && !/^(tokenStatus|tokenStatusReason|hasSecret)$/.test(key);
}
