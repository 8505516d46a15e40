// How many SQL statements (and, on PostgreSQL, pooled connections) a list page and a ticket page cost: the list's
// rows and count come in one statement reading only the selected columns, and a query's statements share one
// connection instead of fanning out over the pool.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { testApi } from '../helpers/api';
import { openDatabase, type OpenedDatabase } from '../../src/db/connection';

let db: TestDatabase;
/** On PostgreSQL: the same schema through a database that counts statements and connection checkouts. */
let counted: OpenedDatabase | null = null;
const log: string[] = [];
let checkouts = 0;
let api: ReturnType<typeof testApi>;
let admin: Awaited<ReturnType<ReturnType<typeof testApi>['signedIn']>>;
let clerk: Awaited<ReturnType<ReturnType<typeof testApi>['signedIn']>>;
let ticketId: number;
const TICKETS_A = 130;
const TICKETS_B = 40;

beforeAll(async () => {
  db = await createTestDatabase('none');
  const k = db.db;
  const district = await k.insertInto('district').values({ code: 'SD', name: '计数区' }).returning('id').executeTakeFirstOrThrow();
  const streets = await k.insertInto('street').values([
    { code: 'SA', name: '甲街道', districtId: district.id },
    { code: 'SB', name: '乙街道', districtId: district.id },
  ]).returning('id').execute();
  const units = await k.insertInto('unit').values(streets.map((s, i) => ({ code: `U${i}`, name: `单位${i}`, streetId: s.id, peerGroup: 'DEPARTMENT' as const }))).returning(['id', 'streetId']).execute();
  const rows = [...Array(TICKETS_A + TICKETS_B).keys()].map((i) => {
    const s = i < TICKETS_A ? 0 : 1;
    return {
      number: `CNT-${i}`,
      streetId: streets[s]!.id,
      unitId: units[s]!.id,
      category: 'COMPLAINT',
      citizenPhone: '13800001234',
      address: '浦建路100弄5号',
      content: '楼下噪声，电话13800001234',
      receivedAt: new Date(Date.UTC(2023, 5, 1, 0, i)),
      firstContactDue: new Date(Date.UTC(2023, 5, 2)),
      completionDue: new Date(Date.UTC(2023, 5, 9)),
    };
  });
  const inserted = await k.insertInto('ticket').values(rows).returning('id').execute();
  ticketId = inserted[3]!.id;
  await k.insertInto('ticketEvent').values([1, 2].map((n) => ({ ticketId, kind: `STEP${n}`, actorLabel: 'test' }))).execute();
  await k.insertInto('callback').values({ ticketId, calledAt: new Date(Date.UTC(2023, 5, 5)), result: 'SATISFIED' }).execute();

  if (process.env.DATABASE_URL) {
    counted = await openDatabase({
      databaseUrl: process.env.DATABASE_URL,
      searchPath: db.schema,
      poolMax: 5,
      log: (sql) => log.push(sql),
      onCheckout: () => checkouts++,
    });
  }
  const target = counted ? ({ ...db, appDb: counted.appDb } as TestDatabase) : db;
  api = testApi(target);
  admin = await api.signedIn('ADMIN', { canReadPersonalData: true });
  const { createUser } = await import('../../src/repos/auth');
  await createUser(db.db, { username: 'clerk-a', password: 'password-123', role: 'OPS', streetId: streets[0]!.id });
  clerk = api.as(await api.login('clerk-a', 'password-123'));
});

afterAll(async () => {
  await counted?.close();
  await db?.close();
});

/** Statements (and checkouts) of one request. */
async function measure(run: () => Promise<{ errors?: unknown }>) {
  const statements = () => (counted ? log.length : db.queries.count);
  const before = statements();
  const checkoutsBefore = checkouts;
  const result = await run();
  expect(result.errors).toBeUndefined();
  return { statements: statements() - before, sql: (counted ? log : db.queries.log).slice(before), checkouts: checkouts - checkoutsBefore, result: result as any };
}

const LIST = `{ allTickets(perPage: 100, sortField: "receivedAt", sortOrder: "DESC") { id number category status receivedAt unit { name } }
  _allTicketsMeta { count } }`;

describe('a list page', () => {
  it('costs at most 3 statements on one connection for 100 rows with their units and the count', async () => {
    const m = await measure(() => admin(LIST));
    expect(m.result.data.allTickets).toHaveLength(100);
    expect(m.result.data._allTicketsMeta.count).toBe(TICKETS_A + TICKETS_B);
    expect(m.statements).toBeLessThanOrEqual(3); // the session, the rows with their count, the units
    if (counted) expect(m.checkouts).toBeLessThanOrEqual(2); // the session's, then the query's
    const page = m.sql.find((s) => /count\(\*\)/i.test(s))!;
    expect(page).toMatch(/limit/i);
    expect(page).not.toMatch(/citizen_phone|"content"|\.\*|select \*/i); // only the selected columns
  });

  it('gives a street clerk its own street\'s rows and count, correct past the page', async () => {
    const r = await clerk<any>(`{ allTickets(perPage: 25) { id number } _allTicketsMeta { count } }`);
    expect(r.errors).toBeUndefined();
    expect(r.data._allTicketsMeta.count).toBe(TICKETS_A);
    expect(r.data.allTickets).toHaveLength(25);
    const empty = await clerk<any>(`{ allTickets(page: 50, perPage: 25) { id } _allTicketsMeta { count } }`);
    expect(empty.data.allTickets).toEqual([]);
    expect(empty.data._allTicketsMeta.count).toBe(TICKETS_A);
    const filtered = await clerk<any>(`{ allTickets(filter: { q: "CNT-1" }, perPage: 5) { number } _allTicketsMeta(filter: { q: "CNT-1" }) { count } }`);
    // CNT-1, CNT-10…19, CNT-100…129 of the clerk's street (CNT-130… are the other street's).
    expect(filtered.data._allTicketsMeta.count).toBe(1 + 10 + 30);
  });

  it('reads every column when a field of another module is selected, and still answers', async () => {
    const r = await admin<any>(`{ allTickets(perPage: 2) { id number dueProvisional } }`);
    expect(r.errors).toBeUndefined();
    expect(r.data.allTickets).toHaveLength(2);
  });
});

describe('the ticket page', () => {
  const PAGE = `query($id: ID!) { Ticket(id: $id) { id number citizenPhone address content status receivedAt street { name } unit { name }
    events { kind } callbacks { result } } }`;

  it('runs its statements on one connection and logs the personal data it shows', async () => {
    const m = await measure(() => admin(PAGE, { id: String(ticketId) }));
    const t = m.result.data.Ticket;
    expect(t.citizenPhone).toBe('13800001234');
    expect(t.events.map((e: { kind: string }) => e.kind)).toEqual(['STEP1', 'STEP2']);
    expect(t.callbacks).toHaveLength(1);
    // The session, the ticket, then its street, unit, events, callbacks and the personal-data log of what it shows:
    // on PostgreSQL that level is one round trip (one statement list); PGlite runs them one by one.
    console.log(JSON.stringify({ scenario: 'ticket-page', statements: m.statements, checkouts: m.checkouts, engine: counted ? 'postgres' : 'pglite' }));
    expect(m.statements).toBeLessThanOrEqual(counted ? 3 : 7);
    if (counted) expect(m.checkouts).toBeLessThanOrEqual(2);
    const logged = await db.db.selectFrom('personalDataAccess').select('field').where('ticketId', '=', ticketId).execute();
    expect(logged.map((r) => r.field).sort()).toEqual(expect.arrayContaining(['address', 'citizenPhone', 'content']));
  });
});
