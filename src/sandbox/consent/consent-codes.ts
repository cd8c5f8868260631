import { randomBytes } from 'node:crypto';
import type { Platform } from '../../domain/platform';

/** What an authorization code stands for until it is exchanged once. */
export interface ConsentGrant {
  platform: Platform;
  clientId: string;
  redirectUri: string;
  scopes: string[];
  /** Google: `access_type=offline` asks for a refresh token. */
  offline: boolean;
  expiresAtMs: number;
}

/** Codes live 10 minutes and are good once, as on the platforms. */
const CODE_TTL_MS = 10 * 60_000;

/** Authorization codes the consent screens handed out. */
export class ConsentCodes {
  private readonly codes = new Map<string, ConsentGrant>();

  constructor(private readonly now: () => number) {}

  issue(grant: Omit<ConsentGrant, 'expiresAtMs'>): string {
    const code = `${grant.platform.slice(0, 2)}-code-${randomBytes(12).toString('base64url')}`;
    this.codes.set(code, { ...grant, expiresAtMs: this.now() + CODE_TTL_MS });
    return code;
  }

  /** The grant of a code that is known, unused and not expired (using it up), else null. */
  take(code: string): ConsentGrant | null {
    const grant = this.codes.get(code);
    if (!grant) return null;
    this.codes.delete(code);
    return grant.expiresAtMs > this.now() ? grant : null;
  }

  /** True when the code came from a consent screen (used or not). */
  isConsentCode(code: string): boolean {
    return /^(fa|ti|yo)-code-/.test(code);
  }

  clear(): void {
    this.codes.clear();
  }
}
