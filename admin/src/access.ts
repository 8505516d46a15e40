// Who may read or write which resource, and which operations the user may call, come from the API
// (`me { permissions operations canRevealPersonalData }`), so the rule has one home: api/src/auth/roles.ts (registers)
// and api/src/auth/operations.ts (every query and mutation). The admin only hides what would fail; the API checks
// every operation anyway.
import { usePermissions } from 'react-admin';

export interface ResourcePermission { resource: string; read: boolean; write: boolean }

/** What authProvider.getPermissions returns (react-admin's usePermissions). */
export interface Permissions {
  role: string;
  resources: Record<string, { read: boolean; write: boolean }>;
  /** revealTicketPersonalData: may ask for a ticket's full phone and address, giving a reason. */
  canRevealPersonalData: boolean;
  /** `Query.x` / `Mutation.x` the user may call (me.operations). */
  operations: string[];
}

export function permissionsFrom(me: { role: string; permissions?: ResourcePermission[] | null; canRevealPersonalData?: boolean | null; operations?: string[] | null }): Permissions {
  const resources: Permissions['resources'] = {};
  for (const p of me.permissions ?? []) resources[p.resource] = { read: p.read, write: p.write };
  return { role: me.role, resources, canRevealPersonalData: !!me.canRevealPersonalData, operations: me.operations ?? [] };
}

const READ_ACTIONS = new Set(['list', 'show', 'export']);

/** react-admin actions: list/show/export read; create/edit/delete write. Unknown resources: nothing. */
export function permits(permissions: Permissions | null | undefined, resource: string, action: string): boolean {
  const r = permissions?.resources[resource];
  if (!r) return false;
  return READ_ACTIONS.has(action) ? r.read : r.write;
}

/** The operation table (api/src/auth/operations.ts) as it applies to the user. */
export function mayCall(permissions: Permissions | null | undefined, operation: string): boolean {
  return !!permissions?.operations.includes(operation);
}

/** The signed-in user's role and rights, for components (undefined role while loading or signed out). */
export function useAccess() {
  const { permissions } = usePermissions<Permissions | null>();
  return {
    role: permissions?.role,
    can: (resource: string, action: string) => permits(permissions, resource, action),
    canRevealPersonalData: !!permissions?.canRevealPersonalData,
    /** May call `Query.x` / `Mutation.x` (false while loading or signed out). */
    mayCall: (operation: string) => mayCall(permissions, operation),
  };
}
