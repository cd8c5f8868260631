import type { SandboxContext } from '../context';
import type { HandlerResult } from './google-errors';
import type { Fields } from './read-input';
import { readString } from './read-input';

export const youtubeScope = 'https://www.googleapis.com/auth/youtube';

function oauthError(error: string, description: string, status = 400): HandlerResult {
  return { status, body: { error, error_description: description } };
}

/**
 * Google's token endpoint (`POST /token`, form-encoded), refresh grant only. Google does not
 * return a new refresh token on refresh; a refresh token the sandbox expired or revoked answers
 * `invalid_grant`.
 */
export function exchangeToken(form: Fields, ctx: SandboxContext): HandlerResult {
  const grantType = readString(form.grant_type);
  if (grantType === undefined) return oauthError('invalid_request', 'Missing required parameter: grant_type');
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
