// Enumerations of the API (CHECK constraints in migrations/0001_init.up.sql). Labels live in i18n/.
export const ENUMS = {
  category: ['COMPLAINT', 'HELP', 'CONSULT', 'SUGGESTION', 'OTHER', 'PHOTO_REPORT'],
  channel: ['HOTLINE', 'WEB', 'APP', 'WECHAT', 'PHOTO', 'GRID', 'LEADER_DISPATCH', 'SUPERVISION'],
  ticketStatus: ['RECEIVED', 'DISPATCHED', 'ACCEPTED', 'IN_PROGRESS', 'SUBMITTED', 'CLOSED', 'RETURN_PENDING'],
  reopenKind: ['CALLBACK_UNSATISFIED', 'LEADER_SUPERVISION', 'CITY_REVIEW', 'REASSIGNED'],
  factFinding: ['TRUE', 'PARTLY_TRUE', 'UNFOUNDED'],
  resolution: ['ACTUALLY_RESOLVED', 'EXPLAINED', 'UNRESOLVED'],
  peerGroup: ['DEPARTMENT', 'INSTITUTION', 'RESIDENTIAL'],
  abRole: ['A', 'B'],
  userRole: ['ADMIN', 'OPS', 'PARTY_OFFICE', 'LEADER', 'DISCIPLINE', 'UNIT_HANDLER', 'API_READER'],
  leaderRank: ['DEPUTY', 'MAIN'],
  callbackResult: ['SATISFIED', 'BASICALLY_SATISFIED', 'NEUTRAL', 'UNSATISFIED', 'NOT_REACHED', 'REFUSED'],
  callbackSource: ['MANUAL', 'IMPORT'],
  returnStatus: ['PENDING', 'APPROVED', 'REJECTED', 'AWAITING_MAIN_LEADER'],
  extensionStatus: ['PENDING', 'APPROVED', 'REJECTED'],
  warningLevel: ['YELLOW', 'RED'],
  warningStatus: ['OPEN', 'ACKNOWLEDGED', 'CLOSED'],
  awardKind: ['EXCELLENT', 'DEMONSTRATION'],
  awardStatus: ['NOMINATED', 'SELECTED', 'REJECTED'],
  interviewLevel: ['DEPUTY_LEADER', 'MAIN_LEADER', 'LEADING_GROUP'],
  // The API stores the plan's own wording (三.7) as the values.
  interviewReason: ['长期绩效不理想', '不作为慢作为', '回复简单敷衍', '多次随意退单', '帮扶无起色', '提升无效果'],
  assistanceStatus: ['PLANNED', 'ONGOING', 'DONE'],
  conduct: ['INACTION', 'SLOW_ACTION', 'MISCONDUCT', 'BUCK_PASSING', 'FALSIFICATION'],
  slaKind: ['URGENT', 'LEADER_DISPATCH', 'SUPERVISION', 'CATEGORY', 'EXTENSION', 'LEADER_SUPERVISION_REDO'],
  satisfactionVariant: ['WEIGHTED', 'BINARY'],
  lateAcceptanceStatus: ['OPEN', 'CONFIRMED', 'DISMISSED'],
  proactiveTaskStatus: ['OPEN', 'DONE'],
  reportKind: ['WEEKLY', 'MONTHLY', 'RANKING_NOTICE', 'CAMPAIGN', 'YEARLY', 'MEETING_WEEKLY', 'MEETING_MONTHLY', 'MEETING_PARTY'],
} as const;

export type EnumName = keyof typeof ENUMS;
export type EnumValue<E extends EnumName> = (typeof ENUMS)[E][number];

/** react-admin choices whose names are translation keys (SelectInput & co. translate them). */
export const choices = (e: EnumName) => ENUMS[e].map((id) => ({ id, name: `rexian.enum.${e}.${id}` }));

/** Colour of a value when shown as a chip: the reader should see at a glance what needs attention. */
export type Tone = 'default' | 'primary' | 'secondary' | 'success' | 'warning' | 'error' | 'info';
export const TONES: Partial<Record<EnumName, Record<string, Tone>>> = {
  ticketStatus: {
    RECEIVED: 'info', DISPATCHED: 'info', ACCEPTED: 'primary', IN_PROGRESS: 'primary',
    SUBMITTED: 'secondary', CLOSED: 'success', RETURN_PENDING: 'warning',
  },
  callbackResult: {
    SATISFIED: 'success', BASICALLY_SATISFIED: 'success', NEUTRAL: 'default', UNSATISFIED: 'error',
    NOT_REACHED: 'default', REFUSED: 'default',
  },
  returnStatus: { PENDING: 'warning', APPROVED: 'success', REJECTED: 'error', AWAITING_MAIN_LEADER: 'warning' },
  extensionStatus: { PENDING: 'warning', APPROVED: 'success', REJECTED: 'error' },
  warningLevel: { YELLOW: 'warning', RED: 'error' },
  warningStatus: { OPEN: 'error', ACKNOWLEDGED: 'warning', CLOSED: 'success' },
  awardStatus: { NOMINATED: 'info', SELECTED: 'success', REJECTED: 'default' },
  awardKind: { EXCELLENT: 'primary', DEMONSTRATION: 'secondary' },
  assistanceStatus: { PLANNED: 'info', ONGOING: 'warning', DONE: 'success' },
  lateAcceptanceStatus: { OPEN: 'warning', CONFIRMED: 'error', DISMISSED: 'default' },
  proactiveTaskStatus: { OPEN: 'warning', DONE: 'success' },
  interviewLevel: { DEPUTY_LEADER: 'info', MAIN_LEADER: 'warning', LEADING_GROUP: 'error' },
  leaderRank: { DEPUTY: 'info', MAIN: 'warning' },
  peerGroup: { DEPARTMENT: 'primary', INSTITUTION: 'secondary', RESIDENTIAL: 'success' },
  resolution: { ACTUALLY_RESOLVED: 'success', EXPLAINED: 'info', UNRESOLVED: 'error' },
  factFinding: { TRUE: 'default', PARTLY_TRUE: 'default', UNFOUNDED: 'warning' },
  category: { COMPLAINT: 'error', HELP: 'warning', CONSULT: 'info', SUGGESTION: 'success', OTHER: 'default', PHOTO_REPORT: 'secondary' },
};

/** Ticket states in which the unit still owes work (the due-time badge applies). */
export const OPEN_TICKET_STATUSES: readonly string[] = ['RECEIVED', 'DISPATCHED', 'ACCEPTED', 'IN_PROGRESS', 'SUBMITTED', 'RETURN_PENDING'];
