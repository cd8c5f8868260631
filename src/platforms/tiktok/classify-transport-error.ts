import axios from 'axios';
import { PlatformError } from '../platform-error';

const timeoutCodes: ReadonlySet<string> = new Set(['ECONNABORTED', 'ETIMEDOUT']);

/**
 * A call that got no HTTP answer: a timeout (`timeout`; the request may have reached TikTok) or a
 * network failure (`unavailable`). Both are transient.
 */
export function classifyTiktokTransportError(err: unknown, operation: string, accountName: string): PlatformError {
  const code = axios.isAxiosError(err) ? err.code : undefined;
  const timedOut = code !== undefined && timeoutCodes.has(code);
  return new PlatformError({
    platform: 'tiktok',
    operation,
    kind: timedOut ? 'timeout' : 'unavailable',
    message: timedOut
      ? `TikTok did not answer in time while acting for '${accountName}'; LiveCue checks and tries again`
      : `TikTok could not be reached while acting for '${accountName}' (${code ?? 'network error'}); LiveCue tries again`,
    ...(code === undefined ? {} : { platformCode: code }),
    // Not the AxiosError itself: its config carries the Authorization header.
    cause: new Error(err instanceof Error ? err.message : String(err)),
  });
}
