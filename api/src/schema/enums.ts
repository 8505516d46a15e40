// The domain's enumerations, as GraphQL enums (values match the CHECK constraints of the migrations).
import { LEADER_RANKS, ROLES } from '../auth/roles';
import { TICKET_CATEGORIES, TICKET_CHANNELS } from '../domain/sla';

export const PeerGroup = { enum: 'PeerGroup', values: ['DEPARTMENT', 'INSTITUTION', 'RESIDENTIAL'] } as const;
export const RoleEnum = { enum: 'Role', values: ROLES } as const;
export const LeaderRankEnum = { enum: 'LeaderRank', values: LEADER_RANKS } as const;
export const AbRole = { enum: 'AbRole', values: ['A', 'B'] } as const;
export const TicketCategory = { enum: 'TicketCategory', values: TICKET_CATEGORIES } as const;
export const TicketChannel = { enum: 'TicketChannel', values: TICKET_CHANNELS } as const;
export const TicketStatus = {
  enum: 'TicketStatus',
  values: ['RECEIVED', 'DISPATCHED', 'ACCEPTED', 'IN_PROGRESS', 'SUBMITTED', 'CLOSED', 'RETURN_PENDING'],
} as const;
export const FactFinding = { enum: 'FactFinding', values: ['TRUE', 'PARTLY_TRUE', 'UNFOUNDED'] } as const;
export const Resolution = { enum: 'Resolution', values: ['ACTUALLY_RESOLVED', 'EXPLAINED', 'UNRESOLVED'] } as const;
export const ReopenKind = { enum: 'ReopenKind', values: ['CALLBACK_UNSATISFIED', 'LEADER_SUPERVISION', 'CITY_REVIEW', 'REASSIGNED'] } as const;
export const CallbackResult = {
  enum: 'CallbackResult',
  values: ['SATISFIED', 'BASICALLY_SATISFIED', 'NEUTRAL', 'UNSATISFIED', 'NOT_REACHED', 'REFUSED'],
} as const;
export const CallbackSource = { enum: 'CallbackSource', values: ['MANUAL', 'IMPORT'] } as const;
export const ReturnStatus = { enum: 'ReturnStatus', values: ['PENDING', 'APPROVED', 'REJECTED', 'AWAITING_MAIN_LEADER'] } as const;
export const WarningLevel = { enum: 'WarningLevel', values: ['YELLOW', 'RED'] } as const;
export const AwardKind = { enum: 'AwardKind', values: ['EXCELLENT', 'DEMONSTRATION'] } as const;
export const AwardStatus = { enum: 'AwardStatus', values: ['NOMINATED', 'SELECTED', 'REJECTED'] } as const;
export const InterviewLevel = { enum: 'InterviewLevel', values: ['DEPUTY_LEADER', 'MAIN_LEADER', 'LEADING_GROUP'] } as const;
export const AssistanceStatus = { enum: 'AssistanceStatus', values: ['PLANNED', 'ONGOING', 'DONE'] } as const;
export const Conduct = { enum: 'Conduct', values: ['INACTION', 'SLOW_ACTION', 'MISCONDUCT', 'BUCK_PASSING', 'FALSIFICATION'] } as const;
export const SlaKind = {
  enum: 'SlaKind',
  values: ['URGENT', 'LEADER_DISPATCH', 'SUPERVISION', 'CATEGORY', 'EXTENSION', 'LEADER_SUPERVISION_REDO'],
} as const;
export const SatisfactionVariant = { enum: 'SatisfactionVariant', values: ['WEIGHTED', 'BINARY'] } as const;
