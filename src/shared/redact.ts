/**
 * Removes secrets from anything about to be logged: values under secret-looking keys, bearer
 * tokens and `access_token=` query parameters inside strings, and any registered secret value
 * (API tokens, encryption keys) wherever it appears.
 */
const secretKey =
  /(^|_|-)(authorization|cookie|set-cookie|password|passwd|secret|token|access_?token|refresh_?token|api_?key|client_?secret|credentials|encryption_?key|input_token|fb_exchange_token|stream_?key|streamName|signature)$/i;
const secretKeyLoose = /token|secret|password|authorization|credential|cookie|signature/i;
const inlinePatterns: RegExp[] = [
  /(Bearer\s+)[A-Za-z0-9._~+/=|-]+/gi,
  /((?:access_token|refresh_token|input_token|fb_exchange_token|client_secret|token)=)[^&\s"']+/gi,
];
export const REDACTED = '[redacted]';

export interface Redactor {
  /** Register a literal secret (e.g. a configured token) so it never appears in output. */
  addSecret(value: string): void;
  redact<T>(value: T): T;
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

  const walk = (value: unknown, seen: WeakSet<object>, depth: number): unknown => {
    if (typeof value === 'string') return redactString(value);
    if (value === null || typeof value !== 'object') return value;
    if (seen.has(value) || depth > 8) return '[circular]';
    seen.add(value);
    if (Array.isArray(value)) return value.map((v) => walk(v, seen, depth + 1));
    if (value instanceof Error) {
      return { name: value.name, message: redactString(value.message), stack: value.stack ? redactString(value.stack) : undefined };
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = isSecretKey(k) && v !== null && v !== undefined ? REDACTED : walk(v, seen, depth + 1);
    }
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
