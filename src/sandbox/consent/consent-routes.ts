import { Router } from 'express';
import type { Request, Response } from 'express';
import type { Platform } from '../../domain/platform';
import type { SandboxContext } from '../context';
import { renderConsentPage } from './consent-page';
import { exchangeFacebookToken } from './facebook-token';

/** How each platform names its authorize parameters and answers a decision. */
interface Dialect {
  platform: Platform;
  clientParam: string;
  scopeSeparator: string | RegExp;
  /** Extra parameters of an allowed redirect (beside code and state). */
  allowExtras(scopes: string[]): Record<string, string>;
  denyParams: Record<string, string>;
}

const dialects: Record<'facebook' | 'tiktok' | 'google', Dialect> = {
  facebook: {
    platform: 'facebook',
    clientParam: 'client_id',
    scopeSeparator: ',',
    allowExtras: () => ({}),
    denyParams: { error: 'access_denied', error_code: '200', error_description: 'Permissions error', error_reason: 'user_denied' },
  },
  tiktok: {
    platform: 'tiktok',
    clientParam: 'client_key',
    scopeSeparator: ',',
    allowExtras: (scopes) => ({ scopes: scopes.join(',') }),
    denyParams: { error: 'access_denied', error_description: 'The user denied the authorization request.' },
  },
  google: {
    platform: 'youtube',
    clientParam: 'client_id',
    scopeSeparator: /\s+/,
    allowExtras: (scopes) => ({ scope: scopes.join(' ') }),
    denyParams: { error: 'access_denied' },
  },
};

/**
 * The platforms' consent screens at their native paths (Facebook `/vNN.N/dialog/oauth`, TikTok
 * `/v2/auth/authorize/`, Google `/o/oauth2/v2/auth`) and Facebook's `/oauth/access_token`
 * (TikTok's and Google's token endpoints live with their platforms). `sandbox_decision=allow|deny`
 * skips the page.
 */
export function createConsentRouter(ctx: SandboxContext): Router {
  const router = Router({ strict: true });
  router.get(/^\/v\d+\.\d+\/dialog\/oauth\/?$/, (req, res) => {
    consent(ctx, dialects.facebook, req, res);
  });
  router.get('/v2/auth/authorize/', (req, res) => {
    consent(ctx, dialects.tiktok, req, res);
  });
  router.get('/o/oauth2/v2/auth', (req, res) => {
    consent(ctx, dialects.google, req, res);
  });
  router.get(/^\/v\d+\.\d+\/oauth\/access_token\/?$/, (req, res) => {
    exchangeFacebookToken(ctx, req, res);
  });
  return router;
}

function consent(ctx: SandboxContext, dialect: Dialect, req: Request, res: Response): void {
  const query = stringQuery(req);
  const clientId = query[dialect.clientParam] ?? '';
  const redirectUri = query.redirect_uri ?? '';
  if (!clientId || !isHttpUrl(redirectUri)) {
    res.status(400).type('text/plain').send(`sandbox consent: ${dialect.clientParam} and an http(s) redirect_uri are required`);
    return;
  }
  const scopes = (query.scope ?? '').split(dialect.scopeSeparator).map((s) => s.trim()).filter(Boolean);
  const decision = query.sandbox_decision;
  if (decision !== 'allow' && decision !== 'deny') {
    res.type('html').send(renderConsentPage(dialect.platform, req.path, query, `LiveCue (app ${clientId})`, scopes));
    return;
  }
  const target = new URL(redirectUri);
  const params: Record<string, string> =
    decision === 'deny'
      ? { ...dialect.denyParams }
      : { code: ctx.consent.issue({ platform: dialect.platform, clientId, redirectUri, scopes, offline: query.access_type === 'offline' }), ...dialect.allowExtras(scopes) };
  if (query.state !== undefined) params.state = query.state;
  for (const [key, value] of Object.entries(params)) target.searchParams.set(key, value);
  res.redirect(302, target.toString());
}

function stringQuery(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(req.query)) if (typeof value === 'string') out[key] = value;
  return out;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
