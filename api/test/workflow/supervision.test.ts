// Callbacks and the daily unsatisfied push (不满意件推送, domain.md §5), and 领导督办单 (2 working days from the
// order, a written completion note to complete).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDueTimeConfig } from '../../src/repos/calendar';
import { expectCode, expectOk, setupFixture, snapshot, ticketIn, type Fixture } from './setup';

let f: Fixture;
beforeAll(async () => {
  f = await setupFixture();
});
afterAll(() => f?.db.close());

const closedAt = new Date('2023-07-01T10:00:00+08:00');
const closed = (over: Record<string, unknown> = {}) =>
  ticketIn(f, 'CLOSED', { receivedAt: new Date('2023-06-28T09:00:00+08:00'), submittedAt: closedAt, closedAt, ...over });
const callback = (ticketId: string, calledAt: string, result: string, who = f.as.OPS) =>
  who('mutation($t: ID!, $c: DateTime!, $r: CallbackResult!) { recordCallback(ticketId: $t, calledAt: $c, result: $r, note: "电话回访") { id result reached source caller ticket { number } } }', { t: ticketId, c: calledAt, r: result });

describe('recordCallback', () => {
  it('adds a manual callback to a closed ticket, with an event and an audit row, without touching the ticket', async () => {
    const t = await closed();
    const before = await snapshot(f, t.id);
    const r = await callback(t.idStr, '2023-07-02T10:00:00+08:00', 'BASICALLY_SATISFIED');
    expectOk(r);
    expect(r.data.recordCallback).toMatchObject({ result: 'BASICALLY_SATISFIED', reached: true, source: 'MANUAL' });
    const after = await snapshot(f, t.id);
    expect(after.ticket).toEqual(before.ticket);
    expect([after.callbacks, after.events, after.audits]).toEqual([before.callbacks + 1, before.events + 1, before.audits + 1]);
  });

  it('is for the city-ops centre', async () => {
    const t = await closed();
    for (const who of ['HANDLER_A', 'LEADER', 'DISCIPLINE', 'API_READER'] as const) expectCode(await callback(t.idStr, '2023-07-02T10:00:00+08:00', 'SATISFIED', f.as[who]), 'FORBIDDEN');
  });
});

describe('unsatisfiedDigest(streetId, date)', () => {
  const Q = `query($s: ID!, $d: Date!) { unsatisfiedDigest(streetId: $s, date: $d) {
    unit { code } unitHead deputyLeader escalatedCount
    items { ticket { number } callback { calledAt result } firstCallback consecutiveUnsatisfied escalated level } } }`;

  it('lists the day\'s 不满意 tickets per unit, marks first callbacks and escalates two consecutive 不满意 to the 分管领导', async () => {
    const t1 = await closed({ number: 'D-FIRST' }); // unit A: first callback, 不满意
    const t2 = await closed({ number: 'D-TWICE' }); // unit A: 不满意, 未接通, 不满意 → escalated
    const t3 = await closed({ number: 'D-BROKEN', unitId: f.unitB }); // unit B: 不满意, 满意, 不满意 → run of 1
    const t4 = await closed({ number: 'D-LATER-OK', unitId: f.unitB }); // 不满意 the day before, 基本满意 that day
    const t5 = await closed({ number: 'D-MIDNIGHT' }); // 不满意 at 00:10 the next day
    const t6 = await closed({ number: 'D-LATE-EVENING', unitId: f.unitC }); // 不满意 at 23:30 Shanghai (15:30 UTC)
    const other = await closed({ number: 'D-OTHER-STREET', streetId: f.otherStreetId, unitId: f.unitX });

    for (const [t, when, result] of [
      [t1, '2023-07-10T10:00:00+08:00', 'UNSATISFIED'],
      [t2, '2023-07-05T10:00:00+08:00', 'UNSATISFIED'],
      [t2, '2023-07-08T10:00:00+08:00', 'NOT_REACHED'],
      [t2, '2023-07-10T11:00:00+08:00', 'UNSATISFIED'],
      [t3, '2023-07-03T10:00:00+08:00', 'UNSATISFIED'],
      [t3, '2023-07-05T10:00:00+08:00', 'SATISFIED'],
      [t3, '2023-07-10T09:00:00+08:00', 'UNSATISFIED'],
      [t4, '2023-07-09T10:00:00+08:00', 'UNSATISFIED'],
      [t4, '2023-07-10T10:00:00+08:00', 'BASICALLY_SATISFIED'],
      [t5, '2023-07-11T00:10:00+08:00', 'UNSATISFIED'],
      [t6, '2023-07-10T23:30:00+08:00', 'UNSATISFIED'],
      [other, '2023-07-10T10:00:00+08:00', 'UNSATISFIED'],
    ] as const) expectOk(await callback(t.idStr, when, result));

    const r = await f.as.OPS(Q, { s: f.streetId, d: '2023-07-10' });
    expectOk(r);
    expect(r.data.unsatisfiedDigest).toEqual([
      {
        unit: { code: 'CG' }, unitHead: '张队长', deputyLeader: '李副主任', escalatedCount: 1,
        items: [
          { ticket: { number: 'D-FIRST' }, callback: { calledAt: '2023-07-10T02:00:00.000Z', result: 'UNSATISFIED' }, firstCallback: true, consecutiveUnsatisfied: 1, escalated: false, level: 1 },
          { ticket: { number: 'D-TWICE' }, callback: { calledAt: '2023-07-10T03:00:00.000Z', result: 'UNSATISFIED' }, firstCallback: false, consecutiveUnsatisfied: 2, escalated: true, level: 2 },
        ],
      },
      {
        unit: { code: 'FG' }, unitHead: '王主任', deputyLeader: '李副主任', escalatedCount: 0,
        items: [{ ticket: { number: 'D-BROKEN' }, callback: { calledAt: '2023-07-10T01:00:00.000Z', result: 'UNSATISFIED' }, firstCallback: false, consecutiveUnsatisfied: 1, escalated: false, level: 1 }],
      },
      {
        unit: { code: 'SJ' }, unitHead: '赵所长', deputyLeader: '陈副主任', escalatedCount: 0,
        items: [{ ticket: { number: 'D-LATE-EVENING' }, callback: { calledAt: '2023-07-10T15:30:00.000Z', result: 'UNSATISFIED' }, firstCallback: true, consecutiveUnsatisfied: 1, escalated: false, level: 1 }],
      },
    ]);

    // The day before and the day after.
    const d9 = await f.as.LEADER(Q, { s: f.streetId, d: '2023-07-09' });
    expect(d9.data.unsatisfiedDigest.flatMap((g: any) => g.items.map((i: any) => i.ticket.number))).toEqual(['D-LATER-OK']);
    const d11 = await f.as.LEADER(Q, { s: f.streetId, d: '2023-07-11' });
    expect(d11.data.unsatisfiedDigest.flatMap((g: any) => g.items.map((i: any) => i.ticket.number))).toEqual(['D-MIDNIGHT']);

    // A unit handler gets its own unit's list only.
    const mine = await f.as.HANDLER_B(Q, { s: f.streetId, d: '2023-07-10' });
    expect(mine.data.unsatisfiedDigest.map((g: any) => g.unit.code)).toEqual(['FG']);
    expect(((await f.as.OPS(Q, { s: f.otherStreetId, d: '2023-07-10' })).data.unsatisfiedDigest as any[]).map((g) => g.unit.code)).toEqual(['HMCG']);
  });

  it('is empty on a quiet day and refuses a malformed date', async () => {
    expect((await f.as.OPS(Q, { s: f.streetId, d: '2023-01-02' })).data.unsatisfiedDigest).toEqual([]);
    expectCode(await f.as.OPS(Q, { s: f.streetId, d: '2023-02-30' }), 'BAD_USER_INPUT');
  });
});

describe('领导督办单', () => {
  const ISSUE = 'mutation($t: ID!, $v: Int) { issueLeaderOrder(ticketId: $t, version: $v, leaderName: "周书记", reason: "领导回访市民不满意，退回重办") { id leaderName issuedAt dueAt reason completedAt overdue ticket { status closedAt reopenKind reopenedAt completionDue version allowedActions leaderOrders { id } events { kind note } } } }';
  const COMPLETE = 'mutation($id: ID!, $n: String!) { completeLeaderOrder(id: $id, completionNote: $n) { id completionNote completedAt overdue } }';

  it('reopens the closed ticket with 2 working days from the order, on the order and the ticket', async () => {
    const t = await closed();
    const r = await f.as.LEADER(ISSUE, { t: t.idStr, v: 1 });
    expectOk(r);
    const o = r.data.issueLeaderOrder;
    const { calendar } = await loadDueTimeConfig(f.db.db);
    const due = calendar.addWorkdays(new Date(o.issuedAt), 2).toISOString();
    expect(o).toMatchObject({ leaderName: '周书记', dueAt: due, completedAt: null, overdue: false });
    expect(o.ticket).toMatchObject({ status: 'IN_PROGRESS', closedAt: null, reopenKind: 'LEADER_SUPERVISION', reopenedAt: o.issuedAt, completionDue: due, version: 2 });
    expect(o.ticket.leaderOrders).toEqual([{ id: o.id }]);
    expect(o.ticket.events.at(-1)).toEqual({ kind: 'REOPENED', note: '领导督办单（周书记）：领导回访市民不满意，退回重办' });
    const audit = await f.db.db.selectFrom('auditLog').select(['operation', 'entity']).where('operation', '=', 'issueLeaderOrder').where('entityId', '=', o.id).execute();
    expect(audit).toEqual([{ operation: 'issueLeaderOrder', entity: 'leader_order' }]);
  });

  it('is issued by a leader only, and only on a closed ticket', async () => {
    const t = await closed();
    for (const who of ['OPS', 'HANDLER_A', 'DISCIPLINE', 'PARTY_OFFICE'] as const) expectCode(await f.as[who](ISSUE, { t: t.idStr }), 'FORBIDDEN');
    expectOk(await f.as.LEADER(ISSUE, { t: t.idStr }));
    const before = await snapshot(f, t.id);
    const again = await f.as.LEADER(ISSUE, { t: t.idStr });
    expectCode(again, 'ILLEGAL_TRANSITION');
    expect(again.errors![0]!.message).toBe('工单当前状态为「办理中」，不能下达领导督办单');
    expect(await snapshot(f, t.id)).toEqual(before);
  });

  it('completes with a written note once the redo is submitted; twice is refused', async () => {
    const t = await closed();
    const o = (await f.as.LEADER(ISSUE, { t: t.idStr })).data.issueLeaderOrder;
    const oid = o.id;
    // Not before the unit has submitted the redo.
    expectCode(await f.as.HANDLER_A(COMPLETE, { id: oid, n: '已重新办理' }), 'ILLEGAL_TRANSITION');
    expectCode(await f.as.HANDLER_A(COMPLETE, { id: oid, n: '   ' }), 'BAD_USER_INPUT');
    const sub = await f.as.HANDLER_A('mutation($id: ID!, $v: Int!) { submitClosure(id: $id, version: $v, factFinding: TRUE, factBasis: "复核", resolution: ACTUALLY_RESOLVED, demand: "d", replyText: "已按领导要求重新办理") { status allowedActions } }', { id: t.idStr, v: o.ticket.version });
    expect(sub.data.submitClosure).toEqual({ status: 'SUBMITTED', allowedActions: ['requestReturn', 'completeLeaderOrder'] });
    expectCode(await f.as.HANDLER_B(COMPLETE, { id: oid, n: '已办' }), 'NOT_FOUND');
    expectCode(await f.as.DISCIPLINE(COMPLETE, { id: oid, n: '已办' }), 'FORBIDDEN');
    const done = await f.as.HANDLER_A(COMPLETE, { id: oid, n: '已按周书记督办要求重新办理，书面材料已报城运中心' });
    expectOk(done);
    expect(done.data.completeLeaderOrder).toMatchObject({ completionNote: '已按周书记督办要求重新办理，书面材料已报城运中心', overdue: false });
    expect(done.data.completeLeaderOrder.completedAt).not.toBeNull();
    const twice = await f.as.OPS(COMPLETE, { id: oid, n: '再次' });
    expectCode(twice, 'ILLEGAL_TRANSITION');
    expect(twice.errors![0]!.extensions!.currentState).toBe('COMPLETED');
  });

  it('shows an order past its limit as overdue', async () => {
    const t = await closed();
    const row = await f.db.db.insertInto('leaderOrder').values({ ticketId: t.id, leaderName: '周书记', issuedAt: new Date('2023-04-28T10:00:00+08:00'), dueAt: new Date('2023-05-05T23:59:59.999+08:00'), reason: 'x' }).returning('id').executeTakeFirstOrThrow();
    const r = await f.as.OPS('query($id: ID!) { LeaderOrder(id: $id) { overdue dueAt } }', { id: String(row.id) });
    expect(r.data.LeaderOrder).toEqual({ overdue: true, dueAt: '2023-05-05T15:59:59.999Z' });
  });
});
