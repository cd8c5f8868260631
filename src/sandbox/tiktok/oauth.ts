import type { SandboxContext } from '../context';
import type { TokenRecord } from '../tokens';
import { createLogId, oauthErrorAnswer } from './envelope';
import type { TiktokAnswer } from './envelope';
import { createStateScoped } from './state-scoped';
import { SANDBOX_PERSON } from '../consent/person';

const grantedScopes = 'user.info.basic,video.publish,video.upload,video.list';

export interface TokenRequest {
  /** The request was `application/x-www-form-urlencoded` (the only accepted encoding). */
  isForm: boolean;
  form: Record<string, unknown>;
}

function field(form: Record<string, unknown>, name: string): string {
  const value = form[name];
  return typeof value === 'string' ? value : '';
}

function grantTokens(ctx: SandboxContext, subject: string, scope = grantedScopes): TiktokAnswer {
  const { tiktokAccessTtlS, tiktokRefreshTtlS } = ctx.options;
  const access = ctx.tokens.issue('tiktok', 'access', subject, tiktokAccessTtlS * 1000);
  const refresh = ctx.tokens.issue('tiktok', 'refresh', subject, tiktokRefreshTtlS * 1000);
  return {
    status: 200,
    body: {
      access_token: access.token,
      expires_in: tiktokAccessTtlS,
      open_id: subject,
      refresh_token: refresh.token,
      refresh_expires_in: tiktokRefreshTtlS,
      scope,
      token_type: 'Bearer',
      log_id: createLogId(ctx.clock.now()),
    },
  };
}

/**
 * `POST /v2/oauth/token/` (Login Kit v2). Refresh tokens rotate: each refresh issues a new pair
 * and the presented refresh token stops working; reuse gets a flat `invalid_grant` (HTTP 400).
 * Authorization codes are accepted once each and make a new user.
 */
export function createTokenEndpoint(ctx: SandboxContext): (request: TokenRequest) => TiktokAnswer {
  const usedCodes = createStateScoped(ctx, () => new Set<string>());
  return ({ isForm, form }) => {
    const now = ctx.clock.now();
    if (!isForm) {
      return oauthErrorAnswer(now, 400, 'invalid_request', 'Content-Type must be application/x-www-form-urlencoded.');
    }
    if (field(form, 'client_key') === '' || field(form, 'client_secret') === '') {
      return oauthErrorAnswer(now, 401, 'invalid_client', 'client_key and client_secret are required.');
    }
    const grantType = field(form, 'grant_type');
    if (grantType === 'refresh_token') {
      const presented = field(form, 'refresh_token');
      if (presented === '') return oauthErrorAnswer(now, 400, 'invalid_request', 'refresh_token is required.');
      const check = ctx.tokens.check('tiktok', presented, 'refresh');
      if (!check.ok || !isTiktokRefreshToken(check.record)) {
        const why = check.ok ? 'is not a refresh token' : `was ${check.reason}`;
        return oauthErrorAnswer(now, 400, 'invalid_grant', `The refresh token ${why}.`);
      }
      ctx.tokens.setState(presented, 'rotated');
      return grantTokens(ctx, check.record.subject);
    }
    if (grantType === 'authorization_code') {
      const code = field(form, 'code');
      if (code === '' || field(form, 'redirect_uri') === '') {
        return oauthErrorAnswer(now, 400, 'invalid_request', 'code and redirect_uri are required.');
      }
      if (ctx.consent.isConsentCode(code)) return redeemConsentCode(ctx, code, form);
      if (usedCodes().has(code)) return oauthErrorAnswer(now, 400, 'invalid_grant', 'The authorization code was already used.');
      usedCodes().add(code);
      return grantTokens(ctx, `tiktok-user-${code}`);
    }
    return oauthErrorAnswer(now, 400, 'unsupported_grant_type', `grant_type '${grantType}' is not supported.`);
  };
}

/**
 * A code from the sandbox's consent screen: good once, for the redirect_uri and client_key it was
 * issued to; the tokens are the sandbox person's, with the scopes they allowed.
 */
function redeemConsentCode(ctx: SandboxContext, code: string, form: Record<string, unknown>): TiktokAnswer {
  const now = ctx.clock.now();
  const grant = ctx.consent.take(code);
  if (!grant || grant.platform !== 'tiktok') return oauthErrorAnswer(now, 400, 'invalid_grant', 'Authorization code is expired or was already used.');
  if (grant.redirectUri !== field(form, 'redirect_uri') || grant.clientId !== field(form, 'client_key')) {
    return oauthErrorAnswer(now, 400, 'invalid_grant', 'redirect_uri or client_key does not match the authorization request.');
  }
  return grantTokens(ctx, SANDBOX_PERSON.tiktok.openId, grant.scopes.join(','));
}

function isTiktokRefreshToken(record: TokenRecord): boolean {
  const tiktok: TokenRecord['platform'] = 'tiktok';
  return record.kind === 'refresh' && record.platform === tiktok;
}
