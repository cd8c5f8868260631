import { PlatformError } from '../platform-error';
import type { PlatformErrorKind } from '../platform-error';

interface OauthRow {
  kind: PlatformErrorKind;
  explain: (account: string) => string;
  flagsAccount?: boolean;
}

const reconnect: OauthRow = {
  kind: 'auth',
  explain: (a) => `the TikTok login of '${a}' expired or was revoked: reconnect the account`,
};
const appMisconfigured: OauthRow = {
  kind: 'invalid_request',
  flagsAccount: false,
  explain: (a) => `TikTok refused LiveCue's app credentials while renewing the login of '${a}': check the TikTok client key and secret`,
};
const badTokenRequest: OauthRow = {
  kind: 'invalid_request',
  flagsAccount: false,
  explain: (a) => `TikTok rejected LiveCue's token request for '${a}' as malformed; this is a LiveCue bug`,
};

/** Login Kit flat `error` values (TT-OAUTH-ERR) → PlatformError; `invalid_grant` on refresh means reconnect. */
export const tiktokOauthErrorTable: Readonly<Record<string, OauthRow>> = {
  invalid_grant: reconnect,
  access_denied: reconnect,
  invalid_scope: {
    kind: 'permission',
    explain: (a) => `the TikTok login of '${a}' lacks a permission LiveCue needs: reconnect the account and allow every permission`,
  },
  invalid_client: appMisconfigured,
  unauthorized_client: appMisconfigured,
  invalid_request: badTokenRequest,
  unsupported_grant_type: badTokenRequest,
  unsupported_response_type: badTokenRequest,
};

export interface TiktokOauthFailure {
  operation: string;
  accountName: string;
  httpStatus: number;
  /** The flat `error` field. */
  error: string;
  logId?: string | undefined;
}

/** Classify a flat OAuth error (which TikTok may send with HTTP 200) from its `error` field. */
export function classifyTiktokOauthError(failure: TiktokOauthFailure): PlatformError {
  const row: OauthRow = tiktokOauthErrorTable[failure.error] ?? {
    kind: failure.httpStatus >= 500 ? 'unavailable' : 'unknown',
    explain: (a) => `TikTok could not renew the login of '${a}'`,
  };
  const ref = failure.logId ? `, log ${failure.logId}` : '';
  return new PlatformError({
    platform: 'tiktok',
    operation: failure.operation,
    kind: row.kind,
    message: `${row.explain(failure.accountName)} (TikTok ${failure.error}${ref})`,
    httpStatus: failure.httpStatus,
    platformCode: failure.error,
    ...(row.flagsAccount === undefined ? {} : { flagsAccount: row.flagsAccount }),
  });
}
