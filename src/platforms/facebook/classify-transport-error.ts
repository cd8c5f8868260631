import { isAxiosError } from 'axios';
import { PlatformError } from '../platform-error';

export interface TransportFailure {
  operation: string;
  accountName: string;
  timeoutMs: number;
  error: unknown;
}

/**
 * No answer at all: a timeout (the call may still have taken effect: reconcile before creating
 * again) or a network failure; both transient. The cause carries only the error code, never the
 * axios config (its URL can hold the access token).
 */
export function classifyTransportError(failure: TransportFailure): PlatformError {
  const code = isAxiosError(failure.error) ? failure.error.code : undefined;
  const base = { platform: 'facebook' as const, operation: failure.operation, cause: new Error(code ?? 'network error') };
  if (code === 'ETIMEDOUT' || code === 'ECONNABORTED') {
    return new PlatformError({
      ...base,
      kind: 'timeout',
      message: `Facebook did not answer within ${failure.timeoutMs} ms while acting for '${failure.accountName}'; the call may still have taken effect`,
    });
  }
  return new PlatformError({
    ...base,
    kind: 'unavailable',
    message: `Facebook could not be reached (${code ?? 'network error'}) while acting for '${failure.accountName}'; LiveCue will retry`,
  });
}
