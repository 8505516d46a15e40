// 我的待办 (myWork) per role, the Ticket list's overdue/hasWarning filters, and repeat-merge suggestions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshWarningsForGroups } from '../../src/repos/warnings';
import { createApiYoga } from '../../src/yoga';
import { createUser } from '../../src/repos/auth';
import { clearDueTimeConfig } from '../../src/repos/calendar';
import { minutesLeft, workingCutoff } from '../../src/domain/countdown';
import { WorkCalendar } from '../../src/domain/calendar';
import { at, expectCode, expectOk, setupFixture, ticketIn, type Fixture } from './setup';

let f: Fixture;
beforeAll(async () => {
  f = await setupFixture();
});
afterAll(() => f?.db.close());

const Q = `{ myWork { key resource count items { resource id ticketId ticketNumber title unitId due since } } }`;
const sections = async (who: keyof Fixture['as']) => {
  const r = await f.as[who](Q);
  expectOk(r);
  return Object.fromEntries((r.data.myWork as any[]).map((s) => [s.key, s]));
};
const soon = () => new Date(Date.now() + 6 * 3_600_000);
// Far enough that no holiday break brings it within 1 working day of the real clock.
const later = () => new Date(Date.now() + 30 * 86_400_000);

describe('myWork', () => {
  it('gives a unit handler its own unit’s tickets waiting for it, and nothing of another unit', async () => {
    const accept = await ticketIn(f, 'DISPATCHED', { completionDue: later(), firstContactDue: soon() });
    const contact = await ticketIn(f, 'ACCEPTED', { completionDue: later() });
    const redo = await ticketIn(f, 'IN_PROGRESS', { redoCount: 1, completionDue: later() });
    const dueSoon = await ticketIn(f, 'IN_PROGRESS', { completionDue: soon() });
    const overdue = await ticketIn(f, 'IN_PROGRESS', { completionDue: new Date('2023-06-29T23:59:59.999+08:00') });
    await ticketIn(f, 'DISPATCHED', { unitId: f.unitB });
    const s = await sections('HANDLER_A');
    expect(Object.keys(s)).toEqual(['toAccept', 'toContact', 'redo', 'overdue', 'dueSoon', 'leaderOrders', 'unsatisfiedPush']);
    const ids = (k: string) => s[k].items.map((i: any) => Number(i.id));
    expect(ids('toAccept')).toEqual([accept.id]);
    expect(ids('toContact')).toContain(contact.id);
    expect(ids('redo')).toEqual([redo.id]);
    expect(ids('dueSoon')).toEqual([dueSoon.id]);
    expect(ids('overdue')).toContain(overdue.id);
    expect(s.toAccept.count).toBe(1);
    expect(s.toAccept.items[0]).toMatchObject({ resource: 'Ticket', ticketId: accept.idStr, unitId: String(f.unitA) });
    const b = await sections('HANDLER_B');
    expect(b.toAccept.count).toBe(1);
    expect(b.toAccept.items[0].ticketId).not.toBe(accept.idStr);
  });

  it('gives OPS the submissions awaiting audit and the new warnings', async () => {
    const submitted = await ticketIn(f, 'SUBMITTED');
    const receivedAt = new Date('2023-09-04T09:00:00+08:00');
    const master = await ticketIn(f, 'IN_PROGRESS', { receivedAt });
    for (let i = 0; i < 4; i++) await ticketIn(f, 'IN_PROGRESS', { receivedAt, repeatOfId: master.id });
    await refreshWarningsForGroups(f.db.db, [master.id], new Date('2023-09-04T12:00:00+08:00'));
    const s = await sections('OPS');
    expect(s.toAudit.items.map((i: any) => Number(i.id))).toContain(submitted.id);
    expect(s.newWarnings).toMatchObject({ resource: 'Warning', count: 1 });
    expect(s.newWarnings.items[0]).toMatchObject({ ticketId: master.idStr, title: expect.stringContaining('5 件') });
  });

  it('gives the 分管领导 the first level of pending returns, the 主要领导 the second; 纪检 the returns to file', async () => {
    const t1 = await ticketIn(f, 'IN_PROGRESS');
    expectOk(await f.as.HANDLER_A('mutation($id: ID!, $v: Int!) { requestReturn(id: $id, version: $v, reason: "不属于本单位职责") { id } }', { id: t1.idStr, v: t1.version }));
    let s = await sections('LEADER');
    expect(s.returnsDeputy.items.map((i: any) => i.ticketId)).toContain(t1.idStr);
    expect(s.returnsDeputy.resource).toBe('ReturnRequest');
    const { data } = await f.as.LEADER(`{ allReturnRequests(filter: { ticketId: ${t1.id} }) { id } }`);
    expectOk(await f.as.LEADER('mutation($r: ID!, $u: ID!) { decideReturn(returnRequestId: $r, approve: true, toUnitId: $u, note: "改派房管") { id } }', { r: data.allReturnRequests[0].id, u: String(f.unitB) }));
    // The designated unit asks to return it too: that needs the 主要领导 (another leader) and a 纪检 filing.
    const t = (await f.db.db.selectFrom('ticket').select(['version']).where('id', '=', t1.id).executeTakeFirstOrThrow()).version;
    expectOk(await f.as.HANDLER_B('mutation($id: ID!, $v: Int!) { requestReturn(id: $id, version: $v, reason: "亦非本单位职责") { id } }', { id: t1.idStr, v: t }));
    const { data: d2 } = await f.as.LEADER(`{ allReturnRequests(filter: { ticketId: ${t1.id}, status: PENDING }) { id } }`);
    expectOk(await f.as.LEADER('mutation($r: ID!, $u: ID!) { decideReturn(returnRequestId: $r, approve: true, toUnitId: $u) { id status } }', { r: d2.allReturnRequests[0].id, u: String(f.unitC) }));
    s = await sections('LEADER');
    expect(s.returnsMain).toBeUndefined(); // the 分管领导 is never offered the second level
    const s2 = await sections('LEADER2');
    expect(s2.returnsDeputy).toBeUndefined();
    expect(s2.returnsMain.items.map((i: any) => i.ticketId)).toEqual([t1.idStr]);
    const dj = await sections('DISCIPLINE');
    expect(Object.keys(dj)).toEqual(['returnsToFile']);
    expect(dj.returnsToFile.items.map((i: any) => i.ticketId)).toEqual([t1.idStr]);
  });

  it('is empty for roles with no work lists, and refuses anonymous callers', async () => {
    expect(await sections('PARTY_OFFICE')).toEqual({});
    expectCode(await f.api.as(null)(Q), 'UNAUTHENTICATED');
  });
});

describe('myWork dueSoon (1 个工作日内到期) in working time', () => {
  // A handler of unit C (no other suite's tickets) on a server whose clock reads `now`.
  const handlerAt = async (now: Date) => {
    const yoga = createApiYoga({ db: f.db.db, production: false, now: () => now });
    const username = `clock_handler_${Math.random().toString(36).slice(2, 8)}`;
    await createUser(f.db.db, { username, password: 'password-123', role: 'UNIT_HANDLER', unitId: f.unitC });
    const call = (query: string, cookie?: string) =>
      yoga.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, body: JSON.stringify({ query }) });
    const res = await call(`mutation { login(username: "${username}", password: "password-123") { id } }`);
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    return async () => {
      const r = await (await call(Q, cookie)).json();
      expectOk(r);
      const s = Object.fromEntries((r.data.myWork as any[]).map((x) => [x.key, x]));
      return { dueSoon: s.dueSoon.items.map((i: any) => Number(i.id)), overdue: s.overdue.items.map((i: any) => Number(i.id)) };
    };
  };
  const inC = (completionDue: string) => ticketIn(f, 'IN_PROGRESS', { unitId: f.unitC, receivedAt: at('2023-07-03T09:00:00+08:00'), completionDue: at(completionDue) });

  it('on Friday 12:00 lists a ticket due Monday 10:00 (Friday’s 12 h + Monday’s first 12 h), not one due Tuesday', async () => {
    const monday = await inC('2023-07-10T10:00:00+08:00');
    const mondayNoon = await inC('2023-07-10T12:00:00+08:00'); // exactly 24 working hours: red on the badge too
    const mondayLate = await inC('2023-07-10T12:00:01+08:00');
    const tuesday = await inC('2023-07-11T10:00:00+08:00');
    const passed = await inC('2023-07-07T11:00:00+08:00');
    const work = await handlerAt(at('2023-07-07T12:00:00+08:00'));
    const r = await work();
    expect(r.dueSoon).toEqual([monday.id, mondayNoon.id]);
    expect(r.overdue).toEqual([passed.id]); // past due stays on the clock
    for (const t of [monday, mondayNoon, mondayLate, tuesday, passed]) await f.db.db.deleteFrom('ticket').where('id', '=', t.id).execute();
  });

  it('skips a holiday in between, and agrees with the badge’s countdown', async () => {
    // Monday 2023-07-17 a holiday: from Friday 12:00 one working day reaches Tuesday 12:00.
    await f.db.db.insertInto('workCalendar').values({ day: '2023-07-17', isWorkday: false, name: '测试假日' }).execute();
    clearDueTimeConfig(f.db.db);
    try {
      const monday = await inC('2023-07-17T23:59:59.999+08:00');
      const tuesday = await inC('2023-07-18T10:00:00+08:00');
      const tuesdayEnd = await inC('2023-07-18T23:59:59.999+08:00');
      const work = await handlerAt(at('2023-07-14T12:00:00+08:00'));
      expect((await work()).dueSoon).toEqual([monday.id, tuesday.id]);
      // The badge's red threshold (≤ 24 working hours left) picks the same tickets.
      const cal = new WorkCalendar([{ day: '2023-07-17', isWorkday: false }]);
      const red = [['2023-07-17T23:59:59.999', monday], ['2023-07-18T10:00:00', tuesday], ['2023-07-18T23:59:59.999', tuesdayEnd]]
        .filter(([due]) => minutesLeft(at(`${due}+08:00`), at('2023-07-14T12:00:00+08:00'), cal) <= 24 * 60)
        .map(([, t]) => (t as { id: number }).id);
      expect(red).toEqual([monday.id, tuesday.id]);
      for (const t of [monday, tuesday, tuesdayEnd]) await f.db.db.deleteFrom('ticket').where('id', '=', t.id).execute();
    } finally {
      await f.db.db.deleteFrom('workCalendar').where('day', '=', '2023-07-17').execute();
      clearDueTimeConfig(f.db.db);
    }
  });

  it('cuts off at the start of the next working day when the working day runs out at midnight', () => {
    const cal = new WorkCalendar([{ day: '2023-07-17', isWorkday: false }]);
    // Thursday 00:00 + 24 working hours = Friday 00:00; the weekend adds nothing, so up to Monday 00:00 (or, with
    // Monday a holiday, Tuesday 00:00) is still within one working day.
    expect(workingCutoff(at('2023-07-06T00:00:00+08:00'), 24 * 3_600_000, new WorkCalendar())).toEqual(at('2023-07-07T00:00:00+08:00'));
    expect(workingCutoff(at('2023-07-14T00:00:00+08:00'), 24 * 3_600_000, cal)).toEqual(at('2023-07-18T00:00:00+08:00'));
    expect(workingCutoff(at('2023-07-15T10:00:00+08:00'), 24 * 3_600_000, cal)).toEqual(at('2023-07-19T00:00:00+08:00'));
    expect(cal.workingMillisBetween(at('2023-07-14T00:00:00+08:00'), at('2023-07-18T00:00:00+08:00'))).toBe(24 * 3_600_000);
  });
});

describe('Ticket list filters', () => {
  it('filters overdue tickets and tickets of a group with an open warning', async () => {
    const late = await ticketIn(f, 'IN_PROGRESS', { completionDue: new Date('2023-06-29T23:59:59.999+08:00') });
    const fine = await ticketIn(f, 'IN_PROGRESS', { completionDue: later() });
    const r = await f.as.OPS(`{ allTickets(perPage: 100, filter: { overdue: true }) { id } n: _allTicketsMeta(filter: { overdue: false }) { count } ok: allTickets(perPage: 100, filter: { overdue: false }) { id } }`);
    expectOk(r);
    expect(r.data.allTickets.map((x: any) => Number(x.id))).toContain(late.id);
    expect(r.data.allTickets.map((x: any) => Number(x.id))).not.toContain(fine.id);
    expect(r.data.ok.map((x: any) => Number(x.id))).toContain(fine.id);
    const w = await f.as.OPS(`{ allTickets(perPage: 100, filter: { hasWarning: true }) { id repeatOfId } }`);
    expectOk(w);
    expect(w.data.allTickets.length).toBe(5); // the group of the previous suite's warning
  });
});

describe('repeatSuggestions', () => {
  it('offers roots of the street with the same address or topic within 7 days, same address first', async () => {
    const at = (d: string) => new Date(`${d}T09:00:00+08:00`);
    const t = await ticketIn(f, 'DISPATCHED', { receivedAt: at('2023-10-10'), address: '塘桥新路 100 号', topic: '噪声' });
    const sameAddress = await ticketIn(f, 'DISPATCHED', { receivedAt: at('2023-10-05'), address: '塘桥新路 100 号', topic: '垃圾清运' });
    const sameTopic = await ticketIn(f, 'DISPATCHED', { receivedAt: at('2023-10-09'), address: '南泉路 1 号', topic: '噪声' });
    await ticketIn(f, 'DISPATCHED', { receivedAt: at('2023-09-01'), address: '塘桥新路 100 号', topic: '噪声' }); // too early
    await ticketIn(f, 'DISPATCHED', { receivedAt: at('2023-10-10'), address: '塘桥新路 100 号', repeatOfId: sameAddress.id }); // a child, not a master
    const Qs = `query($t: ID!) { repeatSuggestions(ticketId: $t) { ticket { id number } sameAddress sameTopic } }`;
    const r = await f.as.OPS(Qs, { t: t.idStr });
    expectOk(r);
    expect(r.data.repeatSuggestions.map((x: any) => [Number(x.ticket.id), x.sameAddress, x.sameTopic])).toEqual([
      [sameAddress.id, true, false],
      [sameTopic.id, false, true],
    ]);
    // Merged into the first: its group is no longer offered to it.
    expectOk(await f.as.OPS('mutation($id: ID!, $m: ID, $v: Int) { updateTicket(id: $id, version: $v, repeatOfId: $m) { id repeatOfId } }', { id: t.idStr, m: String(sameAddress.id), v: t.version }));
    const r2 = await f.as.OPS(Qs, { t: t.idStr });
    expect(r2.data.repeatSuggestions.map((x: any) => Number(x.ticket.id))).toEqual([sameTopic.id]);
    // Another unit's handler cannot ask about this ticket.
    expectCode(await f.as.HANDLER_B(Qs, { t: t.idStr }), 'NOT_FOUND');
  });
});
