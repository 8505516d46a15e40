// The ticket state machine as a pure module (domain.md §2 "Lifecycle", §5, §8): legal steps, one test per
// illegal step, the role table, and the supervision rules (return chain, 八审八不准, leader-order limit).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ROLES, type Role } from '../../src/auth/roles';
import { WorkCalendar } from '../../src/domain/calendar';
import { calendarOverridesFromChineseDays } from '../../src/domain/calendar-seed';
import { DEFAULT_SLA_RULES, REOPEN_KINDS } from '../../src/domain/sla';
import { formatShanghai, parseShanghaiWallTime } from '../../src/domain/time';
import {
  ACTIONS,
  allowedActions,
  auditFailureSummary,
  CLOSURE_AUDIT_CHECKS,
  decideReturnRequest,
  evaluateClosureAudit,
  leaderOrderDue,
  mainLeaderRequirement,
  mayCompleteLeaderOrder,
  STATE_LABELS,
  TICKET_STATES,
  transition,
  withDueTimes,
  type ActionType,
  type Actor,
  type LifecycleTicket,
  type TicketAction,
  type TicketState,
} from '../../src/domain/lifecycle';
import { unsatisfiedEntries } from '../../src/domain/callback-digest';

const cal = new WorkCalendar(calendarOverridesFromChineseDays(2004, 2026));
const wall = (s: string) => parseShanghaiWallTime(s)!;
const show = (d: Date | null | undefined) => (d ? formatShanghai(d) : d);

const received = wall('2023-06-21 09:00');
const now = wall('2023-06-21 15:00');
const UNIT = 7;
const OTHER = 8;

function ticket(status: TicketState, over: Partial<LifecycleTicket> = {}): LifecycleTicket {
  const held = status !== 'RECEIVED';
  return {
    status,
    unitId: held ? UNIT : null,
    receivedAt: received,
    firstContactAt: ['IN_PROGRESS', 'SUBMITTED', 'CLOSED', 'RETURN_PENDING'].includes(status) ? wall('2023-06-21 10:00') : null,
    submittedAt: ['SUBMITTED', 'CLOSED'].includes(status) ? wall('2023-06-21 14:00') : null,
    closedAt: status === 'CLOSED' ? wall('2023-06-21 14:00') : null,
    redoCount: 0,
    extensionApproved: false,
    statusBeforeReturn: status === 'RETURN_PENDING' ? 'ACCEPTED' : null,
    ...over,
  };
}

// A LEADER is the 分管领导 unless said otherwise; `main` is the 街道主要领导.
const actor = (role: Role, unitId: number | null = role === 'UNIT_HANDLER' ? UNIT : null, userId = 1): Actor => ({ role, unitId, userId, leaderRank: role === 'LEADER' ? 'DEPUTY' : null });
const main = (userId = 2): Actor => ({ role: 'LEADER', unitId: null, userId, leaderRank: 'MAIN' });

const OUTCOME = { factFinding: 'TRUE', factBasis: '现场核实', resolution: 'ACTUALLY_RESOLVED', demand: '清运', siteVisit: null, replyText: '已清运' } as const;

/** A sample of each action with its arguments. */
const SAMPLE: Record<ActionType, TicketAction> = {
  dispatch: { type: 'dispatch', unitId: UNIT, at: now },
  accept: { type: 'accept', at: now },
  recordFirstContact: { type: 'recordFirstContact', at: wall('2023-06-21 11:00'), now },
  submitClosure: { type: 'submitClosure', at: now, outcome: OUTCOME },
  auditClosure: { type: 'auditClosure', passed: true, at: now },
  reopen: { type: 'reopen', kind: 'CALLBACK_UNSATISFIED', at: now },
  requestReturn: { type: 'requestReturn', at: now },
  decideReturn: { type: 'decideReturn', approve: true, toUnitId: OTHER, at: now },
  requestExtension: { type: 'requestExtension' },
  approveExtension: { type: 'approveExtension', approve: true },
  recordCallback: { type: 'recordCallback' },
};

/** Every legal (state, action) pair and where it leads. */
const LEGAL: Array<[TicketState, ActionType, TicketState]> = [
  ['RECEIVED', 'dispatch', 'DISPATCHED'],
  ['DISPATCHED', 'accept', 'ACCEPTED'],
  ['ACCEPTED', 'recordFirstContact', 'IN_PROGRESS'],
  ['IN_PROGRESS', 'submitClosure', 'SUBMITTED'],
  ['SUBMITTED', 'auditClosure', 'CLOSED'],
  ['CLOSED', 'reopen', 'IN_PROGRESS'],
  ['DISPATCHED', 'requestReturn', 'RETURN_PENDING'],
  ['ACCEPTED', 'requestReturn', 'RETURN_PENDING'],
  ['IN_PROGRESS', 'requestReturn', 'RETURN_PENDING'],
  ['SUBMITTED', 'requestReturn', 'RETURN_PENDING'],
  ['RETURN_PENDING', 'decideReturn', 'DISPATCHED'],
  ['DISPATCHED', 'requestExtension', 'DISPATCHED'],
  ['ACCEPTED', 'requestExtension', 'ACCEPTED'],
  ['IN_PROGRESS', 'requestExtension', 'IN_PROGRESS'],
  ['DISPATCHED', 'approveExtension', 'DISPATCHED'],
  ['ACCEPTED', 'approveExtension', 'ACCEPTED'],
  ['IN_PROGRESS', 'approveExtension', 'IN_PROGRESS'],
  ['SUBMITTED', 'approveExtension', 'SUBMITTED'],
  ['RETURN_PENDING', 'approveExtension', 'RETURN_PENDING'],
  ['CLOSED', 'recordCallback', 'CLOSED'],
];

/** The roles (besides ADMIN) that may take each action. */
const MAY: Record<ActionType, Role[]> = {
  dispatch: ['OPS'],
  accept: ['UNIT_HANDLER'],
  recordFirstContact: ['UNIT_HANDLER'],
  submitClosure: ['UNIT_HANDLER'],
  auditClosure: ['OPS'],
  reopen: ['OPS'],
  requestReturn: ['UNIT_HANDLER'],
  decideReturn: ['LEADER'],
  requestExtension: ['UNIT_HANDLER'],
  approveExtension: ['LEADER'],
  recordCallback: ['OPS'],
};
const roleFor = (a: ActionType) => MAY[a][0]!;

describe('legal transitions', () => {
  for (const [from, action, to] of LEGAL) {
    it(`${from} --${action}--> ${to} (by ${roleFor(action)})`, () => {
      const r = transition(ticket(from), SAMPLE[action], actor(roleFor(action)));
      expect(r.ok, JSON.stringify(r)).toBe(true);
      if (r.ok) expect(r.next).toBe(to);
      if (r.ok && r.next !== from) expect(r.patch.status).toBe(to);
    });
  }

  it('a passing audit closes with closedAt := the submission time, not the audit time', () => {
    const t = ticket('SUBMITTED', { submittedAt: wall('2023-06-21 14:00') });
    const r = transition(t, { type: 'auditClosure', passed: true, at: wall('2023-06-23 09:00') }, actor('OPS'));
    expect(r.ok && show(r.patch.closedAt)).toBe('2023-06-21 14:00:00');
  });

  it('a failing audit goes back to IN_PROGRESS, counts a redo and clears the failed submission', () => {
    const r = transition(ticket('SUBMITTED', { redoCount: 1 }), { type: 'auditClosure', passed: false, at: now }, actor('OPS'));
    expect(r).toMatchObject({ ok: true, next: 'IN_PROGRESS', event: 'AUDIT_FAILED', patch: { status: 'IN_PROGRESS', redoCount: 2, submittedAt: null } });
  });

  it('a submission carries the outcome and the submission time', () => {
    const r = transition(ticket('IN_PROGRESS'), SAMPLE.submitClosure, actor('UNIT_HANDLER'));
    expect(r).toMatchObject({ ok: true, patch: { ...OUTCOME, submittedAt: now, status: 'SUBMITTED' } });
  });

  for (const kind of REOPEN_KINDS) {
    it(`a reopen (${kind}) is no longer closed: closedAt cleared, reopenedAt/reopenKind set`, () => {
      const r = transition(ticket('CLOSED'), { type: 'reopen', kind, at: now }, actor(kind === 'LEADER_SUPERVISION' ? 'LEADER' : 'OPS'));
      expect(r).toMatchObject({ ok: true, next: 'IN_PROGRESS', patch: { status: 'IN_PROGRESS', closedAt: null, submittedAt: null, reopenedAt: now, reopenKind: kind } });
    });
  }

  it('a re-assignment reopen sets the 重新交办 flag and a city review the 复核 flag', () => {
    expect(transition(ticket('CLOSED'), { type: 'reopen', kind: 'REASSIGNED', at: now }, actor('OPS'))).toMatchObject({ patch: { reassigned: true } });
    expect(transition(ticket('CLOSED'), { type: 'reopen', kind: 'CITY_REVIEW', at: now }, actor('OPS'))).toMatchObject({ patch: { callbackReview: true } });
  });

  it('a return request remembers the state it left; a rejection goes back to it, same unit', () => {
    const r = transition(ticket('SUBMITTED'), SAMPLE.requestReturn, actor('UNIT_HANDLER'));
    expect(r).toMatchObject({ ok: true, patch: { status: 'RETURN_PENDING', statusBeforeReturn: 'SUBMITTED' } });
    const back = transition(ticket('RETURN_PENDING', { statusBeforeReturn: 'SUBMITTED' }), { type: 'decideReturn', approve: false, toUnitId: null, at: now }, actor('LEADER'));
    expect(back).toMatchObject({ ok: true, next: 'SUBMITTED', event: 'RETURN_REJECTED', patch: { status: 'SUBMITTED', statusBeforeReturn: null } });
    expect(back.ok && 'unitId' in back.patch).toBe(false);
  });

  it('an approved return dispatches to the receiving unit, which signs again', () => {
    const r = transition(ticket('RETURN_PENDING'), { type: 'decideReturn', approve: true, toUnitId: OTHER, at: now }, actor('LEADER'));
    expect(r).toMatchObject({ ok: true, next: 'DISPATCHED', patch: { status: 'DISPATCHED', unitId: OTHER, dispatchedAt: now, acceptedAt: null, submittedAt: null } });
  });

  it('an approved return needs a receiving unit other than the requesting one', () => {
    expect(transition(ticket('RETURN_PENDING'), { type: 'decideReturn', approve: true, toUnitId: null, at: now }, actor('LEADER'))).toMatchObject({ ok: false, code: 'BAD_USER_INPUT', field: 'toUnitId' });
    expect(transition(ticket('RETURN_PENDING'), { type: 'decideReturn', approve: true, toUnitId: UNIT, at: now }, actor('LEADER'))).toMatchObject({ ok: false, code: 'BAD_USER_INPUT', field: 'toUnitId' });
  });

  it('the receiving unit of a return, whose citizen was already contacted, goes from signing straight to work', () => {
    const t = ticket('DISPATCHED', { firstContactAt: wall('2023-06-21 10:00') });
    expect(transition(t, SAMPLE.accept, actor('UNIT_HANDLER'))).toMatchObject({ ok: true, next: 'IN_PROGRESS' });
  });

  it('a first contact cannot be before receipt or in the future', () => {
    expect(transition(ticket('ACCEPTED'), { type: 'recordFirstContact', at: wall('2023-06-21 08:59'), now }, actor('UNIT_HANDLER'))).toMatchObject({ ok: false, code: 'BAD_USER_INPUT', field: 'at' });
    expect(transition(ticket('ACCEPTED'), { type: 'recordFirstContact', at: wall('2023-06-21 16:00'), now }, actor('UNIT_HANDLER'))).toMatchObject({ ok: false, code: 'BAD_USER_INPUT', field: 'at' });
  });
});

describe('illegal transitions are refused naming the current state (one test each)', () => {
  for (const action of ACTIONS) {
    const legalFrom = new Set(LEGAL.filter(([, a]) => a === action).map(([s]) => s));
    for (const state of TICKET_STATES) {
      if (legalFrom.has(state)) continue;
      it(`${action} from ${state} is ILLEGAL_TRANSITION`, () => {
        // ADMIN may take every action, so only the state can refuse it.
        const r = transition(ticket(state), SAMPLE[action], actor('ADMIN'));
        expect(r).toMatchObject({ ok: false, code: 'ILLEGAL_TRANSITION', currentState: state });
        expect(r.ok === false && r.reason).toContain(`工单当前状态为「${STATE_LABELS[state]}」`);
        expect('patch' in r).toBe(false);
      });
    }
  }

  it('the example message: submitting a closed ticket', () => {
    const r = transition(ticket('CLOSED'), SAMPLE.submitClosure, actor('UNIT_HANDLER'));
    expect(r).toMatchObject({ ok: false, code: 'ILLEGAL_TRANSITION', reason: '工单当前状态为「已办结」，不能提交办结', currentState: 'CLOSED' });
  });

  it('a second extension request while one is pending', () => {
    expect(transition(ticket('IN_PROGRESS'), SAMPLE.requestExtension, actor('UNIT_HANDLER'), { extensionPending: true })).toMatchObject({ ok: false, code: 'ILLEGAL_TRANSITION' });
  });

  it('an extension request after one was approved', () => {
    expect(transition(ticket('IN_PROGRESS', { extensionApproved: true }), SAMPLE.requestExtension, actor('UNIT_HANDLER'))).toMatchObject({ ok: false, code: 'ILLEGAL_TRANSITION' });
  });

  it('approving an extension twice', () => {
    expect(transition(ticket('IN_PROGRESS', { extensionApproved: true }), SAMPLE.approveExtension, actor('LEADER'))).toMatchObject({ ok: false, code: 'ILLEGAL_TRANSITION' });
  });

  it('an audit of a submission without a submission time', () => {
    expect(transition(ticket('SUBMITTED', { submittedAt: null }), SAMPLE.auditClosure, actor('OPS'))).toMatchObject({ ok: false, code: 'ILLEGAL_TRANSITION' });
  });

  it('a submission without a recorded first contact', () => {
    expect(transition(ticket('IN_PROGRESS', { firstContactAt: null }), SAMPLE.submitClosure, actor('UNIT_HANDLER'))).toMatchObject({ ok: false, code: 'ILLEGAL_TRANSITION' });
  });
});

describe('who may act (domain.md §8; ADMIN may do everything)', () => {
  for (const action of ACTIONS) {
    const from = LEGAL.find(([, a]) => a === action)![0];
    for (const role of ROLES) {
      const allowed = role === 'ADMIN' || MAY[action].includes(role);
      it(`${action}: ${role} is ${allowed ? 'allowed' : 'FORBIDDEN'}`, () => {
        const r = transition(ticket(from), SAMPLE[action], actor(role));
        if (allowed) expect(r.ok, JSON.stringify(r)).toBe(true);
        else expect(r).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      });
    }
    if (MAY[action].includes('UNIT_HANDLER')) {
      it(`${action}: another unit's handler gets NOT_FOUND (never learns the ticket exists)`, () => {
        expect(transition(ticket(from), SAMPLE[action], actor('UNIT_HANDLER', OTHER))).toMatchObject({ ok: false, code: 'NOT_FOUND' });
      });
    }
  }

  it('leader supervision (领导督办) is a LEADER reopen, not an OPS one', () => {
    const order = { type: 'reopen', kind: 'LEADER_SUPERVISION', at: now } as const;
    expect(transition(ticket('CLOSED'), order, actor('LEADER'))).toMatchObject({ ok: true });
    expect(transition(ticket('CLOSED'), order, actor('OPS'))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(transition(ticket('CLOSED'), SAMPLE.reopen, actor('LEADER'))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  it('a role that may never act is FORBIDDEN whatever the state', () => {
    expect(transition(ticket('CLOSED'), SAMPLE.dispatch, actor('DISCIPLINE'))).toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('due times after a step', () => {
  const base = { category: 'COMPLAINT', channel: 'HOTLINE', urgent: false, receivedAt: wall('2023-04-27 10:00'), extensionApproved: false, reopenedAt: null, reopenKind: null };

  it('a city-review reopen on 2023-04-28 restarts the clock: 1 working day to contact, 3 to complete (05-06, a make-up Saturday)', () => {
    const r = withDueTimes(base, { reopenedAt: wall('2023-04-28 10:00'), reopenKind: 'CITY_REVIEW' as const }, DEFAULT_SLA_RULES, cal);
    expect(show(r.firstContactDue)).toBe('2023-05-04 23:59:59');
    expect(show(r.completionDue)).toBe('2023-05-06 23:59:59');
  });

  it('a leader order on 2023-04-28 gives 2 working days from the order (05-05), on the ticket and on the order', () => {
    const issued = wall('2023-04-28 10:00');
    const r = withDueTimes(base, { reopenedAt: issued, reopenKind: 'LEADER_SUPERVISION' as const }, DEFAULT_SLA_RULES, cal);
    expect(show(r.completionDue)).toBe('2023-05-05 23:59:59');
    expect(show(leaderOrderDue(issued, 'COMPLAINT', DEFAULT_SLA_RULES, cal))).toBe('2023-05-05 23:59:59');
  });

  it('an approved extension gives 15 working days from receipt', () => {
    const r = withDueTimes({ ...base, receivedAt: wall('2023-06-21 10:00') }, { extensionApproved: true }, DEFAULT_SLA_RULES, cal);
    expect(show(r.completionDue)).toBe(formatShanghai(cal.addWorkdays(wall('2023-06-21 10:00'), 15)));
  });
});

describe('退单 approval chain', () => {
  it('a first request from a unit needs only the 分管领导', () => {
    expect(mainLeaderRequirement([], UNIT)).toBeNull();
    expect(mainLeaderRequirement([{ fromUnitId: OTHER, status: 'REJECTED', toUnitId: null }], UNIT)).toBeNull();
  });

  it('the same unit asking again after a rejection needs the 主要领导', () => {
    expect(mainLeaderRequirement([{ fromUnitId: UNIT, status: 'REJECTED', toUnitId: null }], UNIT)).toMatch(/曾被驳回/);
  });

  it('the designated receiving unit asking to return it needs the 主要领导', () => {
    expect(mainLeaderRequirement([{ fromUnitId: OTHER, status: 'APPROVED', toUnitId: UNIT }], UNIT)).toMatch(/指定的接收单位/);
  });

  const pending = { status: 'PENDING', needsMainLeader: false, fromUnitId: UNIT, toUnitId: null, decidedBy: null };
  const awaiting = { status: 'AWAITING_MAIN_LEADER', needsMainLeader: true, fromUnitId: UNIT, toUnitId: OTHER, decidedBy: 1 };

  it('the 分管领导 approves (designating the unit) or rejects', () => {
    expect(decideReturnRequest(pending, { level: 'DEPUTY', approve: true, toUnitId: OTHER }, actor('LEADER'))).toEqual({ ok: true, status: 'APPROVED', final: true, toUnitId: OTHER });
    expect(decideReturnRequest(pending, { level: 'DEPUTY', approve: false, toUnitId: null }, actor('LEADER'))).toEqual({ ok: true, status: 'REJECTED', final: true, toUnitId: null });
  });

  it('an approval of a request that needs the 主要领导 does not take effect yet', () => {
    expect(decideReturnRequest({ ...pending, needsMainLeader: true }, { level: 'DEPUTY', approve: true, toUnitId: OTHER }, actor('LEADER'))).toEqual({ ok: true, status: 'AWAITING_MAIN_LEADER', final: false, toUnitId: OTHER });
  });

  it('the 主要领导 approves only with a 纪检 filing reference', () => {
    expect(decideReturnRequest(awaiting, { level: 'MAIN', approve: true, disciplineFilingRef: null }, main())).toMatchObject({ ok: false, code: 'ILLEGAL_TRANSITION', field: 'disciplineFilingRef' });
    expect(decideReturnRequest(awaiting, { level: 'MAIN', approve: true, disciplineFilingRef: '纪备〔2023〕7号' }, main())).toEqual({ ok: true, status: 'APPROVED', final: true, toUnitId: OTHER });
    expect(decideReturnRequest(awaiting, { level: 'MAIN', approve: false, disciplineFilingRef: null }, main())).toEqual({ ok: true, status: 'REJECTED', final: true, toUnitId: null });
  });

  it('each level belongs to one rank: the 分管领导 the first, the 主要领导 the second', () => {
    expect(decideReturnRequest(awaiting, { level: 'MAIN', approve: true, disciplineFilingRef: '纪备〔2023〕7号' }, actor('LEADER', null, 2))).toMatchObject({
      ok: false, code: 'FORBIDDEN', reason: '待主要领导审批的退单只能由街道主要领导审批，分管领导不能作主要领导审批',
    });
    expect(decideReturnRequest(pending, { level: 'DEPUTY', approve: false, toUnitId: null }, main())).toMatchObject({
      ok: false, code: 'FORBIDDEN', reason: '退单的第一级审批由城运分管领导作出，主要领导不能作分管领导审批',
    });
    // A leader whose rank was never set takes neither level.
    const unranked: Actor = { role: 'LEADER', unitId: null, userId: 3, leaderRank: null };
    expect(decideReturnRequest(pending, { level: 'DEPUTY', approve: false, toUnitId: null }, unranked)).toMatchObject({ ok: false, code: 'FORBIDDEN', reason: expect.stringContaining('未设置领导职级') });
    // An administrator may take either level, but one signature never counts for both.
    expect(decideReturnRequest(pending, { level: 'DEPUTY', approve: false, toUnitId: null }, actor('ADMIN', null, 1))).toMatchObject({ ok: true });
    expect(decideReturnRequest(awaiting, { level: 'MAIN', approve: true, disciplineFilingRef: '纪备〔2023〕7号' }, actor('ADMIN', null, 1))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(decideReturnRequest(awaiting, { level: 'MAIN', approve: true, disciplineFilingRef: '纪备〔2023〕7号' }, actor('ADMIN', null, 2))).toMatchObject({ ok: true });
  });

  for (const status of ['AWAITING_MAIN_LEADER', 'APPROVED', 'REJECTED']) {
    it(`the 分管领导 cannot decide a request that is ${status}`, () => {
      expect(decideReturnRequest({ ...pending, status }, { level: 'DEPUTY', approve: true, toUnitId: OTHER }, actor('LEADER'))).toMatchObject({ ok: false, code: 'ILLEGAL_TRANSITION', currentState: status });
    });
  }
  for (const status of ['PENDING', 'APPROVED', 'REJECTED']) {
    it(`the 主要领导 cannot decide a request that is ${status}`, () => {
      expect(decideReturnRequest({ ...awaiting, status }, { level: 'MAIN', approve: true, disciplineFilingRef: 'X' }, main())).toMatchObject({ ok: false, code: 'ILLEGAL_TRANSITION', currentState: status });
    });
  }
  for (const role of ROLES.filter((r) => r !== 'LEADER' && r !== 'ADMIN')) {
    it(`${role} cannot decide a return`, () => {
      expect(decideReturnRequest(pending, { level: 'DEPUTY', approve: false, toUnitId: null }, actor(role))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    });
  }
});

describe('八审八不准', () => {
  const all = (pass: boolean) => Array.from({ length: 8 }, () => ({ pass, note: pass ? null : '不规范' }));

  it('has the eight checks in order', () => {
    expect(CLOSURE_AUDIT_CHECKS).toEqual(['先行联系描述正确', '事实认定合理、依据充分', '诉求认定完整', '现场处置真实、填写规范', '办理结果与其他要素不矛盾', '满意度填写规范', '答复内容完整反映办理过程', '答复形式符合要求']);
  });

  it('passes when all eight pass', () => {
    expect(evaluateClosureAudit(all(true))).toMatchObject({ ok: true, passed: true });
  });

  it('fails when any one fails, and says which and why', () => {
    const checks = all(true);
    checks[1] = { pass: false, note: '认定依据不足' };
    const r = evaluateClosureAudit(checks);
    expect(r).toMatchObject({ ok: true, passed: false });
    expect(r.ok && auditFailureSummary(r.checks, '请补充')).toBe('第2项「事实认定合理、依据充分」不通过：认定依据不足。审核意见：请补充');
  });

  it('refuses other than exactly eight checks', () => {
    expect(evaluateClosureAudit(all(true).slice(0, 7))).toMatchObject({ ok: false });
    expect(evaluateClosureAudit([...all(true), { pass: true }])).toMatchObject({ ok: false });
  });

  it('refuses a failed check without a note', () => {
    const checks = all(true);
    checks[6] = { pass: false, note: '  ' };
    expect(evaluateClosureAudit(checks)).toEqual({ ok: false, fieldErrors: { 'checks.6.note': expect.stringContaining('第7项') } });
  });
});

describe('allowed actions (what the UI offers)', () => {
  it('offers each role only its own next step', () => {
    expect(allowedActions(ticket('RECEIVED'), actor('OPS'))).toEqual(['dispatchTicket']);
    expect(allowedActions(ticket('DISPATCHED'), actor('UNIT_HANDLER'))).toEqual(['acceptTicket', 'requestReturn', 'requestExtension']);
    expect(allowedActions(ticket('DISPATCHED'), actor('UNIT_HANDLER', OTHER))).toEqual([]);
    expect(allowedActions(ticket('SUBMITTED'), actor('OPS'))).toEqual(['auditClosure']);
    expect(allowedActions(ticket('CLOSED'), actor('OPS'))).toEqual(['reopenTicket', 'recordCallback']);
    expect(allowedActions(ticket('CLOSED'), actor('LEADER'))).toEqual(['issueLeaderOrder']);
    expect(allowedActions(ticket('CLOSED'), actor('DISCIPLINE'))).toEqual([]);
  });

  it('offers the return decision to the right leader at each level', () => {
    expect(allowedActions(ticket('RETURN_PENDING'), actor('LEADER'), { openReturn: { status: 'PENDING', decidedBy: null } })).toContain('decideReturn');
    const awaiting = { openReturn: { status: 'AWAITING_MAIN_LEADER', decidedBy: 1 } };
    expect(allowedActions(ticket('RETURN_PENDING'), main(), { openReturn: { status: 'PENDING', decidedBy: null } })).not.toContain('decideReturn');
    expect(allowedActions(ticket('RETURN_PENDING'), actor('LEADER', null, 2), awaiting)).not.toContain('approveReturnAsMainLeader');
    expect(allowedActions(ticket('RETURN_PENDING'), main(), awaiting)).toContain('approveReturnAsMainLeader');
    expect(allowedActions(ticket('RETURN_PENDING'), actor('ADMIN', null, 1), awaiting)).not.toContain('approveReturnAsMainLeader');
  });

  it('offers the extension decision only while one is pending, and leader-order completion after submission', () => {
    expect(allowedActions(ticket('IN_PROGRESS'), actor('LEADER'))).toEqual([]);
    expect(allowedActions(ticket('IN_PROGRESS'), actor('LEADER'), { extensionPending: true })).toEqual(['decideExtension']);
    expect(allowedActions(ticket('IN_PROGRESS'), actor('UNIT_HANDLER'), { openLeaderOrder: true })).not.toContain('completeLeaderOrder');
    expect(allowedActions(ticket('SUBMITTED'), actor('UNIT_HANDLER'), { openLeaderOrder: true })).toContain('completeLeaderOrder');
    expect(mayCompleteLeaderOrder(ticket('SUBMITTED'), actor('UNIT_HANDLER', OTHER))).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('invariants over any sequence of steps (property)', () => {
  const actionArb: fc.Arbitrary<TicketAction> = fc.oneof(
    fc.constant(SAMPLE.dispatch),
    fc.constant(SAMPLE.accept),
    fc.constant(SAMPLE.recordFirstContact),
    fc.constant(SAMPLE.submitClosure),
    fc.boolean().map((passed) => ({ type: 'auditClosure', passed, at: now }) as TicketAction),
    fc.constantFrom(...REOPEN_KINDS).map((kind) => ({ type: 'reopen', kind, at: now }) as TicketAction),
    fc.constant(SAMPLE.requestReturn),
    fc.boolean().map((approve) => ({ type: 'decideReturn', approve, toUnitId: OTHER, at: now }) as TicketAction),
    fc.constant(SAMPLE.requestExtension),
    fc.constant(SAMPLE.recordCallback),
  );

  it('the state stays a known one, closedAt is set exactly when CLOSED, and a refusal changes nothing', () => {
    fc.assert(
      fc.property(fc.array(actionArb, { maxLength: 40 }), (actions) => {
        let t = ticket('RECEIVED');
        for (const a of actions) {
          const r = transition(t, a, actor('ADMIN'));
          if (!r.ok) continue;
          t = { ...t, ...r.patch } as LifecycleTicket;
          expect(TICKET_STATES).toContain(t.status);
          expect(t.status).toBe(r.next);
          expect(t.closedAt !== null).toBe(t.status === 'CLOSED');
          if (t.status === 'CLOSED') expect(t.closedAt).toEqual(t.submittedAt);
          if (t.status === 'SUBMITTED') expect(t.submittedAt).not.toBeNull();
          if (t.status === 'RETURN_PENDING') expect(t.statusBeforeReturn).not.toBeNull();
        }
      }),
    );
  });
});

describe('unsatisfied digest classification', () => {
  const day = [wall('2023-07-10 00:00'), wall('2023-07-11 00:00')] as const;
  let id = 0;
  const cb = (ticketId: number, when: string, result: string) => ({ id: ++id, ticketId, calledAt: wall(when), result });

  it('marks a first callback and does not escalate a single 不满意', () => {
    expect(unsatisfiedEntries([cb(1, '2023-07-10 10:00', 'UNSATISFIED')], ...day)).toEqual([
      expect.objectContaining({ ticketId: 1, firstCallback: true, consecutiveUnsatisfied: 1, escalated: false, level: 1 }),
    ]);
  });

  it('escalates two consecutive 不满意 to level 2; an unreached attempt between them does not break the run', () => {
    const r = unsatisfiedEntries([cb(2, '2023-07-05 10:00', 'UNSATISFIED'), cb(2, '2023-07-08 10:00', 'NOT_REACHED'), cb(2, '2023-07-10 10:00', 'UNSATISFIED')], ...day);
    expect(r).toEqual([expect.objectContaining({ ticketId: 2, firstCallback: false, consecutiveUnsatisfied: 2, escalated: true, level: 2 })]);
  });

  it('a satisfied callback between breaks the run', () => {
    const r = unsatisfiedEntries([cb(3, '2023-07-01 10:00', 'UNSATISFIED'), cb(3, '2023-07-05 10:00', 'SATISFIED'), cb(3, '2023-07-10 10:00', 'UNSATISFIED')], ...day);
    expect(r).toEqual([expect.objectContaining({ consecutiveUnsatisfied: 1, escalated: false, firstCallback: false })]);
  });

  it('lists only tickets whose 不满意 callback fell on the day', () => {
    expect(unsatisfiedEntries([cb(4, '2023-07-09 23:59', 'UNSATISFIED'), cb(5, '2023-07-11 00:00', 'UNSATISFIED'), cb(6, '2023-07-10 12:00', 'NEUTRAL')], ...day)).toEqual([]);
  });
});
