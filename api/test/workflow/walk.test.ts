// A ticket's whole life through the API (domain.md §2 "Lifecycle"): dispatch → accept → first contact → submit
// → failed 八审八不准 → redo → submit → pass → CLOSED with closedAt = the last submission; then a reopen with new
// due times, an extension, and what each role is offered along the way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDueTimeConfig } from '../../src/repos/calendar';
import { CHECKS_ALL_PASS, expectCode, expectOk, setupFixture, TICKET_FIELDS, ticketIn, type Fixture } from './setup';

let f: Fixture;
beforeAll(async () => {
  f = await setupFixture();
});
afterAll(() => f?.db.close());

const T = `{ ${TICKET_FIELDS} events { kind actorLabel before after note } closureAudits { passed submittedAt checks note } }`;

describe('the full walk to CLOSED', () => {
  it('dispatch → accept → contact → submit → failed audit → redo → submit → pass: CLOSED at the last submission', async () => {
    const { OPS, HANDLER_A, HANDLER_B, LEADER } = f.as;
    const created = await OPS('mutation($s: ID!) { createTicket(number: "WALK-1", streetId: $s, category: COMPLAINT, receivedAt: "2023-06-21T09:00:00+08:00") { id version status allowedActions } }', { s: f.streetId });
    expectOk(created);
    const id = created.data.createTicket.id;
    expect(created.data.createTicket).toMatchObject({ status: 'RECEIVED', allowedActions: ['dispatchTicket'] });

    const dispatched = await OPS(`mutation($id: ID!, $u: ID!) { dispatchTicket(id: $id, version: 1, unitId: $u) ${T} }`, { id, u: f.unitA });
    expectOk(dispatched);
    expect(dispatched.data.dispatchTicket).toMatchObject({ status: 'DISPATCHED', unitId: String(f.unitA), version: 2, allowedActions: [] });

    // The unit sees it and is offered its steps; another unit does not see it at all.
    const seen = await HANDLER_A('query($id: ID!) { Ticket(id: $id) { allowedActions } }', { id });
    expect(seen.data.Ticket.allowedActions).toEqual(['acceptTicket', 'requestReturn', 'requestExtension']);
    expectCode(await HANDLER_B('query($id: ID!) { Ticket(id: $id) { id } }', { id }), 'NOT_FOUND');

    const accepted = await HANDLER_A(`mutation($id: ID!) { acceptTicket(id: $id, version: 2) ${T} }`, { id });
    expect(accepted.data.acceptTicket).toMatchObject({ status: 'ACCEPTED', version: 3 });
    expect(accepted.data.acceptTicket.acceptedAt).not.toBeNull();

    const contacted = await HANDLER_A(`mutation($id: ID!) { recordFirstContact(id: $id, version: 3, at: "2023-06-21T10:15:00+08:00") ${T} }`, { id });
    expect(contacted.data.recordFirstContact).toMatchObject({ status: 'IN_PROGRESS', firstContactAt: '2023-06-21T02:15:00.000Z' });
    expect(contacted.data.recordFirstContact.allowedActions).toEqual(['submitClosure', 'requestReturn', 'requestExtension']);

    const submit = (version: number, reply: string) =>
      HANDLER_A(
        `mutation($id: ID!, $v: Int!, $r: String!) { submitClosure(id: $id, version: $v, factFinding: PARTLY_TRUE, factBasis: "现场核实：垃圾堆放属实，噪声不属实",
          resolution: ACTUALLY_RESOLVED, demand: "清运楼道垃圾", siteVisit: "6月21日下午现场查看", replyText: $r) ${T} }`,
        { id, v: version, r: reply },
      );
    const first = await submit(4, '已清运');
    expectOk(first);
    const s1 = first.data.submitClosure.submittedAt;
    expect(first.data.submitClosure).toMatchObject({ status: 'SUBMITTED', version: 5 });
    expect((await OPS('query($id: ID!) { Ticket(id: $id) { allowedActions } }', { id })).data.Ticket.allowedActions).toEqual(['auditClosure']);

    const checks = CHECKS_ALL_PASS.map((c) => ({ ...c }));
    checks[1] = { pass: false, note: '噪声部分不属实，未写明依据' };
    checks[6] = { pass: false, note: '答复未反映现场处置过程' };
    const failed = await OPS(`mutation($id: ID!, $c: [AuditCheckInput!]!) { auditClosure(id: $id, version: 5, checks: $c, note: "请补充后重新提交") ${T} }`, { id, c: checks });
    expectOk(failed);
    const redo = failed.data.auditClosure;
    expect(redo).toMatchObject({ status: 'IN_PROGRESS', redoCount: 1, submittedAt: null, closedAt: null, version: 6 });
    expect(redo.redoReason).toBe('第2项「事实认定合理、依据充分」不通过：噪声部分不属实，未写明依据；第7项「答复内容完整反映办理过程」不通过：答复未反映现场处置过程。审核意见：请补充后重新提交');
    expect(redo.closureAudits).toHaveLength(1);
    expect(redo.closureAudits[0]).toMatchObject({ passed: false, submittedAt: s1, note: '请补充后重新提交' });
    expect(redo.closureAudits[0].checks).toHaveLength(8);
    expect(redo.closureAudits[0].checks[1]).toEqual({ item: 2, label: '事实认定合理、依据充分', pass: false, note: '噪声部分不属实，未写明依据' });
    // The unit sees why, on its own ticket.
    const unitView = await HANDLER_A('query($id: ID!) { Ticket(id: $id) { redoReason closureAudits { passed } } }', { id });
    expect(unitView.data.Ticket.redoReason).toContain('第2项');

    await new Promise((r) => setTimeout(r, 5)); // the second submission is strictly later
    const second = await submit(6, '已清运楼道垃圾；经现场核实，噪声不属实，已向市民说明');
    expectOk(second);
    const s2 = second.data.submitClosure.submittedAt;
    expect(new Date(s2).getTime()).toBeGreaterThan(new Date(s1).getTime());

    await new Promise((r) => setTimeout(r, 5));
    const passed = await OPS(`mutation($id: ID!, $c: [AuditCheckInput!]!) { auditClosure(id: $id, version: 7, checks: $c) ${T} }`, { id, c: CHECKS_ALL_PASS });
    expectOk(passed);
    const closed = passed.data.auditClosure;
    expect(closed).toMatchObject({ status: 'CLOSED', closedAt: s2, submittedAt: s2, redoCount: 1, redoReason: null, version: 8 });
    expect(closed.closureAudits.map((a: any) => [a.passed, a.submittedAt])).toEqual([[false, s1], [true, s2]]);
    expect(closed.allowedActions).toEqual(['reopenTicket', 'recordCallback']);
    expect((await LEADER('query($id: ID!) { Ticket(id: $id) { allowedActions } }', { id })).data.Ticket.allowedActions).toEqual(['issueLeaderOrder']);

    // The history: every step, who, before/after.
    const events = closed.events;
    expect(events.map((e: any) => e.kind)).toEqual(['CREATED', 'DISPATCHED', 'ACCEPTED', 'FIRST_CONTACT', 'SUBMITTED', 'AUDIT_FAILED', 'SUBMITTED', 'CLOSED']);
    expect(events[1]).toMatchObject({ before: { status: 'RECEIVED', unitId: null }, after: { status: 'DISPATCHED', unitId: f.unitA } });
    expect(events[5]).toMatchObject({ before: { status: 'SUBMITTED', redoCount: 0 }, after: { status: 'IN_PROGRESS', redoCount: 1 } });
    expect(events[5].note).toContain('第7项');
    expect(events[7].after).toMatchObject({ status: 'CLOSED', closedAt: s2 });
    expect(new Set(events.slice(1).map((e: any) => e.actorLabel)).size).toBe(2); // OPS and the handler

    // One audit row per mutation.
    const audit = await f.db.db.selectFrom('auditLog').select('operation').where('entity', '=', 'ticket').where('entityId', '=', id).orderBy('id').execute();
    expect(audit.map((a) => a.operation)).toEqual(['createTicket', 'dispatchTicket', 'acceptTicket', 'recordFirstContact', 'submitClosure', 'auditClosure', 'submitClosure', 'auditClosure']);
  });
});

describe('reopen', () => {
  it('a reopened ticket is no longer closed, gets new due times from the reopen, and closes again with a new closedAt', async () => {
    const t = await ticketIn(f, 'CLOSED');
    const r = await f.as.OPS(`mutation($id: ID!) { reopenTicket(id: $id, version: 1, kind: CALLBACK_UNSATISFIED, note: "回访不满意，退回重办") ${T} }`, { id: t.idStr });
    expectOk(r);
    const x = r.data.reopenTicket;
    expect(x).toMatchObject({ status: 'IN_PROGRESS', closedAt: null, submittedAt: null, reopenKind: 'CALLBACK_UNSATISFIED' });
    const { calendar } = await loadDueTimeConfig(f.db.db);
    const reopened = new Date(x.reopenedAt);
    expect(x.firstContactDue).toBe(calendar.addWorkdays(reopened, 1).toISOString());
    expect(x.completionDue).toBe(calendar.addWorkdays(reopened, 3).toISOString());
    expect(x.events.at(-1)).toMatchObject({ kind: 'REOPENED', note: '回访不满意，退回重办', after: { status: 'IN_PROGRESS', closedAt: null, reopenKind: 'CALLBACK_UNSATISFIED' } });

    const sub = await f.as.HANDLER_A(`mutation($id: ID!) { submitClosure(id: $id, version: 2, factFinding: TRUE, factBasis: "b", resolution: ACTUALLY_RESOLVED, demand: "d", replyText: "r") { submittedAt } }`, { id: t.idStr });
    const pass = await f.as.OPS(`mutation($id: ID!, $c: [AuditCheckInput!]!) { auditClosure(id: $id, version: 3, checks: $c) { status closedAt } }`, { id: t.idStr, c: CHECKS_ALL_PASS });
    expect(pass.data.auditClosure).toEqual({ status: 'CLOSED', closedAt: sub.data.submitClosure.submittedAt });
  });

  it('a re-assignment reopen marks the ticket 重新交办', async () => {
    const t = await ticketIn(f, 'CLOSED');
    const r = await f.as.OPS('mutation($id: ID!) { reopenTicket(id: $id, version: 1, kind: REASSIGNED, note: "区里重新交办") { reassigned status } }', { id: t.idStr });
    expect(r.data.reopenTicket).toEqual({ reassigned: true, status: 'IN_PROGRESS' });
  });
});

describe('extensions (延期)', () => {
  it('the unit asks, a leader approves: completion is due 15 working days from receipt', async () => {
    const t = await ticketIn(f, 'IN_PROGRESS');
    const asked = await f.as.HANDLER_A('mutation($id: ID!) { requestExtension(id: $id, version: 1, reason: "涉及产权单位，需协调") { version allowedActions extensionRequests { id status reason } } }', { id: t.idStr });
    expectOk(asked);
    expect(asked.data.requestExtension.allowedActions).not.toContain('requestExtension');
    const req = asked.data.requestExtension.extensionRequests[0];
    expect(req).toMatchObject({ status: 'PENDING', reason: '涉及产权单位，需协调' });

    const again = await f.as.HANDLER_A('mutation($id: ID!) { requestExtension(id: $id, version: 2, reason: "再次申请") { id } }', { id: t.idStr });
    expectCode(again, 'ILLEGAL_TRANSITION');

    expect((await f.as.LEADER('query($id: ID!) { Ticket(id: $id) { allowedActions } }', { id: t.idStr })).data.Ticket.allowedActions).toEqual(['decideExtension']);
    expectCode(await f.as.OPS('mutation($r: ID!) { decideExtension(extensionRequestId: $r, approve: true) { id } }', { r: req.id }), 'FORBIDDEN');
    expectCode(await f.as.HANDLER_A('mutation($r: ID!) { decideExtension(extensionRequestId: $r, approve: true) { id } }', { r: req.id }), 'FORBIDDEN');
    const ok = await f.as.LEADER('mutation($r: ID!) { decideExtension(extensionRequestId: $r, approve: true, note: "同意") { status decisionNote ticket { extensionApproved completionDue receivedAt events { kind note } } } }', { r: req.id });
    expectOk(ok);
    const d = ok.data.decideExtension;
    expect(d).toMatchObject({ status: 'APPROVED', decisionNote: '同意', ticket: { extensionApproved: true } });
    const { calendar } = await loadDueTimeConfig(f.db.db);
    expect(d.ticket.completionDue).toBe(calendar.addWorkdays(new Date(d.ticket.receivedAt), 15).toISOString());
    expect(d.ticket.events.map((e: any) => e.kind).slice(-2)).toEqual(['EXTENSION_REQUESTED', 'EXTENSION_APPROVED']);

    const twice = await f.as.LEADER('mutation($r: ID!) { decideExtension(extensionRequestId: $r, approve: false, note: "x") { id } }', { r: req.id });
    expectCode(twice, 'ILLEGAL_TRANSITION');
    expect(twice.errors![0]!.extensions!.currentState).toBe('APPROVED');
    const after = await f.as.HANDLER_A('mutation($id: ID!, $v: Int!) { requestExtension(id: $id, version: $v, reason: "再延") { id } }', { id: t.idStr, v: 3 });
    expectCode(after, 'ILLEGAL_TRANSITION');
  });

  it('a rejection needs a reason and leaves the due times alone', async () => {
    const t = await ticketIn(f, 'ACCEPTED');
    const asked = await f.as.HANDLER_A('mutation($id: ID!) { requestExtension(id: $id, version: 1, reason: "需要更多时间") { completionDue extensionRequests { id } } }', { id: t.idStr });
    const rid = asked.data.requestExtension.extensionRequests[0].id;
    expectCode(await f.as.LEADER('mutation($r: ID!) { decideExtension(extensionRequestId: $r, approve: false) { id } }', { r: rid }), 'BAD_USER_INPUT');
    const r = await f.as.LEADER('mutation($r: ID!) { decideExtension(extensionRequestId: $r, approve: false, note: "不属于复杂件") { status ticket { extensionApproved completionDue version } } }', { r: rid });
    expect(r.data.decideExtension).toMatchObject({ status: 'REJECTED', ticket: { extensionApproved: false, completionDue: asked.data.requestExtension.completionDue, version: 2 } });
  });

  it('the extension register is readable by staff, not writable, and hidden from unit handlers', async () => {
    expectOk(await f.as.LEADER('{ allExtensionRequests { id status } }'));
    expectCode(await f.as.HANDLER_A('{ allExtensionRequests { id } }'), 'FORBIDDEN');
    expectCode(await f.as.LEADER('mutation { createExtensionRequest { id } }'), 'FORBIDDEN');
  });
});
