import type { Platform } from '../domain/platform';

export type TokenKind = 'access' | 'refresh';
export type TokenState = 'active' | 'expired' | 'rotated' | 'revoked';

export interface TokenRecord {
  platform: Platform;
  kind: TokenKind;
  token: string;
  /** The user/page/channel the token belongs to. */
  subject: string;
  issuedAt: number;
  /** Epoch ms, or null for tokens that never expire (Facebook page tokens). */
  expiresAt: number | null;
  state: TokenState;
  /** True when the sandbox made the token itself (refresh), false when adopted. */
  issued: boolean;
  /** Scopes granted on a consent screen (tokens from an authorization code); absent: every scope. */
  scopes?: string[];
}

export type TokenCheck =
  | { ok: true; record: TokenRecord }
  | { ok: false; reason: Exclude<TokenState, 'active'>; record: TokenRecord };

/**
 * The sandbox's token table. Unknown tokens are adopted (so any account registered with LiveCue
 * works) as the platform's one sandbox user; tokens the sandbox expired, rotated or revoked are refused.
 */
export class SandboxTokens {
  private readonly records = new Map<string, TokenRecord>();
  private counter = 0;

  constructor(private readonly now: () => number) {}

  /** Look a token up, adopting it when unknown. */
  check(platform: Platform, token: string, kind: TokenKind = 'access'): TokenCheck {
    let record = this.records.get(token);
    if (!record) {
      record = {
        platform,
        kind,
        token,
        // Every adopted token belongs to the platform's one sandbox user, so an account's access
        // and refresh tokens (adopted separately) are the same user before and after a refresh.
        subject: `${platform}-sandbox-user`,
        issuedAt: this.now(),
        expiresAt: null,
        state: 'active',
        issued: false,
      };
      this.records.set(token, record);
    }
    if (record.state === 'active' && record.expiresAt !== null && record.expiresAt <= this.now()) {
      record.state = 'expired';
    }
    if (record.state !== 'active') return { ok: false, reason: record.state, record };
    return { ok: true, record };
  }

  issue(platform: Platform, kind: TokenKind, subject: string, ttlMs: number | null, scopes?: string[]): TokenRecord {
    this.counter += 1;
    const token = `${platform.slice(0, 2)}-${kind}-${this.counter}-${Math.random().toString(36).slice(2, 10)}`;
    const record: TokenRecord = {
      platform,
      kind,
      token,
      subject,
      issuedAt: this.now(),
      expiresAt: ttlMs === null ? null : this.now() + ttlMs,
      state: 'active',
      issued: true,
      ...(scopes ? { scopes } : {}),
    };
    this.records.set(token, record);
    return record;
  }

  /** Force a state (test hooks: expire, revoke) or mark a refresh token rotated. */
  setState(token: string, state: TokenState): void {
    const record = this.records.get(token);
    if (record) record.state = state;
  }

  /** Make a token expire at `atMs` (adopting it first if unknown). */
  setExpiry(platform: Platform, token: string, atMs: number | null, kind: TokenKind = 'access'): void {
    const check = this.check(platform, token, kind);
    check.record.expiresAt = atMs;
  }

  list(): TokenRecord[] {
    return [...this.records.values()];
  }

  clear(): void {
    this.records.clear();
  }
}
