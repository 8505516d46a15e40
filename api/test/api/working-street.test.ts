// "The street being worked on" (domain.md §1): the district account's remembered street, and sheets that open,
// resolve and save inside one street when two streets share unit names and codes (every street has its 城管中队).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { testApi } from '../helpers/api';
import { createUser } from '../../src/repos/auth';

let db: TestDatabase;
let api: ReturnType<typeof testApi>;
type Client = ReturnType<ReturnType<typeof testApi>['as']>;
let district: Client;
let tqOps: Client;
let tq: string;
let hm: string;
const cgzd: Record<string, string> = {};
let itemId: string;

const SAVE = `mutation($r: String!, $rows: [JSON!]!, $d: [ID!], $s: ID) {
  saveSheet(resource: $r, rows: $rows, deletedIds: $d, streetId: $s) { ok created updated deleted rows errors { row field message } conflicts { row id current } }
}`;
const ROWS = `query($r: String!, $f: JSON, $s: ID) { sheetRows(resource: $r, filter: $f, streetId: $s) { rows total } }`;
const count = async (table: string) => Number((await (db.db as any).selectFrom(table).select((eb: any) => eb.fn.countAll().as('n')).executeTakeFirst()).n);

async function account(username: string, streetId: string | null) {
  await createUser(db.db, { username, password: 'password-123', role: 'OPS', streetId: streetId == null ? null : Number(streetId) });
  return api.as(await api.login(username, 'password-123'));
}

beforeAll(async () => {
  db = await createTestDatabase('none');
  api = testApi(db);
  const admin = await api.signedIn('ADMIN');
  const d = await admin(`mutation { createDistrict(code: "PD", name: "浦东新区") { id } }`);
  for (const [code, name] of [['TQ', '塘桥街道'], ['HM', '花木街道']] as const) {
    const s = await admin(`mutation($d: ID!, $c: String!, $n: String!) { createStreet(code: $c, name: $n, districtId: $d) { id } }`, { d: d.data.createDistrict.id, c: code, n: name });
    const id = s.data.createStreet.id as string;
    if (code === 'TQ') tq = id;
    else hm = id;
    const u = await admin(`mutation($s: ID!) { createUnit(code: "CGZD", name: "城管中队", streetId: $s, peerGroup: DEPARTMENT) { id } }`, { s: id });
    cgzd[code] = u.data.createUnit.id;
  }
  district = await account('district_ops', null);
  tqOps = await account('tq_ops', tq);
  const i = await district(`mutation { createNegativeItem(code: "N1", title: "随意退单", points: 0.5) { id } }`);
  itemId = i.data.createNegativeItem.id;
});
afterAll(() => db?.close());

describe('working street', () => {
  it('a district account picks a street, remembered per user; clearing it works; another street id is NOT_FOUND', async () => {
    const me0 = await district(`{ me { workingStreetId workingStreet { id } } }`);
    expect(me0.data.me).toEqual({ workingStreetId: null, workingStreet: null });
    const audits = await count('auditLog');
    const set = await district(`mutation($s: ID) { setWorkingStreet(streetId: $s) { id name } }`, { s: hm });
    expect(set.data.setWorkingStreet).toEqual({ id: hm, name: '花木街道' });
    expect(await count('auditLog')).toBe(audits + 1);
    // A new session (another machine) opens on the same street.
    const again = api.as(await api.login('district_ops', 'password-123'));
    expect((await again(`{ me { workingStreetId workingStreet { name } } }`)).data.me).toEqual({ workingStreetId: hm, workingStreet: { name: '花木街道' } });
    const bad = await district(`mutation { setWorkingStreet(streetId: "99999") { id } }`);
    expect(bad.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    await district(`mutation { setWorkingStreet(streetId: null) { id } }`);
    expect((await district(`{ me { workingStreetId } }`)).data.me.workingStreetId).toBeNull();
  });

  it('a street account works in its own street and cannot pick another (NOT_FOUND, nothing written)', async () => {
    expect((await tqOps(`{ me { workingStreetId } }`)).data.me.workingStreetId).toBe(tq);
    const audits = await count('auditLog');
    const r = await tqOps(`mutation($s: ID) { setWorkingStreet(streetId: $s) { id } }`, { s: hm });
    expect(r.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(await count('auditLog')).toBe(audits);
    expect((await tqOps(`{ me { workingStreetId } }`)).data.me.workingStreetId).toBe(tq);
  });

  it('an API token has no working street to remember', async () => {
    const admin = await api.signedIn('ADMIN');
    const t = await admin(`mutation { createApiToken(name: "w", role: OPS) { token } }`);
    const token = t.data.createApiToken.token as string;
    const { body } = await api.raw(`mutation { setWorkingStreet(streetId: null) { id } }`, {}, { authorization: `Bearer ${token}` });
    expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('sheets inside one street', () => {
  it('saves a row naming the street’s own 城管中队 and refuses the other street’s, writing nothing', async () => {
    const ok = await district(SAVE, { r: 'NegativeRecord', rows: [{ unitId: cgzd.TQ, itemId, date: '2023-06-01' }], s: tq });
    expect(ok.data.saveSheet.ok).toBe(true);
    const before = await count('negativeRecord');
    const bad = await district(SAVE, { r: 'NegativeRecord', rows: [{ unitId: cgzd.HM, itemId, date: '2023-06-02' }], s: tq });
    expect(bad.data.saveSheet.ok).toBe(false);
    expect(bad.data.saveSheet.errors).toEqual([{ row: 1, field: 'unitId', message: expect.stringContaining('不属于塘桥街道') }]);
    expect(await count('negativeRecord')).toBe(before);
  });

  it('opens only the street’s rows (A/B, records, awards, quotas), and a row of another street cannot be changed through it', async () => {
    const ab = await district(SAVE, {
      r: 'RoleAssignment', s: null,
      rows: [
        { unitId: cgzd.TQ, role: 'A', personName: '张三', effectiveFrom: '2023-01-01' },
        { unitId: cgzd.HM, role: 'A', personName: '李四', effectiveFrom: '2023-01-01' },
      ],
    });
    expect(ab.data.saveSheet.ok).toBe(true);
    const tqRows = await district(ROWS, { r: 'RoleAssignment', f: { current: true }, s: tq });
    expect(tqRows.data.sheetRows.rows.map((r: any) => r.personName)).toEqual(['张三']);
    const hmRows = await district(ROWS, { r: 'RoleAssignment', f: { current: true }, s: hm });
    expect(hmRows.data.sheetRows.rows.map((r: any) => r.personName)).toEqual(['李四']);
    const all = await district(ROWS, { r: 'RoleAssignment', f: { current: true } });
    expect(all.data.sheetRows.total).toBe(2); // without a street: the district's rows, as before
    // 花木's filing sent to the 塘桥 sheet: not there for it (a conflict, as if deleted), nothing written.
    const hmRow = hmRows.data.sheetRows.rows[0];
    const r = await district(SAVE, { r: 'RoleAssignment', rows: [{ ...hmRow, post: '队长' }], s: tq });
    expect(r.data.saveSheet.ok).toBe(false);
    expect(r.data.saveSheet.conflicts).toEqual([{ row: 1, id: hmRow.id, current: null }]);
    const del = await district(SAVE, { r: 'RoleAssignment', rows: [], d: [hmRow.id], s: tq });
    expect(del.data.saveSheet.ok).toBe(false);
    expect((await district(ROWS, { r: 'RoleAssignment', f: { current: true }, s: hm })).data.sheetRows.rows[0].post).toBeNull();
    const units = await district(ROWS, { r: 'Unit', s: hm });
    expect(units.data.sheetRows.rows.map((u: any) => u.id)).toEqual([cgzd.HM]);
    const streets = await district(ROWS, { r: 'Street', s: hm });
    expect(streets.data.sheetRows.rows.map((u: any) => u.id)).toEqual([hm]);
  });

  it('a street account asking for another street’s sheet gets NOT_FOUND', async () => {
    const r = await tqOps(ROWS, { r: 'Unit', s: hm });
    expect(r.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const s = await tqOps(SAVE, { r: 'NegativeRecord', rows: [{ unitId: cgzd.TQ, itemId, date: '2023-06-03' }], s: hm });
    expect(s.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('ticketsByNumber finds only the street’s tickets when given one', async () => {
    for (const [street, unit, number] of [[tq, cgzd.TQ, 'T-1'], [hm, cgzd.HM, 'H-1']] as const) {
      const t = await district(`mutation($n: String!, $s: ID!, $u: ID!) { createTicket(number: $n, streetId: $s, unitId: $u, category: COMPLAINT, receivedAt: "2023-10-02T09:00:00+08:00") { id } }`, { n: number, s: street, u: unit });
      expect(t.errors).toBeUndefined();
    }
    const r = await district(`query($n: [String!]!, $s: ID) { ticketsByNumber(numbers: $n, streetId: $s) { number } }`, { n: ['T-1', 'H-1'], s: tq });
    expect(r.data.ticketsByNumber.map((t: any) => t.number)).toEqual(['T-1']);
    const all = await district(`query($n: [String!]!) { ticketsByNumber(numbers: $n) { number } }`, { n: ['T-1', 'H-1'] });
    expect(all.data.ticketsByNumber.map((t: any) => t.number)).toEqual(['H-1', 'T-1']);
  });

  it('我的待办 of a district account follows the street it works in (every street until it picks one)', async () => {
    const me = await account('district_inbox', null);
    for (const [street, n] of [[tq, 'INBOX-TQ'], [hm, 'INBOX-HM']] as const) {
      const r = await me(`mutation($n: String!, $s: ID!) { createTicket(number: $n, streetId: $s, category: COMPLAINT, receivedAt: "2023-06-01T01:00:00Z") { id } }`, { n, s: street });
      expect(r.errors).toBeUndefined();
    }
    const toDispatch = async () => {
      const w = await me(`{ myWork(limit: 20) { key count items { ticketNumber } } }`);
      const section = (w.data.myWork as Array<{ key: string; count: number; items: Array<{ ticketNumber: string | null }> }>).find((s) => s.key === 'toDispatch')!;
      return section.items.map((i) => i.ticketNumber ?? '').filter((t) => t.startsWith('INBOX-')).sort();
    };
    expect(await toDispatch()).toEqual(['INBOX-HM', 'INBOX-TQ']);
    await me(`mutation($s: ID) { setWorkingStreet(streetId: $s) { id } }`, { s: hm });
    expect(await toDispatch()).toEqual(['INBOX-HM']);
    await me(`mutation($s: ID) { setWorkingStreet(streetId: $s) { id } }`, { s: tq });
    expect(await toDispatch()).toEqual(['INBOX-TQ']);
  });
});
