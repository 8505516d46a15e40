// A year without its statutory calendar (issue 10 item 9): the 我的待办 reminder from 1 November (ADMIN, OPS), the
// provisional due flag, and entering the notice — preview lists the open tickets whose due times move, save
// writes the year, its confirmation, the moved due times with an event each and one audit row, all at once.
//
// TEST DATA, NOT THE REAL 2027 NOTICE: a fictional Spring Festival 2027-02-05 (Fri) .. 2027-02-11 (Thu), make-up
// working days Saturday 2027-02-13 and Saturday 2027-02-20.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createUser } from '../../src/repos/auth';
import { clearDueTimeConfig, readDueTimeConfig } from '../../src/repos/calendar';
import { computeDueTimes, slaTicketOf } from '../../src/domain/sla';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { clockedApi } from '../security/helpers';
import type { Role } from '../../src/auth/roles';

const FICTIONAL_2027 = ['春节 2027-02-05 至 2027-02-11', '补班 2027-02-13', '2027-02-20 春节补班'].join('\n');
const shanghai = (s: string) => new Date(`${s}+08:00`);

let db: TestDatabase;
let api: ReturnType<typeof clockedApi>;
let streetId: number;
let unitId: number;
const users: Partial<Record<Role, { username: string; id: number }>> = {};

beforeAll(async () => {
  db = await createTestDatabase('none');
  api = clockedApi(db);
  const d = await db.db.insertInto('district').values({ code: 'CY', name: '日历区' }).returning('id').executeTakeFirstOrThrow();
  streetId = (await db.db.insertInto('street').values({ code: 'CY', name: '日历街道', districtId: d.id }).returning('id').executeTakeFirstOrThrow()).id;
  unitId = (await db.db.insertInto('unit').values({ streetId, code: 'CY1', name: '日历中队', peerGroup: 'DEPARTMENT' }).returning('id').executeTakeFirstOrThrow()).id;
  for (const role of ['ADMIN', 'OPS', 'LEADER', 'PARTY_OFFICE', 'DISCIPLINE', 'UNIT_HANDLER'] as Role[]) {
    const username = `cy_${role.toLowerCase()}`;
    const u = await createUser(db.db, { username, password: 'password-123', role, unitId: role === 'UNIT_HANDLER' ? unitId : null });
    users[role] = { username, id: u.id };
  }
}, 60_000);
afterAll(() => db?.close());

/** Sets the clock and signs in at that time (sessions follow the same clock). */
async function at(iso: string, role: Role) {
  api.clock.now = shanghai(iso).getTime();
  const { cookie } = await api.login(users[role]!.username, 'password-123');
  return async (query: string, variables: Record<string, unknown> = {}) => (await api.call(query, variables, { cookie: cookie! })).body as any;
}

const MY_WORK = `{ myWork { key resource count items { resource id title due since } } }`;
const calendarSection = async (iso: string, role: Role) => {
  const r = await (await at(iso, role))(MY_WORK);
  expect(r.errors).toBeUndefined();
  return (r.data.myWork as any[]).find((s) => s.key === 'calendarYears');
};

/** An open ticket with the due times the application computes now (2027 still plain Monday–Friday). */
async function ticket(number: string, receivedAt: Date, status = 'IN_PROGRESS') {
  const config = await readDueTimeConfig(db.db);
  const row = { category: 'COMPLAINT', channel: 'HOTLINE', urgent: false, receivedAt };
  const due = computeDueTimes(slaTicketOf(row), config.rules, config.calendar);
  const values = { ...row, number, streetId, unitId, status, dispatchedAt: receivedAt, firstContactDue: due.firstContactDue, completionDue: due.completionDue, ...(status === 'CLOSED' ? { closedAt: receivedAt } : {}) };
  return db.db.insertInto('ticket').values(values as any).returning(['id', 'version', 'firstContactDue', 'completionDue']).executeTakeFirstOrThrow();
}

const auditCount = async () => Number((await sql<{ n: number }>`select count(*)::int as n from audit_log`.execute(db.db)).rows[0]!.n);
const calendarRows2027 = async () => Number((await sql<{ n: number }>`select count(*)::int as n from work_calendar where day between '2027-01-01' and '2027-12-31'`.execute(db.db)).rows[0]!.n);

describe('the reminder on 我的待办', () => {
  it('appears on 1 November for ADMIN and OPS, not on 31 October, and never for other roles', async () => {
    for (const role of ['ADMIN', 'OPS'] as Role[]) {
      expect(await calendarSection('2026-10-31T23:30:00', role)).toMatchObject({ count: 0, items: [] });
      const s = await calendarSection('2026-11-01T00:10:00', role);
      expect(s).toMatchObject({ resource: 'WorkCalendarDay', count: 1 });
      expect(s.items).toEqual([{ resource: 'CalendarYear', id: '2027', title: '2027 年法定节假日安排尚未录入', due: '2026-12-31T15:59:59.999Z', since: '2026-10-31T16:00:00.000Z' }]);
    }
    for (const role of ['LEADER', 'PARTY_OFFICE', 'DISCIPLINE', 'UNIT_HANDLER'] as Role[]) {
      expect(await calendarSection('2026-11-01T09:00:00', role)).toBeUndefined();
    }
  });

  it('is urgent (already overdue) while the current year itself is missing', async () => {
    const s = await calendarSection('2027-01-04T09:00:00', 'OPS');
    expect(s.items).toHaveLength(1);
    expect(s.items[0]).toMatchObject({ id: '2027', title: '2027 年法定节假日安排尚未录入：本年时限正按普通工作日计算' });
    expect(new Date(s.items[0].due).getTime()).toBeLessThan(api.clock.now);
    const status = await (await at('2027-01-04T09:00:00', 'LEADER'))(`{ calendarStatus { today missing { year urgent message hint } } }`);
    expect(status.data.calendarStatus).toEqual({
      today: '2027-01-04',
      missing: [{ year: 2027, urgent: true, message: '2027 年法定节假日安排尚未录入', hint: '2027 年节假日安排尚未录入，时限按普通工作日计算' }],
    });
  });
});

describe('entering the 2027 notice', () => {
  let moved: Awaited<ReturnType<typeof ticket>>;
  let early: Awaited<ReturnType<typeof ticket>>;
  let closed: Awaited<ReturnType<typeof ticket>>;
  const TICKET_Q = `query($id: ID!) { Ticket(id: $id) { version firstContactDue completionDue dueProvisional dueProvisionalYear completionWorkingMinutesLeft events { kind before after note } } }`;

  beforeAll(async () => {
    // Received Wednesday 2027-02-03: 5 working days on plain weeks end Wednesday 02-10; with the fictional
    // holiday (02-05..02-11, 02-08 included) and the Saturday make-up 02-13 they end Tuesday 02-16.
    moved = await ticket('CY-MOVED', shanghai('2027-02-03T09:00:00'));
    early = await ticket('CY-2026', shanghai('2026-12-01T09:00:00'));
    closed = await ticket('CY-CLOSED', shanghai('2027-02-03T09:00:00'), 'CLOSED');
    expect(moved.completionDue).toEqual(shanghai('2027-02-10T23:59:59.999'));
    expect(moved.firstContactDue).toEqual(shanghai('2027-02-04T23:59:59.999'));
  });

  it('marks a due time in 2027 provisional, one in 2026 not', async () => {
    const admin = await at('2026-12-06T10:00:00', 'ADMIN');
    expect((await admin(TICKET_Q, { id: String(moved.id) })).data.Ticket).toMatchObject({ dueProvisional: true, dueProvisionalYear: 2027 });
    expect((await admin(TICKET_Q, { id: String(early.id) })).data.Ticket).toMatchObject({ dueProvisional: false, dueProvisionalYear: null });
    expect((await admin(TICKET_Q, { id: String(closed.id) })).data.Ticket.dueProvisional).toBe(false);
  });

  it('loads the confirmed years once for a whole list, not per row', async () => {
    const admin = await at('2026-12-06T10:00:00', 'ADMIN');
    clearDueTimeConfig(db.appDb);
    db.queries.reset();
    const r = await admin(`{ allTickets(perPage: 50) { id dueProvisional } }`);
    expect(r.errors).toBeUndefined();
    expect(r.data.allTickets.length).toBeGreaterThanOrEqual(3);
    expect(db.queries.log.filter((q) => /from "calendar_year"/.test(q))).toHaveLength(1);
  });

  it('refuses a malformed line with BAD_USER_INPUT naming it, and writes nothing', async () => {
    const admin = await at('2026-12-06T10:00:00', 'ADMIN');
    const audits = await auditCount();
    for (const op of ['query($y: Int!, $t: String!) { previewCalendarYear(year: $y, text: $t) { year } }', 'mutation($y: Int!, $t: String!) { saveCalendarYear(year: $y, text: $t) { ticketsUpdated } }']) {
      const r = await admin(op, { y: 2027, t: '春节 2027-02-05 至 2027-02-11\n补班 2027-02-31' });
      expect(r.errors?.[0]).toMatchObject({ message: '第 2 行：日期「2027-02-31」无效', extensions: { code: 'BAD_USER_INPUT', lines: [{ line: 2, message: '第 2 行：日期「2027-02-31」无效' }] } });
    }
    const wrongYear = await admin('mutation { saveCalendarYear(year: 1999, text: "春节 1999-02-16") { ticketsUpdated } }');
    expect(wrongYear.errors?.[0]).toMatchObject({ message: '年份须在 2004–2100 之间', extensions: { code: 'BAD_USER_INPUT' } });
    expect(await auditCount()).toBe(audits);
    expect(await calendarRows2027()).toBe(0);
  });

  it('refuses anyone but an administrator at the gate', async () => {
    for (const role of ['OPS', 'LEADER', 'UNIT_HANDLER'] as Role[]) {
      const as = await at('2026-12-06T10:00:00', role);
      const save = await as('mutation($t: String!) { saveCalendarYear(year: 2027, text: $t) { ticketsUpdated } }', { t: FICTIONAL_2027 });
      expect(save.errors?.[0]).toMatchObject({ message: '没有「录入年度节假日安排」的权限', extensions: { code: 'FORBIDDEN', reason: 'ROLE' } });
      const preview = await as('query($t: String!) { previewCalendarYear(year: 2027, text: $t) { year } }', { t: FICTIONAL_2027 });
      expect(preview.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE' });
    }
    expect(await calendarRows2027()).toBe(0);
  });

  it('previews the day list and the ticket whose completion due moves (old → new), writing nothing', async () => {
    const admin = await at('2026-12-06T10:00:00', 'ADMIN');
    const audits = await auditCount();
    const r = await admin(`query($t: String!) { previewCalendarYear(year: 2027, text: $t) {
      year holidays makeUpDays warnings replaces { year } removed { day }
      days { day isWorkday name line }
      changes { ticketId number status firstContactDueBefore firstContactDueAfter completionDueBefore completionDueAfter ticket { id number } } } }`, { t: FICTIONAL_2027 });
    expect(r.errors).toBeUndefined();
    const p = r.data.previewCalendarYear;
    expect(p).toMatchObject({ year: 2027, holidays: 7, makeUpDays: 2, warnings: [], replaces: null, removed: [] });
    expect(p.days[3]).toEqual({ day: '2027-02-08', isWorkday: false, name: '春节', line: 1 });
    expect(p.days.filter((d: any) => d.isWorkday)).toEqual([
      { day: '2027-02-13', isWorkday: true, name: '春节补班', line: 2 },
      { day: '2027-02-20', isWorkday: true, name: '春节补班', line: 3 },
    ]);
    expect(p.changes).toEqual([{
      ticketId: String(moved.id), number: 'CY-MOVED', status: 'IN_PROGRESS',
      firstContactDueBefore: '2027-02-04T15:59:59.999Z', firstContactDueAfter: '2027-02-04T15:59:59.999Z',
      completionDueBefore: '2027-02-10T15:59:59.999Z', completionDueAfter: '2027-02-16T15:59:59.999Z',
      ticket: { id: String(moved.id), number: 'CY-MOVED' },
    }]);
    expect(await auditCount()).toBe(audits);
    expect(await calendarRows2027()).toBe(0);
    expect((await db.db.selectFrom('ticket').select('version').where('id', '=', moved.id).executeTakeFirstOrThrow()).version).toBe(moved.version);
  });

  it('saves it: the year confirmed, the due time moved with an event, one audit row, not provisional any more', async () => {
    const admin = await at('2026-12-06T10:00:00', 'ADMIN');
    const audits = await auditCount();
    const r = await admin(`mutation($t: String!) { saveCalendarYear(year: 2027, text: $t) {
      days ticketsUpdated calendarYear { year source confirmedBy confirmedAt } changes { number completionDueAfter } } }`, { t: FICTIONAL_2027 });
    expect(r.errors).toBeUndefined();
    expect(r.data.saveCalendarYear).toMatchObject({
      days: 9, ticketsUpdated: 1,
      calendarYear: { year: 2027, source: 'manual', confirmedBy: 'cy_admin' },
      changes: [{ number: 'CY-MOVED', completionDueAfter: '2027-02-16T15:59:59.999Z' }],
    });
    expect(await auditCount()).toBe(audits + 1);
    const audit = await db.db.selectFrom('auditLog').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ operation: 'saveCalendarYear', entity: 'calendar_year', entityId: '2027', actorUserId: users.ADMIN!.id });
    expect(await calendarRows2027()).toBe(9);
    expect(await db.db.selectFrom('calendarYear').selectAll().where('year', '=', 2027).executeTakeFirstOrThrow()).toMatchObject({ source: 'manual', confirmedBy: users.ADMIN!.id });

    const t = (await admin(TICKET_Q, { id: String(moved.id) })).data.Ticket;
    expect(t).toMatchObject({ version: moved.version + 1, completionDue: '2027-02-16T15:59:59.999Z', firstContactDue: '2027-02-04T15:59:59.999Z', dueProvisional: false, dueProvisionalYear: null });
    expect(t.events.at(-1)).toEqual({
      kind: 'DUE_RECOMPUTED',
      before: { completionDue: '2027-02-10T15:59:59.999Z' },
      after: { completionDue: '2027-02-16T15:59:59.999Z' },
      note: '按 2027 年法定节假日安排重算时限',
    });
    // The countdown reads the new calendar at once (the cached configuration was cleared).
    const left = (await (await at('2027-02-04T00:00:00', 'ADMIN'))(TICKET_Q, { id: String(moved.id) })).data.Ticket.completionWorkingMinutesLeft;
    // 02-04, 02-12, 02-13 (make-up), 02-15 and 02-16: 5 working days (plain weeks would count 9).
    expect(Math.abs(left - 5 * 1440)).toBeLessThanOrEqual(1);
    // The closed ticket and the 2026 one were left alone.
    for (const x of [early, closed]) {
      expect(await db.db.selectFrom('ticket').select(['version', 'completionDue']).where('id', '=', x.id).executeTakeFirstOrThrow()).toEqual({ version: x.version, completionDue: x.completionDue });
    }
  });

  it('takes the reminder away once 2027 is entered; saving the same notice again moves nothing', async () => {
    expect(await calendarSection('2026-11-01T09:00:00', 'ADMIN')).toMatchObject({ count: 0 });
    expect(await calendarSection('2026-12-06T09:00:00', 'OPS')).toMatchObject({ count: 0 });
    const admin = await at('2026-12-06T10:00:00', 'ADMIN');
    const again = await admin(`mutation($t: String!) { saveCalendarYear(year: 2027, text: $t) { ticketsUpdated } }`, { t: FICTIONAL_2027 });
    expect(again.data.saveCalendarYear.ticketsUpdated).toBe(0);
    const preview = await admin(`query { previewCalendarYear(year: 2027, text: "春节 2027-02-05 至 2027-02-10") { replaces { year source } removed { day name } changes { number } } }`);
    expect(preview.data.previewCalendarYear).toMatchObject({ replaces: { year: 2027, source: 'manual' }, removed: [{ day: '2027-02-11', name: '春节' }, { day: '2027-02-13' }, { day: '2027-02-20' }] });
  });
});
