import type { Role } from '../../config/schema';

/** What each role may do (api.md "Auth"); ops and organizer are side by side, neither above the other. */
export type Permission = 'read' | 'write' | 'operate' | 'admin';

const GRANTS: Record<Role, readonly Permission[]> = {
  viewer: ['read'],
  organizer: ['read', 'write'],
  ops: ['read', 'operate'],
  admin: ['read', 'write', 'operate', 'admin'],
};

export function roleAllows(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

/** True when `role` may do nothing that `limit` may not (a token's role must be ≤ its user's). */
export function isRoleWithin(role: Role, limit: Role): boolean {
  return GRANTS[role].every((p) => GRANTS[limit].includes(p));
}

/**
 * The role a personal token acts with today: its own, cut down to what its user may do now (a
 * demoted user's admin token acts as the new role; an ops token of a user now organizer reads only).
 */
export function capRole(tokenRole: Role, userRole: Role): Role {
  if (isRoleWithin(tokenRole, userRole)) return tokenRole;
  if (tokenRole === 'admin') return userRole;
  return 'viewer';
}

/** The least role that has `permission`, for error messages. */
export function leastRoleFor(permission: Permission): Role {
  return permission === 'write' ? 'organizer' : permission === 'operate' ? 'ops' : permission === 'admin' ? 'admin' : 'viewer';
}
