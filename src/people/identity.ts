import type { Role } from '../../config/schema';
import type { User } from './user';

/** Who a request is (set by the API's identify step; api.md "People and sign-in"). */
export interface Identity {
  role: Role;
  /** Audit name: `user:<email>`, `token:<name>` (personal), `token:<role>` (machine). */
  principal: string;
  /** Stable, non-secret key for rate limits and idempotency scopes (two machine tokens of one role differ). */
  key: string;
  /** The person, for a browser session or a personal token; null for a machine token. */
  user: User | null;
  /** Set for a browser session: its CSRF token and the hash of its cookie value. */
  session: { secretHash: string; csrfToken: string } | null;
  /** Personal token id, when the request (or the session it opened) uses one. */
  tokenId: string | null;
}

export function machineIdentity(role: Role, hash: string): Identity {
  return { role, principal: `token:${role}`, key: `machine:${hash.slice(0, 12)}`, user: null, session: null, tokenId: null };
}
