import type { Role } from '../../config/schema';

export type UserStatus = 'invited' | 'active' | 'disabled';

/** A person as the API shows them (api.md "People and sign-in"); instants are UTC ISO strings. */
export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  status: UserStatus;
  createdAt: string;
  lastSignInAt: string | null;
}

/** What the store keeps besides the public fields: never leaves src/people and src/store. */
export interface StoredUser extends User {
  /** argon2id PHC string, '' while no password is set (invited, or after a reset link). */
  passwordHash: string;
  /** Bumped when a password is reset or the user is disabled: older sessions end. */
  epoch: number;
}

/** The public fields only (no hash, no epoch). */
export function presentUser(user: StoredUser): User {
  return { id: user.id, email: user.email, name: user.name, role: user.role, status: user.status, createdAt: user.createdAt, lastSignInAt: user.lastSignInAt };
}

/** Emails are unique regardless of case. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
