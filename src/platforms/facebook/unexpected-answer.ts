import type { AccountContext } from '../adapter';
import { PlatformError } from '../platform-error';

/**
 * A 2xx answer without what Graph promises (an id). Kind `unknown`: retried, and the worker
 * reconciles through findPost/findLive before creating again.
 */
export function unexpectedAnswer(operation: string, account: AccountContext, missing: string): PlatformError {
  return new PlatformError({
    platform: 'facebook',
    operation,
    kind: 'unknown',
    message: `Facebook answered without ${missing} while acting for '${account.name}'`,
  });
}
