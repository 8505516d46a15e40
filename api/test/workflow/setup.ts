// Shared fixture of the workflow suites: one street with three units, a signed-in client per role, tickets
// placed directly in any lifecycle state, and a snapshot of everything a refused step must leave untouched.
import { sql } from 'kysely';
import { expect } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { testApi, type GqlResult } from '../helpers/api';
import type { Role } from '../../src/auth/roles';
import type { TicketState } from '../../src/domain/lifecycle';

export type Client = <T = any>(query: string, variables?: Record<string, unknown>) => Promise<GqlResult<T>>;

export interface Fixture {
  db: TestDatabase;
  api: ReturnType<typeof testApi>;
  streetId: number;
  otherStreetId: number;
  unitA: number;
  unitB: number;
  unitC: number;
  /** A unit of another street. */
  unitX: number;
  as: Record<'ADMIN' | 'OPS' | 'PARTY_OFFICE' | 'LEADER' | 'LEADER2' | 'DISCIPLINE' | 'API_READER' | 'HANDLER_A' | 'HANDLER_B', Client>;
  userIds: Record<string, number>;
}

export const at = (iso: string) => new Date(iso);
export const RECEIVED_AT = at('2023-06-21T09:00:00+08:00');

export async function setupFixture(): Promise<Fixture> {
  const db = await createTestDatabase('none');
  const api = testApi(db);
  const k = db.db;
  const d = await k.insertInto('district').values({ code: 'PD', name: '浦东新区' }).returning('id').executeTakeFirstOrThrow();
  const s = await k.insertInto('street').values({ code: 'TQ', name: '塘桥街道', districtId: d.id }).returning('id').executeTakeFirstOrThrow();
  const s2 = await k.insertInto('street').values({ code: 'HM', name: '花木街道', districtId: d.id }).returning('id').executeTakeFirstOrThrow();
  const unit = async (streetId: number, code: string, name: string, head: string, deputy: string) =>
    (await k.insertInto('unit').values({ streetId, code, name, peerGroup: 'DEPARTMENT', head, deputyLeader: deputy }).returning('id').executeTakeFirstOrThrow()).id;
  const unitA = await unit(s.id, 'CG', '城管中队', '张队长', '李副主任');
  const unitB = await unit(s.id, 'FG', '房管办事处', '王主任', '李副主任');
  const unitC = await unit(s.id, 'SJ', '市场监督管理所', '赵所长', '陈副主任');
  const unitX = await unit(s2.id, 'HMCG', '花木城管中队', '钱队长', '孙副主任');
  const roles: Array<[keyof Fixture['as'], Role, number | undefined]> = [
    ['ADMIN', 'ADMIN', undefined],
    ['OPS', 'OPS', undefined],
    ['PARTY_OFFICE', 'PARTY_OFFICE', undefined],
    ['LEADER', 'LEADER', undefined],
    ['LEADER2', 'LEADER', undefined], // made 主要领导 below
    ['DISCIPLINE', 'DISCIPLINE', undefined],
    ['API_READER', 'API_READER', undefined],
    ['HANDLER_A', 'UNIT_HANDLER', unitA],
    ['HANDLER_B', 'UNIT_HANDLER', unitB],
  ];
  const as = {} as Fixture['as'];
  for (const [name, role, unitId] of roles) as[name] = await api.signedIn(role, { unitId });
  const userIds: Record<string, number> = {};
  for (const name of Object.keys(as) as Array<keyof Fixture['as']>) {
    const me = await as[name]('{ me { id } }');
    userIds[name] = Number(me.data.me.id);
  }
  // LEADER is the 城运分管领导 (the default rank), LEADER2 the 街道主要领导.
  await k.updateTable('appUser').set({ leaderRank: 'MAIN' }).where('id', '=', userIds.LEADER2!).execute();
  return { db, api, streetId: s.id, otherStreetId: s2.id, unitA, unitB, unitC, unitX, as, userIds };
}

let seq = 0;

/** A ticket placed directly in a state, with the columns that state implies. */
export async function ticketIn(
  f: Fixture,
  state: TicketState,
  over: Record<string, unknown> = {},
): Promise<{ id: number; version: number; idStr: string }> {
  const received = (over.receivedAt as Date) ?? RECEIVED_AT;
  const h = (n: number) => new Date(received.getTime() + n * 3_600_000);
  const values: Record<string, unknown> = {
    number: `WF-${process.pid}-${++seq}`,
    streetId: f.streetId,
    category: 'COMPLAINT',
    receivedAt: received,
    firstContactDue: at('2023-06-25T23:59:59.999+08:00'),
    completionDue: at('2023-06-29T23:59:59.999+08:00'),
    status: state,
  };
  const reached = (s: TicketState) => TICKET_ORDER.indexOf(state === 'RETURN_PENDING' ? 'IN_PROGRESS' : state) >= TICKET_ORDER.indexOf(s);
  if (state !== 'RECEIVED') Object.assign(values, { unitId: f.unitA, dispatchedAt: h(0.5) });
  if (reached('ACCEPTED')) values.acceptedAt = h(1);
  if (reached('IN_PROGRESS')) values.firstContactAt = h(2);
  if (reached('SUBMITTED')) {
    Object.assign(values, { submittedAt: h(24), factFinding: 'TRUE', factBasis: '现场核实', resolution: 'ACTUALLY_RESOLVED', demand: '清运垃圾', replyText: '已清运' });
  }
  if (state === 'CLOSED') values.closedAt = values.submittedAt;
  if (state === 'RETURN_PENDING') values.statusBeforeReturn = 'IN_PROGRESS';
  Object.assign(values, over);
  const row = await f.db.db.insertInto('ticket').values(values as any).returning(['id', 'version', 'unitId']).executeTakeFirstOrThrow();
  if (state === 'RETURN_PENDING') {
    await f.db.db.insertInto('returnRequest').values({ ticketId: row.id, fromUnitId: row.unitId!, reason: '不属于本单位职责', requestedAt: h(3) }).execute();
  }
  return { id: row.id, version: row.version, idStr: String(row.id) };
}

const TICKET_ORDER: TicketState[] = ['RECEIVED', 'DISPATCHED', 'ACCEPTED', 'IN_PROGRESS', 'SUBMITTED', 'CLOSED'];

/** Everything a refused step must leave as it was. */
export async function snapshot(f: Fixture, ticketId: number) {
  const k = f.db.db;
  const ticket = await k.selectFrom('ticket').selectAll().where('id', '=', ticketId).executeTakeFirstOrThrow();
  const count = async (table: string, where = sql`ticket_id = ${ticketId}`) =>
    Number((await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} where ${where}`.execute(k)).rows[0]!.n);
  return {
    ticket,
    events: await count('ticket_event'),
    audits: await count('audit_log', sql`true`),
    closureAudits: await count('closure_audit'),
    returnRequests: await count('return_request'),
    returnRequestRows: await k.selectFrom('returnRequest').selectAll().where('ticketId', '=', ticketId).orderBy('id').execute(),
    extensionRequests: await k.selectFrom('extensionRequest').selectAll().where('ticketId', '=', ticketId).orderBy('id').execute(),
    callbacks: await count('callback'),
    leaderOrders: await k.selectFrom('leaderOrder').selectAll().where('ticketId', '=', ticketId).orderBy('id').execute(),
  };
}

export function expectCode(r: GqlResult, code: string) {
  expect(r.errors?.[0]?.extensions?.code, JSON.stringify(r.errors ?? r.data)).toBe(code);
}

export function expectOk(r: GqlResult) {
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
}

export const TICKET_FIELDS = 'id version status unitId dispatchedAt acceptedAt firstContactAt submittedAt closedAt reopenedAt reopenKind redoCount redoReason extensionApproved firstContactDue completionDue allowedActions';

export const CHECKS_ALL_PASS: Array<{ pass: boolean; note: string | null }> = Array.from({ length: 8 }, () => ({ pass: true, note: null }));
