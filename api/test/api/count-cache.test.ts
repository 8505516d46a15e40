// Counts of lists reused while nothing changed (live/countCache.ts): on PostgreSQL a list asked for again sends no
// count statement, each caller's row scope keeps its own count (two streets sharing a unit code, and the district), a
// ticket written anywhere is counted within 2 s (the change notification), a mutation of this process clears the
// counts at once, and a filter reading other tables is counted each time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { createApiYoga } from '../../src/yoga';
import { startLiveFeed, type LiveFeed } from '../../src/live/feed';
import { CountCache, readsOnly } from '../../src/live/countCache';
import { createUser } from '../../src/repos/auth';

const PG = process.env.DATABASE_URL;
const PASSWORD = 'password-123';
const LIST = '{ allTickets(perPage: 2, sortField: "receivedAt", sortOrder: "DESC") { id } _allTicketsMeta { count } }';
const COUNT_SQL = /count\(\*\)/;

describe('CountCache', () => {
  it('keeps counts only while listening, for at most its ttl, and not a count begun before a clear of its table', () => {
    let t = 0;
    const c = new CountCache(5_000, () => t);
    c.set('k', 'ticket', c.begin('ticket'), 7);
    expect(c.get('k')).toBeUndefined(); // not listening
    c.setListening(true);
    c.set('k', 'ticket', c.begin('ticket'), 7);
    expect(c.get('k')).toBe(7);
    t = 5_001;
    expect(c.get('k')).toBeUndefined();
    const before = c.begin('ticket');
    c.clear('warning'); // another table's change leaves a ticket count alone
    c.set('k', 'ticket', before, 8);
    expect(c.get('k')).toBe(8);
    const racing = c.begin('ticket');
    c.clear('ticket');
    c.set('k', 'ticket', racing, 9);
    expect(c.get('k')).toBeUndefined();
    c.set('k', 'ticket', c.begin('ticket'), 10);
    c.setListening(false);
    expect(c.get('k')).toBeUndefined();
  });

  it('keeps only counts that read their own table', () => {
    expect(readsOnly('select count(*) as "count" from "ticket" where "street_id" = $1', 'ticket')).toBe(true);
    expect(readsOnly('select count(*) as "count" from "ticket" where exists (select 1 from "unit" where "unit"."id" = "ticket"."unit_id")', 'ticket')).toBe(false);
    expect(readsOnly('select count(*) as "count" from "ticket" where "id" in (select x from unnest($1::int[]) x)', 'ticket')).toBe(false);
    expect(readsOnly('select count(*) as "count" from "warning"', 'ticket')).toBe(false);
  });
});

describe.skipIf(!PG)('list counts on PostgreSQL', () => {
  let db: TestDatabase;
  let live: LiveFeed;
  let deafCounts: CountCache;
  let streets: number[];
  let units: number[];
  let yoga: ReturnType<typeof createApiYoga>;
  let deafYoga: ReturnType<typeof createApiYoga>;
  const cookies: Record<string, string> = {};

  const ticket = (streetId: number, unitId: number, n: string) => ({
    number: n, streetId, unitId, category: 'COMPLAINT', status: 'DISPATCHED',
    receivedAt: new Date(Date.UTC(2023, 6, 3, 2)), firstContactDue: new Date(Date.UTC(2023, 6, 4)), completionDue: new Date(Date.UTC(2023, 6, 10)),
  });

  beforeAll(async () => {
    db = await createTestDatabase('none');
    const district = await db.db.insertInto('district').values({ code: 'CC', name: '计数区' }).returning('id').executeTakeFirstOrThrow();
    streets = (await db.db.insertInto('street').values([
      { code: 'CCA', name: '甲街道', districtId: district.id },
      { code: 'CCB', name: '乙街道', districtId: district.id },
    ]).returning('id').execute()).map((s) => s.id);
    // The same unit code in both streets.
    units = (await db.db.insertInto('unit').values(streets.map((s) => ({ code: 'CGZD', name: '城管中队', streetId: s, peerGroup: 'DEPARTMENT' as const }))).returning('id').execute()).map((u) => u.id);
    await db.db.insertInto('ticket').values([
      ...Array.from({ length: 7 }, (_, i) => ticket(streets[0]!, units[0]!, `CC-A-${i}`)),
      ...Array.from({ length: 4 }, (_, i) => ticket(streets[1]!, units[1]!, `CC-B-${i}`)),
    ]).execute();
    live = startLiveFeed(db, { databaseUrl: PG, countCacheMs: 60_000, sessionCacheMs: 0 });
    await live.ready;
    const limits = { tokenRate: { ratePerSecond: 10_000, burst: 10_000 } };
    yoga = createApiYoga({ db: db.appDb, production: false, live, limits });
    // A process whose counts are kept but which hears no notification: only its own mutations clear them.
    deafCounts = new CountCache(60_000);
    deafCounts.setListening(true);
    deafYoga = createApiYoga({ db: db.appDb, production: false, limits, live: { subscribe: () => live.subscribe(), ready: Promise.resolve(), sessions: null, counts: deafCounts, close: async () => {} } });
    for (const [name, role, streetId] of [['cc_admin', 'ADMIN', null], ['cc_a', 'OPS', streets[0]], ['cc_b', 'OPS', streets[1]]] as const) {
      await createUser(db.db, { username: name, password: PASSWORD, role, streetId });
      const res = await yoga.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { id } }', variables: { u: name, p: PASSWORD } }) });
      cookies[name] = res.headers.get('set-cookie')!.split(';')[0]!;
    }
  });

  afterAll(async () => {
    await live?.close();
    await db?.close();
  });

  async function list(who: string, via = yoga, query = LIST) {
    const from = db.queries.log.length;
    const res = await via.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json', cookie: cookies[who]! }, body: JSON.stringify({ query }) });
    const body = (await res.json()) as { data?: { _allTicketsMeta: { count: number }; allTickets: unknown[] }; errors?: unknown[] };
    expect(body.errors).toBeUndefined();
    return { count: body.data!._allTicketsMeta.count, rows: body.data!.allTickets.length, counted: db.queries.log.slice(from).filter((q) => COUNT_SQL.test(q)).length };
  }

  it('counts a list once, then answers its count without counting; each row scope has its own', async () => {
    expect(await list('cc_a')).toEqual({ count: 7, rows: 2, counted: 1 });
    expect(await list('cc_a')).toEqual({ count: 7, rows: 2, counted: 0 });
    expect(await list('cc_b')).toEqual({ count: 4, rows: 2, counted: 1 });
    expect(await list('cc_b')).toEqual({ count: 4, rows: 2, counted: 0 });
    expect(await list('cc_admin')).toEqual({ count: 11, rows: 2, counted: 1 });
    expect(await list('cc_admin')).toEqual({ count: 11, rows: 2, counted: 0 });
  });

  it('counts a ticket written anywhere within 2 s (its notification clears the counts)', async () => {
    await list('cc_a');
    await db.db.insertInto('ticket').values(ticket(streets[0]!, units[0]!, 'CC-A-new')).execute(); // the owner, as a job or another process would
    const t0 = performance.now();
    for (;;) {
      const { count } = await list('cc_a');
      if (count === 8) break;
      expect(count).toBe(7);
      if (performance.now() - t0 > 2_000) throw new Error('the new ticket was not counted within 2 s');
      await new Promise((r) => setTimeout(r, 20));
    }
    expect((await list('cc_b')).count).toBe(4);
    expect((await list('cc_admin')).count).toBe(12);
  });

  it("a mutation of this process clears its counts before it answers", async () => {
    expect((await list('cc_a', deafYoga)).count).toBe(8);
    await db.db.deleteFrom('ticket').where('number', '=', 'CC-A-new').execute();
    // Unheard: the deaf process still answers the count it kept (the test bites)…
    expect(await list('cc_a', deafYoga)).toMatchObject({ count: 8, counted: 0 });
    // …until a mutation runs in it (any mutation: even a refused one).
    await deafYoga.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json', cookie: cookies.cc_a! }, body: JSON.stringify({ query: 'mutation { logout }' }) });
    const res = await deafYoga.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: 'mutation($u: String!, $p: String!) { login(username: $u, password: $p) { id } }', variables: { u: 'cc_a', p: PASSWORD } }) });
    cookies.cc_a = res.headers.get('set-cookie')!.split(';')[0]!;
    expect(await list('cc_a', deafYoga)).toMatchObject({ count: 7, counted: 1 });
  });

  it('counts every time a filter that reads another table (有预警 reads the warnings)', async () => {
    const q = '{ allTickets(perPage: 1, filter: { hasWarning: false }) { id } _allTicketsMeta(filter: { hasWarning: false }) { count } }';
    expect(await list('cc_b', yoga, q)).toEqual({ count: 4, rows: 1, counted: 1 });
    expect(await list('cc_b', yoga, q)).toEqual({ count: 4, rows: 1, counted: 1 });
  });
});
