import { randomBytes } from 'node:crypto';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** An instant `ms` from now, as UTC ISO, rounded down to the minute (readable in failures). */
export function isoIn(ms: number): string {
  return new Date(Math.floor((Date.now() + ms) / MINUTE_MS) * MINUTE_MS).toISOString();
}

/** A stage id no other test uses, so bookings of one test never meet another's. */
export function aStageId(label = 'stage'): string {
  return `${label}-${randomBytes(4).toString('hex')}`;
}

/**
 * A valid create body: 10 days ahead (no job is due while the test runs: Facebook's prepare-live
 * waits for its 7-day window), one hour long, on its own stage, Facebook and TikTok targets.
 */
export function aSession(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Đặc sản Chợ Cồn – phiên tối',
    startsAt: isoIn(10 * DAY_MS),
    durationMinutes: 60,
    stageId: aStageId(),
    targets: [
      { platform: 'facebook', accountId: 'fb-cho-con' },
      { platform: 'tiktok', accountId: 'tt-cho-con' },
    ],
    ...overrides,
  };
}

export interface ApiAnswer {
  status: number;
  body: any;
  headers: Headers;
}

/** The one error shape of api.md, with the expected status and code. */
export function expectError(res: ApiAnswer, status: number, code: string): void {
  expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status, code });
  expect(typeof res.body.error.message).toBe('string');
  expect(res.body.error.message.length).toBeGreaterThan(0);
}

/** The `details[].path`s of a validation error. */
export function detailPaths(res: ApiAnswer): string[] {
  return (res.body?.error?.details ?? []).map((d: { path: string }) => d.path);
}
