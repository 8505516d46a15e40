// Every workflow mutation on a ticket through the API: each legal transition, one test per illegal one, every
// role (FORBIDDEN vs ILLEGAL_TRANSITION vs NOT_FOUND for another unit's handler), stale versions (CONFLICT),
// and that a refused step writes nothing (ticket, version, events, audit log and the step's own rows).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATE_LABELS, TICKET_STATES, type TicketState } from '../../src/domain/lifecycle';
import type { GqlResult } from '../helpers/api';
import { CHECKS_ALL_PASS, expectCode, expectOk, setupFixture, snapshot, ticketIn, type Client, type Fixture } from './setup';

let f: Fixture;
beforeAll(async () => {
  f = await setupFixture();
});
afterAll(() => f?.db.close());

type Who = keyof Fixture['as'];
const ACTORS: Who[] = ['ADMIN', 'OPS', 'PARTY_OFFICE', 'LEADER', 'DISCIPLINE', 'API_READER', 'HANDLER_A', 'HANDLER_B'];

interface Step {
  name: string;
  from: TicketState[];
  /** Who succeeds (in a legal state, on unit A's ticket). */
  allowed: Who[];
  /** A unit-handler step: another unit's handler gets NOT_FOUND rather than FORBIDDEN. */
  handlerStep: boolean;
  next: TicketState | 'same';
  /** Whether the ticket's version moves (steps that write the ticket row). */
  bumpsVersion: boolean;
  call: (c: Client, t: { idStr: string; version: number }) => Promise<GqlResult>;
}

const STEPS: Step[] = [
  {
    name: 'dispatchTicket', from: ['RECEIVED'], allowed: ['OPS', 'ADMIN'], handlerStep: false, next: 'DISPATCHED', bumpsVersion: true,
    call: (c, t) => c('mutation($id: ID!, $v: Int!, $u: ID!) { dispatchTicket(id: $id, version: $v, unitId: $u) { id } }', { id: t.idStr, v: t.version, u: f.unitA }),
  },
  {
    name: 'acceptTicket', from: ['DISPATCHED'], allowed: ['HANDLER_A', 'ADMIN'], handlerStep: true, next: 'ACCEPTED', bumpsVersion: true,
    call: (c, t) => c('mutation($id: ID!, $v: Int!) { acceptTicket(id: $id, version: $v) { id } }', { id: t.idStr, v: t.version }),
  },
  {
    name: 'recordFirstContact', from: ['ACCEPTED'], allowed: ['HANDLER_A', 'ADMIN'], handlerStep: true, next: 'IN_PROGRESS', bumpsVersion: true,
    call: (c, t) => c('mutation($id: ID!, $v: Int!) { recordFirstContact(id: $id, version: $v, at: "2023-06-21T11:30:00+08:00", note: "电话联系市民") { id } }', { id: t.idStr, v: t.version }),
  },
  {
    name: 'submitClosure', from: ['IN_PROGRESS'], allowed: ['HANDLER_A', 'ADMIN'], handlerStep: true, next: 'SUBMITTED', bumpsVersion: true,
    call: (c, t) =>
      c(
        `mutation($id: ID!, $v: Int!) { submitClosure(id: $id, version: $v, factFinding: TRUE, factBasis: "现场核实", resolution: ACTUALLY_RESOLVED,
          demand: "清运垃圾", siteVisit: "6月21日现场查看", replyText: "已清运并回复市民") { id } }`,
        { id: t.idStr, v: t.version },
      ),
  },
  {
    name: 'auditClosure', from: ['SUBMITTED'], allowed: ['OPS', 'ADMIN'], handlerStep: false, next: 'CLOSED', bumpsVersion: true,
    call: (c, t) => c('mutation($id: ID!, $v: Int!, $c: [AuditCheckInput!]!) { auditClosure(id: $id, version: $v, checks: $c) { id } }', { id: t.idStr, v: t.version, c: CHECKS_ALL_PASS }),
  },
  {
    name: 'reopenTicket', from: ['CLOSED'], allowed: ['OPS', 'ADMIN'], handlerStep: false, next: 'IN_PROGRESS', bumpsVersion: true,
    call: (c, t) => c('mutation($id: ID!, $v: Int!) { reopenTicket(id: $id, version: $v, kind: CITY_REVIEW, note: "区复核：问题未解决") { id } }', { id: t.idStr, v: t.version }),
  },
  {
    name: 'requestReturn', from: ['DISPATCHED', 'ACCEPTED', 'IN_PROGRESS', 'SUBMITTED'], allowed: ['HANDLER_A', 'ADMIN'], handlerStep: true, next: 'RETURN_PENDING', bumpsVersion: true,
    call: (c, t) => c('mutation($id: ID!, $v: Int!) { requestReturn(id: $id, version: $v, reason: "不属于本单位职责") { id } }', { id: t.idStr, v: t.version }),
  },
  {
    name: 'requestExtension', from: ['DISPATCHED', 'ACCEPTED', 'IN_PROGRESS'], allowed: ['HANDLER_A', 'ADMIN'], handlerStep: true, next: 'same', bumpsVersion: true,
    call: (c, t) => c('mutation($id: ID!, $v: Int!) { requestExtension(id: $id, version: $v, reason: "涉及多部门协调") { id } }', { id: t.idStr, v: t.version }),
  },
  {
    name: 'recordCallback', from: ['CLOSED'], allowed: ['OPS', 'ADMIN'], handlerStep: false, next: 'same', bumpsVersion: false,
    call: (c, t) => c('mutation($id: ID!) { recordCallback(ticketId: $id, calledAt: "2023-06-23T10:00:00+08:00", result: SATISFIED) { id } }', { id: t.idStr }),
  },
  {
    name: 'issueLeaderOrder', from: ['CLOSED'], allowed: ['LEADER', 'LEADER2', 'ADMIN'], handlerStep: false, next: 'IN_PROGRESS', bumpsVersion: true,
    call: (c, t) => c('mutation($id: ID!, $v: Int) { issueLeaderOrder(ticketId: $id, version: $v, leaderName: "周书记", reason: "领导回访不满意") { id } }', { id: t.idStr, v: t.version }),
  },
];

async function expectNothingWritten(ticketId: number, before: Awaited<ReturnType<typeof snapshot>>) {
  expect(await snapshot(f, ticketId)).toEqual(before);
}

describe('every legal transition writes the ticket, one event and one audit row', () => {
  for (const step of STEPS) {
    for (const from of step.from) {
      it(`${step.name} from ${from}`, async () => {
        const t = await ticketIn(f, from);
        const before = await snapshot(f, t.id);
        const r = await step.call(f.as[step.allowed[0]!], t);
        expectOk(r);
        const after = await snapshot(f, t.id);
        expect(after.ticket.status).toBe(step.next === 'same' ? from : step.next);
        expect(after.ticket.version).toBe(before.ticket.version + (step.bumpsVersion ? 1 : 0));
        expect(after.events).toBe(before.events + 1);
        expect(after.audits).toBe(before.audits + 1);
      });
    }
  }
});

describe('roles: allowed, FORBIDDEN, or NOT_FOUND for another unit\'s handler — and nothing written on refusal', () => {
  for (const step of STEPS) {
    for (const who of ACTORS) {
      const allowed = step.allowed.includes(who);
      const expected = allowed ? 'ok' : who === 'HANDLER_B' && step.handlerStep ? 'NOT_FOUND' : 'FORBIDDEN';
      it(`${step.name} by ${who}: ${expected}`, async () => {
        const t = await ticketIn(f, step.from[0]!);
        const before = await snapshot(f, t.id);
        const r = await step.call(f.as[who], t);
        if (allowed) return expectOk(r);
        expectCode(r, expected);
        await expectNothingWritten(t.id, before);
      });
    }
  }
});

describe('illegal transitions: ILLEGAL_TRANSITION naming the current state, nothing written (one test each)', () => {
  for (const step of STEPS) {
    for (const state of TICKET_STATES) {
      if (step.from.includes(state)) continue;
      it(`${step.name} from ${state}`, async () => {
        const t = await ticketIn(f, state);
        // A RECEIVED ticket has no unit, so no handler can see it: ADMIN stands in for the handler there.
        const who = state === 'RECEIVED' && step.handlerStep ? 'ADMIN' : step.allowed[0]!;
        const before = await snapshot(f, t.id);
        const r = await step.call(f.as[who], t);
        expectCode(r, 'ILLEGAL_TRANSITION');
        expect(r.errors![0]!.extensions!.currentState).toBe(state);
        expect(r.errors![0]!.message).toContain(`工单当前状态为「${STATE_LABELS[state]}」`);
        await expectNothingWritten(t.id, before);
      });
    }
  }

  it('the message names the state and the step: submitting a closed ticket', async () => {
    const t = await ticketIn(f, 'CLOSED');
    const r = await STEPS.find((s) => s.name === 'submitClosure')!.call(f.as.HANDLER_A, t);
    expect(r.errors?.[0]?.message).toBe('工单当前状态为「已办结」，不能提交办结');
  });
});

describe('stale versions are CONFLICT and write nothing', () => {
  for (const step of STEPS.filter((s) => s.name !== 'recordCallback')) {
    it(`${step.name} with an old version`, async () => {
      const t = await ticketIn(f, step.from[0]!, { version: 3 });
      const before = await snapshot(f, t.id);
      const r = await step.call(f.as[step.allowed[0]!], { idStr: t.idStr, version: 2 });
      expectCode(r, 'CONFLICT');
      await expectNothingWritten(t.id, before);
    });
  }
});

describe('argument errors are BAD_USER_INPUT with field errors, and write nothing', () => {
  const cases: Array<[string, TicketState, Who, (t: { idStr: string; version: number }) => Promise<GqlResult>, string]> = [
    ['dispatch to a unit of another street', 'RECEIVED', 'OPS', (t) => f.as.OPS('mutation($id: ID!, $v: Int!, $u: ID!) { dispatchTicket(id: $id, version: $v, unitId: $u) { id } }', { id: t.idStr, v: t.version, u: f.unitX }), 'unitId'],
    ['first contact before receipt', 'ACCEPTED', 'HANDLER_A', (t) => f.as.HANDLER_A('mutation($id: ID!, $v: Int!) { recordFirstContact(id: $id, version: $v, at: "2023-06-21T08:00:00+08:00") { id } }', { id: t.idStr, v: t.version }), 'at'],
    ['submission with an empty reply', 'IN_PROGRESS', 'HANDLER_A', (t) => f.as.HANDLER_A('mutation($id: ID!, $v: Int!) { submitClosure(id: $id, version: $v, factFinding: TRUE, factBasis: "x", resolution: EXPLAINED, demand: "x", replyText: "  ") { id } }', { id: t.idStr, v: t.version }), 'replyText'],
    ['audit with seven checks', 'SUBMITTED', 'OPS', (t) => f.as.OPS('mutation($id: ID!, $v: Int!, $c: [AuditCheckInput!]!) { auditClosure(id: $id, version: $v, checks: $c) { id } }', { id: t.idStr, v: t.version, c: CHECKS_ALL_PASS.slice(1) }), 'checks'],
    ['audit with a failed check and no note', 'SUBMITTED', 'OPS', (t) => f.as.OPS('mutation($id: ID!, $v: Int!, $c: [AuditCheckInput!]!) { auditClosure(id: $id, version: $v, checks: $c) { id } }', { id: t.idStr, v: t.version, c: [{ pass: false }, ...CHECKS_ALL_PASS.slice(1)] }), 'checks.0.note'],
    ['reopen without a reason', 'CLOSED', 'OPS', (t) => f.as.OPS('mutation($id: ID!, $v: Int!) { reopenTicket(id: $id, version: $v, kind: CALLBACK_UNSATISFIED, note: "") { id } }', { id: t.idStr, v: t.version }), 'note'],
    ['leader supervision through reopenTicket', 'CLOSED', 'OPS', (t) => f.as.OPS('mutation($id: ID!, $v: Int!) { reopenTicket(id: $id, version: $v, kind: LEADER_SUPERVISION, note: "x") { id } }', { id: t.idStr, v: t.version }), 'kind'],
    ['return without a reason', 'IN_PROGRESS', 'HANDLER_A', (t) => f.as.HANDLER_A('mutation($id: ID!, $v: Int!) { requestReturn(id: $id, version: $v, reason: " ") { id } }', { id: t.idStr, v: t.version }), 'reason'],
    ['callback before the closure', 'CLOSED', 'OPS', (t) => f.as.OPS('mutation($id: ID!) { recordCallback(ticketId: $id, calledAt: "2023-06-21T10:00:00+08:00", result: SATISFIED) { id } }', { id: t.idStr }), 'calledAt'],
    ['callback in the future', 'CLOSED', 'OPS', (t) => f.as.OPS('mutation($id: ID!) { recordCallback(ticketId: $id, calledAt: "2099-01-01T10:00:00+08:00", result: SATISFIED) { id } }', { id: t.idStr }), 'calledAt'],
    ['leader order without a reason', 'CLOSED', 'LEADER', (t) => f.as.LEADER('mutation($id: ID!) { issueLeaderOrder(ticketId: $id, leaderName: "周书记", reason: "") { id } }', { id: t.idStr }), 'reason'],
  ];
  for (const [title, state, , call, field] of cases) {
    it(title, async () => {
      const t = await ticketIn(f, state);
      const before = await snapshot(f, t.id);
      const r = await call(t);
      expectCode(r, 'BAD_USER_INPUT');
      expect(r.errors![0]!.extensions!.fieldErrors).toHaveProperty([field]);
      await expectNothingWritten(t.id, before);
    });
  }

  it('a second callback at the same time on the same ticket', async () => {
    const t = await ticketIn(f, 'CLOSED');
    const q = 'mutation($id: ID!) { recordCallback(ticketId: $id, calledAt: "2023-06-23T10:00:00+08:00", result: UNSATISFIED) { id } }';
    expectOk(await f.as.OPS(q, { id: t.idStr }));
    const before = await snapshot(f, t.id);
    const r = await f.as.OPS(q, { id: t.idStr });
    expectCode(r, 'BAD_USER_INPUT');
    await expectNothingWritten(t.id, before);
  });

  it('an unknown ticket is NOT_FOUND', async () => {
    expectCode(await f.as.OPS('mutation { acceptTicket(id: "999999", version: 1) { id } }'), 'FORBIDDEN');
    expectCode(await f.as.HANDLER_A('mutation { acceptTicket(id: "999999", version: 1) { id } }'), 'NOT_FOUND');
    expectCode(await f.as.HANDLER_A('mutation { acceptTicket(id: "abc", version: 1) { id } }'), 'NOT_FOUND');
  });

  it('signed-out callers are UNAUTHENTICATED', async () => {
    const t = await ticketIn(f, 'DISPATCHED');
    expectCode(await f.api.as(null)('mutation($id: ID!) { acceptTicket(id: $id, version: 1) { id } }', { id: t.idStr }), 'UNAUTHENTICATED');
  });
});
