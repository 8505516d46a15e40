// Who may read or write which resource: mirrors api/src/auth/roles.ts (the API enforces it; the admin only
// hides what would fail). ADMIN may do everything.
export const ROLES = ['ADMIN', 'OPS', 'PARTY_OFFICE', 'LEADER', 'DISCIPLINE', 'UNIT_HANDLER', 'API_READER'] as const;
export type Role = (typeof ROLES)[number];

const STAFF: Role[] = ['ADMIN', 'OPS', 'PARTY_OFFICE', 'LEADER', 'DISCIPLINE', 'API_READER'];
const EVERYONE: Role[] = [...ROLES];

interface Access { read: Role[]; write: Role[] }

export const RESOURCE_ACCESS: Record<string, Access> = {
  District: { read: EVERYONE, write: ['ADMIN'] },
  Street: { read: EVERYONE, write: ['ADMIN'] },
  Unit: { read: EVERYONE, write: ['ADMIN', 'OPS'] },
  RoleAssignment: { read: STAFF, write: ['OPS', 'PARTY_OFFICE'] },
  Pairing: { read: STAFF, write: ['OPS'] },
  DutyRoster: { read: STAFF, write: ['OPS'] },
  Topic: { read: EVERYONE, write: ['OPS'] },
  Ticket: { read: EVERYONE, write: ['OPS', 'UNIT_HANDLER'] },
  Callback: { read: EVERYONE, write: ['OPS'] },
  ReturnRequest: { read: [...STAFF, 'UNIT_HANDLER'], write: ['OPS', 'LEADER'] },
  ExtensionRequest: { read: [...STAFF, 'UNIT_HANDLER'], write: ['OPS', 'LEADER'] },
  ClosureAudit: { read: [...STAFF, 'UNIT_HANDLER'], write: ['OPS'] },
  LeaderOrder: { read: [...STAFF, 'UNIT_HANDLER'], write: ['OPS', 'LEADER'] },
  Warning: { read: STAFF, write: ['OPS'] },
  NegativeItem: { read: STAFF, write: ['OPS'] },
  NegativeRecord: { read: STAFF, write: ['OPS'] },
  NegativeQuota: { read: STAFF, write: ['OPS'] },
  Award: { read: STAFF, write: ['OPS', 'PARTY_OFFICE'] },
  Interview: { read: STAFF, write: ['OPS', 'LEADER'] },
  Assistance: { read: STAFF, write: ['OPS'] },
  DisciplineReferral: { read: ['LEADER', 'DISCIPLINE', 'OPS'], write: ['DISCIPLINE', 'OPS'] },
  Escalation: { read: STAFF, write: ['OPS', 'LEADER'] },
  Review: { read: STAFF, write: ['OPS', 'LEADER'] },
  UndercoverVisit: { read: ['LEADER', 'DISCIPLINE', 'OPS'], write: ['OPS', 'DISCIPLINE'] },
  WorkCalendarDay: { read: EVERYONE, write: ['ADMIN'] },
  SlaRule: { read: EVERYONE, write: ['ADMIN'] },
  ScoringScheme: { read: STAFF, write: ['ADMIN'] },
  User: { read: ['ADMIN'], write: ['ADMIN'] },
};

const READ_ACTIONS = new Set(['list', 'show', 'export']);

export function roleCan(role: string | undefined, resource: string, action: string): boolean {
  if (!role) return false;
  if (role === 'ADMIN') return true;
  const access = RESOURCE_ACCESS[resource];
  if (!access) return false;
  const roles = READ_ACTIONS.has(action) ? access.read : access.write;
  return roles.includes(role as Role);
}
