// Statements kept by shape (db/statementCache.ts): the ticket page and the lists are compiled once per shape and
// later requests only bind their values — and a kept statement never carries one caller's row scope or one filter's
// values to another. Two streets share a unit code and name; each street's account, a unit handler and the district
// read pages and lists of the same shape, in turns.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { testApi } from '../helpers/api';
import { createUser } from '../../src/repos/auth';
import { forgetKeptStatements, keptStatement, statementCacheStats } from '../../src/db/statementCache';

describe('keptStatement', () => {
  it('compiles a shape once and binds each request’s values where the placeholders were', async () => {
    const db = await createTestDatabase('none');
    try {
      forgetKeptStatements();
      const before = { ...statementCacheStats };
      const build = ([id, limit]: readonly unknown[]) => db.db.selectFrom('street').select(['id', 'name']).where('id', '>', id as number).orderBy('id').limit(limit as number);
      const a = keptStatement('test|street', [1, 10], build);
      const b = keptStatement('test|street', [5, 2], build);
      expect(statementCacheStats.compiled - before.compiled).toBe(1);
      expect(statementCacheStats.reused - before.reused).toBe(1);
      expect(b.sql).toBe(a.sql);
      expect(a.parameters).toEqual([1, 10]);
      expect(b.parameters).toEqual([5, 2]);
      expect(a.queryId).not.toBe(b.queryId);
      // It runs like the builder's own statement.
      expect((await db.db.executeQuery(b)).rows).toEqual(await build([5, 2]).execute());
    } finally {
      await db.close();
    }
  });

  it('refuses a builder that puts a value anywhere but a bound parameter', async () => {
    const db = await createTestDatabase('none');
    try {
      // A value read by the builder itself (a decision, not a parameter) would be frozen into the kept text.
      expect(() => keptStatement('test|decided', [3], ([n]) => db.db.selectFrom('street').select('id').limit(typeof n === 'number' ? n : 1))).toThrow(/not a bound parameter/);
      expect(() => keptStatement('test|raw', [3], () => db.db.selectFrom('street').select(sql<number>`3`.as('n')))).toThrow(/not a bound parameter/);
    } finally {
      await db.close();
    }
  });
});

describe('kept statements of pages and lists across callers', () => {
  let db: TestDatabase;
  let api: ReturnType<typeof testApi>;
  const streets: number[] = [];
  const units: number[] = [];
  const tickets: Record<string, number> = {};
  const as: Record<string, Awaited<ReturnType<typeof signIn>>> = {};

  async function signIn(username: string, role: 'OPS' | 'UNIT_HANDLER', streetId: number | null, unitId: number | null = null) {
    await createUser(db.db, { username, password: 'password-123', role, streetId, unitId, canReadPersonalData: true });
    return api.as(await api.login(username, 'password-123'));
  }

  beforeAll(async () => {
    db = await createTestDatabase('none');
    api = testApi(db);
    const district = await db.db.insertInto('district').values({ code: 'KS', name: '缓存区' }).returning('id').executeTakeFirstOrThrow();
    for (const [code, name] of [['KSA', '甲街道'], ['KSB', '乙街道']] as const) {
      const s = await db.db.insertInto('street').values({ code, name, districtId: district.id }).returning('id').executeTakeFirstOrThrow();
      streets.push(s.id);
      // The same unit code and name in both streets, and a second unit in each.
      for (const [ucode, uname] of [['CGZD', '城管中队'], ['JW01', '一号居委']] as const) {
        const u = await db.db.insertInto('unit').values({ code: ucode, name: uname, streetId: s.id, peerGroup: 'DEPARTMENT' }).returning('id').executeTakeFirstOrThrow();
        units.push(u.id);
      }
    }
    const t = (key: string, streetId: number, unitId: number, status: string, day: number) => ({
      number: `KS-${key}`, streetId, unitId, category: 'COMPLAINT', status, content: `${key} 的诉求`, citizenName: `${key} 市民`,
      receivedAt: new Date(Date.UTC(2023, 6, day, 2)), firstContactDue: new Date(Date.UTC(2023, 6, day + 1)), completionDue: new Date(Date.UTC(2023, 6, day + 7)),
    });
    const rows = await db.db.insertInto('ticket').values([
      t('A1', streets[0]!, units[0]!, 'DISPATCHED', 3),
      t('A2', streets[0]!, units[1]!, 'CLOSED', 4),
      t('B1', streets[1]!, units[2]!, 'DISPATCHED', 5),
      t('B2', streets[1]!, units[3]!, 'DISPATCHED', 6),
    ] as any).returning(['id', 'number']).execute();
    for (const r of rows) tickets[r.number.slice(3)] = r.id;
    await db.db.insertInto('callback').values({ ticketId: tickets.A2!, calledAt: new Date(Date.UTC(2023, 6, 9)), result: 'SATISFIED' }).execute();
    as.district = await signIn('ks_district', 'OPS', null);
    as.A = await signIn('ks_street_a', 'OPS', streets[0]!);
    as.B = await signIn('ks_street_b', 'OPS', streets[1]!);
    as.handlerA1 = await signIn('ks_handler_a1', 'UNIT_HANDLER', streets[0]!, units[0]!);
  });
  afterAll(async () => db?.close());

  const PAGE = 'query($id: ID!) { Ticket(id: $id) { id number citizenName street { id name } unit { id code name } callbacks { id result } } }';
  const LIST = (filter = '') => `{ allTickets(perPage: 10, sortField: "receivedAt", sortOrder: "ASC"${filter}) { id number unit { id code } } _allTicketsMeta${filter ? `(${filter.slice(2)})` : ''} { count } }`;

  it('reads each caller’s own ticket pages through one kept statement per scope, and no one else’s', async () => {
    forgetKeptStatements();
    const before = { ...statementCacheStats };
    // Every caller reads every ticket, twice, in turns.
    const seen: Record<string, string[]> = {};
    for (let round = 0; round < 2; round++) {
      for (const who of ['A', 'B', 'district', 'handlerA1']) {
        for (const key of ['A1', 'A2', 'B1', 'B2']) {
          const r = await as[who]!(PAGE, { id: String(tickets[key]) });
          if (r.data?.Ticket) (seen[who] ??= []).push(key);
          else expect(r.errors?.[0]?.extensions?.code, JSON.stringify(r.errors)).toBe('NOT_FOUND');
        }
      }
    }
    expect(seen).toEqual({
      A: ['A1', 'A2', 'A1', 'A2'],
      B: ['B1', 'B2', 'B1', 'B2'],
      district: ['A1', 'A2', 'B1', 'B2', 'A1', 'A2', 'B1', 'B2'],
      handlerA1: ['A1', 'A1'],
    });
    // One shape, four scopes: compiled four times; every other read of a ticket in scope reused one (another
    // street's id is refused before any statement).
    expect(statementCacheStats.compiled - before.compiled).toBe(4);
    expect(statementCacheStats.reused - before.reused).toBe(Object.values(seen).flat().length - 4);
    const a2 = await as.A!(PAGE, { id: String(tickets.A2) });
    expect(a2.data.Ticket).toMatchObject({ number: 'KS-A2', citizenName: 'A2 市民', street: { id: String(streets[0]) }, unit: { id: String(units[1]), code: 'JW01' }, callbacks: [{ result: 'SATISFIED' }] });
    const b1 = await as.district!(PAGE, { id: String(tickets.B1) });
    expect(b1.data.Ticket).toMatchObject({ number: 'KS-B1', street: { id: String(streets[1]) }, unit: { id: String(units[2]), code: 'CGZD' }, callbacks: [] });
  });

  it('lists each caller’s own tickets, and each filter’s, with the kept statements', async () => {
    const numbers = (r: any) => { if (!r.data) throw new Error(JSON.stringify(r.errors)); return r.data.allTickets.map((t: any) => t.number.slice(3)); };
    for (let round = 0; round < 2; round++) {
      const a = await as.A!(LIST());
      const b = await as.B!(LIST());
      const d = await as.district!(LIST());
      const h = await as.handlerA1!(LIST());
      expect([numbers(a), a.data._allTicketsMeta.count]).toEqual([['A1', 'A2'], 2]);
      expect([numbers(b), b.data._allTicketsMeta.count]).toEqual([['B1', 'B2'], 2]);
      expect([numbers(d), d.data._allTicketsMeta.count]).toEqual([['A1', 'A2', 'B1', 'B2'], 4]);
      expect([numbers(h), h.data._allTicketsMeta.count]).toEqual([['A1'], 1]);
      // The same shape with other filter values: each value its own result.
      const closed = await as.district!(LIST(', filter: { status: CLOSED }'));
      const dispatched = await as.district!(LIST(', filter: { status: DISPATCHED }'));
      expect([numbers(closed), closed.data._allTicketsMeta.count]).toEqual([['A2'], 1]);
      expect([numbers(dispatched), dispatched.data._allTicketsMeta.count]).toEqual([['A1', 'B1', 'B2'], 3]);
      // Pages of one list: the limit and offset are bound per request.
      const second = await as.district!('{ allTickets(page: 1, perPage: 3, sortField: "receivedAt", sortOrder: "ASC") { number } }');
      expect(numbers(second)).toEqual(['B2']);
      // A search is built anew each time (it may depend on more than the filter's values).
      const search = await as.district!(LIST(', filter: { q: "B1" }'));
      expect(numbers(search)).toEqual(['B1']);
    }
  });
});
