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

/**
 * Writes the resource matrix grants but the API refuses a role anyway (its resolver decides on the row): a unit
 * handler writes the handling of its own unit's tickets and may neither create nor delete one (api/src/schema/
 * tickets.ts, hooks.authorize: 「单位经办人不能新建或删除工单」). Hidden here so no button leads to that refusal.
 */
const REFUSED_BY_ROLE: Record<string, Record<string, string[]>> = {
  UNIT_HANDLER: { Ticket: ['create', 'delete'] },
};

/** react-admin actions: list/show/export read; create/edit/delete write. Unknown resources: nothing. */
export function permits(permissions: Permissions | null | undefined, resource: string, action: string): boolean {
  const r = permissions?.resources[resource];
  if (!r) return false;
  if (READ_ACTIONS.has(action)) return r.read;
  return r.write && !REFUSED_BY_ROLE[permissions!.role]?.[resource]?.includes(action);
}

/**
 * Reference data (区, 街镇, 单位, 诉求主题, 时限规则, 工作日历, …: resources/registry.ts REFERENCE_DATA) every role
 * may read, because pickers and ticket pages name it, but only people who keep it or oversee the street open it
 * from the menu: a unit handler sees what it works with (its tickets, 我的待办, its unit's indicators).
 */
export function inMenu(permissions: Permissions | null | undefined, resource: string, reference: boolean): boolean {
  if (!permits(permissions, resource, 'list')) return false;
  if (!reference) return true;
  return permissions!.role !== 'UNIT_HANDLER' || permits(permissions, resource, 'edit');
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
    /** Whether the resource has an entry in the sidebar (inMenu). */
    inMenu: (resource: string, reference: boolean) => inMenu(permissions, resource, reference),
    canRevealPersonalData: !!permissions?.canRevealPersonalData,
    /** May call `Query.x` / `Mutation.x` (false while loading or signed out). */
    mayCall: (operation: string) => mayCall(permissions, operation),
  };
}
