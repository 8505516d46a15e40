// The database enforces the scoping, not only the application: requests run as the application role (grants), and
// a UNIT_HANDLER's request runs on a connection confined to its unit (row-level security on ticket), so a query that
// forgets auth/scope.ts still sees and changes only the handler's tickets. PostgreSQL only: the embedded PGlite is
// one owner session, which row-level security does not bind (README "Security").
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { testApi } from '../helpers/api';
import { createApiYoga } from '../../src/yoga';
import { appRoleOf, openDatabase } from '../../src/db/connection';
import { scopeStatement } from '../../src/db/session-scope';
import { withUnitScope } from '../../src/db/scope';
import type { Context } from '../../src/context';
import { createLoaders } from '../../src/loaders';

// A switch that makes the application forget its row scope, to show what the database alone still enforces.
const forget = vi.hoisted(() => ({ scope: false }));
vi.mock(import('../../src/auth/scope'), async (original) => {
  const real = await original();
  return { ...real, rowScope: ((ctx, table, q) => (forget.scope ? q : real.rowScope(ctx, table, q))) as typeof real.rowScope };
});

const PG = !!process.env.DATABASE_URL;
let db: TestDatabase;
let api: ReturnType<typeof testApi>;
let unitA: number;
let unitB: number;
let ticketB: number;
let streetId: number;
const TICKETS_A = 12;
const TICKETS_B = 7;

const count = async (d: TestDatabase['db']) => (await sql<{ n: number }>`select count(*)::int as n from ticket`.execute(d)).rows[0]!.n;
const handlerCtx = (unitId: number) => {
  const ctx = { db: db.appDb, user: { userId: null, tokenId: null, username: 'h', role: 'UNIT_HANDLER', unitId, canReadPersonalData: false } } as unknown as Context;
  ctx.loaders = createLoaders(ctx);
  return ctx;
};

beforeAll(async () => {
  db = await createTestDatabase('none');
  api = testApi(db);
  const admin = await api.signedIn('ADMIN');
  const d = await admin('mutation { createDistrict(code: "RS", name: "行级区") { id } }');
  streetId = Number((await admin('mutation($d: ID!) { createStreet(code: "RS", name: "行级街道", districtId: $d) { id } }', { d: d.data.createDistrict.id })).data.createStreet.id);
  const mk = async (code: string) =>
    Number((await admin('mutation($s: ID!, $c: String!) { createUnit(code: $c, name: $c, streetId: $s, peerGroup: DEPARTMENT) { id } }', { s: streetId, c: code })).data.createUnit.id);
  unitA = await mk('RSA');
  unitB = await mk('RSB');
  const ticket = (unitId: number, i: number) => ({
    number: `RLS-${unitId}-${i}`, streetId, unitId, category: 'COMPLAINT', status: 'DISPATCHED',
    receivedAt: new Date(Date.UTC(2023, 6, 3, 2, i)), firstContactDue: new Date(Date.UTC(2023, 6, 4)), completionDue: new Date(Date.UTC(2023, 6, 10)),
  });
  await db.db.insertInto('ticket').values([
    ...Array.from({ length: TICKETS_A }, (_, i) => ticket(unitA, i)),
    ...Array.from({ length: TICKETS_B }, (_, i) => ticket(unitB, i)),
  ]).execute();
  ticketB = (await db.db.selectFrom('ticket').select('id').where('unitId', '=', unitB).orderBy('id').executeTakeFirstOrThrow()).id;
  // One of A's tickets repeats one of B's: reaching B's ticket through that relation goes through a loader.
  await db.db.updateTable('ticket').set({ repeatOfId: ticketB }).where('number', '=', `RLS-${unitA}-0`).execute();
});
afterAll(() => db?.close());

describe('on PGlite: one owner session', () => {
  it.skipIf(PG)('requests use the owner database; a handler still sees only its unit through the application scope', async () => {
    expect(db.appDb).toBe(db.db);
    expect(await appRoleOf(db.appDb)).toBeNull();
    const handler = await api.signedIn('UNIT_HANDLER', { unitId: unitA });
    const r = await handler('{ _allTicketsMeta { count } }');
    expect(r.errors).toBeUndefined();
    expect(r.data._allTicketsMeta.count).toBe(TICKETS_A);
  });
});

describe.skipIf(!PG)('on PostgreSQL: requests run as rexian_app', () => {
  it('the request connection is rexian_app on the suite schema; the owner connection is not', async () => {
    expect(await appRoleOf(db.appDb)).toBe('rexian_app');
    const app = (await sql<{ u: string; s: string }>`select current_user as u, current_schema() as s`.execute(db.appDb)).rows[0]!;
    const owner = (await sql<{ u: string }>`select current_user as u`.execute(db.db)).rows[0]!;
    expect(app).toEqual({ u: 'rexian_app', s: db.schema });
    expect(owner.u).not.toBe('rexian_app');
  });

  it('the app cannot change the append-only tables or the migration bookkeeping, even without the triggers', async () => {
    const denied = async (q: ReturnType<typeof sql>) => {
      const e = await q.execute(db.appDb).then(() => null, (err) => err as { code?: string; message: string });
      return e?.code;
    };
    for (const t of ['audit_log', 'ticket_event', 'personal_data_access']) {
      expect(await denied(sql`update ${sql.table(t)} set at = at`), `update ${t}`).toBe('42501');
      expect(await denied(sql`delete from ${sql.table(t)}`), `delete ${t}`).toBe('42501');
      expect(await denied(sql`truncate ${sql.table(t)}`), `truncate ${t}`).toBe('42501');
    }
    expect(await denied(sql`select * from kysely_migration`)).toBe('42501');
    expect(await denied(sql`delete from kysely_migration`)).toBe('42501');
    // The writes the API does make still work: an audit row goes in through a normal mutation.
    const ops = await api.signedIn('OPS');
    const before = Number((await db.db.selectFrom('auditLog').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const r = await ops('mutation($u: ID!) { createAward(kind: EXCELLENT, unitId: $u, month: "2023-06", status: NOMINATED) { id } }', { u: String(unitA) });
    expect(r.errors).toBeUndefined();
    const after = Number((await db.db.selectFrom('auditLog').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    expect(after).toBeGreaterThan(before);
  });

  it("a handler's request db, used without any application scope, counts and changes only its unit's tickets", async () => {
    const staffWhileScoped: number[] = [];
    const ctx = handlerCtx(unitA);
    const seen = await withUnitScope(ctx, async () => {
      const n = await count(ctx.db);
      // A staff query on the same pool at the same moment is unaffected.
      staffWhileScoped.push(await count(db.appDb));
      const upd = await ctx.db.updateTable('ticket').set({ content: 'hijacked' }).where('id', '=', ticketB).executeTakeFirst();
      const del = await ctx.db.deleteFrom('ticket').where('unitId', '=', unitB).executeTakeFirst();
      const moved = await ctx.db.insertInto('ticket').values({
        number: 'RLS-SNEAK', streetId, unitId: unitB, category: 'COMPLAINT', receivedAt: new Date(), firstContactDue: new Date(), completionDue: new Date(),
      }).execute().then(() => 'inserted', (e) => (e as { code?: string }).code);
      const own = await ctx.db.updateTable('ticket').set({ content: 'mine' }).where('unitId', '=', unitA).executeTakeFirst();
      forget.scope = true; // the loaders, too, read through the confined connection
      const loaded = await ctx.loaders.byId('ticket').loadMany([ticketB]).finally(() => { forget.scope = false; });
      return { loaded, n, updated: Number(upd.numUpdatedRows), deleted: Number(del.numDeletedRows), moved, ownUpdated: Number(own.numUpdatedRows) };
    });
    expect(ctx.db).toBe(db.appDb); // the pooled db is back
    expect(seen).toEqual({ loaded: [null], n: TICKETS_A, updated: 0, deleted: 0, moved: '42501', ownUpdated: TICKETS_A });
    expect(staffWhileScoped).toEqual([TICKETS_A + TICKETS_B]);
    const b = await db.db.selectFrom('ticket').select(['content']).where('id', '=', ticketB).executeTakeFirstOrThrow();
    expect(b.content).toBeNull();
    expect(await count(db.db)).toBe(TICKETS_A + TICKETS_B);
  });

  it('through the API, with the application scope forgotten, the database alone keeps a handler to its unit', async () => {
    const handler = await api.signedIn('UNIT_HANDLER', { unitId: unitA });
    const ops = await api.signedIn('OPS');
    const unscopedYoga = createApiYoga({ db: db.appDb, production: false, dbUnitScope: false });
    forget.scope = true;
    try {
      const list = await handler('{ allTickets(perPage: 100) { id unit { id } repeatOf { id } } _allTicketsMeta { count } }');
      expect(list.errors).toBeUndefined();
      expect(list.data._allTicketsMeta.count).toBe(TICKETS_A);
      expect(list.data.allTickets.filter((t: { repeatOf: unknown }) => t.repeatOf)).toEqual([]); // B's ticket stays out of reach
      expect(new Set(list.data.allTickets.map((t: { unit: { id: string } }) => t.unit.id))).toEqual(new Set([String(unitA)]));
      const other = await handler('query($id: ID!) { Ticket(id: $id) { id } }', { id: String(ticketB) });
      expect(other.data?.Ticket ?? null).toBeNull();
      const staff = await ops('{ _allTicketsMeta { count } }');
      expect(staff.data._allTicketsMeta.count).toBe(TICKETS_A + TICKETS_B);
      // The control: the same forgetful request without the database scope sees every unit (the test bites).
      const cookie = await api.login((await db.db.selectFrom('appUser').select('username').where('role', '=', 'UNIT_HANDLER').where('unitId', '=', unitA).executeTakeFirstOrThrow()).username, 'password-123');
      const res = await unscopedYoga.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ query: '{ _allTicketsMeta { count } allTickets(perPage: 100) { repeatOf { id } } }' }) });
      const leaked = ((await res.json()) as any).data;
      expect(leaked._allTicketsMeta.count).toBe(TICKETS_A + TICKETS_B);
      expect(leaked.allTickets.filter((t: { repeatOf: unknown }) => t.repeatOf)).toEqual([{ repeatOf: { id: String(ticketB) } }]);
    } finally {
      forget.scope = false;
    }
  });

  it('the unit setting never leaks to another request on the pooled connections', async () => {
    const handler = await api.signedIn('UNIT_HANDLER', { unitId: unitB });
    const ops = await api.signedIn('OPS');
    forget.scope = true;
    try {
      const rounds = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          (i % 2 ? ops : handler)('{ _allTicketsMeta { count } }').then((r) => ({ staff: i % 2 === 1, n: r.data?._allTicketsMeta.count, err: r.errors?.[0]?.message })),
        ),
      );
      expect(rounds.filter((r) => r.err)).toEqual([]);
      expect(new Set(rounds.filter((r) => r.staff).map((r) => r.n))).toEqual(new Set([TICKETS_A + TICKETS_B]));
      expect(new Set(rounds.filter((r) => !r.staff).map((r) => r.n))).toEqual(new Set([TICKETS_B]));
    } finally {
      forget.scope = false;
    }
    // Every connection of the request pool (5, held at once) is back to unconfined.
    const settings = await Promise.all(Array.from({ length: 5 }, () =>
      sql<{ u: string; pid: number }>`select coalesce(current_setting('rexian.unit_id', true), '') as u, pg_backend_pid() as pid, pg_sleep(0.1)`.execute(db.appDb).then((r) => r.rows[0]!)));
    expect(new Set(settings.map((s) => s.pid)).size).toBe(5);
    expect(settings.map((s) => s.u)).toEqual(['', '', '', '', '']);
  });

  it('a session keeps its row scope between checkouts: the same scope again sends nothing, any other checkout changes it first', async () => {
    const sent: string[] = [];
    // One connection as rexian_app, so every checkout below reuses the same session.
    const one = await openDatabase({ databaseUrl: process.env.DATABASE_URL!, searchPath: db.schema, poolMax: 1, log: (q) => sent.push(q) });
    try {
      await count(one.appDb); // the first statement decides the role (one more statement, on the owner's pool)
      const all = await count(db.db);
      const ofUnit = async (u: number) => Number((await db.db.selectFrom('ticket').select((eb) => eb.fn.countAll().as('n')).where('unitId', '=', u).executeTakeFirstOrThrow()).n);
      const scoped = async (scope: { streetId: number | null; unitId: number | null } | null) => {
        sent.length = 0;
        const n = await one.appDb.connection().execute(async (c) => {
          if (scope) await c.executeQuery(scopeStatement(scope));
          return count(c);
        });
        return { n, scopeStatements: sent.filter((q) => q.includes('rexian:scope')).length, statements: sent.length };
      };
      expect(await scoped({ streetId, unitId: unitA })).toEqual({ n: await ofUnit(unitA), scopeStatements: 1, statements: 2 });
      expect(await scoped({ streetId, unitId: unitA })).toEqual({ n: await ofUnit(unitA), scopeStatements: 0, statements: 1 });
      // An unconfined checkout of the confined session: cleared before its first statement.
      expect(await scoped(null)).toEqual({ n: all, scopeStatements: 1, statements: 2 });
      expect(await scoped(null)).toEqual({ n: all, scopeStatements: 0, statements: 1 });
      expect(await scoped({ streetId, unitId: unitB })).toEqual({ n: await ofUnit(unitB), scopeStatements: 1, statements: 2 });
      // Another scope on the same street: changed, never reused.
      expect(await scoped({ streetId, unitId: unitA })).toEqual({ n: await ofUnit(unitA), scopeStatements: 1, statements: 2 });
      expect(await scoped({ streetId: streetId + 1000, unitId: null })).toEqual({ n: 0, scopeStatements: 1, statements: 2 });
      // A plain pool statement (no checkout of its own: Kysely takes one per statement) is unconfined too.
      sent.length = 0;
      expect(await count(one.appDb)).toBe(all);
      expect(sent.filter((q) => q.includes('rexian:scope'))).toHaveLength(1);
      const setting = (await sql<{ s: string; u: string }>`select coalesce(current_setting('rexian.street_id', true), '') as s, coalesce(current_setting('rexian.unit_id', true), '') as u`.execute(one.appDb)).rows[0];
      expect(setting).toEqual({ s: '', u: '' });
    } finally {
      await one.close();
    }
  });

  it("a handler's ticket list with relations takes as many statements for 100 tickets as for 10 on the pinned connection", async () => {
    await db.db.insertInto('ticket').values(Array.from({ length: 110 }, (_, i) => ({
      number: `RLS-BULK-${i}`, streetId, unitId: unitA, category: 'COMPLAINT', status: 'DISPATCHED',
      receivedAt: new Date(Date.UTC(2023, 6, 3, 3, i % 60)), firstContactDue: new Date(Date.UTC(2023, 6, 4)), completionDue: new Date(Date.UTC(2023, 6, 10)),
    }))).execute();
    const handler = await api.signedIn('UNIT_HANDLER', { unitId: unitA });
    const q = 'query($n: Int!) { allTickets(perPage: $n, filter: { q: "RLS-BULK" }) { number unit { name street { name } } street { name district { name } } events { id } } }';
    const statements = async (n: number) => {
      db.queries.reset();
      const r = await handler(q, { n });
      expect(r.errors).toBeUndefined();
      expect(r.data.allTickets).toHaveLength(n);
      // Scope statements depend on what the pooled sessions carried before (db/session-scope.ts), not on n.
      return db.queries.log.filter((s) => !s.includes('rexian:scope')).length;
    };
    const for10 = await statements(10);
    const for100 = await statements(100);
    expect(for100).toBe(for10);
  });
});
