// The seven roles of domain.md §8 and which resource each may read or write.
export const ROLES = ['ADMIN', 'OPS', 'PARTY_OFFICE', 'LEADER', 'DISCIPLINE', 'UNIT_HANDLER', 'API_READER'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  ADMIN: '系统管理员',
  OPS: '城运中心',
  PARTY_OFFICE: '党建办',
  LEADER: '街道领导',
  DISCIPLINE: '纪检',
  UNIT_HANDLER: '单位经办人',
  API_READER: '接口只读',
};

/** A LEADER's rank (migrations/0007): the 城运分管领导 and the 街道主要领导 decide different steps. */
export const LEADER_RANKS = ['DEPUTY', 'MAIN'] as const;
export type LeaderRank = (typeof LEADER_RANKS)[number];
export const LEADER_RANK_LABELS: Record<LeaderRank, string> = { DEPUTY: '分管领导', MAIN: '主要领导' };

/** Everyone signed in except a unit handler, who sees only its own unit's work. */
export const STAFF: Role[] = ['ADMIN', 'OPS', 'PARTY_OFFICE', 'LEADER', 'DISCIPLINE', 'API_READER'];
export const EVERYONE: Role[] = [...ROLES];

export interface Access {
  read: Role[];
  write: Role[];
}

/** Resource × role: the authorization matrix as data. ADMIN is implied everywhere. */
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
  ClosureAudit: { read: [...STAFF, 'UNIT_HANDLER'], write: ['OPS'] },
  LeaderOrder: { read: [...STAFF, 'UNIT_HANDLER'], write: ['OPS', 'LEADER'] },
  // A unit head (its UNIT_HANDLER) reads its own unit's warnings (domain.md §5, §8; row scope in auth/scope.ts).
  Warning: { read: [...STAFF, 'UNIT_HANDLER'], write: ['OPS'] },
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

export function can(role: Role, access: Role[]): boolean {
  return role === 'ADMIN' || access.includes(role);
}

/** Roles that contact citizens (or correct tickets) may reveal a ticket's personal data with a reason. */
export const MAY_REVEAL_PERSONAL_DATA: Role[] = ['OPS', 'UNIT_HANDLER', 'LEADER'];

/** revealTicketPersonalData (schema/personal.ts): those roles or the personal-data permission; never an API token. */
export function mayRevealPersonalData(p: { role: Role; tokenId: number | null; canReadPersonalData: boolean }): boolean {
  return p.tokenId === null && (p.canReadPersonalData || can(p.role, MAY_REVEAL_PERSONAL_DATA));
}
