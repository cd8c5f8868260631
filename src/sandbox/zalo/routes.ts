import { randomBytes } from 'node:crypto';
import express from 'express';
import type { Request, Router } from 'express';
import type { SandboxContext } from '../context';
import { isOffZalo, SANDBOX_ZALO } from './zalo-defaults';

/** Lifetime of an OA access token the sandbox issues, like Zalo's (25 h, seconds as a string). */
const ACCESS_TTL_S = 90_000;
const TEMPLATE_IDS = new Set<string>(Object.values(SANDBOX_ZALO.templates));

/** What the sandbox's OA holds: issued access tokens (with expiry) and live refresh tokens. */
export interface ZaloOaState {
  access: Record<string, number>;
  /** Refresh token → 'active' | 'used' (single use: a used one is refused). */
  refresh: Record<string, 'active' | 'used'>;
}

/** Zalo answers errors with HTTP 200 and a negative `error`. */
type Answer = Record<string, unknown>;
const fail = (error: number, message: string): Answer => ({ error, message });

function issueTokens(ctx: SandboxContext, oa: ZaloOaState, req: Request): Answer {
  const body = (req.body ?? {}) as Record<string, unknown>;
  if (body.app_id !== SANDBOX_ZALO.appId) return fail(-14001, 'app_id is invalid');
  if (req.get('secret_key') !== SANDBOX_ZALO.appSecret) return fail(-14002, 'secret_key is invalid');
  if (body.grant_type !== 'refresh_token' || typeof body.refresh_token !== 'string' || body.refresh_token === '') {
    return fail(-14003, 'grant_type refresh_token with a refresh_token is required');
  }
  // Unknown refresh tokens are adopted (a token pasted by a person); used ones are dead, as on Zalo.
  if (oa.refresh[body.refresh_token] === 'used') return fail(-14014, 'refresh_token is invalid or used');
  oa.refresh[body.refresh_token] = 'used';
  const accessToken = `zoa-${randomBytes(12).toString('hex')}`;
  const refreshToken = `zrt-${randomBytes(12).toString('hex')}`;
  oa.access[accessToken] = ctx.clock.now() + ACCESS_TTL_S * 1000;
  oa.refresh[refreshToken] = 'active';
  return { access_token: accessToken, refresh_token: refreshToken, expires_in: String(ACCESS_TTL_S) };
}

function sendTemplate(ctx: SandboxContext, oa: ZaloOaState, req: Request): Answer {
  const token = req.get('access_token') ?? '';
  const expiresAt = oa.access[token];
  if (expiresAt === undefined || expiresAt <= ctx.clock.now()) return fail(-124, 'Access token is invalid');
  const body = (req.body ?? {}) as Record<string, unknown>;
  const phone = typeof body.phone === 'string' ? body.phone : '';
  if (!/^84\d{8,10}$/.test(phone)) return fail(-108, 'Phone number invalid');
  const templateId = typeof body.template_id === 'string' ? body.template_id : '';
  if (!TEMPLATE_IDS.has(templateId)) return fail(-109, 'Template ID invalid');
  const data = body.template_data;
  if (typeof data !== 'object' || data === null || Object.keys(data).length === 0) return fail(-111, 'Template data empty');
  if (isOffZalo(phone)) return fail(-118, 'Zalo account not existed');
  const msgId = randomBytes(16).toString('hex');
  const sentAt = ctx.clock.now();
  ctx.state.zalo.messages.push({ msgId, phone, templateId, templateData: data as Record<string, unknown>, trackingId: typeof body.tracking_id === 'string' ? body.tracking_id : null, sentAt: new Date(sentAt).toISOString() });
  return { error: 0, message: 'Success', data: { msg_id: msgId, sent_time: String(sentAt), quota: { dailyQuota: '500', remainingQuota: '499' } } };
}

/**
 * Zalo at its native paths: the OA token endpoint (`POST /v4/oa/access_token`, form body, header
 * `secret_key`, rotating single-use refresh tokens) and ZNS (`POST /message/template`, header
 * `access_token`), answering in Zalo's shape (`{ "error": <negative code>, "message" }`).
 */
export function createZaloRouter(ctx: SandboxContext, oa: ZaloOaState): Router {
  const router = express.Router();
  router.post('/v4/oa/access_token', (req, res) => {
    res.json(issueTokens(ctx, oa, req));
  });
  router.post('/message/template', (req, res) => {
    res.json(sendTemplate(ctx, oa, req));
  });
  return router;
}
