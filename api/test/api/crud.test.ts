// The ra-data-graphql-simple convention (contract.md "CRUD resources"), exercised on the org registers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { testApi } from '../helpers/api';

let db: TestDatabase;
let api: ReturnType<typeof testApi>;
let ops: Awaited<ReturnType<ReturnType<typeof testApi>['signedIn']>>;
let admin: typeof ops;

beforeAll(async () => {
  db = await createTestDatabase('none');
  api = testApi(db);
  admin = await api.signedIn('ADMIN');
  ops = await api.signedIn('OPS');
});
afterAll(() => db?.close());

async function makeStreet(code: string) {
  const d = await admin(`mutation { createDistrict(code: "D-${code}", name: "区${code}") { id } }`);
  const s = await admin(`mutation($d: ID!) { createStreet(code: "S-${code}", name: "街道${code}", districtId: $d) { id districtId district { name } } }`, { d: d.data.createDistrict.id });
  expect(s.errors).toBeUndefined();
  return s.data.createStreet as { id: string; districtId: string; district: { name: string } };
}

describe('authentication', () => {
  it('refuses every operation but login without a session, with UNAUTHENTICATED', async () => {
    const anon = api.as(null);
    for (const q of ['{ allUnits { id } }', '{ _allTicketsMeta { count } }', 'mutation { createDistrict(code: "X", name: "X") { id } }']) {
      const r = await anon(q);
      expect(r.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(r.data?.allUnits ?? null).toBeNull();
    }
  });

  it('rejects a wrong password without saying which part was wrong', async () => {
    const { body } = await api.raw('mutation { login(username: "admin", password: "wrong-password") { id } }');
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(body.errors?.[0]?.message).toBe('用户名或密码错误');
  });

  it('signs in with an HttpOnly cookie and signs out', async () => {
    const { res } = await api.raw('mutation { login(username: "admin", password: "admin-password") { username role } }');
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/HttpOnly/);
    const me = api.as(setCookie.split(';')[0]!);
    expect((await me('{ me { username role } }')).data.me).toEqual({ username: 'admin', role: 'ADMIN' });
    await me('mutation { logout }');
    expect((await me('{ allDistricts { id } }')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('accepts an API token as Bearer, read-only for API_READER', async () => {
    const t = await admin('mutation { createApiToken(name: "dashboard", role: API_READER) { token prefix } }');
    const token = t.data.createApiToken.token as string;
    expect(token.startsWith(t.data.createApiToken.prefix)).toBe(true);
    const read = await api.raw('{ allDistricts { id } }', {}, { authorization: `Bearer ${token}` });
    expect(read.body.errors).toBeUndefined();
    const write = await api.raw('mutation { createDistrict(code: "T1", name: "T1") { id } }', {}, { authorization: `Bearer ${token}` });
    expect(write.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const stored = await db.db.selectFrom('apiToken').select('tokenHash').where('prefix', '=', t.data.createApiToken.prefix).executeTakeFirstOrThrow();
    expect(stored.tokenHash).not.toContain(token);
  });
});

describe('list, filter, sort, page', () => {
  let streetId: string;
  beforeAll(async () => {
    streetId = (await makeStreet('L')).id;
    for (let i = 1; i <= 12; i++) {
      const r = await ops(`mutation($s: ID!, $c: String!, $n: String!, $g: PeerGroup!) { createUnit(code: $c, name: $n, streetId: $s, peerGroup: $g) { id } }`, {
        s: streetId,
        c: `U${String(i).padStart(2, '0')}`,
        n: i % 3 === 0 ? `第${i}居委` : `部门${i}`,
        g: i % 3 === 0 ? 'RESIDENTIAL' : 'DEPARTMENT',
      });
      expect(r.errors).toBeUndefined();
    }
  });

  it('pages zero-based with a meta count', async () => {
    const q = `query($p: Int, $f: UnitFilter) { allUnits(page: $p, perPage: 5, sortField: "code", sortOrder: "DESC", filter: $f) { code } _allUnitsMeta(filter: $f) { count } }`;
    const f = { streetId };
    const p0 = await ops(q, { p: 0, f });
    const p2 = await ops(q, { p: 2, f });
    expect(p0.data.allUnits.map((u: any) => u.code)).toEqual(['U12', 'U11', 'U10', 'U09', 'U08']);
    expect(p2.data.allUnits.map((u: any) => u.code)).toEqual(['U02', 'U01']);
    expect(p0.data._allUnitsMeta.count).toBe(12);
  });

  it('filters by free text, ids, equality and ranges', async () => {
    const q = await ops(`query($f: UnitFilter) { allUnits(perPage: 100, filter: $f) { code } }`, { f: { q: '居委', streetId } });
    expect(q.data.allUnits.map((u: any) => u.code)).toEqual(['U03', 'U06', 'U09', 'U12']);
    const eq = await ops(`{ _allUnitsMeta(filter: { peerGroup: DEPARTMENT, streetId: "${streetId}" }) { count } }`);
    expect(eq.data._allUnitsMeta.count).toBe(8);
    const all = await ops(`query($f: UnitFilter) { allUnits(perPage: 3, sortField: "id", filter: $f) { id } }`, { f: { streetId } });
    const ids = all.data.allUnits.map((u: any) => u.id);
    const byIds = await ops(`query($ids: [ID]) { allUnits(filter: { ids: $ids }) { id } }`, { ids: [ids[0], ids[2], '999999'] });
    expect(byIds.errors).toBeUndefined();
    expect(byIds.data.allUnits.map((u: any) => u.id)).toEqual([ids[0], ids[2]]);
    const range = await ops(`query($f: NegativeItemFilter) { allNegativeItems(filter: $f, sortField: "points") { points } }`, { f: { points_gt: 0.5, points_lte: 2 } });
    expect(range.errors).toBeUndefined();
    expect(range.data.allNegativeItems.length).toBeGreaterThan(0);
    expect(range.data.allNegativeItems.every((i: any) => i.points > 0.5 && i.points <= 2)).toBe(true);
  });

  it('treats LIKE wildcards in q as text', async () => {
    const r = await ops(`{ _allUnitsMeta(filter: { q: "%" }) { count } }`);
    expect(r.data._allUnitsMeta.count).toBe(0);
  });

  it('refuses a sort field outside the allow-list and pages over 100', async () => {
    const bad = await ops(`{ allUnits(sortField: "password_hash; drop table unit") { id } }`);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const big = await ops(`{ allUnits(perPage: 101) { id } }`);
    expect(big.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('create, update with version, delete', () => {
  it('validates every field at once with fieldErrors and writes nothing', async () => {
    const before = await db.db.selectFrom('unit').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const r = await ops(`mutation { createUnit(code: "  ", name: "${'长'.repeat(101)}", streetId: "abc", peerGroup: DEPARTMENT) { id } }`);
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(Object.keys(r.errors![0]!.extensions!.fieldErrors!).sort()).toEqual(['code', 'name', 'streetId']);
    const after = await db.db.selectFrom('unit').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('reports a duplicate code on the field, in Chinese', async () => {
    const s = await makeStreet('DUP');
    const mk = () => ops(`mutation($s: ID!) { createUnit(code: "A1", name: "甲", streetId: $s, peerGroup: DEPARTMENT) { id } }`, { s: s.id });
    expect((await mk()).errors).toBeUndefined();
    const dup = await ops(`mutation($s: ID!) { createUnit(code: "A1", name: "乙", streetId: $s, peerGroup: DEPARTMENT) { id } }`, { s: s.id });
    expect(dup.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(dup.errors?.[0]?.message).toMatch(/已存在/);
  });

  it('updates with the current version, refuses a stale one with CONFLICT and writes nothing', async () => {
    const s = await makeStreet('V');
    const c = await ops(`mutation($s: ID!) { createUnit(code: "V1", name: "版本测试", streetId: $s, peerGroup: INSTITUTION) { id version } }`, { s: s.id });
    const { id, version } = c.data.createUnit;
    const u1 = await ops(`mutation($id: ID!, $v: Int) { updateUnit(id: $id, version: $v, head: "张三") { head version } }`, { id, v: version });
    expect(u1.data.updateUnit).toEqual({ head: '张三', version: version + 1 });
    const stale = await ops(`mutation($id: ID!, $v: Int) { updateUnit(id: $id, version: $v, head: "李四") { head } }`, { id, v: version });
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const now = await ops(`query($id: ID!) { Unit(id: $id) { head version } }`, { id });
    expect(now.data.Unit).toEqual({ head: '张三', version: version + 1 });
  });

  it('deletes and then reports NOT_FOUND', async () => {
    const d = await admin(`mutation { createDistrict(code: "DEL", name: "待删") { id } }`);
    const id = d.data.createDistrict.id;
    expect((await admin(`mutation($id: ID!) { deleteDistrict(id: $id) { code } }`, { id })).data.deleteDistrict.code).toBe('DEL');
    expect((await admin(`query($id: ID!) { District(id: $id) { id } }`, { id })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('refuses to delete a row others still reference', async () => {
    const s = await makeStreet('REF');
    const r = await admin(`mutation($id: ID!) { deleteDistrict(id: $id) { id } }`, { id: s.districtId });
    expect(r.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('writes one audit row per mutation with before and after', async () => {
    const d = await admin(`mutation { createDistrict(code: "AUD", name: "审计") { id version } }`);
    const id = d.data.createDistrict.id;
    await admin(`mutation($id: ID!) { updateDistrict(id: $id, version: 1, name: "审计2") { id } }`, { id });
    const rows = await db.db.selectFrom('auditLog').selectAll().where('entity', '=', 'district').where('entityId', '=', id).orderBy('id').execute();
    expect(rows.map((r) => r.operation)).toEqual(['createDistrict', 'updateDistrict']);
    expect((rows[1]!.before as any).name).toBe('审计');
    expect((rows[1]!.after as any).name).toBe('审计2');
  });
});
