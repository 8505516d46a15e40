// The spreadsheet registers' batch save (saveSheet) and the register flags (negative quotas, missing A/B roles).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { testApi } from '../helpers/api';
import { createUser } from '../../src/repos/auth';

let db: TestDatabase;
let api: ReturnType<typeof testApi>;
let ops: Awaited<ReturnType<ReturnType<typeof testApi>['signedIn']>>;
let streetId: string;
const units: string[] = [];
let itemId: string;

const SAVE = `mutation($r: String!, $rows: [JSON!]!, $d: [ID!]) {
  saveSheet(resource: $r, rows: $rows, deletedIds: $d) { ok created updated deleted replaced rows errors { row field message } conflicts { row id current changedBy changedAt } }
}`;
const save = async (resource: string, rows: unknown[], deletedIds?: string[]) => {
  const r = await ops(SAVE, { r: resource, rows, d: deletedIds });
  expect(r.errors).toBeUndefined();
  return r.data.saveSheet as { ok: boolean; created: number; updated: number; deleted: number; replaced: number; rows: any[]; errors: any[]; conflicts: any[] };
};
const count = async (table: string) => Number((await (db.db as any).selectFrom(table).select((eb: any) => eb.fn.countAll().as('n')).executeTakeFirst()).n);

beforeAll(async () => {
  db = await createTestDatabase('none');
  api = testApi(db);
  const admin = await api.signedIn('ADMIN');
  ops = await api.signedIn('OPS');
  const d = await admin(`mutation { createDistrict(code: "SD", name: "浦东新区") { id } }`);
  const s = await admin(`mutation($d: ID!) { createStreet(code: "SS", name: "塘桥街道", districtId: $d) { id } }`, { d: d.data.createDistrict.id });
  streetId = s.data.createStreet.id;
  for (const [c, n] of [['U1', '社区管理办公室'], ['U2', '微山新村居委'], ['U3', '房管办事处']]) {
    const u = await admin(`mutation($s: ID!, $c: String!, $n: String!) { createUnit(code: $c, name: $n, streetId: $s, peerGroup: DEPARTMENT) { id } }`, { s: streetId, c, n });
    units.push(u.data.createUnit.id);
  }
  const i = await ops(`mutation { createNegativeItem(code: "N1", title: "随意退单", points: 0.5) { id } }`);
  itemId = i.data.createNegativeItem.id;
});
afterAll(() => db?.close());

describe('saveSheet', () => {
  it('creates and updates a batch, one audit row per changed row', async () => {
    const audits = await count('auditLog');
    const r = await save('NegativeRecord', [
      { unitId: units[0], itemId, date: '2023-10-01', note: '退单' },
      { unitId: units[1], itemId, date: '2023-10-02', points: 1 },
    ]);
    expect(r.ok).toBe(true);
    expect(r.created).toBe(2);
    expect(r.rows.map((x) => x.points)).toEqual([0.5, 1]); // points default from the item
    const u = await save('NegativeRecord', [{ ...r.rows[0], note: '随意退单（已核实）' }]);
    expect(u.ok).toBe(true);
    expect(u.rows[0].version).toBe(r.rows[0].version + 1);
    expect(await count('auditLog')).toBe(audits + 3);
  });

  it('returns every error of every row at once, in Chinese, and writes nothing', async () => {
    const before = await count('negativeRecord');
    const r = await save('NegativeRecord', [
      { unitId: units[0], itemId, date: '2023-10-05' }, // fine on its own
      { unitId: units[0], date: '2023-13-01' }, // no item, bad date
      { unitId: '999999', itemId, date: '2023-10-05', points: -1 }, // unknown unit, negative points
      { unitId: 'abc', itemId, date: '2023-10-05' },
    ]);
    expect(r.ok).toBe(false);
    const got = r.errors.map((e) => `${e.row}:${e.field}`).sort();
    expect(got).toEqual(['2:date', '2:itemId', '3:points', '3:unitId', '4:unitId']);
    expect(r.errors.find((e) => e.row === 3 && e.field === 'unitId').message).toContain('单位不存在');
    expect(r.errors.find((e) => e.row === 2 && e.field === 'itemId').message).toContain('必填');
    expect(await count('negativeRecord')).toBe(before);
  });

  it('rolls back the whole batch when a row fails in the database (duplicate code)', async () => {
    const before = await count('negativeItem');
    const r = await save('NegativeItem', [
      { code: 'N2', title: '回复简单敷衍', points: 0.3 },
      { code: 'N1', title: '重复编号', points: 0.3 },
      { code: 'N3', title: '推诿扯皮', points: 0.3 },
    ]);
    expect(r.ok).toBe(false);
    expect(r.errors).toEqual([expect.objectContaining({ row: 2, field: 'code' })]);
    expect(await count('negativeItem')).toBe(before);
  });

  it('refuses rows changed since they were loaded, listing them with their current values', async () => {
    const r = await save('NegativeItem', [
      { code: 'C1', title: '事项一', points: 0.1 },
      { code: 'C2', title: '事项二', points: 0.2 },
      { code: 'C3', title: '事项三', points: 0.3 },
    ]);
    const [a, b, c] = r.rows;
    // Another clerk (周丽, signed in on her own account) edits two of them.
    await createUser(db.db, { username: 'sheet_zhouli', password: 'password-123', role: 'OPS', displayName: '周丽' });
    const other = api.as(await api.login('sheet_zhouli', 'password-123'));
    const before = Date.now();
    const theirs = await other(SAVE, { r: 'NegativeItem', rows: [{ ...a, title: '事项一（他人修改）' }, { ...b, points: 0.25 }] });
    expect(theirs.data.saveSheet.ok).toBe(true);
    const stale = await save('NegativeItem', [{ ...a, title: '我的修改' }, { ...b, title: '我的修改二' }, { ...c, title: '事项三改' }, { code: 'C4', title: '新增', points: 1 }]);
    expect(stale.ok).toBe(false);
    expect(stale.conflicts.map((x) => x.row)).toEqual([1, 2]);
    // Who changed the rows and when, from the audit log: the clerk can ask her before overwriting.
    expect(stale.conflicts.map((x) => x.changedBy)).toEqual(['周丽', '周丽']);
    for (const x of stale.conflicts) expect(Math.abs(new Date(x.changedAt).getTime() - before)).toBeLessThan(60_000);
    expect(stale.conflicts[0].current).toMatchObject({ id: a.id, title: '事项一（他人修改）', version: a.version + 1 });
    expect(stale.conflicts[1].current).toMatchObject({ points: 0.25 });
    const now = await ops(`{ allNegativeItems(perPage: 100, filter: { q: "事项" }) { code title } }`);
    expect(now.data.allNegativeItems.map((x: any) => x.title).sort()).toEqual(['事项一（他人修改）', '事项三', '事项二']);
  });

  it('deletes in the same batch and reports a row deleted by someone else as a conflict', async () => {
    const r = await save('NegativeItem', [{ code: 'D1', title: '待删除', points: 0.1 }, { code: 'D2', title: '待删除二', points: 0.1 }]);
    const del = await save('NegativeItem', [], [r.rows[0].id]);
    expect(del).toMatchObject({ ok: true, deleted: 1 });
    const again = await save('NegativeItem', [{ ...r.rows[1], title: '改' }], [r.rows[0].id]);
    expect(again.ok).toBe(false);
    expect(again.conflicts).toEqual([{ row: 0, id: r.rows[0].id, current: null, changedBy: expect.any(String), changedAt: expect.any(String) }]);
  });

  it('applies the award rules of §6 per row', async () => {
    const r = await save('Award', [
      { kind: 'EXCELLENT', unitId: units[0], month: '2023-10', status: 'SELECTED' },
      { kind: 'DEMONSTRATION', unitId: units[1], month: '2023-10', status: 'NOMINATED', points: 1.5 },
      { kind: 'GOLD', unitId: units[1], month: '2023/10', status: 'SELECTED' },
    ]);
    expect(r.ok).toBe(false);
    expect(r.errors.map((e) => `${e.row}:${e.field}`)).toEqual(['2:points', '3:kind', '3:month']);
    const ok = await save('Award', [
      { kind: 'EXCELLENT', unitId: units[0], month: '2023-10', status: 'SELECTED' },
      { kind: 'DEMONSTRATION', unitId: units[1], month: '2023-10', status: 'NOMINATED', points: 0.8 },
    ]);
    expect(ok.rows.map((x) => [x.amount, x.points])).toEqual([[200, 0.2], [1000, 0.8]]);
  });

  it('A/B: changing the person closes the old filing and opens a new one, keeping history', async () => {
    const r = await save('RoleAssignment', [
      { unitId: units[2], role: 'A', personName: '张敏', phone: '58880001', effectiveFrom: '2023-01-01' },
      { unitId: units[2], role: 'B', personName: '李娜', effectiveFrom: '2023-01-01' },
    ]);
    expect(r.ok).toBe(true);
    expect(r.replaced).toBe(0);
    // The person changes on A; B's phone is a plain edit.
    const changed = await save('RoleAssignment', [{ ...r.rows[0], personName: '王强', effectiveFrom: '2023-09-01', filingRef: '浦塘办〔2023〕30号' }, { ...r.rows[1], phone: '58880002' }]);
    expect(changed.ok).toBe(true);
    expect({ created: changed.created, replaced: changed.replaced, updated: changed.updated }).toEqual({ created: 1, replaced: 1, updated: 1 });
    const history = await ops(`query($u: ID!) { allRoleAssignments(filter: { unitId: $u, role: A }, sortField: "effectiveFrom") { personName effectiveFrom effectiveTo filingRef } }`, { u: units[2] });
    expect(history.data.allRoleAssignments).toEqual([
      { personName: '张敏', effectiveFrom: '2023-01-01', effectiveTo: '2023-09-01', filingRef: null },
      { personName: '王强', effectiveFrom: '2023-09-01', effectiveTo: null, filingRef: '浦塘办〔2023〕30号' },
    ]);
    // The plain update still refuses a person change.
    const plain = await ops(`mutation($id: ID!, $v: Int) { updateRoleAssignment(id: $id, version: $v, personName: "赵六") { id } }`, { id: changed.rows[0].id, v: changed.rows[0].version });
    expect(plain.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    // A closed filing cannot take a new person.
    const closed = await ops(`query($u: ID!) { allRoleAssignments(filter: { unitId: $u, role: A, current: false }) { id version unitId role personName effectiveFrom } }`, { u: units[2] });
    const bad = await save('RoleAssignment', [{ ...closed.data.allRoleAssignments[0], personName: '赵六' }]);
    expect(bad.ok).toBe(false);
    expect(bad.errors[0]).toMatchObject({ row: 1, field: 'personName' });
  });

  it('takes at most 500 rows per batch', async () => {
    const rows = Array.from({ length: 501 }, (_, i) => ({ code: `L${i}`, title: `事项${i}`, points: 0.1 }));
    const r = await ops(SAVE, { r: 'NegativeItem', rows });
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(r.errors?.[0]?.message).toContain('500');
    const ok = await save('NegativeItem', rows.slice(0, 500));
    expect(ok.ok).toBe(true);
    expect(ok.created).toBe(500);
  });

  it('refuses an unknown resource and a role without write access', async () => {
    const r = await ops(SAVE, { r: 'Nope', rows: [] });
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const leader = await api.signedIn('DISCIPLINE');
    const f = await leader(SAVE, { r: 'Award', rows: [] });
    expect(f.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('register flags', () => {
  it('lists units without a current A or B', async () => {
    const r = await ops(`query($s: ID!) { unitsMissingRoles(streetId: $s) { unit { code } missingA missingB } }`, { s: streetId });
    expect(r.errors).toBeUndefined();
    expect(r.data.unitsMissingRoles).toEqual([
      { unit: { code: 'U1' }, missingA: true, missingB: true },
      { unit: { code: 'U2' }, missingA: true, missingB: true },
    ]);
  });

  it('compares negative quotas with the month’s unsatisfied and repeat tickets', async () => {
    const mk = async (n: string, unit: string | undefined, at: string, repeatOf?: string) =>
      (await ops(`mutation($n: String!, $s: ID!, $u: ID!, $r: DateTime!, $rep: ID) { createTicket(number: $n, streetId: $s, unitId: $u, category: COMPLAINT, receivedAt: $r, repeatOfId: $rep) { id } }`,
        { n, s: streetId, u: unit, r: at, rep: repeatOf })).data.createTicket.id as string;
    // Callbacks go in directly: the API records them through the ticket workflow, which is not under test here.
    const cb = (ticketId: string, calledAt: string, result: string) =>
      db.db.insertInto('callback').values({ ticketId: Number(ticketId), calledAt: new Date(calledAt), result }).execute();
    const t1 = await mk('Q1', units[0], '2023-10-02T09:00:00+08:00');
    const t2 = await mk('Q2', units[0], '2023-10-03T09:00:00+08:00');
    const t3 = await mk('Q3', units[0], '2023-10-04T09:00:00+08:00');
    await cb(t1, '2023-10-10T10:00:00+08:00', 'UNSATISFIED');
    await cb(t2, '2023-10-10T10:00:00+08:00', 'UNSATISFIED');
    await cb(t2, '2023-10-20T10:00:00+08:00', 'SATISFIED'); // the latest reached one counts
    await cb(t3, '2023-10-10T10:00:00+08:00', 'UNSATISFIED');
    await cb(t3, '2023-10-21T10:00:00+08:00', 'NOT_REACHED'); // unreached: the unsatisfied one stays latest
    await mk('Q4', units[0], '2023-10-05T09:00:00+08:00', t1);
    await mk('Q5', units[0], '2023-11-01T09:00:00+08:00', t1); // next month
    expect((await save('NegativeQuota', [
      { unitId: units[0], month: '2023-10', indicator: '不满意件', allowed: 1 },
      { unitId: units[0], month: '2023-10', indicator: '重复件', allowed: 1 },
      { unitId: units[1], month: '2023-10', indicator: '不满意件', allowed: 3 },
      { unitId: units[1], month: '2023-10', indicator: '推诿扯皮', allowed: 0 },
    ])).ok).toBe(true);
    const r = await ops(`query($s: ID!) { negativeQuotaStatus(streetId: $s, month: "2023-10") { unit { code } indicator allowed count exceeded } }`, { s: streetId });
    expect(r.errors).toBeUndefined();
    expect(r.data.negativeQuotaStatus).toEqual([
      { unit: { code: 'U1' }, indicator: '不满意件', allowed: 1, count: 2, exceeded: true },
      { unit: { code: 'U1' }, indicator: '重复件', allowed: 1, count: 1, exceeded: false },
      { unit: { code: 'U2' }, indicator: '不满意件', allowed: 3, count: 0, exceeded: false },
      { unit: { code: 'U2' }, indicator: '推诿扯皮', allowed: 0, count: null, exceeded: false },
    ]);
  });
});

describe('ticket columns, whole-sheet reads and ticket numbers', () => {
  const ROWS = `query($r: String!, $f: JSON) { sheetRows(resource: $r, filter: $f) { rows total ticketNumbers } }`;
  let tickets: Record<string, string> = {};
  beforeAll(async () => {
    for (const [n, u] of [['TK-001', units[0]], ['TK-002', units[1]]] as const) {
      const r = await ops(`mutation($n: String!, $s: ID!, $u: ID!) { createTicket(number: $n, streetId: $s, unitId: $u, category: COMPLAINT, receivedAt: "2023-10-02T09:00:00+08:00") { id } }`, { n, s: streetId, u });
      tickets[n] = r.data.createTicket.id;
    }
  });

  it('saves a negative record and an award naming a ticket, and refuses a ticket that does not exist or is another unit’s case', async () => {
    const rec = await save('NegativeRecord', [{ unitId: units[0], itemId, date: '2023-10-08', ticketId: tickets['TK-001'] }]);
    expect(rec.ok).toBe(true);
    expect(rec.rows[0].ticketId).toBe(tickets['TK-001']);
    const bad = await save('NegativeRecord', [{ unitId: units[0], itemId, date: '2023-10-08', ticketId: '999999' }]);
    expect(bad.ok).toBe(false);
    expect(bad.errors).toEqual([{ row: 1, field: 'ticketId', message: expect.stringContaining('关联工单不存在') }]);
    const award = await save('Award', [
      { kind: 'EXCELLENT', unitId: units[0], month: '2023-10', status: 'NOMINATED', ticketId: tickets['TK-001'] },
    ]);
    expect(award.ok).toBe(true);
    const other = await save('Award', [{ kind: 'EXCELLENT', unitId: units[0], month: '2023-10', status: 'NOMINATED', ticketId: tickets['TK-002'] }]);
    expect(other.errors).toEqual([{ row: 1, field: 'ticketId', message: expect.stringContaining('不是该单位承办的') }]);
  });

  it('sheetRows opens a whole register in one request, with the numbers of the tickets its rows name', async () => {
    const r = await ops(ROWS, { r: 'NegativeRecord' });
    expect(r.errors).toBeUndefined();
    const { rows, total, ticketNumbers } = r.data.sheetRows;
    expect(total).toBe(await count('negativeRecord'));
    expect(rows).toHaveLength(total);
    expect(rows.map((x: any) => Number(x.id))).toEqual([...rows.map((x: any) => Number(x.id))].sort((a, b) => a - b));
    expect(Object.keys(rows[0]).sort()).toEqual(['date', 'id', 'itemId', 'note', 'points', 'recorder', 'ticketId', 'unitId', 'version']);
    expect(ticketNumbers).toEqual({ [tickets['TK-001']!]: 'TK-001' });
    // Filters as the list's filter: by unit, by month.
    const mine = (await ops(ROWS, { r: 'NegativeRecord', f: { unitId: units[1] } })).data.sheetRows;
    expect(mine.rows.every((x: any) => x.unitId === units[1])).toBe(true);
    expect(mine.total).toBe(mine.rows.length);
    const quota = (await ops(ROWS, { r: 'NegativeQuota', f: { month: '2023-10' } })).data.sheetRows;
    expect(quota.rows.map((x: any) => x.indicator).sort()).toEqual(['不满意件', '不满意件', '推诿扯皮', '重复件']);
  });

  it('sheetRows takes more than a list page (contract.md keeps perPage ≤ 100) and caps at 5,000', async () => {
    const batch = Array.from({ length: 250 }, (_, i) => ({ code: `B${String(i).padStart(4, '0')}`, title: `批量事项${i}`, points: 0.1 }));
    expect((await save('NegativeItem', batch)).ok).toBe(true);
    const r = (await ops(ROWS, { r: 'NegativeItem' })).data.sheetRows;
    expect(r.rows.length).toBe(r.total);
    expect(r.total).toBeGreaterThan(250);
    const page = await ops(`{ allNegativeItems(perPage: 101) { id } }`);
    expect(page.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const { MAX_SHEET_LOAD } = await import('../../src/schema/sheet');
    expect(MAX_SHEET_LOAD).toBe(5000);
  });

  it('sheetRows refuses what it must not serve: other resources, two sheets in one request, bad filters, roles without read access', async () => {
    expect((await ops(ROWS, { r: 'Ticket' })).errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringContaining('不能整表读取') });
    expect((await ops(ROWS, { r: 'User' })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const two = await ops(`{ a: sheetRows(resource: "NegativeItem") { total } b: sheetRows(resource: "NegativeItem") { total } }`);
    expect(two.errors?.[0]?.message).toContain('每次请求只能整表读取一个台账');
    expect((await ops(ROWS, { r: 'NegativeRecord', f: { unitId: { $gt: 0 } } })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const handler = await api.signedIn('UNIT_HANDLER', { unitId: Number(units[0]) });
    expect((await handler(ROWS, { r: 'NegativeRecord' })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await api.as(null)(ROWS, { r: 'NegativeRecord' })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('ticketsByNumber resolves pasted numbers to tickets, leaving out unknown ones and other units’ tickets for a unit handler', async () => {
    const Q = `query($n: [String!]!) { ticketsByNumber(numbers: $n) { id number unitId } }`;
    const r = await ops(Q, { n: ['TK-002', ' TK-001 ', 'NOPE', 'TK-001'] });
    expect(r.errors).toBeUndefined();
    expect(r.data.ticketsByNumber).toEqual([
      { id: tickets['TK-001'], number: 'TK-001', unitId: units[0] },
      { id: tickets['TK-002'], number: 'TK-002', unitId: units[1] },
    ]);
    const handler = await api.signedIn('UNIT_HANDLER', { unitId: Number(units[0]) });
    expect((await handler(Q, { n: ['TK-001', 'TK-002'] })).data.ticketsByNumber.map((t: any) => t.number)).toEqual(['TK-001']);
    const many = await ops(Q, { n: Array.from({ length: 501 }, (_, i) => `X${i}`) });
    expect(many.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
