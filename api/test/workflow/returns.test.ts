// 退单 approval chain (domain.md §5, plan 四(二)3): the 分管领导 approves (choosing the receiving unit) or rejects;
// a repeated request from the same unit, or one from the designated unit, also needs the 主要领导 and a 纪检
// filing before it takes effect. Every step recorded; counts per unit per month.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '../../src/domain/time';
import { expectCode, expectOk, setupFixture, snapshot, ticketIn, type Fixture } from './setup';

let f: Fixture;
beforeAll(async () => {
  f = await setupFixture();
});
afterAll(() => f?.db.close());

const RR = 'id status needsMainLeader fromUnitId toUnitId decidedAt decisionNote mainLeaderAt mainLeaderNote disciplineFilingRef';
const TICKET = `{ id version status unitId acceptedAt firstContactAt allowedActions returnRequests { ${RR} } events { kind note before after } }`;

const request = (c: any, id: string, version: number, reason = '不属于本单位职责') =>
  c(`mutation($id: ID!, $v: Int!, $r: String!) { requestReturn(id: $id, version: $v, reason: $r) ${TICKET} }`, { id, v: version, r: reason });
const decide = (c: any, rid: string, approve: boolean, toUnitId?: number, note?: string) =>
  c(`mutation($r: ID!, $a: Boolean!, $u: ID, $n: String) { decideReturn(returnRequestId: $r, approve: $a, toUnitId: $u, note: $n) { ${RR} ticket ${TICKET} } }`, { r: rid, a: approve, u: toUnitId, n: note });
const mainLeader = (c: any, rid: string, approve: boolean, ref?: string, note?: string) =>
  c(`mutation($r: ID!, $a: Boolean!, $f: String, $n: String) { approveReturnAsMainLeader(returnRequestId: $r, approve: $a, disciplineFilingRef: $f, note: $n) { ${RR} ticket ${TICKET} } }`, { r: rid, a: approve, f: ref, n: note });

describe('the return chain through both levels', () => {
  it('request → rejected → asked again → 分管领导 approves → awaits 主要领导 → approved with a 纪检 filing → dispatched to the new unit', async () => {
    const t = await ticketIn(f, 'IN_PROGRESS');
    const { HANDLER_A, HANDLER_B, LEADER, LEADER2 } = f.as;

    // 1. The unit asks; the ticket waits for the 分管领导.
    const r1 = await request(HANDLER_A, t.idStr, 1);
    expectOk(r1);
    const rq1 = r1.data.requestReturn.returnRequests[0];
    expect(r1.data.requestReturn).toMatchObject({ status: 'RETURN_PENDING', unitId: String(f.unitA), allowedActions: [] });
    expect(rq1).toMatchObject({ status: 'PENDING', needsMainLeader: false, fromUnitId: String(f.unitA) });
    expect((await LEADER('query($id: ID!) { Ticket(id: $id) { allowedActions } }', { id: t.idStr })).data.Ticket.allowedActions).toEqual(['decideReturn']);
    // The first level is the 分管领导's: the 主要领导 is neither offered it nor allowed to take it.
    expect((await LEADER2('query($id: ID!) { Ticket(id: $id) { allowedActions } }', { id: t.idStr })).data.Ticket.allowedActions).toEqual([]);
    const byMain = await decide(LEADER2, rq1.id, false, undefined, '越级');
    expectCode(byMain, 'FORBIDDEN');
    expect(byMain.errors[0].message).toContain('退单的第一级审批由城运分管领导作出，主要领导不能作分管领导审批');

    // 2. A rejection needs a reason; then the ticket goes back to where it was, same unit.
    expectCode(await decide(LEADER, rq1.id, false), 'BAD_USER_INPUT');
    const d1 = await decide(LEADER, rq1.id, false, undefined, '属于本单位职责范围，请继续办理');
    expectOk(d1);
    expect(d1.data.decideReturn).toMatchObject({ status: 'REJECTED', decisionNote: '属于本单位职责范围，请继续办理', ticket: { status: 'IN_PROGRESS', unitId: String(f.unitA), version: 3 } });
    expectCode(await decide(LEADER, rq1.id, true, f.unitB), 'ILLEGAL_TRANSITION');

    // 3. The same unit asks again: now the 主要领导 must approve too.
    const r2 = await request(HANDLER_A, t.idStr, 3, '确非本单位职责，需房管办处理');
    const rq2 = r2.data.requestReturn.returnRequests[1];
    expect(rq2).toMatchObject({ status: 'PENDING', needsMainLeader: true });
    expect(r2.data.requestReturn.events.at(-1).note).toContain('须主要领导审批并纪检备案');

    // 4. The 分管领导 approves, choosing the receiving unit: not yet in effect.
    expectCode(await decide(LEADER, rq2.id, true), 'BAD_USER_INPUT'); // no receiving unit
    expectCode(await decide(LEADER, rq2.id, true, f.unitA), 'BAD_USER_INPUT'); // the requesting unit itself
    expectCode(await decide(LEADER, rq2.id, true, f.unitX), 'BAD_USER_INPUT'); // another street's unit
    const d2 = await decide(LEADER, rq2.id, true, f.unitB, '同意改派房管办');
    expectOk(d2);
    expect(d2.data.decideReturn).toMatchObject({ status: 'AWAITING_MAIN_LEADER', toUnitId: String(f.unitB), ticket: { status: 'RETURN_PENDING', unitId: String(f.unitA) } });
    expect(d2.data.decideReturn.ticket.events.at(-1)).toMatchObject({ kind: 'RETURN_AWAITING_MAIN_LEADER' });
    expectCode(await decide(LEADER, rq2.id, true, f.unitB), 'ILLEGAL_TRANSITION');

    // 5. Only the 主要领导 signs the second level (the 分管领导 has the wrong rank); a 纪检 filing is needed to approve.
    expect((await LEADER('query($id: ID!) { Ticket(id: $id) { allowedActions } }', { id: t.idStr })).data.Ticket.allowedActions).toEqual([]);
    expect((await LEADER2('query($id: ID!) { Ticket(id: $id) { allowedActions } }', { id: t.idStr })).data.Ticket.allowedActions).toEqual(['approveReturnAsMainLeader']);
    const before = await snapshot(f, t.id);
    const byDeputy = await mainLeader(LEADER, rq2.id, true, '纪备〔2023〕12号');
    expectCode(byDeputy, 'FORBIDDEN');
    expect(byDeputy.errors[0].message).toContain('待主要领导审批的退单只能由街道主要领导审批，分管领导不能作主要领导审批');
    expectCode(await mainLeader(LEADER2, rq2.id, true), 'ILLEGAL_TRANSITION'); // waits for the 纪检 filing
    expectCode(await mainLeader(f.as.OPS, rq2.id, true, '纪备〔2023〕12号'), 'FORBIDDEN');
    expectCode(await mainLeader(f.as.DISCIPLINE, rq2.id, true, '纪备〔2023〕12号'), 'FORBIDDEN');
    expect(await snapshot(f, t.id)).toEqual(before);

    // The filing is recorded by 纪检 itself (domain.md §8).
    const filed = await f.as.DISCIPLINE('mutation($r: ID!, $f: String!) { recordDisciplineFiling(returnRequestId: $r, disciplineFilingRef: $f) { disciplineFilingRef } }', { r: rq2.id, f: '纪备〔2023〕12号' });
    expectOk(filed);
    const m = await mainLeader(LEADER2, rq2.id, true, '纪备〔2023〕12号', '同意');
    expectOk(m);
    expect(m.data.approveReturnAsMainLeader).toMatchObject({
      status: 'APPROVED',
      disciplineFilingRef: '纪备〔2023〕12号',
      mainLeaderNote: '同意',
      ticket: { status: 'DISPATCHED', unitId: String(f.unitB), acceptedAt: null },
    });
    expect(m.data.approveReturnAsMainLeader.mainLeaderAt).not.toBeNull();
    const kinds = m.data.approveReturnAsMainLeader.ticket.events.map((e: any) => e.kind);
    expect(kinds).toEqual(['RETURN_REQUESTED', 'RETURN_REJECTED', 'RETURN_REQUESTED', 'RETURN_AWAITING_MAIN_LEADER', 'RETURN_DISCIPLINE_FILED', 'RETURN_APPROVED']);
    expect(m.data.approveReturnAsMainLeader.ticket.events.at(-1)).toMatchObject({ before: { unitId: f.unitA, status: 'RETURN_PENDING' }, after: { unitId: f.unitB, status: 'DISPATCHED' } });
    expectCode(await mainLeader(LEADER2, rq2.id, true, 'x'), 'ILLEGAL_TRANSITION');

    // 6. The old unit no longer sees it; the new one does, and — the citizen already contacted — goes straight to work.
    expectCode(await HANDLER_A('query($id: ID!) { Ticket(id: $id) { id } }', { id: t.idStr }), 'NOT_FOUND');
    const acc = await HANDLER_B('mutation($id: ID!, $v: Int!) { acceptTicket(id: $id, version: $v) { status unitId } }', { id: t.idStr, v: m.data.approveReturnAsMainLeader.ticket.version });
    expect(acc.data.acceptTicket).toEqual({ status: 'IN_PROGRESS', unitId: String(f.unitB) });

    // 7. The designated unit asks to return it: 主要领导 again; rejected there, it stays with the designated unit.
    const r3 = await request(HANDLER_B, t.idStr, m.data.approveReturnAsMainLeader.ticket.version + 1, '非本单位职责');
    const rq3 = r3.data.requestReturn.returnRequests[2];
    expect(rq3).toMatchObject({ needsMainLeader: true, fromUnitId: String(f.unitB) });
    const d3 = await decide(LEADER, rq3.id, true, f.unitC, '拟改派市场所');
    expect(d3.data.decideReturn.status).toBe('AWAITING_MAIN_LEADER');
    expectCode(await mainLeader(LEADER2, rq3.id, false), 'BAD_USER_INPUT'); // a refusal needs a reason
    const m3 = await mainLeader(LEADER2, rq3.id, false, undefined, '由房管办继续办理');
    expect(m3.data.approveReturnAsMainLeader).toMatchObject({ status: 'REJECTED', ticket: { status: 'IN_PROGRESS', unitId: String(f.unitB) } });

    // Every step is in the audit log.
    const audit = await f.db.db.selectFrom('auditLog').select('operation').where('entity', 'in', ['ticket', 'return_request']).where('operation', 'in', ['requestReturn', 'decideReturn', 'approveReturnAsMainLeader']).execute();
    expect(audit.length).toBe(3 + 3 + 2);
  });

  it('a first request approved by the 分管领导 takes effect at once', async () => {
    const t = await ticketIn(f, 'ACCEPTED');
    const r = await request(f.as.HANDLER_A, t.idStr, 1);
    const d = await decide(f.as.ADMIN, r.data.requestReturn.returnRequests[0].id, true, f.unitC, '同意');
    expectOk(d);
    expect(d.data.decideReturn).toMatchObject({ status: 'APPROVED', toUnitId: String(f.unitC), ticket: { status: 'DISPATCHED', unitId: String(f.unitC), acceptedAt: null } });
  });

  it('a rejected request from a submitted ticket goes back to SUBMITTED', async () => {
    const t = await ticketIn(f, 'SUBMITTED');
    const r = await request(f.as.HANDLER_A, t.idStr, 1);
    const d = await decide(f.as.LEADER, r.data.requestReturn.returnRequests[0].id, false, undefined, '不同意');
    expect(d.data.decideReturn.ticket.status).toBe('SUBMITTED');
  });

  it('only leaders decide; a unit handler of the ticket cannot', async () => {
    const t = await ticketIn(f, 'IN_PROGRESS');
    const r = await request(f.as.HANDLER_A, t.idStr, 1);
    const rid = r.data.requestReturn.returnRequests[0].id;
    for (const who of ['OPS', 'PARTY_OFFICE', 'DISCIPLINE', 'API_READER', 'HANDLER_A', 'HANDLER_B'] as const) {
      expectCode(await decide(f.as[who], rid, false, undefined, 'x'), 'FORBIDDEN');
    }
    expectCode(await decide(f.as.LEADER, '999999', false, undefined, 'x'), 'NOT_FOUND');
  });

  it('a return request cannot be created through the register', async () => {
    const t = await ticketIn(f, 'IN_PROGRESS');
    expectCode(await f.as.OPS('mutation($t: ID!, $u: ID!) { createReturnRequest(ticketId: $t, fromUnitId: $u, reason: "x") { id } }', { t: t.idStr, u: f.unitA }), 'FORBIDDEN');
  });
});

describe('returnCounts(streetId, month)', () => {
  it('counts per unit: requested in the month, approved/rejected by the final decision in the month, still pending', async () => {
    const k = f.db.db;
    // Seven rows of 2023 for unit C (and one of unit B) written directly, around the July/August boundary.
    const t = await ticketIn(f, 'IN_PROGRESS', { unitId: f.unitC });
    const ins = (v: Record<string, unknown>) => k.insertInto('returnRequest').values({ ticketId: t.id, reason: '理由', ...v } as any).execute();
    await ins({ fromUnitId: f.unitC, requestedAt: new Date('2023-07-03T10:00:00+08:00'), status: 'REJECTED', decidedAt: new Date('2023-07-03T15:00:00+08:00') });
    await ins({ fromUnitId: f.unitC, requestedAt: new Date('2023-07-10T10:00:00+08:00'), status: 'REJECTED', decidedAt: new Date('2023-07-10T15:00:00+08:00') });
    await ins({ fromUnitId: f.unitC, requestedAt: new Date('2023-07-20T10:00:00+08:00'), status: 'APPROVED', toUnitId: f.unitB, decidedAt: new Date('2023-07-20T15:00:00+08:00') });
    // Asked in July, finally refused by the 主要领导 on 1 August (00:30 Shanghai is still 31 July in UTC).
    await ins({ fromUnitId: f.unitC, requestedAt: new Date('2023-07-31T10:00:00+08:00'), status: 'REJECTED', needsMainLeader: true, decidedAt: new Date('2023-07-31T15:00:00+08:00'), mainLeaderAt: new Date('2023-08-01T00:30:00+08:00') });
    await ins({ fromUnitId: f.unitB, requestedAt: new Date('2023-06-30T23:30:00+08:00'), status: 'APPROVED', toUnitId: f.unitC, decidedAt: new Date('2023-07-01T09:00:00+08:00') });
    await ins({ fromUnitId: f.unitB, requestedAt: new Date('2023-07-15T10:00:00+08:00'), status: 'PENDING' });

    const q = 'query($s: ID!, $m: String!) { returnCounts(streetId: $s, month: $m) { unit { code } requested approved rejected pending } }';
    const july = await f.as.LEADER(q, { s: f.streetId, m: '2023-07' });
    expectOk(july);
    expect(july.data.returnCounts).toEqual([
      { unit: { code: 'SJ' }, requested: 4, approved: 1, rejected: 2, pending: 0 },
      { unit: { code: 'FG' }, requested: 1, approved: 1, rejected: 0, pending: 1 },
      { unit: { code: 'CG' }, requested: 0, approved: 0, rejected: 0, pending: 0 },
    ]);
    const august = await f.as.DISCIPLINE(q, { s: f.streetId, m: '2023-08' });
    expect(august.data.returnCounts.find((r: any) => r.unit.code === 'SJ')).toEqual({ unit: { code: 'SJ' }, requested: 0, approved: 0, rejected: 1, pending: 0 });
    // No unit of another street.
    expect(july.data.returnCounts.map((r: any) => r.unit.code)).not.toContain('HMCG');
  });

  it('counts this month\'s requests made through the API', async () => {
    const month = shanghaiDate(new Date()).slice(0, 7);
    const q = 'query($s: ID!, $m: String!) { returnCounts(streetId: $s, month: $m) { unit { code } requested pending } }';
    const fg = async () => (await f.as.OPS(q, { s: f.streetId, m: month })).data.returnCounts.find((x: any) => x.unit.code === 'FG');
    const before = await fg();
    const t = await ticketIn(f, 'DISPATCHED', { unitId: f.unitB });
    await request(f.as.HANDLER_B, t.idStr, 1);
    expect(await fg()).toMatchObject({ requested: before.requested + 1, pending: before.pending + 1 });
  });

  it('is for staff only, and checks the month', async () => {
    expectCode(await f.as.HANDLER_A('query($s: ID!) { returnCounts(streetId: $s, month: "2023-07") { requested } }', { s: f.streetId }), 'FORBIDDEN');
    expectCode(await f.as.OPS('query($s: ID!) { returnCounts(streetId: $s, month: "2023-13") { requested } }', { s: f.streetId }), 'BAD_USER_INPUT');
  });
});
