import { createContext, useContext } from 'react';
import type { Role } from '../api/types';
import type { Me } from '../api/types';
import { roleAllows } from '../../people/roles';
import type { Permission } from '../../people/roles';

export const MeContext = createContext<Me | null>(null);

/** Who is signed in (the signed-in part of the app only renders with one). */
export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe outside MeContext');
  return me;
}

/** Whether the signed-in role may do `permission`: decides which controls are shown. */
export function useCan(permission: Permission): boolean {
  return roleAllows(useMe().role, permission);
}

export function canRole(role: Role, permission: Permission): boolean {
  return roleAllows(role, permission);
}
