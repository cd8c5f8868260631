import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * `sha256=<hex HMAC-SHA256 of "<timestamp>.<rawBody>">` keyed by the hook's secret.
 * `timestampSeconds` is the value sent in `X-LiveCue-Timestamp` (unix seconds).
 */
export function signPayload(
  secret: string,
  timestampSeconds: number | string,
  rawBody: string,
): string {
  const hmac = createHmac('sha256', secret).update(
    `${String(timestampSeconds)}.${rawBody}`,
    'utf8',
  );
  return `sha256=${hmac.digest('hex')}`;
}

/**
 * Whether `signature` (the `X-LiveCue-Signature` header) signs `rawBody` at `timestampSeconds`,
 * compared in constant time. Receivers should also reject timestamps far from their own clock.
 */
export function verifySignature(
  secret: string,
  timestampSeconds: number | string,
  rawBody: string,
  signature: string,
): boolean {
  const expected = Buffer.from(signPayload(secret, timestampSeconds, rawBody), 'utf8');
  const given = Buffer.from(signature, 'utf8');
  return expected.length === given.length && timingSafeEqual(expected, given);
}
