import type { ConnectionError, ConnectionErrorCode } from '../domain/connection';
import { isPlatformError } from '../platforms/platform-error';

/** A consent flow that cannot go on; its message says what the person should do. */
export class ConnectionFailure extends Error {
  constructor(
    readonly code: ConnectionErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ConnectionFailure';
  }

  toError(): ConnectionError {
    return { code: this.code, message: this.message };
  }
}

/**
 * A classified platform failure during the exchange: a passing one (network, 5xx, rate limit) asks
 * to try again; anything else means the platform refused the code or token.
 */
export function failureOfPlatformError(err: unknown, platformName: string): ConnectionFailure {
  if (err instanceof ConnectionFailure) return err;
  if (isPlatformError(err) && !err.retryable) {
    return new ConnectionFailure('invalid_grant', `${platformName} refused the sign-in (${err.platformCode ?? err.kind}): the link was used or is too old, click Connect again`);
  }
  return new ConnectionFailure('platform_unavailable', `${platformName} did not answer the sign-in in time: click Connect again in a few minutes`);
}
