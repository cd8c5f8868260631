import type { SandboxContext } from '../context';
import { errorAnswer } from './envelope';
import type { TiktokAnswer } from './envelope';

export type TiktokAuth = { ok: true; openId: string; token: string } | { ok: false; answer: TiktokAnswer };

/**
 * Bearer check. Unknown tokens are adopted as new users; tokens the sandbox expired, rotated or
 * revoked, and refresh tokens presented as access tokens, get 401 `access_token_invalid`.
 */
export function authenticate(ctx: SandboxContext, header: string | undefined): TiktokAuth {
  const now = ctx.clock.now();
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  const token = match?.[1];
  if (!token) {
    return { ok: false, answer: errorAnswer(now, 401, 'access_token_invalid', 'The access token is missing.') };
  }
  const check = ctx.tokens.check('tiktok', token);
  if (!check.ok || check.record.kind !== 'access' || check.record.platform !== 'tiktok') {
    const why = check.ok ? 'is not an access token' : `is ${check.reason}`;
    return {
      ok: false,
      answer: errorAnswer(now, 401, 'access_token_invalid', `The access token is invalid or not found in the request (it ${why}).`),
    };
  }
  return { ok: true, openId: check.record.subject, token };
}
