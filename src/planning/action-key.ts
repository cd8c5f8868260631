import type { JobKind } from '../domain/session';
import type { Platform } from '../domain/platform';

/**
 * The stable name of one action of a session: kind, platform, account and offset joined by `__`
 * (`announce__facebook__fb-sct__P1D`, `reminder__PT10M`, `go-live`). The BullMQ job id is
 * `<sessionId>__<key>`; neither contains `:` (BullMQ refuses it in custom ids).
 */
export function actionKey(kind: JobKind, platform: Platform | null, accountId: string | null, suffix: string | null): string {
  return [kind, platform, accountId, suffix].filter((p): p is string => p !== null && p !== '').join('__');
}

export function jobIdOf(sessionId: string, key: string): string {
  return `${sessionId}__${key}`;
}

/** Split a job id back into session id and action key. */
export function parseJobId(jobId: string): { sessionId: string; key: string } | null {
  const at = jobId.indexOf('__');
  if (at <= 0) return null;
  return { sessionId: jobId.slice(0, at), key: jobId.slice(at + 2) };
}
