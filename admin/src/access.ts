// Who may read or write which resource comes from the API (`me { permissions canRevealPersonalData }`), so the rule
// has one home: api/src/auth/roles.ts and each resource's own declared access. The admin only hides what would
// fail; the API checks every operation anyway.
import { usePermissions } from 'react-admin';

export interface ResourcePermission { resource: string; read: boolean; write: boolean }

/** What authProvider.getPermissions returns (react-admin's usePermissions). */
export interface Permissions {
  role: string;
  resources: Record<string, { read: boolean; write: boolean }>;
  /** revealTicketPersonalData: may ask for a ticket's full phone and address, giving a reason. */
  canRevealPersonalData: boolean;
}

export function permissionsFrom(me: { role: string; permissions?: ResourcePermission[] | null; canRevealPersonalData?: boolean | null }): Permissions {
  const resources: Permissions['resources'] = {};
  for (const p of me.permissions ?? []) resources[p.resource] = { read: p.read, write: p.write };
  return { role: me.role, resources, canRevealPersonalData: !!me.canRevealPersonalData };
}

const READ_ACTIONS = new Set(['list', 'show', 'export']);

/** react-admin actions: list/show/export read; create/edit/delete write. Unknown resources: nothing. */
export function permits(permissions: Permissions | null | undefined, resource: string, action: string): boolean {
  const r = permissions?.resources[resource];
  if (!r) return false;
  return READ_ACTIONS.has(action) ? r.read : r.write;
}

/** The signed-in user's role and rights, for components (undefined role while loading or signed out). */
export function useAccess() {
  const { permissions } = usePermissions<Permissions | null>();
  return {
    role: permissions?.role,
    can: (resource: string, action: string) => permits(permissions, resource, action),
    canRevealPersonalData: !!permissions?.canRevealPersonalData,
  };
}
