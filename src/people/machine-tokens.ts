import { createHash, timingSafeEqual } from 'node:crypto';
import type { Role } from '../../config/schema';
import { hashSecret } from './secrets';

/** LIVECUE_TOKENS: services' and bootstrap tokens, audited as `token:<role>`. */
export interface MachineTokens {
  /** The role of a presented token, compared against every configured token in constant time. */
  byToken(presented: string): { role: Role; hash: string } | null;
  /** The role of a token a browser session was opened with (by the hash kept in the session). */
  byHash(hash: string): Role | null;
}

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

export function createMachineTokens(tokens: { role: Role; token: string }[]): MachineTokens {
  const known = tokens.map((t) => ({ role: t.role, digest: digest(t.token), hash: hashSecret(t.token) }));
  return {
    byToken(presented) {
      const d = digest(presented);
      let found: { role: Role; hash: string } | null = null;
      for (const k of known) if (timingSafeEqual(d, k.digest) && found === null) found = { role: k.role, hash: k.hash };
      return found;
    },
    byHash(hash) {
      return known.find((k) => k.hash === hash)?.role ?? null;
    },
  };
}
