import type { z } from 'zod';
import type { AccountContext } from '../adapter';
import type { AdapterDeps } from '../endpoints';
import { PlatformError } from '../platform-error';
import { classifyTiktokError } from './classify-error';
import type { TiktokHttp } from './tiktok-http';
import type { TokenRefresher } from './token-refresher';
import { envelopeSchema } from './wire';
import type { TiktokHttpResponse } from './wire';

export interface TiktokApiCall {
  /** Adapter operation, for errors and logs (e.g. `publishPost`). */
  operation: string;
  /** Exact path, trailing slash included. */
  path: string;
  query?: Record<string, string>;
  body?: object;
}

/** One authenticated v2 call: returns `data` parsed by `schema`, or throws a PlatformError. */
export type TiktokApi = <T>(account: AccountContext, call: TiktokApiCall, schema: z.ZodType<T>) => Promise<T>;

function isAccessTokenRejected(res: TiktokHttpResponse): boolean {
  const envelope = envelopeSchema.safeParse(res.body);
  return envelope.success ? envelope.data.error.code === 'access_token_invalid' : res.status === 401;
}

/**
 * Token lifecycle around every call: refresh when expiring within 5 min; on 401
 * `access_token_invalid` with a refresh token, refresh once and retry the call once.
 */
export function createTiktokApi(http: TiktokHttp, refresher: TokenRefresher, deps: AdapterDeps): TiktokApi {
  const log = deps.logger.child({ component: 'tiktok-adapter', platform: 'tiktok' });

  return async <T>(account: AccountContext, call: TiktokApiCall, schema: z.ZodType<T>): Promise<T> => {
    const info = { operation: call.operation, accountName: account.name };
    let credentials = await refresher.current(account, call.operation);
    let res = await http.postJson(call.path, credentials.accessToken, call.body, info, call.query);
    if (isAccessTokenRejected(res) && credentials.refreshToken) {
      log.info('tiktok access token rejected, refreshing once', { accountId: account.accountId, operation: call.operation });
      credentials = await refresher.refreshAfterRejection(account, credentials, call.operation);
      res = await http.postJson(call.path, credentials.accessToken, call.body, info, call.query);
    }
    return readData(res, call, account, schema, deps.clock.now());
  };
}

function readData<T>(res: TiktokHttpResponse, call: TiktokApiCall, account: AccountContext, schema: z.ZodType<T>, nowMs: number): T {
  const envelope = envelopeSchema.safeParse(res.body);
  const failure = { operation: call.operation, accountName: account.name, httpStatus: res.status, retryAfterHeader: res.retryAfter, nowMs };
  if (!envelope.success) throw classifyTiktokError({ ...failure, code: null });
  const { code, log_id: logId } = envelope.data.error;
  // Success is error.code === 'ok' only; HTTP 200 with another code is a failure.
  if (code !== 'ok') throw classifyTiktokError({ ...failure, code, logId });
  const data = schema.safeParse(envelope.data.data);
  if (!data.success) {
    throw new PlatformError({
      platform: 'tiktok',
      operation: call.operation,
      kind: 'unknown',
      message: `TikTok answered ${call.path} for '${account.name}' in a shape LiveCue does not understand${logId ? ` (log ${logId})` : ''}`,
      httpStatus: res.status,
      cause: data.error,
    });
  }
  return data.data;
}
