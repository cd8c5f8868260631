import type { SandboxContext } from '../context';
import { createStateScoped } from './state-scoped';

const windowMs = 60_000;

/** Per-token request budgets per minute (https://developers.tiktok.com/doc/content-posting-api-reference-photo-post and its sibling pages). */
export const tiktokRateLimits = {
  creatorInfo: 20,
  init: 6,
  status: 30,
} as const;
export type TiktokRateBucket = keyof typeof tiktokRateLimits;

/** Sliding 60 s windows per access token and bucket, on the sandbox clock. */
export function createRateWindows(ctx: SandboxContext): (token: string, bucket: TiktokRateBucket) => boolean {
  const windows = createStateScoped(ctx, () => new Map<string, number[]>());
  return (token, bucket) => {
    const now = ctx.clock.now();
    const key = `${bucket} ${token}`;
    const recent = (windows().get(key) ?? []).filter((at) => at > now - windowMs);
    if (recent.length >= tiktokRateLimits[bucket]) {
      windows().set(key, recent);
      return false;
    }
    recent.push(now);
    windows().set(key, recent);
    return true;
  };
}
