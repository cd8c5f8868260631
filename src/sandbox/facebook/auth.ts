import type { SandboxContext } from '../context';
import type { TokenCheck, TokenRecord } from '../tokens';
import { GraphFailure } from './graph-failure';
import { formatGraphTime } from './graph-params';

/**
 * Check a Graph token: unknown tokens are adopted, expired → 190/463, revoked → 190/460,
 * rotated → 190/467, missing → 190 (https://developers.facebook.com/docs/graph-api/guides/error-handling).
 */
export function authenticate(ctx: SandboxContext, token: string | undefined): TokenRecord {
  if (!token) throw new GraphFailure(190, 'An access token is required to request this resource.');
  const check = ctx.tokens.check('facebook', token);
  if (check.ok) return check.record;
  throw tokenFailure(ctx, check);
}

export function tokenFailure(ctx: SandboxContext, check: Extract<TokenCheck, { ok: false }>): GraphFailure {
  switch (check.reason) {
    case 'expired': {
      const expiredAt = formatGraphTime(check.record.expiresAt ?? ctx.clock.now());
      return new GraphFailure(
        190,
        `Error validating access token: Session has expired on ${expiredAt}. The current time is ${formatGraphTime(ctx.clock.now())}.`,
        { subcode: 463 },
      );
    }
    case 'revoked':
      return new GraphFailure(
        190,
        'Error validating access token: The session has been invalidated because the user changed their password or Facebook has changed the session for security reasons.',
        { subcode: 460 },
      );
    case 'rotated':
      return new GraphFailure(190, 'Invalid OAuth access token - Cannot parse access token', { subcode: 467 });
  }
}
