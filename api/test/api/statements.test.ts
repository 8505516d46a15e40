// How many SQL statements (and, on PostgreSQL, pooled connections) a list page and a ticket page cost: the list's
// rows, their units and the count come in one statement reading only the selected columns, a ticket with its street,
// unit, events and callbacks in another (schema/prefetch.ts), and a query's statements share one connection instead of
// fanning out over the pool.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
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
/** A street-A ticket whose unit (by a bad import) is street B's: out of a street-A clerk's scope. */
let strayTicketId: number;
let units: Array<{ id: number; streetId: number }>;
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
  // Both streets have a unit U1 「第一单位」: a relation must come from the right street.
  units = await k.insertInto('unit').values(streets.map((s) => ({ code: 'U1', name: '第一单位', streetId: s.id, peerGroup: 'DEPARTMENT' as const }))).returning(['id', 'streetId']).execute();
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
  strayTicketId = inserted[5]!.id;
  await k.updateTable('ticket').set({ unitId: units[1]!.id }).where('id', '=', strayTicketId).execute();
  await k.insertInto('ticketEvent').values({ ticketId: strayTicketId, kind: 'STRAY', actorLabel: 'test' }).execute();

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
  it('costs 2 statements on one connection for 100 rows with their units and the count', async () => {
    const m = await measure(() => admin(LIST));
    expect(m.result.data.allTickets).toHaveLength(100);
    expect(m.result.data._allTicketsMeta.count).toBe(TICKETS_A + TICKETS_B);
    expect(m.result.data.allTickets.every((t: { unit: { name: string } }) => t.unit.name === '第一单位')).toBe(true);
    expect(m.statements).toBeLessThanOrEqual(2); // the session; the rows with their count and their units
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
    expect(t.street.name).toBe('甲街道');
    // The session; the ticket with its street, unit, events and callbacks (one statement); the personal-data log of
    // what it shows — written before the values leave, so after the row is read.
    console.log(JSON.stringify({ scenario: 'ticket-page', statements: m.statements, checkouts: m.checkouts, engine: counted ? 'postgres' : 'pglite' }));
    expect(m.statements).toBeLessThanOrEqual(3);
    expect(m.sql.filter((s) => /personal_data_access/.test(s))).toHaveLength(1);
    if (counted) expect(m.checkouts).toBeLessThanOrEqual(2);
    const logged = await db.db.selectFrom('personalDataAccess').select('field').where('ticketId', '=', ticketId).execute();
    expect(logged.map((r) => r.field).sort()).toEqual(expect.arrayContaining(['address', 'citizenPhone', 'content']));
  });

  it('shares the log\'s inserts between pages read at once, and shows none before its own rows are committed', async () => {
    if (!counted) return; // PGlite has one connection and no pinned ones: each page writes its own log
    const { personalDataLog } = await import('../../src/loaders');
    const { sql } = await import('kysely');
    const group = personalDataLog(counted.appDb);
    const ids = [3, 4, 6, 7].map((i) => i + 10); // four tickets of street A, besides the one above
    const tickets = await db.db.selectFrom('ticket').select(['id', 'number']).where('number', 'in', ids.map((i) => `CNT-${i}`)).execute();
    const before = log.length;
    // The log held by another transaction: the first page's insert waits, the others queue behind it.
    let answered = 0;
    const pages = await db.db.connection().execute(async (holder) => {
      await sql`begin`.execute(holder);
      await sql`lock table personal_data_access in share mode`.execute(holder);
      const sent = tickets.map((t) =>
        admin<any>(PAGE, { id: String(t.id) }).then((r) => {
          answered++;
          return r;
        }),
      );
      await vi.waitFor(() => expect(group.waiting).toBe(tickets.length - 1), { timeout: 10_000, interval: 5 });
      expect(answered).toBe(0);
      await sql`commit`.execute(holder);
      return Promise.all(sent);
    });
    for (const [i, r] of pages.entries()) {
      expect(r.errors).toBeUndefined();
      expect(r.data.Ticket.number).toBe(tickets[i]!.number);
      expect(r.data.Ticket.citizenPhone).toBe('13800001234');
    }
    // Two inserts for four pages: the first one's, then the three that waited, together.
    expect(log.slice(before).filter((s) => /insert into "personal_data_access"/i.test(s))).toHaveLength(2);
    const logged = await db.db.selectFrom('personalDataAccess').select(['ticketId', 'field', 'userId']).where('ticketId', 'in', tickets.map((t) => t.id)).execute();
    for (const t of tickets) {
      expect(logged.filter((r) => r.ticketId === t.id).map((r) => r.field).sort()).toEqual(['address', 'citizenPhone', 'content']);
    }
    expect(new Set(logged.map((r) => r.userId)).size).toBe(1);
  });
});

describe('relations read with their row', () => {
  const PAGE = `query($id: ID!) { Ticket(id: $id) { id citizenPhone street { id name } unit { id name code }
    events { id at kind actorLabel } callbacks { id calledAt result } } }`;

  it('costs the session and one statement for a reader who is shown no personal data', async () => {
    const clerkNoPersonal = await api.signedIn('OPS');
    const m = await measure(() => clerkNoPersonal(PAGE, { id: String(ticketId) }));
    const t = m.result.data.Ticket;
    expect(t.citizenPhone).toBe('138****1234');
    expect(t.unit).toEqual({ id: String(units[0]!.id), name: '第一单位', code: 'U1' });
    expect(t.events.map((e: { kind: string; at: string }) => [e.kind, typeof e.at])).toEqual([['STEP1', 'string'], ['STEP2', 'string']]);
    expect(new Date(t.events[0].at).toISOString()).toBe(t.events[0].at);
    expect(t.callbacks).toEqual([expect.objectContaining({ calledAt: '2023-06-05T00:00:00.000Z', result: 'SATISFIED' })]);
    expect(m.statements).toBeLessThanOrEqual(2);
  });

  it('gives the same answers as the loaders, within the caller\'s scope', async () => {
    // A street-A clerk reading the stray ticket: its unit is street B's, so null, as the unit loader would give.
    const stray = await clerk<any>(PAGE, { id: String(strayTicketId) });
    expect(stray.errors).toBeUndefined();
    expect(stray.data.Ticket.unit).toBeNull();
    expect(stray.data.Ticket.events.map((e: { kind: string }) => e.kind)).toEqual(['STRAY']);
    // The district sees street B's unit there.
    const district = await admin<any>(`query($id: ID!) { Ticket(id: $id) { unit { id name } street { name } } }`, { id: String(strayTicketId) });
    expect(district.data.Ticket.unit).toEqual({ id: String(units[1]!.id), name: '第一单位' });
    // Street B's clerk does not see the street-A ticket at all.
    const { createUser } = await import('../../src/repos/auth');
    await createUser(db.db, { username: 'clerk-b', password: 'password-123', role: 'OPS', streetId: units[1]!.streetId });
    const clerkB = api.as(await api.login('clerk-b', 'password-123'));
    const other = await clerkB<any>(PAGE, { id: String(strayTicketId) });
    expect(other.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    // A list of street A for its clerk: every unit the rows point to, or null for the stray one.
    const list = await clerk<any>(`{ allTickets(perPage: 10, sortField: "id", sortOrder: "ASC") { id unit { id name } } }`);
    const byId = new Map(list.data.allTickets.map((t: { id: string; unit: unknown }) => [t.id, t.unit]));
    expect(byId.get(String(strayTicketId))).toBeNull();
    expect(byId.get(String(ticketId))).toEqual({ id: String(units[0]!.id), name: '第一单位' });
  });

  it('keeps aliases and fragments working', async () => {
    const r = await admin<any>(`query($id: ID!) { Ticket(id: $id) { ...Rel first: events { kind } } }
      fragment Rel on Ticket { u: unit { name } unit { id } events { id } }`, { id: String(ticketId) });
    expect(r.errors).toBeUndefined();
    expect(r.data.Ticket.u).toEqual({ name: '第一单位' });
    expect(r.data.Ticket.unit).toEqual({ id: String(units[0]!.id) });
    expect(r.data.Ticket.first.map((e: { kind: string }) => e.kind)).toEqual(['STEP1', 'STEP2']);
    expect(r.data.Ticket.events).toHaveLength(2);
  });
});
