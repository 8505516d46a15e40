// contract.md "CRUD resources": the unmodified ra-data-graphql-simple provider drives every register —
// list, filter, sort, page, getOne, getMany, create, update (CONFLICT on a stale version) and delete.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import buildGraphQLProvider from 'ra-data-graphql-simple';
import type { DataProvider } from 'react-admin';
import introspection from '../src/introspection.json';
import { startServer } from '../../api/src/app';
import { createTestDatabase, type TestDatabase } from '../../api/test/helpers/db';

let db: TestDatabase;
let app: Awaited<ReturnType<typeof startServer>>;
let dp: DataProvider;
const ids: Record<string, string> = {};

beforeAll(async () => {
  db = await createTestDatabase('none');
  app = await startServer({ opened: db, port: 0, host: '127.0.0.1', seed: 'none', quiet: true });
  const login = await fetch(`${app.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'mutation { login(username: "admin", password: "admin-password") { id } }' }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  dp = await buildGraphQLProvider({
    clientOptions: { uri: `${app.url}/graphql`, headers: { cookie } },
    introspection: { schema: (introspection as any).__schema },
  } as any);
});
afterAll(() => app?.close());

const codeOf = (e: any): string | undefined =>
  (e?.graphQLErrors ?? e?.body?.graphQLErrors ?? e?.networkError?.result?.errors ?? [])[0]?.extensions?.code ?? e?.graphQLErrors?.[0]?.extensions?.code;

/** Resources in dependency order: what to create, which field to change, whether it may be deleted. */
const cases: Array<{ resource: string; create: () => Record<string, unknown>; change: Record<string, unknown>; q?: string; deletable?: boolean }> = [
  { resource: 'District', create: () => ({ code: 'PD', name: '浦东新区' }), change: { name: '浦东新区（改）' }, q: '浦东' },
  { resource: 'Street', create: () => ({ code: 'TQ', name: '塘桥街道', districtId: ids.District }), change: { name: '塘桥街道办事处' }, q: '塘桥', deletable: false },
  { resource: 'Unit', create: () => ({ code: 'CG', name: '城管中队', streetId: ids.Street, peerGroup: 'DEPARTMENT', aliases: ['城管执法中队'] }), change: { head: '张伟' }, q: '城管', deletable: false },
  { resource: 'Ticket', create: () => ({ number: '2306210001', streetId: ids.Street, unitId: ids.Unit, category: 'COMPLAINT', receivedAt: '2023-06-21T01:12:00.000Z', content: '夜间施工噪声扰民' }), change: { topic: '噪声' }, q: '噪声', deletable: false },
  { resource: 'RoleAssignment', create: () => ({ unitId: ids.Unit, role: 'A', personName: '李强', effectiveFrom: '2023-01-01' }), change: { post: '副中队长' }, q: '李强' },
  { resource: 'Pairing', create: () => ({ staffName: '王敏', unitId: ids.Unit }), change: { since: '2023-09-01' }, q: '王敏' },
  { resource: 'DutyRoster', create: () => ({ streetId: ids.Street, isoWeek: '2023-W36', leaderName: '周建国' }), change: { leaderName: '陈红' }, q: '2023-W36' },
  { resource: 'Topic', create: () => ({ name: '测试主题' }), change: { active: false }, q: '测试' },

  { resource: 'NegativeItem', create: () => ({ code: 'NX1', title: '随意退单', points: 1 }), change: { points: 1.5 }, q: '退单', deletable: false },
  { resource: 'NegativeRecord', create: () => ({ unitId: ids.Unit, itemId: ids.NegativeItem, date: '2023-06-30' }), change: { note: '六月两次退单' }, q: undefined },
  { resource: 'NegativeQuota', create: () => ({ unitId: ids.Unit, month: '2023-06', indicator: '不满意件', allowed: 3 }), change: { allowed: 4 }, q: '不满意' },
  { resource: 'Award', create: () => ({ kind: 'EXCELLENT', unitId: ids.Unit, month: '2023-06', status: 'NOMINATED', ticketId: ids.Ticket }), change: { status: 'SELECTED' }, q: undefined },
  { resource: 'Interview', create: () => ({ unitId: ids.Unit, level: 'DEPUTY_LEADER', date: '2023-07-05', reasons: ['回复简单敷衍'], ticketIds: [ids.Ticket] }), change: { findings: '答复敷衍' }, q: undefined },
  { resource: 'Assistance', create: () => ({ unitId: ids.Unit, periodFrom: '2023-07-01' }), change: { status: 'ONGOING' }, q: undefined },
  { resource: 'DisciplineReferral', create: () => ({ unitId: ids.Unit, conduct: 'SLOW_ACTION', date: '2023-07-10' }), change: { outcome: '已谈话提醒' }, q: undefined },
  { resource: 'Escalation', create: () => ({ streetId: ids.Street, title: '南泉路菜场改造投诉', ticketIds: [ids.Ticket] }), change: { decision: '一事一议' }, q: '菜场' },
  { resource: 'Review', create: () => ({ unitId: ids.Unit, period: '2023-06' }), change: { summary: '满意率偏低' }, q: undefined },
  { resource: 'WorkCalendarDay', create: () => ({ day: '2031-01-02', isWorkday: false, name: '本地调整' }), change: { name: '本地调整（改）' }, q: '本地' },
  { resource: 'User', create: () => ({ username: 'wangmin', password: 'a-good-password', role: 'OPS' }), change: { displayName: '王敏' }, q: 'wangmin' },
];

describe('the stock ra-data-graphql-simple provider', () => {
  for (const c of cases) {
    it(`drives ${c.resource}: create, getOne, getList, getMany, update, stale update, delete`, async () => {
      const created = await dp.create(c.resource, { data: c.create() });
      const id = String(created.data.id);
      ids[c.resource] = id;
      expect(created.data.version).toBe(1);

      const one = await dp.getOne(c.resource, { id });
      expect(String(one.data.id)).toBe(id);

      const list = await dp.getList(c.resource, {
        pagination: { page: 1, perPage: 10 },
        sort: { field: 'id', order: 'DESC' },
        filter: c.q ? { q: c.q } : {},
      });
      expect(list.total).toBeGreaterThanOrEqual(1);
      expect(list.data.map((r) => String(r.id))).toContain(id);

      const many = await dp.getMany(c.resource, { ids: [id] });
      expect(many.data.map((r) => String(r.id))).toEqual([id]);

      const updated = await dp.update(c.resource, { id, data: { ...one.data, ...c.change }, previousData: one.data });
      expect(updated.data.version).toBe(2);
      for (const [k, v] of Object.entries(c.change)) expect(updated.data[k]).toEqual(v);

      // The same edit from a page loaded before the first save is refused, and nothing is written.
      const stale = await dp.update(c.resource, { id, data: { ...one.data, ...c.change }, previousData: one.data }).catch((e) => e);
      expect(codeOf(stale)).toBe('CONFLICT');
      expect((await dp.getOne(c.resource, { id })).data.version).toBe(2);

      if (c.deletable !== false) {
        // Delete a second, fresh row so the first stays for the resources that reference it.
        const other = await dp.create(c.resource, { data: uniqueVariant(c.resource, c.create()) });
        const deleted = await dp.delete(c.resource, { id: String(other.data.id), previousData: other.data });
        expect(String(deleted.data.id)).toBe(String(other.data.id));
        const gone = await dp.getOne(c.resource, { id: String(other.data.id) }).catch((e) => e);
        expect(codeOf(gone)).toBe('NOT_FOUND');
      }
    });
  }

  it('refuses to create what a workflow step creates (callbacks, leader orders, returns, audits, warnings, 暗访 visits)', async () => {
    const attempts: Record<string, Record<string, unknown>> = {
      Callback: { ticketId: ids.Ticket, calledAt: '2023-06-27T02:00:00.000Z', result: 'SATISFIED' },
      LeaderOrder: { ticketId: ids.Ticket, leaderName: '周建国', issuedAt: '2023-06-28T02:00:00.000Z' },
      ReturnRequest: { ticketId: ids.Ticket, fromUnitId: ids.Unit, reason: '不属于本单位职责' },
      ClosureAudit: {},
      Warning: { status: 'OPEN' },
      // Drawn by drawUndercoverSample and recorded by recordUndercoverVisit (an overturned finding has consequences).
      UndercoverVisit: { ticketId: ids.Ticket, month: '2023-06' },
    };
    for (const [resource, data] of Object.entries(attempts)) {
      const r = await dp.create(resource, { data }).catch((e) => e);
      expect(codeOf(r), resource).toBe('FORBIDDEN');
    }
  });

  it('sorts and pages like react-admin asks (1-based pages in, zero-based on the wire)', async () => {
    for (const name of ['甲', '乙', '丙']) await dp.create('Topic', { data: { name: `排序${name}` } });
    const page1 = await dp.getList('Topic', { pagination: { page: 1, perPage: 2 }, sort: { field: 'name', order: 'ASC' }, filter: { q: '排序' } });
    const page2 = await dp.getList('Topic', { pagination: { page: 2, perPage: 2 }, sort: { field: 'name', order: 'ASC' }, filter: { q: '排序' } });
    expect(page1.total).toBe(3);
    expect([...page1.data, ...page2.data].map((t) => t.name)).toEqual(['排序丙', '排序乙', '排序甲'].sort());
  });
});

/** A second row that does not collide with the first on unique columns. */
function uniqueVariant(resource: string, data: Record<string, unknown>) {
  const v = { ...data };
  if (typeof v.code === 'string') v.code = `${v.code}-2`;
  if (resource === 'District' || resource === 'Topic') v.name = `${v.name}2`;
  if (resource === 'RoleAssignment') v.role = 'B';
  if (resource === 'Pairing') v.staffName = '赵敏';
  if (resource === 'DutyRoster') v.isoWeek = '2023-W37';
  if (resource === 'NegativeQuota') v.indicator = '重复件';
  if (resource === 'WorkCalendarDay') v.day = '2031-01-03';
  if (resource === 'User') v.username = 'zhaomin';
  if (resource === 'Callback') v.calledAt = '2023-06-28T02:00:00.000Z';
  return v;
}
