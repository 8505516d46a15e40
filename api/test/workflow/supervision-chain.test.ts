// Issue #14 item 5 and 3 (domain.md §5, §6, §8): the 纪检 filing recorded by DISCIPLINE, the duty leader's steps on
// that week's tickets, the written completion note before closure, 拖延接单 flags, quota alerts confirmed by the
// clerk, and 示范案例 chosen from 优秀案例 — each with its allowed and refused cases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOBS, runJob } from '../../src/jobs';
import { isoWeekOf, shanghaiDate } from '../../src/domain/time';
import { CHECKS_ALL_PASS, expectCode, expectOk, RECEIVED_AT, setupFixture, snapshot, ticketIn, type Fixture } from './setup';

let f: Fixture;
beforeAll(async () => {
  f = await setupFixture();
  // LEADER is on duty the week of RECEIVED_AT (2023-06-21), LEADER2 is not.
  await f.db.db.insertInto('dutyRoster').values({ streetId: f.streetId, isoWeek: isoWeekOf(shanghaiDate(RECEIVED_AT)), leaderName: '周建国', leaderUserId: f.userIds.LEADER! }).execute();
});
afterAll(() => f?.db.close());

const OTHER_WEEK = new Date('2023-07-05T09:00:00+08:00');
const T = '{ id version status channel leaderInstruction completionNote unitId allowedActions }';
const dispatch = (c: any, t: { idStr: string; version: number }, instruction?: string) =>
  c(`mutation($id: ID!, $v: Int!, $u: ID!, $i: String) { dispatchTicket(id: $id, version: $v, unitId: $u, instruction: $i) ${T} }`, { id: t.idStr, v: t.version, u: String(f.unitA), i: instruction });
const contact = (c: any, t: { idStr: string; version: number }) =>
  c(`mutation($id: ID!, $v: Int!, $at: DateTime!) { recordFirstContact(id: $id, version: $v, at: $at) ${T} }`, { id: t.idStr, v: t.version, at: new Date(RECEIVED_AT.getTime() + 3 * 3_600_000).toISOString() });
const callback = (c: any, t: { idStr: string }) =>
  c('mutation($id: ID!, $at: DateTime!) { recordCallback(ticketId: $id, calledAt: $at, result: SATISFIED) { id } }', { id: t.idStr, at: new Date().toISOString() });
const audit = (c: any, t: { idStr: string; version: number }) =>
  c(`mutation($id: ID!, $v: Int!, $c: [AuditCheckInput!]!) { auditClosure(id: $id, version: $v, checks: $c) ${T} }`, { id: t.idStr, v: t.version, c: CHECKS_ALL_PASS });
const submit = (c: any, t: { idStr: string; version: number }, completionNote?: string) =>
  c(`mutation($id: ID!, $v: Int!, $n: String) { submitClosure(id: $id, version: $v, factFinding: TRUE, factBasis: "现场核实", resolution: ACTUALLY_RESOLVED, demand: "清理", replyText: "已清理", completionNote: $n) ${T} }`, { id: t.idStr, v: t.version, n: completionNote });

describe('the 纪检 filing of a return (DISCIPLINE records it; the 主要领导 waits for it)', () => {
  it('refuses others and a second filing; the approval waits for it and cannot change it', async () => {
    const t = await ticketIn(f, 'RETURN_PENDING');
    const req = await f.db.db.updateTable('returnRequest').set({ status: 'AWAITING_MAIN_LEADER', needsMainLeader: true, toUnitId: f.unitB, decidedBy: f.userIds.LEADER!, decidedAt: new Date() }).where('ticketId', '=', t.id).returning('id').executeTakeFirstOrThrow();
    const FILE = 'mutation($r: ID!, $f: String!) { recordDisciplineFiling(returnRequestId: $r, disciplineFilingRef: $f) { status disciplineFilingRef disciplineFiledAt } }';
    const MAIN = 'mutation($r: ID!, $f: String) { approveReturnAsMainLeader(returnRequestId: $r, approve: true, disciplineFilingRef: $f) { status disciplineFilingRef ticket { status unitId } } }';
    const r = String(req.id);
    expect((await f.as.DISCIPLINE('query($id: ID!) { Ticket(id: $id) { allowedActions } }', { id: t.idStr })).data.Ticket.allowedActions).toEqual(['recordDisciplineFiling']);
    const before = await snapshot(f, t.id);
    expectCode(await f.as.LEADER2(FILE, { r, f: '纪备1号' }), 'FORBIDDEN');
    expectCode(await f.as.OPS(FILE, { r, f: '纪备1号' }), 'FORBIDDEN');
    expectCode(await f.as.DISCIPLINE(FILE, { r, f: '  ' }), 'BAD_USER_INPUT');
    expectCode(await f.as.LEADER2(MAIN, { r }), 'ILLEGAL_TRANSITION'); // not yet filed
    expect(await snapshot(f, t.id)).toEqual(before);

    const filed = await f.as.DISCIPLINE(FILE, { r, f: '纪备〔2024〕3号' });
    expectOk(filed);
    expect(filed.data.recordDisciplineFiling).toMatchObject({ status: 'AWAITING_MAIN_LEADER', disciplineFilingRef: '纪备〔2024〕3号' });
    expectCode(await f.as.DISCIPLINE(FILE, { r, f: '纪备〔2024〕4号' }), 'ILLEGAL_TRANSITION');
    expectCode(await f.as.LEADER2(MAIN, { r, f: '另一个号' }), 'BAD_USER_INPUT');
    const ok = await f.as.LEADER2(MAIN, { r });
    expectOk(ok);
    expect(ok.data.approveReturnAsMainLeader).toMatchObject({ status: 'APPROVED', disciplineFilingRef: '纪备〔2024〕3号', ticket: { status: 'DISPATCHED', unitId: String(f.unitB) } });
    // Another street's request is not there for this street's accounts either: NOT_FOUND, never the row.
    const a = await f.db.db.selectFrom('auditLog').select('operation').where('operation', '=', 'recordDisciplineFiling').execute();
    expect(a).toHaveLength(1);
  });
});

describe('the duty leader of the week (domain.md §8)', () => {
  it('dispatches with a 批示 on that week’s tickets only; the instruction is required and only leaders give one', async () => {
    const t = await ticketIn(f, 'RECEIVED');
    const other = await ticketIn(f, 'RECEIVED', { receivedAt: OTHER_WEEK });
    expect((await f.as.LEADER('query($id: ID!) { Ticket(id: $id) { allowedActions dutyLeaderMay } }', { id: t.idStr })).data.Ticket).toEqual({ allowedActions: ['dispatchTicket'], dutyLeaderMay: true });
    const before = await snapshot(f, t.id);
    expectCode(await dispatch(f.as.LEADER, t), 'BAD_USER_INPUT');
    expectCode(await dispatch(f.as.LEADER2, t, '请城管中队今日处置'), 'FORBIDDEN');
    expectCode(await dispatch(f.as.OPS, t, '请城管中队今日处置'), 'BAD_USER_INPUT');
    expect(await snapshot(f, t.id)).toEqual(before);
    expectCode(await dispatch(f.as.LEADER, other, '请城管中队今日处置'), 'FORBIDDEN');
    const r = await dispatch(f.as.LEADER, t, '请城管中队今日处置并回复');
    expectOk(r);
    expect(r.data.dispatchTicket).toMatchObject({ status: 'DISPATCHED', channel: 'LEADER_DISPATCH', leaderInstruction: '请城管中队今日处置并回复', unitId: String(f.unitA) });
    // OPS dispatches as before, without an instruction.
    expectOk(await dispatch(f.as.OPS, other));
  });

  it('records the first contact and calls back before closure on that week’s tickets only', async () => {
    const t = await ticketIn(f, 'ACCEPTED');
    const other = await ticketIn(f, 'ACCEPTED', { receivedAt: OTHER_WEEK });
    expectCode(await contact(f.as.LEADER2, t), 'FORBIDDEN');
    expectCode(await contact(f.as.LEADER, other), 'FORBIDDEN');
    const r = await contact(f.as.LEADER, t);
    expectOk(r);
    expect(r.data.recordFirstContact.status).toBe('IN_PROGRESS');

    const submitted = await ticketIn(f, 'SUBMITTED');
    const closed = await ticketIn(f, 'CLOSED');
    const otherSubmitted = await ticketIn(f, 'SUBMITTED', { receivedAt: OTHER_WEEK });
    expectCode(await callback(f.as.LEADER2, submitted), 'FORBIDDEN');
    expectCode(await callback(f.as.LEADER, otherSubmitted), 'FORBIDDEN');
    expectCode(await callback(f.as.LEADER, closed), 'ILLEGAL_TRANSITION'); // after closure the 城运中心 calls back
    expectOk(await callback(f.as.LEADER, submitted));
    expectCode(await callback(f.as.OPS, submitted), 'ILLEGAL_TRANSITION');
  });
});

describe('the written completion note before closure (leader dispatch, 督办单)', () => {
  it('a leader dispatch ticket needs the note to be submitted and to pass the audit', async () => {
    const t = await ticketIn(f, 'IN_PROGRESS', { channel: 'LEADER_DISPATCH', leaderName: '周建国' });
    expectCode(await submit(f.as.HANDLER_A, t), 'BAD_USER_INPUT');
    const s = await submit(f.as.HANDLER_A, t, '已按批示清理并书面回复');
    expectOk(s);
    const closed = await audit(f.as.OPS, { idStr: s.data.submitClosure.id, version: s.data.submitClosure.version });
    expectOk(closed);
    expect(closed.data.auditClosure).toMatchObject({ status: 'CLOSED', completionNote: '已按批示清理并书面回复' });

    const imported = await ticketIn(f, 'SUBMITTED', { channel: 'LEADER_DISPATCH' });
    const before = await snapshot(f, imported.id);
    expectCode(await audit(f.as.OPS, imported), 'ILLEGAL_TRANSITION');
    expect(await snapshot(f, imported.id)).toEqual(before);
  });

  it('an open 领导督办单 blocks closure until its completion note is written', async () => {
    const t = await ticketIn(f, 'SUBMITTED');
    const order = await f.db.db.insertInto('leaderOrder').values({ ticketId: t.id, leaderName: '周建国', issuedAt: new Date(), dueAt: new Date(Date.now() + 86_400_000), reason: '回访不满意' }).returning('id').executeTakeFirstOrThrow();
    expectCode(await audit(f.as.OPS, t), 'ILLEGAL_TRANSITION');
    expectOk(await f.as.HANDLER_A('mutation($id: ID!) { completeLeaderOrder(id: $id, completionNote: "已重新办理") { id } }', { id: String(order.id) }));
    expectOk(await audit(f.as.OPS, t));
  });
});

describe('拖延接单 (late acceptance)', () => {
  const job = JOBS.find((j) => j.name === 'late-acceptance')!;
  it('flags dispatches not accepted within 1 working day, counts them per unit and month, and writes NL09 only on confirmation', async () => {
    const now = new Date();
    const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);
    const waiting = await ticketIn(f, 'DISPATCHED', { receivedAt: daysAgo(10), dispatchedAt: daysAgo(10) });
    const lateAccepted = await ticketIn(f, 'ACCEPTED', { receivedAt: daysAgo(10), dispatchedAt: daysAgo(10), acceptedAt: daysAgo(1) });
    await ticketIn(f, 'ACCEPTED', { receivedAt: daysAgo(10), dispatchedAt: daysAgo(10), acceptedAt: new Date(daysAgo(10).getTime() + 3_600_000) }); // in time
    await ticketIn(f, 'DISPATCHED', { receivedAt: daysAgo(10), dispatchedAt: daysAgo(10), unitId: f.unitX, streetId: f.otherStreetId }); // another street
    const out = await runJob(f.db, job, shanghaiDate(now), now);
    expect(out.status).toBe('ran');
    const flags = await f.db.db.selectFrom('lateAcceptance').select(['ticketId', 'unitId', 'status']).where('ticketId', 'in', [waiting.id, lateAccepted.id]).orderBy('ticketId').execute();
    expect(flags).toEqual([{ ticketId: waiting.id, unitId: f.unitA, status: 'OPEN' }, { ticketId: lateAccepted.id, unitId: f.unitA, status: 'OPEN' }]);
    // Accepting late through the API flags at once; a rerun of the slot changes nothing.
    const acc = await f.as.HANDLER_A('mutation($id: ID!, $v: Int!) { acceptTicket(id: $id, version: $v) { status } }', { id: waiting.idStr, v: waiting.version });
    expectOk(acc);
    const month = shanghaiDate(daysAgo(10)).slice(0, 7);
    const counts = await f.as.OPS('query($s: ID!, $m: String!) { lateAcceptanceCounts(streetId: $s, month: $m) { unit { id } count confirmed } }', { s: String(f.streetId), m: month });
    expectOk(counts);
    expect(counts.data.lateAcceptanceCounts).toEqual([{ unit: { id: String(f.unitA) }, count: 2, confirmed: 0 }]);
    const work = await f.as.OPS('{ myWork { key count items { id ticketId } } }');
    const section = work.data.myWork.find((s: any) => s.key === 'lateAcceptance');
    expect(section.count).toBeGreaterThanOrEqual(2);

    const id = String((await f.db.db.selectFrom('lateAcceptance').select('id').where('ticketId', '=', waiting.id).executeTakeFirstOrThrow()).id);
    const CONFIRM = 'mutation($id: ID!) { confirmLateAcceptance(id: $id) { status negativeRecord { id item { code } unit { id } } } }';
    const records = async () => Number((await f.db.db.selectFrom('negativeRecord').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const n0 = await records();
    expectCode(await f.as.HANDLER_A(CONFIRM, { id }), 'FORBIDDEN');
    expectCode(await f.as.OPS('mutation($id: ID!) { dismissLateAcceptance(id: $id, reason: "") { id } }', { id }), 'BAD_USER_INPUT');
    expect(await records()).toBe(n0);
    const c = await f.as.OPS(CONFIRM, { id });
    expectOk(c);
    expect(c.data.confirmLateAcceptance).toMatchObject({ status: 'CONFIRMED', negativeRecord: { item: { code: 'NL09' }, unit: { id: String(f.unitA) } } });
    expect(await records()).toBe(n0 + 1);
    expectCode(await f.as.OPS(CONFIRM, { id }), 'ILLEGAL_TRANSITION');
  });
});

describe('负面指标配额: reaching it alerts, exceeding it writes the record only on confirmation', () => {
  it('the unit and its 分管领导 see a reached quota; the clerk confirms only an exceeded one, once', async () => {
    const month = shanghaiDate(new Date()).slice(0, 7);
    const master = await ticketIn(f, 'CLOSED', { receivedAt: new Date() });
    for (const unitId of [f.unitA, f.unitA, f.unitB]) await ticketIn(f, 'IN_PROGRESS', { receivedAt: new Date(), repeatOfId: master.id, unitId });
    const qa = await f.db.db.insertInto('negativeQuota').values({ unitId: f.unitA, month, indicator: '重复件', allowed: 1 }).returning('id').executeTakeFirstOrThrow();
    const qb = await f.db.db.insertInto('negativeQuota').values({ unitId: f.unitB, month, indicator: '重复件', allowed: 1 }).returning('id').executeTakeFirstOrThrow();
    const section = async (c: any, key: string) => (await c('{ myWork { key count items { id unitId title } } }')).data.myWork.find((s: any) => s.key === key);
    expect((await section(f.as.HANDLER_A, 'quotaReached')).items.map((i: any) => i.id)).toEqual([String(qa.id)]);
    expect((await section(f.as.HANDLER_B, 'quotaReached')).items.map((i: any) => i.id)).toEqual([String(qb.id)]);
    expect((await section(f.as.LEADER, 'quotaReached')).items.map((i: any) => i.id).sort()).toEqual([String(qa.id), String(qb.id)].sort());
    expect(await section(f.as.LEADER2, 'quotaReached')).toBeUndefined();
    expect((await section(f.as.OPS, 'quotaToConfirm')).items.map((i: any) => i.id)).toEqual([String(qa.id)]);

    const CONFIRM = 'mutation($q: ID!) { confirmQuotaExceeded(quotaId: $q) { id unit { id } item { code } note } }';
    expectCode(await f.as.HANDLER_A(CONFIRM, { q: String(qa.id) }), 'FORBIDDEN');
    expectCode(await f.as.OPS(CONFIRM, { q: String(qb.id) }), 'ILLEGAL_TRANSITION'); // reached, not exceeded
    const ok = await f.as.OPS(CONFIRM, { q: String(qa.id) });
    expectOk(ok);
    expect(ok.data.confirmQuotaExceeded).toMatchObject({ unit: { id: String(f.unitA) }, item: { code: 'NL05' } });
    expectCode(await f.as.OPS(CONFIRM, { q: String(qa.id) }), 'ILLEGAL_TRANSITION');
    expect(await section(f.as.OPS, 'quotaToConfirm')).toBeUndefined();
  });
});

describe('示范案例 (domain.md §6)', () => {
  it('names a ticket only when that ticket is a selected 优秀案例', async () => {
    const t = await ticketIn(f, 'CLOSED');
    const CREATE = 'mutation($k: AwardKind!, $u: ID!, $t: ID, $s: AwardStatus!, $p: Float) { createAward(kind: $k, unitId: $u, ticketId: $t, month: "2023-06", status: $s, points: $p) { id } }';
    const demo = { k: 'DEMONSTRATION', u: String(f.unitA), t: t.idStr, s: 'NOMINATED', p: 0.8 };
    expectCode(await f.as.OPS(CREATE, demo), 'BAD_USER_INPUT');
    const ex = await f.as.OPS(CREATE, { k: 'EXCELLENT', u: String(f.unitA), t: t.idStr, s: 'NOMINATED' });
    expectOk(ex);
    expectCode(await f.as.OPS(CREATE, demo), 'BAD_USER_INPUT'); // nominated only
    await f.db.db.updateTable('award').set({ status: 'SELECTED' }).where('id', '=', Number(ex.data.createAward.id)).execute();
    expectOk(await f.as.OPS(CREATE, demo));
    expectOk(await f.as.OPS(CREATE, { ...demo, t: null })); // without a ticket: accepted (flagged on the sheet)
  });
});
