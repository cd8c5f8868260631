import type { Request, Response } from 'express';
import type { SandboxContext } from '../context';
import { tokenFailure } from '../facebook/auth';
import { GraphFailure, sendGraphFailure } from '../facebook/graph-failure';
import { SANDBOX_PERSON } from './person';

/** Lifetimes Facebook states: a Login token lasts hours, an exchanged one about 60 days (FB-LONG). */
const SHORT_LIVED_S = 5400;
const LONG_LIVED_S = 5_183_944;

/**
 * `GET /vNN.N/oauth/access_token`: a Login dialog code becomes a short-lived user token, and
 * `grant_type=fb_exchange_token` turns a user token into a long-lived one. Errors in Graph's shape
 * (code 100 with the 36007/36008/36009 subcodes for an expired, mismatched or used code).
 * https://developers.facebook.com/documentation/facebook-login/guides/advanced/manual-flow
 * https://developers.facebook.com/docs/facebook-login/guides/access-tokens/get-long-lived
 */
export function exchangeFacebookToken(ctx: SandboxContext, req: Request, res: Response): void {
  try {
    const q = (name: string): string => (typeof req.query[name] === 'string' ? req.query[name] : '');
    if (!q('client_id') || !q('client_secret')) throw new GraphFailure(101, 'Error validating application. Invalid application ID.');
    const body = q('grant_type') === 'fb_exchange_token' ? extend(ctx, q('fb_exchange_token')) : redeem(ctx, q('code'), q('redirect_uri'), q('client_id'));
    res.json(body);
  } catch (err) {
    sendGraphFailure(res, err instanceof GraphFailure ? err : new GraphFailure(1, 'An unknown error has occurred.', { httpStatus: 500 }));
  }
}

function redeem(ctx: SandboxContext, code: string, redirectUri: string, clientId: string): Record<string, unknown> {
  if (!code || !redirectUri) throw new GraphFailure(100, 'Missing code or redirect_uri parameter.');
  const grant = ctx.consent.take(code);
  if (!grant || grant.platform !== 'facebook') {
    throw new GraphFailure(100, 'This authorization code has expired or has been used.', { subcode: 36009 });
  }
  if (grant.redirectUri !== redirectUri || grant.clientId !== clientId) {
    throw new GraphFailure(100, 'Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request', { subcode: 36008 });
  }
  const token = ctx.tokens.issue('facebook', 'access', SANDBOX_PERSON.facebook.subject, SHORT_LIVED_S * 1000, grant.scopes);
  return { access_token: token.token, token_type: 'bearer', expires_in: SHORT_LIVED_S };
}

function extend(ctx: SandboxContext, presented: string): Record<string, unknown> {
  if (!presented) throw new GraphFailure(100, 'Missing fb_exchange_token parameter.');
  const check = ctx.tokens.check('facebook', presented);
  if (!check.ok) throw tokenFailure(ctx, check);
  const token = ctx.tokens.issue('facebook', 'access', check.record.subject, LONG_LIVED_S * 1000, check.record.scopes);
  return { access_token: token.token, token_type: 'bearer', expires_in: LONG_LIVED_S };
}
