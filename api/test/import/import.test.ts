// The all-or-nothing import against a database (domain.md §7, contract.md "Import").
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { CamelCasePlugin, Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from '../../src/db/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { checkImport, importTickets, type ImportResult } from '../../src/import/importTickets';
import { parseImportFile } from '../../src/import/parse';
import { TIME_COLUMNS, COLUMNS } from '../../src/import/format';
import type { Principal } from '../../src/repos/auth';
import { SAMPLE_CSV, createStreet, generateRows, toCsv, type Row, type Street } from './fixtures';

let db: TestDatabase;
const actor: Principal = { userId: null, tokenId: null, username: 'ops-test', role: 'OPS', unitId: null, streetId: null, canReadPersonalData: true };
const sample = fs.readFileSync(SAMPLE_CSV);

beforeAll(async () => {
  db = await createTestDatabase('none');
});
afterAll(() => db?.close());

const run = (street: Street, file: Uint8Array, filename = 'import.csv') => importTickets(db.db, { streetId: street.streetId, file, filename, actor, requestId: 'req-1' });
const check = (street: Street, file: Uint8Array, filename = 'import.csv') => checkImport(db.db, { streetId: street.streetId, file, filename, actor, requestId: 'req-1' });

async function tickets(numbers: string[]) {
  const rows = await db.db.selectFrom('ticket').selectAll().where('number', 'in', numbers).orderBy('number').execute();
  return new Map(rows.map((r) => [r.number, r]));
}

async function counts() {
  const [t, e, c, a] = await Promise.all(
    (['ticket', 'ticketEvent', 'callback', 'auditLog'] as const).map((table) =>
      db.db.selectFrom(table).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    ),
  );
  return { tickets: t!.n, events: e!.n, callbacks: c!.n, audits: a!.n };
}

const ok = (r: ImportResult) => {
  expect(r.errors).toEqual([]);
  return r;
};

describe('the shared sample', () => {
  let street: Street;
  const numbers = ['2306210001', '2306210002', '2306220003', '2306220004', '2306230005'];

  beforeAll(async () => {
    street = await createStreet(db.db);
  });

  it('imports every row: units by name or alias, the repeat row linked to its master, callbacks, 不属实 accepted', async () => {
    const before = await counts();
    const r = ok(await run(street, sample, 'tickets-sample.csv'));
    expect(r).toMatchObject({ inserted: 5, updated: 0, unchanged: 0, rows: 5 });

    const t = await tickets(numbers);
    const [a, b, c, d, e] = numbers.map((n) => t.get(n)!);
    expect(a).toMatchObject({
      streetId: street.streetId, unitId: street.units.CG, category: 'COMPLAINT', channel: 'HOTLINE', urgent: false, status: 'CLOSED',
      committeeName: '浦建路居委', committeeUnitId: street.units['R-PJL'], citizenPhone: '13812345678', factFinding: 'TRUE',
      resolution: 'ACTUALLY_RESOLVED', unfoundedAccepted: false, repeatOfId: null, version: 1,
    });
    expect(a!.receivedAt.toISOString()).toBe('2023-06-21T01:12:00.000Z');
    expect(a!.closedAt!.toISOString()).toBe('2023-06-26T08:00:00.000Z');
    // Received Wed 2023-06-21 before the Dragon Boat holiday: 1 working day → Sun 06-25 (make-up), 5 → 06-29.
    expect(a!.firstContactDue.toISOString()).toBe('2023-06-25T15:59:59.999Z');
    expect(a!.completionDue.toISOString()).toBe('2023-06-29T15:59:59.999Z');
    expect(c).toMatchObject({ unitId: street.units.SJ, channel: 'PHOTO', factFinding: 'UNFOUNDED', unfoundedAccepted: true, committeeUnitId: street.units['R-TQ'] });
    expect(d).toMatchObject({ repeatOfId: c!.id, unitId: street.units.SJ });
    expect(e).toMatchObject({ category: 'CONSULT', channel: 'WEB', unitId: street.units.SQGL, committeeName: '蓝村居委', committeeUnitId: street.units['R-LC'] });
    expect(e!.completionDue.toISOString()).toBe('2023-06-25T15:59:59.999Z'); // 咨询: 1 working day
    expect(b!.status).toBe('CLOSED');

    const callbacks = await db.db.selectFrom('callback').select(['ticketId', 'calledAt', 'result', 'reached', 'source']).where('ticketId', 'in', [a!.id, b!.id, c!.id, d!.id, e!.id]).orderBy('ticketId').execute();
    expect(callbacks.map((x) => [x.ticketId, x.result, x.reached, x.source])).toEqual([
      [a!.id, 'SATISFIED', true, 'IMPORT'],
      [b!.id, 'BASICALLY_SATISFIED', true, 'IMPORT'],
      [c!.id, 'UNSATISFIED', true, 'IMPORT'],
      [e!.id, 'NOT_REACHED', false, 'IMPORT'],
    ]);
    expect(callbacks[0]!.calledAt.toISOString()).toBe('2023-06-27T02:00:00.000Z');

    const events = await db.db.selectFrom('ticketEvent').selectAll().where('ticketId', '=', a!.id).execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: 'IMPORTED', actorLabel: 'ops-test', note: '导入自 tickets-sample.csv 第 2 行；新增回访：2023-06-27 10:00:00 满意' });
    expect(events[0]!.after).toMatchObject({ status: 'CLOSED', category: 'COMPLAINT' });
    expect(JSON.stringify(events[0]!.after)).not.toContain('13812345678'); // the event history is widely readable

    const after = await counts();
    expect(after).toEqual({ tickets: before.tickets + 5, events: before.events + 5, callbacks: before.callbacks + 4, audits: before.audits + 1 });
    const audit = await db.db.selectFrom('auditLog').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ operation: 'importTickets', actorLabel: 'ops-test', requestId: 'req-1' });
    expect(audit.after).toMatchObject({ filename: 'tickets-sample.csv', inserted: 5, updated: 0, unchanged: 0, rows: 5 });
  });

  it('re-importing the same file changes nothing: every row unchanged, no version bumped, no event or callback added', async () => {
    const before = await counts();
    const versions = [...(await tickets(numbers)).values()].map((t) => [t.number, t.version, t.updatedAt.getTime()]);
    const r = ok(await run(street, sample, 'tickets-sample.csv'));
    expect(r).toMatchObject({ inserted: 0, updated: 0, unchanged: 5 });
    expect([...(await tickets(numbers)).values()].map((t) => [t.number, t.version, t.updatedAt.getTime()])).toEqual(versions);
    expect(await counts()).toEqual({ ...before, audits: before.audits + 1 });
  });

  it('an .xlsx of the same export, with real date cells and numeric 工单编号 and phones, holds the same values', async () => {
    const parsed = await parseImportFile(sample, 'tickets-sample.csv');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('工单');
    ws.addRow([...COLUMNS]);
    for (const { values } of parsed.sheet!.rows) {
      ws.addRow(
        COLUMNS.map((c) => {
          const v = values[c] ?? '';
          if (!v) return null;
          if (TIME_COLUMNS.has(c)) {
            const [y, mo, d, h, mi] = v.split(/[- :]/).map(Number);
            return new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!)); // an Excel date cell: wall time, no zone
          }
          return /^\d{8,}$/.test(v) ? Number(v) : v;
        }),
      );
    }
    COLUMNS.forEach((c, i) => {
      if (TIME_COLUMNS.has(c)) ws.getColumn(i + 1).numFmt = 'yyyy-mm-dd hh:mm';
    });
    expect(typeof ws.getCell('I2').value).toBe('number'); // 联系电话 stored as a number
    const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
    const r = ok(await run(street, bytes, 'tickets-sample.xlsx'));
    expect(r).toMatchObject({ inserted: 0, updated: 0, unchanged: 5 });
  });
});

describe('all or nothing', () => {
  it('a 1,000-row file with 10 bad rows of different kinds writes nothing and lists exactly those rows', async () => {
    const street = await createStreet(db.db);
    const rows = generateRows(1000, 'AON');
    // Rows no other row names as its master (a broken number would make that row bad too).
    const bad: Record<number, (r: Row) => Row> = {
      13: (r) => ({ ...r, 工单编号: '' }),
      104: (r) => ({ ...r, 工单编号: rows[3]!.工单编号 }),
      215: (r) => ({ ...r, 受理时间: '2023-02-30 10:00' }),
      316: (r) => ({ ...r, 工单类型: '表扬' }),
      427: (r) => ({ ...r, 渠道: '电话' }),
      533: (r) => ({ ...r, 回访时间: '', 回访结果: '满意' }),
      644: (r) => ({ ...r, 紧急: '急' }),
      755: (r) => ({ ...r, 承办单位: '不存在的单位' }),
      866: (r) => ({ ...r, 重复工单号: 'NO-SUCH-TICKET' }),
      977: (r) => ({ ...r, 重复工单号: r.工单编号! }),
    };
    const file = toCsv(rows.map((r, i) => (bad[i] ? bad[i]!(r) : r)));
    const before = await counts();
    const r = await run(street, file, 'bad.csv');
    expect(r).toMatchObject({ inserted: 0, updated: 0, unchanged: 0, rows: 1000 });
    expect([...new Set(r.errors.map((e) => e.row))]).toEqual(Object.keys(bad).map((i) => Number(i) + 2));
    expect(r.errors.map((e) => e.column)).toEqual(['工单编号', '工单编号', '受理时间', '工单类型', '渠道', '回访时间', '紧急', '承办单位', '重复工单号', '重复工单号']);
    expect(r.errors.find((e) => e.row === 217)).toMatchObject({ column: '受理时间', number: rows[215]!.工单编号 });
    expect(await counts()).toEqual(before);

    // The same file with the rows fixed goes in whole.
    const good = ok(await run(street, toCsv(rows), 'good.csv'));
    expect(good).toMatchObject({ inserted: 1000, updated: 0, unchanged: 0 });
    expect((await counts()).tickets).toBe(before.tickets + 1000);
  });

  it('a failure half-way through the writes rolls everything back', async () => {
    const street = await createStreet(db.db);
    const rows = generateRows(1200, 'RB');
    await sql`create function refuse_rb_1100() returns trigger language plpgsql as $$
      begin raise exception 'injected failure'; end $$`.execute(db.db);
    await sql`create trigger refuse_rb_1100 before insert on ticket for each row when (new.number = 'RB001100') execute function refuse_rb_1100()`.execute(db.db);
    try {
      const before = await counts();
      await expect(run(street, toCsv(rows))).rejects.toThrow(/injected failure/);
      expect(await counts()).toEqual(before);
    } finally {
      await sql`drop trigger refuse_rb_1100 on ticket`.execute(db.db);
      await sql`drop function refuse_rb_1100()`.execute(db.db);
    }
  });

  it.runIf(!!process.env.DATABASE_URL)('a connection dropped mid-import leaves nothing behind (PostgreSQL)', async () => {
    // A pool of our own whose clients have an error listener: a connection that dies while checked out emits
    // 'error', which without a listener is an uncaught exception (db/connection.ts should attach one too).
    const schema = (await sql<{ s: string }>`select current_schema() as s`.execute(db.db)).rows[0]!.s;
    const pool = new pg.Pool({
      connectionString: process.env.DATABASE_URL,
      options: `-c search_path=${schema}`,
      types: { getTypeParser: (oid: number, format?: any) => (oid === 1082 ? (v: string) => v : oid === 20 || oid === 1700 ? Number : pg.types.getTypeParser(oid, format)) },
    });
    const dropped: Error[] = [];
    pool.on('connect', (client) => client.on('error', (e) => dropped.push(e)));
    pool.on('error', (e) => dropped.push(e));
    const own = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
    const street = await createStreet(db.db);
    const rows = generateRows(1200, 'DROP');
    // The session that inserts this row kills itself, as a server restart or network loss would.
    await sql`create function drop_conn() returns trigger language plpgsql as $$
      begin perform pg_terminate_backend(pg_backend_pid()); return new; end $$`.execute(db.db);
    await sql`create trigger drop_conn before insert on ticket for each row when (new.number = 'DROP001100') execute function drop_conn()`.execute(db.db);
    try {
      const before = await counts();
      await expect(importTickets(own, { streetId: street.streetId, file: toCsv(rows), filename: 'drop.csv', actor })).rejects.toThrow(/terminat/);
      expect(await counts()).toEqual(before);
      expect(dropped.map((e) => e.message)).toEqual(['Connection terminated unexpectedly']);
    } finally {
      await sql`drop trigger drop_conn on ticket`.execute(db.db);
      await sql`drop function drop_conn()`.execute(db.db);
      await own.destroy();
    }
  });
});

describe('updates', () => {
  let street: Street;
  const base: Row = {
    工单编号: 'UP-1', 受理时间: '2023-06-21 09:12', 工单类型: '投诉', 渠道: '', 承办单位: '城管中队', 派单时间: '2023-06-21 09:30',
    诉求主题: '噪声', 联系电话: '13800000001', 所属居委: '浦建路居委',
  };
  beforeAll(async () => {
    street = await createStreet(db.db);
    ok(await run(street, toCsv([base])));
  });

  it('a changed row updates its ticket, bumps its version once and appends an event with the difference', async () => {
    const [before] = (await tickets(['UP-1'])).values();
    expect(before).toMatchObject({ status: 'DISPATCHED', version: 1 });
    const changed = { ...base, 承办单位: 'FG', 先行联系时间: '2023-06-21 15:00', 联系电话: '13800000002', 回访时间: '2023-06-30 10:00', 回访结果: '满意', 办结时间: '2023-06-29 10:00', 事实认定: '不属实', 结案评判: '解释说明' };
    const r = ok(await run(street, toCsv([changed]), 'update.csv'));
    expect(r).toMatchObject({ inserted: 0, updated: 1, unchanged: 0 });
    const [after] = (await tickets(['UP-1'])).values();
    expect(after).toMatchObject({ id: before!.id, version: 2, status: 'CLOSED', unitId: street.units.FG, citizenPhone: '13800000002', unfoundedAccepted: true });
    expect(after!.completionDue.getTime()).toBe(before!.completionDue.getTime());
    const events = await db.db.selectFrom('ticketEvent').selectAll().where('ticketId', '=', before!.id).orderBy('id').execute();
    expect(events.map((e) => e.kind)).toEqual(['IMPORTED', 'IMPORT_UPDATED']);
    expect(events[1]!.before).toEqual({ status: 'DISPATCHED', unitId: street.units.CG, closedAt: null, factFinding: null, resolution: null, firstContactAt: null });
    expect(events[1]!.after).toEqual({ status: 'CLOSED', unitId: street.units.FG, closedAt: '2023-06-29T02:00:00.000Z', factFinding: 'UNFOUNDED', resolution: 'EXPLAINED', firstContactAt: '2023-06-21T07:00:00.000Z' });
    expect(events[1]!.note).toBe('导入自 update.csv 第 2 行；另改：联系电话、不属实认定已采纳；新增回访：2023-06-30 10:00:00 满意');

    // Only a new callback: the ticket row stays as it is, the callback is added once.
    const again = ok(await run(street, toCsv([{ ...changed, 回访时间: '2023-07-01 09:00', 回访结果: '不满意' }])));
    expect(again).toMatchObject({ updated: 1, unchanged: 0 });
    expect((await tickets(['UP-1'])).get('UP-1')!.version).toBe(2);
    const callbacks = await db.db.selectFrom('callback').select(['result']).where('ticketId', '=', before!.id).orderBy('calledAt').execute();
    expect(callbacks.map((c) => c.result)).toEqual(['SATISFIED', 'UNSATISFIED']);
  });

  it('recomputes due times when 工单类型, 渠道 or 受理时间 change (领导派单 → the leader-dispatch row)', async () => {
    ok(await run(street, toCsv([{ ...base, 工单编号: 'UP-2', 工单类型: '咨询', 受理时间: '2023-04-28 10:00' }])));
    expect((await tickets(['UP-2'])).get('UP-2')!.completionDue.toISOString()).toBe('2023-05-04T15:59:59.999Z');
    ok(await run(street, toCsv([{ ...base, 工单编号: 'UP-2', 工单类型: '咨询', 受理时间: '2023-04-28 10:00', 渠道: '领导派单' }])));
    expect((await tickets(['UP-2'])).get('UP-2')!.completionDue.toISOString()).toBe('2023-05-06T15:59:59.999Z'); // 3 working days: 05-04, 05-05, 05-06 (make-up Saturday)
  });

  it('keeps a local workflow step (提交办结) when the city timestamps did not move', async () => {
    ok(await run(street, toCsv([{ ...base, 工单编号: 'UP-3', 先行联系时间: '2023-06-21 15:00' }])));
    await db.db.updateTable('ticket').set({ status: 'SUBMITTED', submittedAt: new Date('2023-06-22T02:00:00Z') }).where('number', '=', 'UP-3').execute();
    const r = ok(await run(street, toCsv([{ ...base, 工单编号: 'UP-3', 先行联系时间: '2023-06-21 15:00' }])));
    expect(r.unchanged).toBe(1);
    expect((await tickets(['UP-3'])).get('UP-3')!.status).toBe('SUBMITTED');
  });
});

describe('repeat groups and warnings', () => {
  it('links a child to a master later in the file and flattens chains to the root', async () => {
    const street = await createStreet(db.db);
    const row = (n: string, repeat = ''): Row => ({ 工单编号: n, 受理时间: '2023-06-21 09:12', 工单类型: '投诉', 承办单位: 'CG', 重复工单号: repeat });
    ok(await run(street, toCsv([row('F-C2', 'F-C1'), row('F-C1', 'F-M'), row('F-M')])));
    const t = await tickets(['F-C1', 'F-C2', 'F-M']);
    expect(t.get('F-M')!.repeatOfId).toBeNull();
    expect(t.get('F-C1')!.repeatOfId).toBe(t.get('F-M')!.id);
    expect(t.get('F-C2')!.repeatOfId).toBe(t.get('F-M')!.id);

    // A later file makes the stored master a child of a new ticket: its children follow it to the new root.
    const r = ok(await run(street, toCsv([row('F-M', 'F-NEW'), row('F-NEW')])));
    expect(r).toMatchObject({ inserted: 1, updated: 1 });
    expect(r.notices).toContain('另有 2 张已有工单随其主单并入新的重复组');
    const u = await tickets(['F-C1', 'F-C2', 'F-M', 'F-NEW']);
    const root = u.get('F-NEW')!.id;
    expect([u.get('F-M')!.repeatOfId, u.get('F-C1')!.repeatOfId, u.get('F-C2')!.repeatOfId, u.get('F-NEW')!.repeatOfId]).toEqual([root, root, root, null]);
    expect(u.get('F-C1')!.version).toBe(2);
    const moved = await db.db.selectFrom('ticketEvent').selectAll().where('ticketId', '=', u.get('F-C1')!.id).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(moved).toMatchObject({ kind: 'IMPORT_UPDATED', before: { repeatOfId: u.get('F-M')!.id }, after: { repeatOfId: root } });
  });

  it('raises the repeat warning of a group as soon as the import commits', async () => {
    const street = await createStreet(db.db);
    const rows: Row[] = [{ 工单编号: 'W-M', 受理时间: '2023-07-03 08:00', 工单类型: '投诉', 承办单位: 'CG' }];
    for (let i = 1; i <= 4; i++) rows.push({ 工单编号: `W-${i}`, 受理时间: `2023-07-03 1${i}:00`, 工单类型: '投诉', 承办单位: 'CG', 重复工单号: 'W-M' });
    ok(await run(street, toCsv(rows)));
    const warnings = await db.db.selectFrom('warning').selectAll().where('streetId', '=', street.streetId).execute();
    expect(warnings.map((w) => [w.date, w.level, w.count])).toEqual([['2023-07-03', 'YELLOW', 5]]);
  });
});

describe('data-quality notes: times out of their usual order are imported, listed and kept on the ticket', () => {
  let street: Street;
  const late: Row = {
    工单编号: 'DQ-1', 受理时间: '2023-06-21 09:12', 工单类型: '投诉', 承办单位: '城管中队', 派单时间: '2023-06-21 09:30',
    先行联系时间: '2023-06-26 17:00', 办结时间: '2023-06-26 16:00', 事实认定: '属实', 结案评判: '实际解决', 回访时间: '2023-06-27 10:00', 回访结果: '满意',
  };
  const plain: Row = { 工单编号: 'DQ-2', 受理时间: '2023-06-21 10:00', 工单类型: '咨询', 承办单位: 'FG' };
  const note = { row: 2, column: '先行联系时间', number: 'DQ-1', message: '先行联系时间（2023-06-26 17:00）晚于办结时间（2023-06-26 16:00）' };
  beforeAll(async () => {
    street = await createStreet(db.db);
  });

  it('a row with 先行联系时间 after 办结时间 imports as the city recorded it, and its note names row, column and 工单编号', async () => {
    const r = ok(await run(street, toCsv([late, plain]), 'city.csv'));
    expect(r).toMatchObject({ inserted: 2, updated: 0, unchanged: 0, rows: 2 });
    expect(r.notes).toEqual([note]);
    const t = await tickets(['DQ-1', 'DQ-2']);
    expect(t.get('DQ-1')).toMatchObject({ status: 'CLOSED', importNotes: [note.message] });
    expect(t.get('DQ-1')!.firstContactAt!.toISOString()).toBe('2023-06-26T09:00:00.000Z');
    expect(t.get('DQ-1')!.closedAt!.toISOString()).toBe('2023-06-26T08:00:00.000Z');
    expect(t.get('DQ-2')!.importNotes).toEqual([]);
    const audit = await db.db.selectFrom('auditLog').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit.after).toMatchObject({ filename: 'city.csv', inserted: 2, notes: 1 });
  });

  it('re-importing the same file is all unchanged and does not repeat the note on the ticket', async () => {
    const before = await counts();
    const r = ok(await run(street, toCsv([late, plain]), 'city.csv'));
    expect(r).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
    expect(r.notes).toEqual([note]); // the answer still lists what is odd in the file
    const t = (await tickets(['DQ-1'])).get('DQ-1')!;
    expect(t).toMatchObject({ version: 1, importNotes: [note.message] });
    expect(await counts()).toEqual({ ...before, audits: before.audits + 1 });
  });

  it('when the city corrects the times, the note leaves the ticket (an update, with its event)', async () => {
    const fixed = { ...late, 先行联系时间: '2023-06-21 15:00' };
    const r = ok(await run(street, toCsv([fixed, plain]), 'fixed.csv'));
    expect(r).toMatchObject({ inserted: 0, updated: 1, unchanged: 1, notes: [] });
    const t = (await tickets(['DQ-1'])).get('DQ-1')!;
    expect(t).toMatchObject({ version: 2, importNotes: [] });
    const event = await db.db.selectFrom('ticketEvent').selectAll().where('ticketId', '=', t.id).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(event.note).toBe('导入自 fixed.csv 第 2 行；另改：数据质量提示');
  });

  it('an unknown 承办单位 is still an error: nothing is written, and the notes are listed beside the errors', async () => {
    const before = await counts();
    const r = await run(street, toCsv([{ ...late, 工单编号: 'DQ-3' }, { ...plain, 工单编号: 'DQ-4', 承办单位: '街道办' }]), 'mixed.csv');
    expect(r).toMatchObject({ inserted: 0, updated: 0, unchanged: 0 });
    expect(r.errors).toEqual([{ row: 3, column: '承办单位', number: 'DQ-4', message: '承办单位「街道办」在本街镇找不到（按单位代码、名称或别名匹配）' }]);
    expect(r.notes).toEqual([{ ...note, number: 'DQ-3' }]);
    expect(await counts()).toEqual(before);
    expect(await tickets(['DQ-3', 'DQ-4'])).toEqual(new Map());
  });
});

describe('checkImport answers what importTickets would do, and writes nothing', () => {
  async function everything() {
    const n = async (table: 'ticket' | 'callback' | 'ticketEvent' | 'auditLog' | 'warning') =>
      (await db.db.selectFrom(table).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()).n;
    const versions = await db.db.selectFrom('ticket').select(sql<string>`string_agg(number || ':' || version || ':' || array_length(import_notes, 1), ',' order by number)`.as('v')).executeTakeFirstOrThrow();
    return { tickets: await n('ticket'), callbacks: await n('callback'), events: await n('ticketEvent'), audits: await n('auditLog'), warnings: await n('warning'), versions: versions.v };
  }

  it('on a file that inserts, updates, leaves rows unchanged, adds callbacks, moves a repeat group and has notes', async () => {
    const street = await createStreet(db.db);
    const rows = generateRows(300, 'CK');
    ok(await run(street, toCsv(rows.slice(0, 200))));
    // The next file: 100 new rows, 20 changed, 5 with a new callback, 2 with times out of order; one new master.
    const next = rows.map((r, i) => {
      if (i < 20) return { ...r, 承办单位: 'FG' };
      if (i >= 20 && i < 25 && r.回访时间) return { ...r, 回访时间: r.回访时间.replace(' 20:', ' 21:') };
      if (i === 40 || i === 250) return { ...r, 先行联系时间: '2023-12-31 23:00', 办结时间: r.办结时间 || '2023-12-31 22:00' };
      return r;
    });
    next[28] = { ...next[28]!, 重复工单号: 'CK-NEW' }; // CK000029, a stored master, joins a new group …
    next.splice(29, 1); // … and its stored child CK000030, not in the file, follows it
    next.push({ 工单编号: 'CK-NEW', 受理时间: '2023-05-01 08:00', 工单类型: '投诉', 承办单位: 'CG' });
    for (let i = 0; i < 6; i++) next.push({ 工单编号: `CK-W${i}`, 受理时间: `2023-05-01 1${i}:00`, 工单类型: '投诉', 承办单位: 'CG', 重复工单号: 'CK-NEW' });
    const file = toCsv(next);

    const before = await everything();
    const checked = await check(street, file, 'next.csv');
    expect(await everything()).toEqual(before);
    expect(checked.errors).toEqual([]);
    expect(checked.notes.map((n) => n.number)).toEqual(['CK000041', 'CK000251']);
    expect(checked.inserted).toBe(107);
    expect(checked.notices).toContain('另有 1 张已有工单随其主单并入新的重复组');

    const imported = ok(await run(street, file, 'next.csv'));
    expect(checked).toEqual(imported);
    const after = await everything();
    expect(after.tickets).toBe(before.tickets + 107);
    expect(after.warnings).toBeGreaterThan(before.warnings); // the new group of 8 raised its warning only now
    expect(after.audits).toBe(before.audits + 1);

    // Checking it again: everything unchanged, still nothing written.
    const again = await check(street, file, 'next.csv');
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: next.length, errors: [] });
    expect(await everything()).toEqual(after);
  });

  it('on a bad file: the same errors as the import, nothing written', async () => {
    const street = await createStreet(db.db);
    const file = toCsv([{ 工单编号: 'CKB-1', 受理时间: '2023-06-21 09:12', 工单类型: '表扬', 承办单位: 'CG' }]);
    const before = await everything();
    const checked = await check(street, file);
    expect(checked.errors).toEqual([{ row: 2, column: '工单类型', number: 'CKB-1', message: '工单类型「表扬」无效，应为：投诉、求助、咨询、意见建议、其他、随申拍' }]);
    expect(await run(street, file)).toEqual(checked);
    expect(await everything()).toEqual(before);
  });
});
