import type { SandboxContext } from '../context';
import type { HandlerResult } from './google-errors';
import type { Fields } from './read-input';
import { readString } from './read-input';
import { SANDBOX_PERSON } from '../consent/person';

export const youtubeScope = 'https://www.googleapis.com/auth/youtube';

function oauthError(error: string, description: string, status = 400): HandlerResult {
  return { status, body: { error, error_description: description } };
}

/** Refresh tokens from a consent live until revoked (Google's do, for a published app). */
const REFRESH_TTL_MS = null;

/**
 * An authorization code from the sandbox's consent screen: once, for its redirect_uri and client;
 * a refresh token only with `access_type=offline` (as Google does).
 * https://developers.google.com/identity/protocols/oauth2/web-server#exchange-authorization-code
 */
function redeemCode(form: Fields, ctx: SandboxContext): HandlerResult {
  const code = readString(form.code) ?? '';
  const grant = ctx.consent.take(code);
  if (!grant || grant.platform !== 'youtube') return oauthError('invalid_grant', 'Malformed auth code.');
  if (grant.redirectUri !== readString(form.redirect_uri) || grant.clientId !== readString(form.client_id)) {
    return oauthError('redirect_uri_mismatch', 'Bad Request');
  }
  const ttlS = ctx.options.googleAccessTtlS;
  const subject = SANDBOX_PERSON.youtube.subject;
  const access = ctx.tokens.issue('youtube', 'access', subject, ttlS * 1000, grant.scopes);
  const refresh = grant.offline ? ctx.tokens.issue('youtube', 'refresh', subject, REFRESH_TTL_MS, grant.scopes) : null;
  return {
    status: 200,
    body: { access_token: access.token, expires_in: ttlS, scope: grant.scopes.join(' '), token_type: 'Bearer', ...(refresh ? { refresh_token: refresh.token } : {}) },
  };
}

/**
 * Google's token endpoint (`POST /token`, form-encoded): the authorization code grant (codes from
 * the sandbox's consent screen) and the refresh grant. Google does not
 * return a new refresh token on refresh; a refresh token the sandbox expired or revoked answers
 * `invalid_grant`.
 */
export function exchangeToken(form: Fields, ctx: SandboxContext): HandlerResult {
  const grantType = readString(form.grant_type);
  if (grantType === undefined) return oauthError('invalid_request', 'Missing required parameter: grant_type');
  if (grantType === 'authorization_code' && readString(form.client_id) !== undefined) return redeemCode(form, ctx);
  if (grantType !== 'refresh_token') return oauthError('unsupported_grant_type', `Invalid grant_type: ${grantType}`);
  if (readString(form.client_id) === undefined) {
    return oauthError('invalid_client', 'The OAuth client was not found.', 401);
  }
  const refreshToken = readString(form.refresh_token);
  if (refreshToken === undefined || refreshToken === '') {
    return oauthError('invalid_request', 'Missing required parameter: refresh_token');
  }
  const check = ctx.tokens.check('youtube', refreshToken, 'refresh');
  if (!check.ok || check.record.platform !== 'youtube' || check.record.kind !== 'refresh') {
    return oauthError('invalid_grant', 'Token has been expired or revoked.');
  }
  const ttlS = ctx.options.googleAccessTtlS;
  const access = ctx.tokens.issue('youtube', 'access', check.record.subject, ttlS * 1000);
  return {
    status: 200,
    body: { access_token: access.token, expires_in: ttlS, scope: youtubeScope, token_type: 'Bearer' },
  };
}
