import type { Role } from '../../config/schema';

/** What a role may do (api.md "Auth"); the API's guards and the console's controls both read it. */
export type Permission = 'read' | 'write' | 'operate' | 'admin';

const grants: Record<Role, readonly Permission[]> = {
  viewer: ['read'],
  organizer: ['read', 'write'],
  ops: ['read', 'operate'],
  admin: ['read', 'write', 'operate', 'admin'],
};

export function roleAllows(role: Role, permission: Permission): boolean {
  return grants[role].includes(permission);
}
