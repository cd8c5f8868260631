import { createHash, randomBytes } from 'node:crypto';

/** A channel id (`UC` + 22 chars) derived from a sandbox token subject, stable per user. */
export function channelIdOf(subject: string): string {
  return `UC${createHash('sha256').update(subject).digest('base64url').slice(0, 22)}`;
}

/** An id in YouTube's alphabet (`[A-Za-z0-9_-]`). */
export function randomYoutubeId(length: number): string {
  return randomBytes(length).toString('base64url').slice(0, length);
}

/** A stream key in YouTube's `xxxx-xxxx-xxxx-xxxx-xxxx` shape. */
export function randomStreamName(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomBytes(20);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length] ?? 'x');
  return [0, 4, 8, 12, 16].map((i) => chars.slice(i, i + 4).join('')).join('-');
}
