// The ticket state machine (domain.md §2 "Lifecycle") and the supervision steps that move a ticket
// (§5: 退单 approval chain, 八审八不准 closure audit, extensions, leader supervision), as pure functions.
// Who may act, from which state, and what changes: the schema layer loads, calls these, and writes.
//
//   RECEIVED → DISPATCHED → ACCEPTED → (first contact) → IN_PROGRESS → SUBMITTED
//   SUBMITTED --audit fails--> IN_PROGRESS (redoCount + 1)
//   SUBMITTED --audit passes--> CLOSED (closedAt := submittedAt of the passing submission)
//   CLOSED --reopen (callback unsatisfied / leader supervision / city review / re-assigned)--> IN_PROGRESS
//   DISPATCHED | ACCEPTED | IN_PROGRESS | SUBMITTED --return requested--> RETURN_PENDING
//   RETURN_PENDING --approved--> DISPATCHED (to the receiving unit) | --rejected--> the state before the return
import { can, LEADER_RANK_LABELS, ROLE_LABELS, type LeaderRank, type Role } from '../auth/roles';
import type { WorkCalendar } from './calendar';
import { computeDueTimes, slaTicketOf, type ReopenKind, type SlaRule } from './sla';

export const TICKET_STATES = ['RECEIVED', 'DISPATCHED', 'ACCEPTED', 'IN_PROGRESS', 'SUBMITTED', 'CLOSED', 'RETURN_PENDING'] as const;
export type TicketState = (typeof TICKET_STATES)[number];

export const STATE_LABELS: Record<TicketState, string> = {
  RECEIVED: '待派单',
  DISPATCHED: '已派单',
  ACCEPTED: '已签收',
  IN_PROGRESS: '办理中',
  SUBMITTED: '已提交办结',
  CLOSED: '已办结',
  RETURN_PENDING: '退单审批中',
};

/** States in which a unit still holds the matter (退单 may be asked from any of them). */
export const OPEN_HELD_STATES: readonly TicketState[] = ['DISPATCHED', 'ACCEPTED', 'IN_PROGRESS', 'SUBMITTED'];

export const ACTIONS = [
  'dispatch', 'accept', 'recordFirstContact', 'submitClosure', 'auditClosure', 'reopen',
  'requestReturn', 'decideReturn', 'requestExtension', 'approveExtension', 'recordCallback',
] as const;
export type ActionType = (typeof ACTIONS)[number];

export const ACTION_LABELS: Record<ActionType, string> = {
  dispatch: '派单',
  accept: '签收',
  recordFirstContact: '登记先行联系',
  submitClosure: '提交办结',
  auditClosure: '进行办结审核',
  reopen: '重办',
  requestReturn: '申请退单',
  decideReturn: '审批退单',
  requestExtension: '申请延期',
  approveExtension: '审批延期',
  recordCallback: '登记回访',
};
const LEADER_SUPERVISION_LABEL = '下达领导督办单';

/** domain.md §8: who may take each step (ADMIN may take all). A unit handler acts only on its own unit's tickets. */
export const ACTION_ROLES: Record<ActionType | 'leaderSupervision', readonly Role[]> = {
  dispatch: ['OPS'],
  accept: ['UNIT_HANDLER'],
  recordFirstContact: ['UNIT_HANDLER'],
  submitClosure: ['UNIT_HANDLER'],
  auditClosure: ['OPS'],
  reopen: ['OPS'], // callback unsatisfied, city review, re-assignment
  leaderSupervision: ['LEADER'], // reopen of kind LEADER_SUPERVISION (领导督办单)
  requestReturn: ['UNIT_HANDLER'],
  decideReturn: ['LEADER'],
  requestExtension: ['UNIT_HANDLER'],
  approveExtension: ['LEADER'],
  recordCallback: ['OPS'],
};

/**
 * The duty leader of the week (domain.md §8, roster §1) may take these steps on that week's tickets (received in
 * the roster's ISO week): dispatch with a written instruction (批示), record the first contact, and call back
 * before closure (四(二)2). Other leaders may not.
 */
export const DUTY_LEADER_ACTIONS: readonly ActionType[] = ['dispatch', 'recordFirstContact', 'recordCallback'];
/** The duty leader's callback comes before closure, while the unit is still on it. */
const DUTY_CALLBACK_FROM: readonly TicketState[] = ['ACCEPTED', 'IN_PROGRESS', 'SUBMITTED'];

const FROM: Record<ActionType, readonly TicketState[]> = {
  dispatch: ['RECEIVED'],
  accept: ['DISPATCHED'],
  recordFirstContact: ['ACCEPTED'],
  submitClosure: ['IN_PROGRESS'],
  auditClosure: ['SUBMITTED'],
  reopen: ['CLOSED'],
  requestReturn: OPEN_HELD_STATES,
  decideReturn: ['RETURN_PENDING'],
  // Asked while the unit is working on it; decided any time before closure.
  requestExtension: ['DISPATCHED', 'ACCEPTED', 'IN_PROGRESS'],
  approveExtension: ['DISPATCHED', 'ACCEPTED', 'IN_PROGRESS', 'SUBMITTED', 'RETURN_PENDING'],
  // 回访 follows 办结.
  recordCallback: ['CLOSED'],
};

/** The ticket columns the state machine reads. */
export interface LifecycleTicket {
  status: TicketState | string;
  unitId: number | null;
  receivedAt: Date;
  firstContactAt: Date | null;
  submittedAt: Date | null;
  closedAt: Date | null;
  redoCount: number;
  extensionApproved: boolean;
  statusBeforeReturn: string | null;
  /** LEADER_DISPATCH tickets need the written completion note to close (domain.md §5). */
  channel?: string | null;
  completionNote?: string | null;
}

export interface Actor {
  role: Role;
  unitId: number | null;
  userId?: number | null;
  /** A LEADER's rank (分管领导 DEPUTY / 主要领导 MAIN). */
  leaderRank?: LeaderRank | null;
}

/** What the state machine needs to know beyond the ticket row. */
export interface TicketFacts {
  /** An extension request of this ticket awaits a decision. */
  extensionPending?: boolean;
  /** The actor (a LEADER) is the duty leader of the week the ticket was received in. */
  dutyLeader?: boolean;
  /** The ticket has a 领导督办单 without its written completion note. */
  openLeaderOrder?: boolean;
}

export interface ClosureOutcome {
  factFinding: 'TRUE' | 'PARTLY_TRUE' | 'UNFOUNDED';
  factBasis: string;
  resolution: 'ACTUALLY_RESOLVED' | 'EXPLAINED' | 'UNRESOLVED';
  demand: string;
  siteVisit: string | null;
  replyText: string;
  /** 书面办结说明: required for a leader dispatch ticket. */
  completionNote?: string | null;
}

export type TicketAction =
  /** leader: the duty leader dispatching with a written instruction (批示) — a 领导派单 with its own limit. */
  | { type: 'dispatch'; unitId: number; at: Date; leader?: { name: string; userId: number | null; instruction: string } }
  | { type: 'accept'; at: Date }
  /** at: when the citizen was contacted (recorded afterwards); now: the server clock. */
  | { type: 'recordFirstContact'; at: Date; now: Date }
  | { type: 'submitClosure'; at: Date; outcome: ClosureOutcome }
  | { type: 'auditClosure'; passed: boolean; at: Date }
  | { type: 'reopen'; kind: ReopenKind; at: Date }
  | { type: 'requestReturn'; at: Date }
  /** The final decision of the return chain (the 分管领导's, or the 主要领导's when one is needed). */
  | { type: 'decideReturn'; approve: boolean; toUnitId: number | null; at: Date }
  | { type: 'requestExtension' }
  | { type: 'approveExtension'; approve: boolean }
  | { type: 'recordCallback' };

export interface TicketPatch {
  status?: TicketState;
  unitId?: number;
  dispatchedAt?: Date;
  acceptedAt?: Date | null;
  firstContactAt?: Date;
  submittedAt?: Date | null;
  closedAt?: Date | null;
  reopenedAt?: Date;
  reopenKind?: ReopenKind;
  redoCount?: number;
  statusBeforeReturn?: TicketState | null;
  extensionApproved?: boolean;
  factFinding?: ClosureOutcome['factFinding'];
  factBasis?: string;
  resolution?: ClosureOutcome['resolution'];
  demand?: string;
  siteVisit?: string | null;
  replyText?: string;
  completionNote?: string | null;
  channel?: string;
  leaderName?: string;
  leaderUserId?: number | null;
  leaderInstruction?: string;
  reassigned?: boolean;
  callbackReview?: boolean;
}

export type RefusalCode = 'NOT_FOUND' | 'FORBIDDEN' | 'ILLEGAL_TRANSITION' | 'BAD_USER_INPUT';
export interface Refusal {
  ok: false;
  code: RefusalCode;
  reason: string;
  /** The state the refusal is about (the ticket's, or a request's for the request steps). */
  currentState: string;
  /** For BAD_USER_INPUT: the argument at fault. */
  field?: string;
}
export interface Transition {
  ok: true;
  /** The ticket's state afterwards (unchanged for steps that do not move it). */
  next: TicketState;
  patch: TicketPatch;
  /** The ticket-event kind to record (the same vocabulary as the demo seed's history). */
  event: string;
}
export type TransitionResult = Transition | Refusal;

const refuse = (code: RefusalCode, reason: string, currentState: string, field?: string): Refusal => ({ ok: false, code, reason, currentState, ...(field ? { field } : {}) });

export function stateLabel(state: string): string {
  return STATE_LABELS[state as TicketState] ?? state;
}

/** The step's name in Chinese (for messages). */
export function actionLabel(action: ActionType, kind?: ReopenKind): string {
  return action === 'reopen' && kind === 'LEADER_SUPERVISION' ? LEADER_SUPERVISION_LABEL : ACTION_LABELS[action];
}

/** The roles that may take an action (a reopen's roles depend on its kind). */
export function rolesFor(action: ActionType, kind?: ReopenKind): readonly Role[] {
  return action === 'reopen' && kind === 'LEADER_SUPERVISION' ? ACTION_ROLES.leaderSupervision : ACTION_ROLES[action];
}

/** May this role ever take this action (before looking at any ticket)? */
export function roleMay(role: Role, action: ActionType, kind?: ReopenKind): boolean {
  return can(role, [...rolesFor(action, kind)]);
}

export function illegalStateReason(state: string, action: ActionType, kind?: ReopenKind): string {
  return `工单当前状态为「${stateLabel(state)}」，不能${actionLabel(action, kind)}`;
}

/**
 * Role, scope and state guards of an action, without its arguments. Order matters: a role that may
 * never act is FORBIDDEN whatever the ticket (this says nothing about the ticket); another unit's handler
 * learns nothing (NOT_FOUND); only then is the state checked (ILLEGAL_TRANSITION naming the current state).
 */
export function guard(ticket: LifecycleTicket, action: ActionType, actor: Actor, facts: TicketFacts = {}, kind?: ReopenKind): Refusal | null {
  const state = ticket.status;
  const asDutyLeader = actor.role === 'LEADER' && DUTY_LEADER_ACTIONS.includes(action);
  if (!roleMay(actor.role, action, kind) && !asDutyLeader) {
    return refuse('FORBIDDEN', `${ROLE_LABELS[actor.role]}不能${actionLabel(action, kind)}`, state);
  }
  if (asDutyLeader && !facts.dutyLeader) {
    return refuse('FORBIDDEN', `${ROLE_LABELS[actor.role]}不能${actionLabel(action, kind)}：只有本周值班领导可以对本周受理的工单${actionLabel(action, kind)}`, state);
  }
  if (actor.role === 'UNIT_HANDLER' && (ticket.unitId === null || ticket.unitId !== actor.unitId)) {
    return refuse('NOT_FOUND', '工单不存在', state);
  }
  const from = asDutyLeader && action === 'recordCallback' ? DUTY_CALLBACK_FROM : FROM[action];
  if (!from.includes(state as TicketState)) {
    return refuse('ILLEGAL_TRANSITION', illegalStateReason(state, action, kind), state);
  }
  switch (action) {
    case 'requestReturn':
      if (ticket.unitId === null) return refuse('ILLEGAL_TRANSITION', '工单尚未派给任何单位，不能申请退单', state);
      break;
    case 'submitClosure':
      if (!ticket.firstContactAt) return refuse('ILLEGAL_TRANSITION', `工单当前状态为「${stateLabel(state)}」但尚未登记先行联系，不能提交办结`, state);
      break;
    case 'auditClosure':
      // closedAt comes from the submission: without one there is nothing to audit.
      if (!ticket.submittedAt) return refuse('ILLEGAL_TRANSITION', `工单当前状态为「${stateLabel(state)}」但没有提交办结时间，不能${ACTION_LABELS.auditClosure}`, state);
      break;
    case 'requestExtension':
      if (ticket.extensionApproved) return refuse('ILLEGAL_TRANSITION', `工单当前状态为「${stateLabel(state)}」且已批准延期，不能再次申请延期`, state);
      if (facts.extensionPending) return refuse('ILLEGAL_TRANSITION', `工单当前状态为「${stateLabel(state)}」且已有待审批的延期申请，不能重复申请`, state);
      break;
    case 'approveExtension':
      if (ticket.extensionApproved) return refuse('ILLEGAL_TRANSITION', `工单当前状态为「${stateLabel(state)}」且已批准延期`, state);
      break;
    default:
  }
  return null;
}

/** Clock tolerance for "not in the future" (client clocks drift). */
const FUTURE_SKEW_MS = 5 * 60_000;

/**
 * One step of a ticket. Returns the next state and the columns to write (due times are added by
 * `withDueTimes`), or a refusal that says why in Chinese, naming the current state.
 */
export function transition(ticket: LifecycleTicket, action: TicketAction, actor: Actor, facts: TicketFacts = {}): TransitionResult {
  const kind = action.type === 'reopen' ? action.kind : undefined;
  const refused = guard(ticket, action.type, actor, facts, kind);
  if (refused) return refused;
  const state = ticket.status as TicketState;
  switch (action.type) {
    case 'dispatch':
      if (actor.role === 'LEADER' && !action.leader?.instruction.trim()) return refuse('BAD_USER_INPUT', '值班领导派单须填写批示', state, 'instruction');
      return {
        ok: true,
        next: 'DISPATCHED',
        event: 'DISPATCHED',
        patch: {
          status: 'DISPATCHED',
          unitId: action.unitId,
          dispatchedAt: action.at,
          ...(action.leader ? { channel: 'LEADER_DISPATCH', leaderName: action.leader.name, leaderUserId: action.leader.userId, leaderInstruction: action.leader.instruction } : {}),
        },
      };

    case 'accept':
      // A ticket that comes back to DISPATCHED through an approved return was already contacted by the
      // first unit: the citizen has been reached, so the receiving unit goes straight to work.
      return ticket.firstContactAt
        ? { ok: true, next: 'IN_PROGRESS', event: 'ACCEPTED', patch: { status: 'IN_PROGRESS', acceptedAt: action.at } }
        : { ok: true, next: 'ACCEPTED', event: 'ACCEPTED', patch: { status: 'ACCEPTED', acceptedAt: action.at } };

    case 'recordFirstContact':
      if (action.at < ticket.receivedAt) return refuse('BAD_USER_INPUT', '先行联系时间不能早于受理时间', state, 'at');
      if (action.at.getTime() > action.now.getTime() + FUTURE_SKEW_MS) return refuse('BAD_USER_INPUT', '先行联系时间不能晚于当前时间', state, 'at');
      return { ok: true, next: 'IN_PROGRESS', event: 'FIRST_CONTACT', patch: { status: 'IN_PROGRESS', firstContactAt: action.at } };

    case 'submitClosure':
      if (isLeaderDispatch(ticket) && !action.outcome.completionNote?.trim()) {
        return refuse('BAD_USER_INPUT', '领导派单工单须填写书面办结说明', state, 'completionNote');
      }
      return {
        ok: true,
        next: 'SUBMITTED',
        event: 'SUBMITTED',
        patch: { status: 'SUBMITTED', submittedAt: action.at, ...action.outcome },
      };

    case 'auditClosure': {
      const missing = action.passed ? missingCompletionNote(ticket, facts) : null;
      if (missing) return refuse('ILLEGAL_TRANSITION', `${missing}，不能审核通过办结`, state);
      // The closing instant is the passing submission's, not the audit's: the unit finished then.
      return action.passed
        ? { ok: true, next: 'CLOSED', event: 'CLOSED', patch: { status: 'CLOSED', closedAt: ticket.submittedAt } }
        : { ok: true, next: 'IN_PROGRESS', event: 'AUDIT_FAILED', patch: { status: 'IN_PROGRESS', submittedAt: null, redoCount: ticket.redoCount + 1 } };
    }

    case 'reopen':
      // A reopened ticket is no longer closed (domain.md §3: the closed set is closedAt ∈ P): closedAt and
      // the old submission are cleared and it closes again, with a new closedAt, after a new passing audit.
      // The first contact stays (the citizen was reached); the due times restart from the reopen.
      return {
        ok: true,
        next: 'IN_PROGRESS',
        event: 'REOPENED',
        patch: {
          status: 'IN_PROGRESS',
          closedAt: null,
          submittedAt: null,
          reopenedAt: action.at,
          reopenKind: action.kind,
          ...(action.kind === 'REASSIGNED' ? { reassigned: true } : {}),
          ...(action.kind === 'CITY_REVIEW' ? { callbackReview: true } : {}),
        },
      };

    case 'requestReturn':
      return { ok: true, next: 'RETURN_PENDING', event: 'RETURN_REQUESTED', patch: { status: 'RETURN_PENDING', statusBeforeReturn: state } };

    case 'decideReturn': {
      if (!action.approve) {
        const back = (TICKET_STATES as readonly string[]).includes(ticket.statusBeforeReturn ?? '') && ticket.statusBeforeReturn !== 'RETURN_PENDING'
          ? (ticket.statusBeforeReturn as TicketState)
          : 'DISPATCHED';
        return { ok: true, next: back, event: 'RETURN_REJECTED', patch: { status: back, statusBeforeReturn: null } };
      }
      if (action.toUnitId === null) return refuse('BAD_USER_INPUT', '批准退单须指定接收单位', state, 'toUnitId');
      if (action.toUnitId === ticket.unitId) return refuse('BAD_USER_INPUT', '接收单位不能是申请退单的单位', state, 'toUnitId');
      // The receiving unit starts from 派单: it signs for the ticket and submits its own closure.
      return {
        ok: true,
        next: 'DISPATCHED',
        event: 'RETURN_APPROVED',
        patch: { status: 'DISPATCHED', unitId: action.toUnitId, dispatchedAt: action.at, acceptedAt: null, submittedAt: null, statusBeforeReturn: null },
      };
    }

    case 'requestExtension':
      return { ok: true, next: state, event: 'EXTENSION_REQUESTED', patch: {} };

    case 'approveExtension':
      return action.approve
        ? { ok: true, next: state, event: 'EXTENSION_APPROVED', patch: { extensionApproved: true } }
        : { ok: true, next: state, event: 'EXTENSION_REJECTED', patch: {} };

    case 'recordCallback':
      return { ok: true, next: state, event: 'CALLBACK', patch: {} };
  }
}

/** 领导派单 (channel LEADER_DISPATCH, or dispatched by the duty leader with a 批示). */
export function isLeaderDispatch(ticket: Pick<LifecycleTicket, 'channel'>): boolean {
  return ticket.channel === 'LEADER_DISPATCH';
}

/**
 * domain.md §5: leader dispatch and 督办单 tickets need the written completion note before they can close. Says
 * what is missing, or null.
 */
export function missingCompletionNote(ticket: LifecycleTicket, facts: TicketFacts): string | null {
  if (isLeaderDispatch(ticket) && !ticket.completionNote?.trim()) return '领导派单工单尚未填写书面办结说明';
  if (facts.openLeaderOrder) return '领导督办单尚未填写书面办结说明';
  return null;
}

/** The SLA inputs of a ticket. */
export interface DueTimeTicket {
  category: string;
  channel: string;
  urgent: boolean;
  receivedAt: Date;
  extensionApproved: boolean;
  reopenedAt: Date | null;
  reopenKind: string | null;
}

/** Due times after a patch (domain.md §2 "Due times"): a reopen and an approved extension move them. */
export function withDueTimes<T extends TicketPatch>(ticket: DueTimeTicket, patch: T, rules: readonly SlaRule[], calendar: WorkCalendar) {
  const merged = { ...ticket, ...patch } as DueTimeTicket;
  const due = computeDueTimes(slaTicketOf(merged), rules, calendar);
  return { ...patch, firstContactDue: due.firstContactDue, completionDue: due.completionDue };
}

/** 领导督办单: its own limit, LEADER_SUPERVISION_REDO working days from the order (default 2). */
export function leaderOrderDue(issuedAt: Date, category: string, rules: readonly SlaRule[], calendar: WorkCalendar): Date {
  const candidates = rules.filter((r) => r.kind === 'LEADER_SUPERVISION_REDO' && r.completionWorkdays !== null && (r.category === null || r.category === category));
  const rule = candidates.find((r) => r.category === category) ?? candidates[0];
  if (!rule) throw new Error('no LEADER_SUPERVISION_REDO rule with completion days');
  return calendar.addWorkdays(issuedAt, rule.completionWorkdays!);
}

// ——— 退单 approval chain (domain.md §5) ———

export const RETURN_STATUSES = ['PENDING', 'AWAITING_MAIN_LEADER', 'APPROVED', 'REJECTED'] as const;
export type ReturnStatus = (typeof RETURN_STATUSES)[number];
export const RETURN_STATUS_LABELS: Record<ReturnStatus, string> = {
  PENDING: '待分管领导审批',
  AWAITING_MAIN_LEADER: '待主要领导审批',
  APPROVED: '已批准',
  REJECTED: '已驳回',
};

export interface ReturnHistoryEntry {
  fromUnitId: number;
  status: string;
  toUnitId: number | null;
}

/**
 * Does a new request from this unit need the 街道主要领导's approval and a 纪检 filing? Yes when the same
 * unit was refused before on this ticket, or when it is the unit an earlier approval designated.
 * Returns why, or null.
 */
export function mainLeaderRequirement(history: readonly ReturnHistoryEntry[], fromUnitId: number): string | null {
  if (history.some((r) => r.fromUnitId === fromUnitId && r.status === 'REJECTED')) return '该单位的退单申请曾被驳回，再次申请';
  if (history.some((r) => r.status === 'APPROVED' && r.toUnitId === fromUnitId)) return '被指定的接收单位申请退单';
  return null;
}

export interface ReturnRequestState {
  status: string;
  needsMainLeader: boolean;
  fromUnitId: number;
  toUnitId: number | null;
  /** The 分管领导 who approved (for the main-leader step). */
  decidedBy: number | null;
}

export type ReturnStep =
  | { level: 'DEPUTY'; approve: boolean; toUnitId: number | null }
  /** disciplineFilingRef: the filing DISCIPLINE recorded on the request (null: not yet filed). */
  | { level: 'MAIN'; approve: boolean; disciplineFilingRef: string | null };

export type ReturnStepResult =
  | { ok: true; status: ReturnStatus; final: boolean; toUnitId: number | null }
  | Refusal;

/**
 * May this actor take this level of the return chain? A leader only at its own rank: the first level is the
 * 城运分管领导's (DEPUTY), the second the 街道主要领导's (MAIN). ADMIN may take both.
 */
export function mayDecideReturnAt(actor: Actor, level: LeaderRank): boolean {
  if (!can(actor.role, [...ACTION_ROLES.decideReturn])) return false;
  return actor.role !== 'LEADER' || actor.leaderRank === level;
}

/**
 * A decision on a return request. DEPUTY (城运分管领导): PENDING → APPROVED (receiving unit chosen) |
 * REJECTED | AWAITING_MAIN_LEADER (approved, but the request needs the 主要领导). MAIN (街道主要领导):
 * AWAITING_MAIN_LEADER → APPROVED (only with a 纪检 filing reference) | REJECTED. Each level is taken by a
 * leader of that rank, and the main leader's approval by another person than the deputy's (one signature
 * cannot count twice, even for an administrator).
 */
export function decideReturnRequest(req: ReturnRequestState, step: ReturnStep, actor: Actor): ReturnStepResult {
  const label = step.level === 'DEPUTY' ? '作分管领导审批' : '作主要领导审批';
  if (!can(actor.role, [...ACTION_ROLES.decideReturn])) return refuse('FORBIDDEN', `${ROLE_LABELS[actor.role]}不能审批退单`, req.status);
  if (!mayDecideReturnAt(actor, step.level)) {
    const who = actor.leaderRank ? LEADER_RANK_LABELS[actor.leaderRank] : '未设置领导职级的领导';
    return refuse(
      'FORBIDDEN',
      step.level === 'DEPUTY'
        ? `退单的第一级审批由城运分管领导作出，${who}不能${label}`
        : `待主要领导审批的退单只能由街道主要领导审批，${who}不能${label}`,
      req.status,
    );
  }
  const expected: ReturnStatus = step.level === 'DEPUTY' ? 'PENDING' : 'AWAITING_MAIN_LEADER';
  if (req.status !== expected) {
    return refuse('ILLEGAL_TRANSITION', `退单申请当前状态为「${RETURN_STATUS_LABELS[req.status as ReturnStatus] ?? req.status}」，不能${label}`, req.status);
  }
  if (step.level === 'DEPUTY') {
    if (!step.approve) return { ok: true, status: 'REJECTED', final: true, toUnitId: null };
    if (step.toUnitId === null) return refuse('BAD_USER_INPUT', '批准退单须指定接收单位', req.status, 'toUnitId');
    if (step.toUnitId === req.fromUnitId) return refuse('BAD_USER_INPUT', '接收单位不能是申请退单的单位', req.status, 'toUnitId');
    return req.needsMainLeader
      ? { ok: true, status: 'AWAITING_MAIN_LEADER', final: false, toUnitId: step.toUnitId }
      : { ok: true, status: 'APPROVED', final: true, toUnitId: step.toUnitId };
  }
  if (actor.userId != null && actor.userId === req.decidedBy) {
    return refuse('FORBIDDEN', '主要领导审批须由分管领导以外的领导作出', req.status);
  }
  if (!step.approve) return { ok: true, status: 'REJECTED', final: true, toUnitId: null };
  // The filing is DISCIPLINE's own record (domain.md §8): the approval waits for it.
  if (!step.disciplineFilingRef?.trim()) return refuse('ILLEGAL_TRANSITION', '该退单尚未由纪检登记备案，主要领导须待纪检备案后才能批准', req.status, 'disciplineFilingRef');
  return { ok: true, status: 'APPROVED', final: true, toUnitId: req.toUnitId };
}

/** The roles that record the 纪检 filing of a return (domain.md §8: DISCIPLINE itself; ADMIN implied). */
export const DISCIPLINE_FILERS: readonly Role[] = ['DISCIPLINE'];

/** May this actor record the 纪检 filing of this request now? Only one awaiting the 主要领导 and not yet filed. */
export function mayRecordDisciplineFiling(req: { status: string; disciplineFilingRef: string | null }, actor: Actor): Refusal | null {
  if (!can(actor.role, [...DISCIPLINE_FILERS])) return refuse('FORBIDDEN', `${ROLE_LABELS[actor.role]}不能登记纪检备案：纪检备案由纪检登记`, req.status);
  if (req.status !== 'AWAITING_MAIN_LEADER') {
    return refuse('ILLEGAL_TRANSITION', `退单申请当前状态为「${RETURN_STATUS_LABELS[req.status as ReturnStatus] ?? req.status}」，不需要纪检备案`, req.status);
  }
  if (req.disciplineFilingRef) return refuse('ILLEGAL_TRANSITION', `该退单已由纪检备案（${req.disciplineFilingRef}），不能重复备案`, req.status);
  return null;
}

// ——— 八审八不准 closure audit (domain.md §5) ———

export const CLOSURE_AUDIT_CHECKS = [
  '先行联系描述正确',
  '事实认定合理、依据充分',
  '诉求认定完整',
  '现场处置真实、填写规范',
  '办理结果与其他要素不矛盾',
  '满意度填写规范',
  '答复内容完整反映办理过程',
  '答复形式符合要求',
] as const;

export interface AuditCheckInput {
  pass: boolean;
  note?: string | null;
}
export interface AuditCheck {
  item: number;
  label: string;
  pass: boolean;
  note: string | null;
}

export type AuditEvaluation =
  | { ok: true; passed: boolean; checks: AuditCheck[] }
  | { ok: false; fieldErrors: Record<string, string> };

/** Exactly eight checks, in order; a failed check must say why. Any fail sends the ticket back for redo. */
export function evaluateClosureAudit(input: readonly AuditCheckInput[]): AuditEvaluation {
  if (input.length !== CLOSURE_AUDIT_CHECKS.length) {
    return { ok: false, fieldErrors: { checks: `八审八不准须逐项填写 ${CLOSURE_AUDIT_CHECKS.length} 项，收到 ${input.length} 项` } };
  }
  const errors: Record<string, string> = {};
  const checks = input.map((c, i) => {
    const note = c.note?.trim() || null;
    if (!c.pass && !note) errors[`checks.${i}.note`] = `第${i + 1}项「${CLOSURE_AUDIT_CHECKS[i]}」不通过，须写明原因`;
    if (note && note.length > 1000) errors[`checks.${i}.note`] = `第${i + 1}项的说明不能超过 1000 个字`;
    return { item: i + 1, label: CLOSURE_AUDIT_CHECKS[i]!, pass: c.pass, note };
  });
  if (Object.keys(errors).length) return { ok: false, fieldErrors: errors };
  return { ok: true, passed: checks.every((c) => c.pass), checks };
}

/** Why a failed audit sent the ticket back, as the unit reads it. null when the audit passed. */
export function auditFailureSummary(checks: readonly { item?: number; label?: string; pass: boolean; note?: string | null }[], note?: string | null): string | null {
  const failed = checks.map((c, i) => ({ ...c, item: c.item ?? i + 1 })).filter((c) => !c.pass);
  if (!failed.length) return null;
  const parts = failed.map((c) => `第${c.item}项「${c.label ?? CLOSURE_AUDIT_CHECKS[c.item - 1] ?? ''}」不通过：${c.note ?? ''}`);
  return parts.join('；') + (note?.trim() ? `。审核意见：${note.trim()}` : '');
}

// ——— What a user may do now (for the UI) ———

/** Mutation names the UI offers as buttons. */
export type WorkflowMutation =
  | 'dispatchTicket' | 'acceptTicket' | 'recordFirstContact' | 'submitClosure' | 'auditClosure' | 'reopenTicket'
  | 'requestReturn' | 'decideReturn' | 'approveReturnAsMainLeader' | 'requestExtension' | 'decideExtension'
  | 'recordCallback' | 'issueLeaderOrder' | 'completeLeaderOrder' | 'recordDisciplineFiling';

export interface WorkflowFacts extends TicketFacts {
  /** The open return request of the ticket, if any. */
  openReturn?: { status: string; decidedBy: number | null; disciplineFilingRef?: string | null } | null;
}

/** The workflow mutations this actor may call on this ticket now (each would pass its guards). */
export function allowedActions(ticket: LifecycleTicket, actor: Actor, facts: WorkflowFacts = {}): WorkflowMutation[] {
  const ok = (a: ActionType, kind?: ReopenKind) => guard(ticket, a, actor, facts, kind) === null;
  const out: WorkflowMutation[] = [];
  if (ok('dispatch')) out.push('dispatchTicket');
  if (ok('accept')) out.push('acceptTicket');
  if (ok('recordFirstContact')) out.push('recordFirstContact');
  if (ok('submitClosure')) out.push('submitClosure');
  if (ok('auditClosure')) out.push('auditClosure');
  if (ok('reopen', 'CITY_REVIEW')) out.push('reopenTicket');
  if (ok('requestReturn')) out.push('requestReturn');
  if (ok('decideReturn')) {
    const r = facts.openReturn;
    if (r?.status === 'PENDING' && mayDecideReturnAt(actor, 'DEPUTY')) out.push('decideReturn');
    if (r?.status === 'AWAITING_MAIN_LEADER' && mayDecideReturnAt(actor, 'MAIN') && (actor.userId == null || actor.userId !== r.decidedBy)) out.push('approveReturnAsMainLeader');
  }
  if (facts.openReturn && mayRecordDisciplineFiling({ status: facts.openReturn.status, disciplineFilingRef: facts.openReturn.disciplineFilingRef ?? null }, actor) === null) out.push('recordDisciplineFiling');
  if (ok('requestExtension')) out.push('requestExtension');
  if (facts.extensionPending && ok('approveExtension')) out.push('decideExtension');
  if (ok('recordCallback')) out.push('recordCallback');
  if (ok('reopen', 'LEADER_SUPERVISION')) out.push('issueLeaderOrder');
  if (facts.openLeaderOrder && mayCompleteLeaderOrder(ticket, actor) === null) out.push('completeLeaderOrder');
  return out;
}

export const LEADER_ORDER_COMPLETERS: readonly Role[] = ['UNIT_HANDLER', 'OPS', 'LEADER'];

/**
 * Completing a 领导督办单: the unit (or the city-ops centre, or a leader) writes the completion note once
 * the redo has been submitted for closure or closed.
 */
export function mayCompleteLeaderOrder(ticket: LifecycleTicket, actor: Actor): Refusal | null {
  const state = ticket.status;
  if (!can(actor.role, [...LEADER_ORDER_COMPLETERS])) return refuse('FORBIDDEN', `${ROLE_LABELS[actor.role]}不能办结领导督办单`, state);
  if (actor.role === 'UNIT_HANDLER' && (ticket.unitId === null || ticket.unitId !== actor.unitId)) return refuse('NOT_FOUND', '领导督办单不存在', state);
  if (state !== 'SUBMITTED' && state !== 'CLOSED') {
    return refuse('ILLEGAL_TRANSITION', `工单当前状态为「${stateLabel(state)}」，须先提交办结才能办结领导督办单`, state);
  }
  return null;
}
