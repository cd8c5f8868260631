import type { AccountContext, AccountHealth } from '../adapter';
import type { PlatformEndpoints } from '../endpoints';
import { isPlatformError } from '../platform-error';
import { classifyGraphError } from './classify-error';
import type { GraphClient } from './graph-client';

/**
 * Validate a page token (page tokens cannot be refreshed:
 * https://developers.facebook.com/docs/facebook-login/guides/access-tokens/get-long-lived): with the app's id
 * and secret, `GET /debug_token?input_token=<page token>` with the app token `id|secret`; without
 * them, `GET /me` with the page token. A dead token reads as the same organizer-readable reason a
 * failed post would give ("the Page token of '…' was revoked: reconnect the page").
 */
export async function checkPageToken(graph: GraphClient, config: PlatformEndpoints['facebook'], account: AccountContext): Promise<AccountHealth> {
  if (!config.appId || !config.appSecret) return checkWithMe(graph, account);
  const appAccount: AccountContext = { ...account, credentials: { accessToken: `${config.appId}|${config.appSecret}` } };
  const reply = await graph.call({
    operation: 'checkAccount',
    account: appAccount,
    method: 'GET',
    path: '/debug_token',
    params: { input_token: account.credentials.accessToken },
  });
  const data = isRecord(reply.body.data) ? reply.body.data : {};
  const expiresAtS = typeof data.expires_at === 'number' ? data.expires_at : 0;
  const expiresAt = expiresAtS > 0 ? new Date(expiresAtS * 1000).toISOString() : undefined;
  if (data.is_valid === true) return { state: 'valid', reason: null, refreshed: false, ...(expiresAt ? { expiresAt } : {}) };
  const error = isRecord(data.error) ? data.error : {};
  const code = typeof error.code === 'number' ? error.code : 190;
  const subcode = typeof error.subcode === 'number' ? error.subcode : undefined;
  const classified = classifyGraphError({
    operation: 'checkAccount',
    accountName: account.name,
    httpStatus: 400,
    body: { error: { code, ...(subcode === undefined ? {} : { error_subcode: subcode }) } },
    headers: {},
  });
  return { state: 'invalid', reason: classified.message, refreshed: false };
}

async function checkWithMe(graph: GraphClient, account: AccountContext): Promise<AccountHealth> {
  try {
    await graph.call({ operation: 'checkAccount', account, method: 'GET', path: '/me', params: { fields: 'id' } });
    return { state: 'valid', reason: null, refreshed: false };
  } catch (err) {
    if (isPlatformError(err) && err.kind === 'auth') return { state: 'invalid', reason: err.message, refreshed: false };
    throw err;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
