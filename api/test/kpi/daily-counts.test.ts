// The stored per-unit daily counts (migration 0019) stay equal to domain/kpi.ts through any sequence of changes:
// imports (one multi-row statement, and an upsert on the ticket number as a set-based import does), closing,
// reopening, reassigning, extensions, repeat groups, findings, callbacks added, changed and deleted, tickets deleted,
// a unit moved to another street. After the changes, every (unit, day) row equals the pure module's counts of that
// day, and the reports that read the store (unit and street rankings, kpis) equal the pure module on the tickets.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { comparableStreetRows, comparableUnitRows, makeStreet, pureStreetRanking, pureUnitRanking, readTickets, type Org } from './fixtures';
import { countKpis, emptyCounts, type CallbackResult, type FactFinding, type KpiCounts, type Resolution } from '../../src/domain/kpi';
import { DAY_MS, monthRange, shanghaiDate, shanghaiStartOfDay } from '../../src/domain/time';
import { loadScheme, nodeKpis } from '../../src/reports/kpis';
import { streetRanking, unitRanking } from '../../src/reports/ranking';
import { isDayAligned, periodReading } from '../../src/reports/daily-counts';

const SEED = Number(process.env.KPI_FC_SEED ?? 20230619);
const RUNS = Number(process.env.KPI_FC_RUNS ?? 15);
const MONTH = '2023-06';
const [START, END] = monthRange(MONTH);
const [MAY] = monthRange('2023-05');
const S = 1000;
const H = 3600 * S;
const D = 24 * H;
const FAR = new Date('2030-01-01T00:00:00Z');

let db: TestDatabase;
let s1: Org;
let s2: Org;
let units: number[];
let seq = 0;

beforeAll(async () => {
  db = await createTestDatabase('none');
  s1 = await makeStreet(db);
  s2 = await makeStreet(db, s1.districtId);
  units = [await s1.unit('A1'), await s1.unit('A2', 'RESIDENTIAL'), await s1.unit('A3', 'RESIDENTIAL'), await s2.unit('B1'), await s2.unit('B2')];
});
afterAll(() => db?.close());

// ---- generators: instants around day and month bounds, where an off-by-one day would show ----

const edges = [MAY.getTime(), START.getTime(), START.getTime() + 9 * D, START.getTime() + 10 * D, END.getTime()];
const instant = fc.oneof(
  fc.constantFrom(...edges).chain((e) => fc.constantFrom(e - S, e, e + S)),
  fc.integer({ min: MAY.getTime() - 5 * D, max: END.getTime() + 5 * D }),
);
const resolution = fc.constantFrom<Resolution | null>(null, 'ACTUALLY_RESOLVED', 'EXPLAINED', 'UNRESOLVED');
const result = fc.constantFrom<CallbackResult>('SATISFIED', 'BASICALLY_SATISFIED', 'NEUTRAL', 'UNSATISFIED', 'NOT_REACHED', 'REFUSED');
const unitIdx = fc.integer({ min: 0, max: 5 }); // 5 = nobody holds it
const ticketArb = fc.record({
  unit: unitIdx,
  receivedAt: instant,
  dueAfter: fc.integer({ min: 0, max: 12 * D }),
  firstContactAfter: fc.option(fc.integer({ min: 0, max: 48 * H }), { nil: null }),
  closedAt: fc.option(instant, { nil: null }),
  resolution,
  factFinding: fc.constantFrom<FactFinding | null>(null, 'TRUE', 'UNFOUNDED'),
  unfoundedAccepted: fc.boolean(),
  callbacks: fc.uniqueArray(fc.record({ after: fc.integer({ min: 0, max: 100 }).map((h) => h * H), result }), { maxLength: 3, selector: (c) => c.after }),
});
const pick = fc.nat();
const opArb = fc.oneof(
  fc.record({ op: fc.constant('import' as const), tickets: fc.array(ticketArb, { minLength: 1, maxLength: 8 }) }),
  fc.record({ op: fc.constant('upsert' as const), which: fc.array(pick, { minLength: 1, maxLength: 5 }), closedAt: instant, resolution }),
  fc.record({ op: fc.constant('reopen' as const), which: pick }),
  fc.record({ op: fc.constant('bulkReopen' as const), mod: fc.integer({ min: 2, max: 4 }) }),
  fc.record({ op: fc.constant('close' as const), which: pick, closedAt: instant, resolution }),
  fc.record({ op: fc.constant('reassign' as const), which: pick, unit: unitIdx }),
  fc.record({ op: fc.constant('extend' as const), which: pick, by: fc.integer({ min: -2 * D, max: 10 * D }) }),
  fc.record({ op: fc.constant('repeat' as const), which: pick, of: fc.option(pick, { nil: null }) }),
  fc.record({ op: fc.constant('finding' as const), which: pick, factFinding: fc.constantFrom<FactFinding | null>(null, 'TRUE', 'UNFOUNDED'), accepted: fc.boolean() }),
  fc.record({ op: fc.constant('firstContact' as const), which: pick, at: fc.option(instant, { nil: null }) }),
  fc.record({ op: fc.constant('addCallback' as const), which: pick, at: instant, result }),
  fc.record({ op: fc.constant('setCallback' as const), which: pick, result, shift: fc.constantFrom(0, 0, 5 * H, -5 * H) }),
  fc.record({ op: fc.constant('deleteCallback' as const), which: pick }),
  fc.record({ op: fc.constant('deleteTicket' as const), which: pick }),
  fc.record({ op: fc.constant('moveUnit' as const), unit: fc.integer({ min: 0, max: 4 }) }),
);
type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never;
type TicketArb = typeof ticketArb extends fc.Arbitrary<infer T> ? T : never;

const unitOf = (i: number) => units[i] ?? null;

/** One import: every ticket in one INSERT statement, their callbacks in a second (as a batch import writes them). */
async function importTickets(ts: TicketArb[]) {
  const streetOf = new Map((await db.db.selectFrom('unit').select(['id', 'streetId']).execute()).map((u) => [u.id, u.streetId]));
  const rows = ts.map((t) => {
    const unitId = unitOf(t.unit);
    const closedAt = t.closedAt === null ? null : new Date(Math.max(t.closedAt, t.receivedAt));
    return {
      number: `DC-${process.pid}-${++seq}`,
      streetId: unitId === null ? s1.streetId : streetOf.get(unitId)!,
      unitId,
      category: 'COMPLAINT',
      receivedAt: new Date(t.receivedAt),
      firstContactDue: new Date(t.receivedAt + 24 * H),
      completionDue: new Date(t.receivedAt + t.dueAfter),
      firstContactAt: t.firstContactAfter === null ? null : new Date(t.receivedAt + t.firstContactAfter),
      closedAt,
      status: closedAt ? 'CLOSED' : 'IN_PROGRESS',
      factFinding: t.factFinding,
      unfoundedAccepted: t.unfoundedAccepted,
      resolution: t.resolution,
    };
  });
  const ids = await db.db.insertInto('ticket').values(rows).returning(['id', 'closedAt', 'receivedAt']).execute();
  const callbacks = ids.flatMap((r, i) =>
    ts[i]!.callbacks.map((c) => ({ ticketId: r.id, calledAt: new Date((r.closedAt ?? r.receivedAt).getTime() + c.after), result: c.result })),
  );
  if (callbacks.length) await db.db.insertInto('callback').values(callbacks).execute();
}

async function apply(op: Op) {
  const ticketIds = (await db.db.selectFrom('ticket').select('id').orderBy('id').execute()).map((r) => r.id);
  const ticket = (n: number) => ticketIds[n % Math.max(1, ticketIds.length)];
  const one = (n: number) => {
    const id = ticket(n);
    return id === undefined ? null : db.db.updateTable('ticket').where('id', '=', id);
  };
  switch (op.op) {
    case 'import':
      return importTickets(op.tickets);
    case 'upsert': {
      // A set-based import: the rows of known numbers update in one INSERT … ON CONFLICT statement.
      const known = await db.db.selectFrom('ticket').selectAll().where('id', 'in', [...new Set(op.which.map(ticket))].filter((x) => x !== undefined) as number[]).execute();
      if (!known.length) return;
      const values = known.map((t) => ({
        number: t.number,
        streetId: t.streetId,
        unitId: t.unitId,
        category: t.category,
        receivedAt: t.receivedAt,
        firstContactDue: t.firstContactDue,
        completionDue: t.completionDue,
        closedAt: new Date(Math.max(op.closedAt, t.receivedAt.getTime())),
        resolution: op.resolution,
      }));
      await db.db
        .insertInto('ticket')
        .values(values)
        .onConflict((oc) => oc.column('number').doUpdateSet((eb) => ({ closedAt: eb.ref('excluded.closedAt'), resolution: eb.ref('excluded.resolution'), status: 'CLOSED' })))
        .execute();
      return;
    }
    case 'reopen':
      return one(op.which)?.set({ closedAt: null, reopenedAt: new Date(), status: 'IN_PROGRESS' }).execute();
    case 'bulkReopen':
      return sql`update ticket set closed_at = null, status = 'IN_PROGRESS' where id % ${op.mod}::int = 0`.execute(db.db);
    case 'close':
      return one(op.which)?.set({ closedAt: new Date(op.closedAt), resolution: op.resolution, status: 'CLOSED' }).execute();
    case 'reassign':
      return one(op.which)?.set({ unitId: unitOf(op.unit) }).execute();
    case 'extend':
      return sql`update ticket set completion_due = completion_due + ${op.by}::int * interval '1 millisecond', extension_approved = true
                 where id = ${ticket(op.which) ?? 0}::int`.execute(db.db);
    case 'repeat': {
      const id = ticket(op.which);
      const of = op.of === null ? null : ticket(op.of);
      if (id === undefined || of === id) return;
      return db.db.updateTable('ticket').set({ repeatOfId: of ?? null }).where('id', '=', id).execute();
    }
    case 'finding':
      return one(op.which)?.set({ factFinding: op.factFinding, unfoundedAccepted: op.accepted }).execute();
    case 'firstContact':
      return one(op.which)?.set({ firstContactAt: op.at === null ? null : new Date(op.at) }).execute();
    case 'addCallback': {
      const id = ticket(op.which);
      if (id === undefined) return;
      await db.db.insertInto('callback').values({ ticketId: id, calledAt: new Date(op.at), result: op.result }).onConflict((oc) => oc.doNothing()).execute();
      return;
    }
    case 'setCallback': {
      const cbs = await db.db.selectFrom('callback').select('id').orderBy('id').execute();
      const cb = cbs[op.which % Math.max(1, cbs.length)];
      if (!cb) return;
      await sql`update callback set result = ${op.result}, called_at = called_at + ${op.shift}::int * interval '1 millisecond' where id = ${cb.id}::int`
        .execute(db.db)
        .catch(() => undefined); // a shift onto another callback's time breaks (ticket_id, called_at): nothing changed
      return;
    }
    case 'deleteCallback': {
      const cbs = await db.db.selectFrom('callback').select('id').orderBy('id').execute();
      const cb = cbs[op.which % Math.max(1, cbs.length)];
      if (cb) await db.db.deleteFrom('callback').where('id', '=', cb.id).execute();
      return;
    }
    case 'deleteTicket': {
      const id = ticket(op.which);
      if (id === undefined) return;
      await db.db.updateTable('ticket').set({ repeatOfId: null }).where('repeatOfId', '=', id).execute();
      await db.db.deleteFrom('callback').where('ticketId', '=', id).execute();
      await db.db.deleteFrom('ticket').where('id', '=', id).execute();
      return;
    }
    case 'moveUnit': {
      const u = await db.db.selectFrom('unit').select(['id', 'streetId']).where('id', '=', units[op.unit]!).executeTakeFirstOrThrow();
      await db.db.updateTable('unit').set({ streetId: u.streetId === s1.streetId ? s2.streetId : s1.streetId }).where('id', '=', u.id).execute();
      return;
    }
  }
}

/** The pure module's counts of every (unit, Shanghai day) that some ticket touches, with the unit's street. */
async function expectedRows() {
  const tickets = await readTickets(db);
  const out = new Map<string, { streetId: number; counts: KpiCounts }>();
  for (const t of tickets) {
    if (t.unitId === null) continue;
    const days = new Set([t.receivedAt, t.closedAt, t.completionDue].filter((x): x is Date => x !== null).map(shanghaiDate));
    for (const day of days) {
      const start = shanghaiStartOfDay(day);
      const c = countKpis([t], { start, end: new Date(start.getTime() + DAY_MS) }, { now: FAR });
      const key = `${t.unitId}|${day}`;
      const acc = out.get(key) ?? { streetId: t.unitStreetId!, counts: emptyCounts() };
      for (const k of Object.keys(c) as (keyof KpiCounts)[]) acc.counts[k] += c[k];
      out.set(key, acc);
    }
  }
  // Rows of all zeros are left out on both sides: a day whose tickets all moved away.
  return new Map([...out].filter(([, v]) => Object.values(v.counts).some((n) => n !== 0)));
}

async function storedRows() {
  const rows = await db.db.selectFrom('kpiDailyCount').selectAll().execute();
  const out = new Map<string, { streetId: number; counts: KpiCounts }>();
  for (const { unitId, day, streetId, ...counts } of rows) {
    const c = counts as unknown as KpiCounts;
    if (Object.values(c).some((n) => n !== 0)) out.set(`${unitId}|${day}`, { streetId, counts: c });
  }
  return out;
}

/** The daily rows summed by month ('unit|YYYY-MM-01'), as kpi_monthly_count must hold them. */
function byMonth(days: Map<string, { streetId: number; counts: KpiCounts }>) {
  const out = new Map<string, { streetId: number; counts: KpiCounts }>();
  for (const [key, v] of days) {
    const [unit, day] = key.split('|') as [string, string];
    const k = `${unit}|${day.slice(0, 7)}-01`;
    const acc = out.get(k) ?? { streetId: v.streetId, counts: emptyCounts() };
    for (const c of Object.keys(v.counts) as (keyof KpiCounts)[]) acc.counts[c] += v.counts[c];
    out.set(k, acc);
  }
  return new Map([...out].filter(([, v]) => Object.values(v.counts).some((n) => n !== 0)));
}

async function storedMonths() {
  const rows = await sql<Record<string, number | string>>`select * from kpi_monthly_count`.execute(db.db);
  const out = new Map<string, { streetId: number; counts: KpiCounts }>();
  for (const { unitId, month, streetId, ...counts } of rows.rows) {
    const c = counts as unknown as KpiCounts;
    if (Object.values(c).some((n) => n !== 0)) out.set(`${unitId}|${month}`, { streetId: Number(streetId), counts: c });
  }
  return out;
}

describe('stored daily counts = domain/kpi.ts (property)', () => {
  it('after random imports, changes, reopenings and callbacks: every unit-day, and the reports reading them', async () => {
    const scheme = (await loadScheme(db.db))!;
    await fc.assert(
      fc.asyncProperty(
        fc.array(ticketArb, { minLength: 3, maxLength: 25 }),
        fc.array(opArb, { minLength: 1, maxLength: 12 }),
        fc.constantFrom(MAY.getTime() + 3 * D, START.getTime() + 10 * D + 7 * H, END.getTime() - S, END.getTime(), END.getTime() + 40 * D),
        async (initial, ops, nowMs) => {
          await sql`delete from callback`.execute(db.db);
          await sql`update ticket set repeat_of_id = null`.execute(db.db);
          await sql`delete from ticket`.execute(db.db);
          await importTickets(initial);
          for (const op of ops) await apply(op);
          const expected = await expectedRows();
          expect(await storedRows()).toEqual(expected);
          expect(await storedMonths()).toEqual(byMonth(expected));

          // The reports on the store (and asOf's own day from the tickets) = the pure module on the tickets.
          const now = new Date(nowMs);
          const all = await readTickets(db);
          const period = { start: START, end: END };
          for (const u of units) {
            const [row] = await nodeKpis(db.db, { node: { type: 'UNIT', id: u }, periods: [{ key: MONTH, ...period }], now });
            expect(row!.counts).toEqual(countKpis(all.filter((t) => t.unitId === u), period, { now }));
          }
          for (const st of [s1.streetId, s2.streetId]) {
            const [row] = await nodeKpis(db.db, { node: { type: 'STREET', id: st }, periods: [{ key: MONTH, ...period }], now });
            expect(row!.counts).toEqual(countKpis(all.filter((t) => t.unitStreetId === st), period, { now }));
            const ranked = await unitRanking(db.db, { streetId: st, month: MONTH, now });
            expect(comparableUnitRows(ranked.rows)).toEqual(await pureUnitRanking(db, st, MONTH, now, scheme, all));
          }
          const streets = await streetRanking(db.db, { districtId: s1.districtId, month: MONTH, now });
          expect(comparableStreetRows(streets.rows)).toEqual(await pureStreetRanking(db, s1.districtId, MONTH, now, scheme, all));
        },
      ),
      { seed: SEED, numRuns: RUNS, interruptAfterTimeLimit: 240_000, markInterruptAsFailure: true },
    );
  }, 600_000);
});

describe('reading a period from the store', () => {
  it('takes whole Shanghai days only; D of a running period stops at the day of asOf, which is read from the tickets', () => {
    expect(isDayAligned({ start: START, end: END })).toBe(true);
    expect(isDayAligned({ start: new Date(START.getTime() + H), end: END })).toBe(false);
    const p = { key: MONTH, start: START, end: END };
    expect(periodReading(p, new Date(END.getTime() + D))).toMatchObject({ startDay: '2023-06-01', endDay: '2023-07-01', dueEndDay: '2023-07-01', live: null });
    expect(periodReading(p, new Date(START.getTime() - S))).toMatchObject({ dueEndDay: '2023-06-01', live: null });
    const mid = new Date(START.getTime() + 10 * D + 7 * H);
    expect(periodReading(p, mid)).toMatchObject({ dueEndDay: '2023-06-11', live: { from: new Date(START.getTime() + 10 * D), asOf: mid } });
    // asOf exactly at the start: only tickets due at that very instant are in D.
    expect(periodReading(p, START)).toMatchObject({ dueEndDay: '2023-06-01', live: { from: START, asOf: START } });
  });
});

// Row-level security on the store and the planner-friendly policies of 0019. PostgreSQL only: the embedded PGlite
// is one owner session, which row-level security does not bind.
describe.skipIf(!process.env.DATABASE_URL)('on PostgreSQL, as the application role', () => {
  const scoped = <T>(street: number | null, unit: number | null, work: (c: TestDatabase['db']) => Promise<T>) =>
    db.appDb.connection().execute(async (c) => {
      await sql`select set_config('rexian.street_id', ${street === null ? '' : String(street)}, false),
                       set_config('rexian.unit_id', ${unit === null ? '' : String(unit)}, false)`.execute(c);
      try {
        return await work(c);
      } finally {
        await sql`select set_config('rexian.street_id', '', false), set_config('rexian.unit_id', '', false)`.execute(c);
      }
    });
  const count = async (c: TestDatabase['db'], where = sql`true`) =>
    (await sql<{ n: number }>`select count(*)::int as n from kpi_daily_count where ${where}`.execute(c)).rows[0]!.n;

  it('reads only its street’s (and a handler only its unit’s) daily counts, and cannot write them', async () => {
    await sql`delete from callback`.execute(db.db);
    await sql`update ticket set repeat_of_id = null`.execute(db.db);
    await sql`delete from ticket`.execute(db.db);
    const t = (unit: number, day: number) => ({ unit: units.indexOf(unit), receivedAt: START.getTime() + day * D, dueAfter: D, firstContactAfter: null, closedAt: null, resolution: null, factFinding: null, unfoundedAccepted: false, callbacks: [] });
    const [a1, , , b1] = units as [number, number, number, number];
    await importTickets([t(a1, 1), t(a1, 2), t(b1, 3)]);
    const street = async (id: number) => (await db.db.selectFrom('unit').select('streetId').where('id', '=', a1).executeTakeFirstOrThrow()).streetId === id;
    const a1Street = (await street(s1.streetId)) ? s1.streetId : s2.streetId;
    const all = await count(db.db);
    expect(all).toBeGreaterThan(0);
    expect(await scoped(null, null, (c) => count(c))).toBe(all);
    expect(await scoped(a1Street, null, (c) => count(c))).toBe(await count(db.db, sql`street_id = ${a1Street}::int`));
    expect(await scoped(a1Street, null, (c) => count(c, sql`street_id <> ${a1Street}::int`))).toBe(0);
    expect(await scoped(null, a1, (c) => count(c))).toBe(await count(db.db, sql`unit_id = ${a1}::int`));
    const write = await scoped(null, null, (c) =>
      sql`update kpi_daily_count set received_count = 0`.execute(c).then(() => 'written', (e) => (e as { code?: string }).code),
    );
    expect(write).toBe('42501');
  });
});
