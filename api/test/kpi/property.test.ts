// The SQL reports and the pure module are one definition: on any generated set of tickets, callbacks, awards and
// negative records they must give identical counts, rates, scores and ranks, for every node and scheme. The reports
// read the stored daily and monthly counts (migration 0019), which the loading below also puts through a bulk
// reopening and re-closing; daily-counts.test.ts holds the store itself to the pure module through random changes.
// Times cluster on the edges (period bounds, due seconds ± 1 s) where off-by-one mistakes live; they span April to
// June so that the rankings' rolling windows (近2月, 近3月) are exercised against computeKpis over the whole window.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { addAward, addNegativeRecord, addTicket, comparableStreetRows, comparableUnitRows, makeStreet, pureStreetRanking, pureUnitRanking, readTickets, type Org } from './fixtures';
import { countKpis, computeKpis, explainIndicator, INDICATORS, type CallbackResult, type FactFinding, type Resolution } from '../../src/domain/kpi';
import type { ScoringScheme } from '../../src/domain/ranking';
import { loadScheme, nodeKpis, type NodeRef } from '../../src/reports/kpis';
import { streetRanking, unitRanking } from '../../src/reports/ranking';
import { monthRange } from '../../src/domain/time';

const SEED = Number(process.env.KPI_FC_SEED ?? 20230601);
const RUNS = Number(process.env.KPI_FC_RUNS ?? 30);
const MONTH = '2023-06';
const [START, END] = monthRange(MONTH);
const PERIOD = { start: START, end: END };
const S = 1000;
const H = 3600 * S;
const D = 24 * H;

let db: TestDatabase;
let s1: Org;
let s2: Org;
let units: { id: number; streetId: number }[];
const schemes: ScoringScheme[] = [];
const windowsSeen = new Map<number, number>();

beforeAll(async () => {
  console.log(`[kpi property] fast-check seed ${SEED}, ${RUNS} runs (KPI_FC_SEED / KPI_FC_RUNS to change)`);
  db = await createTestDatabase('none');
  s1 = await makeStreet(db);
  s2 = await makeStreet(db, s1.districtId);
  units = [
    { id: await s1.unit('D1', 'DEPARTMENT'), streetId: s1.streetId },
    { id: await s1.unit('D2', 'DEPARTMENT'), streetId: s1.streetId },
    { id: await s1.unit('I1', 'INSTITUTION'), streetId: s1.streetId },
    { id: await s1.unit('R1', 'RESIDENTIAL'), streetId: s1.streetId },
    { id: await s1.unit('R2', 'RESIDENTIAL'), streetId: s1.streetId },
    { id: await s1.unit('OLD', 'RESIDENTIAL', false), streetId: s1.streetId },
    { id: await s2.unit('D1', 'DEPARTMENT'), streetId: s2.streetId },
  ];
  const binary = await db.db
    .insertInto('scoringScheme')
    .values({ name: 'binary, small sample', satisfactionVariant: 'BINARY', minSample: 2, rollingMonths: 2 })
    .returning('id')
    .executeTakeFirstOrThrow();
  const odd = await db.db
    .insertInto('scoringScheme')
    .values({ name: 'odd weights', wFirstContact: 0, wOnTime: 33.33, wResolution: 7.5, wActualShare: 0, wSatisfaction: 12.25, tOnTime: 0.9, tResolution: 0.8123, tSatisfaction: 0.7, minSample: 1, rollingMonths: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  // Small enough that the generated units often reach it only over two or three months.
  const windowed = await db.db.insertInto('scoringScheme').values({ name: 'windowed', minSample: 3, rollingMonths: 3 }).returning('id').executeTakeFirstOrThrow();
  schemes.push((await loadScheme(db.db))!, (await loadScheme(db.db, binary.id))!, (await loadScheme(db.db, odd.id))!, (await loadScheme(db.db, windowed.id))!);
});
afterAll(() => db?.close());

// ---- generators ----

// April and May: the months a rolling window (近2月, 近3月) reaches back to.
const [APRIL] = monthRange('2023-04');
const [MAY] = monthRange('2023-05');
const edges = [APRIL.getTime(), MAY.getTime(), START.getTime(), END.getTime(), START.getTime() + 14 * D];
/** An instant from late March to early July, often exactly on (or one second off) a month bound. */
const instant = fc.oneof(
  fc.constantFrom(...edges).chain((e) => fc.constantFrom(e - S, e, e + S)),
  fc.integer({ min: APRIL.getTime() - 10 * D, max: END.getTime() + 10 * D }),
);
/** An offset from a due time: exactly on it, a second either side, or anywhere within days. */
const offset = fc.oneof(fc.constantFrom(-S, 0, S), fc.integer({ min: -3 * D, max: 3 * D }));

const ticketArb = fc.record({
  unit: fc.integer({ min: 0, max: 7 }), // 7 = nobody holds it yet
  nullUnitStreet: fc.boolean(),
  receivedAt: instant,
  firstContactHours: fc.integer({ min: 1, max: 48 }),
  completionDue: fc.oneof(instant, fc.integer({ min: 0, max: 20 * D }).map((x) => -x)),
  firstContact: fc.option(offset, { nil: null }),
  closed: fc.option(fc.oneof(offset.map((o) => ({ fromDue: o })), instant.map((t) => ({ at: t }))), { nil: null }),
  repeatOf: fc.option(fc.nat(), { nil: null, freq: 3 }),
  factFinding: fc.constantFrom<FactFinding | null>(null, 'TRUE', 'PARTLY_TRUE', 'UNFOUNDED'),
  unfoundedAccepted: fc.boolean(),
  resolution: fc.constantFrom<Resolution | null>(null, 'ACTUALLY_RESOLVED', 'EXPLAINED', 'UNRESOLVED'),
  callbacks: fc.uniqueArray(
    fc.record({
      after: fc.integer({ min: 0, max: 200 }).map((m) => m * H),
      result: fc.constantFrom<CallbackResult>('SATISFIED', 'BASICALLY_SATISFIED', 'NEUTRAL', 'UNSATISFIED', 'NOT_REACHED', 'REFUSED'),
    }),
    { maxLength: 4, selector: (c) => c.after },
  ),
});

const scenarioArb = fc.record({
  tickets: fc.array(ticketArb, { minLength: 5, maxLength: 60, size: 'large' }),
  awards: fc.array(
    fc.record({
      unit: fc.integer({ min: 0, max: 6 }),
      month: fc.constantFrom('2023-05', MONTH, MONTH, '2023-07'),
      status: fc.constantFrom('NOMINATED', 'SELECTED', 'SELECTED', 'REJECTED') as fc.Arbitrary<'NOMINATED' | 'SELECTED' | 'REJECTED'>,
      points: fc.constantFrom(0.1, 0.2, 0.5, 0.7, 1.0),
    }),
    { maxLength: 6 },
  ),
  deductions: fc.array(
    fc.record({
      unit: fc.integer({ min: 0, max: 6 }),
      date: fc.constantFrom('2023-05-31', '2023-06-01', '2023-06-15', '2023-06-30', '2023-07-01'),
      points: fc.constantFrom(0.1, 0.25, 0.5, 1, 2.35),
    }),
    { maxLength: 6 },
  ),
  now: fc.constantFrom(MAY.getTime() + 12 * D, START.getTime() + 10 * D + 7 * H, END.getTime() - S, END.getTime(), END.getTime() + 40 * D),
  scheme: fc.integer({ min: 0, max: 3 }),
});

type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

async function load(s: Scenario) {
  await sql`delete from callback`.execute(db.db);
  await sql`delete from ticket`.execute(db.db);
  await sql`delete from award`.execute(db.db);
  await sql`delete from negative_record`.execute(db.db);
  const ids: number[] = [];
  for (const t of s.tickets) {
    const u = units[t.unit];
    const streetId = u ? u.streetId : t.nullUnitStreet ? s1.streetId : s2.streetId;
    const receivedAt = new Date(t.receivedAt);
    const completionDue = new Date(t.completionDue < 0 ? t.receivedAt - t.completionDue : t.completionDue);
    const firstContactDue = new Date(t.receivedAt + t.firstContactHours * H);
    const closedAt = t.closed === null ? null : new Date('at' in t.closed ? t.closed.at : completionDue.getTime() + t.closed.fromDue);
    ids.push(
      await addTicket(db, {
        streetId,
        unitId: u?.id ?? null,
        receivedAt,
        firstContactDue,
        completionDue,
        firstContactAt: t.firstContact === null ? null : new Date(firstContactDue.getTime() + t.firstContact),
        closedAt,
        repeatOfId: t.repeatOf !== null && ids.length > 0 ? ids[t.repeatOf % ids.length]! : null,
        factFinding: t.factFinding,
        unfoundedAccepted: t.unfoundedAccepted,
        resolution: t.resolution,
        callbacks: t.callbacks.map((c) => ({ calledAt: new Date((closedAt ?? receivedAt).getTime() + c.after), result: c.result })),
      }),
    );
  }
  // Reopen a third of the tickets in one statement and close them again as they were: the stored daily counts
  // (migration 0019, which the reports read) must come back through both changes to what the tickets say.
  await sql`update ticket set reopened_at = closed_at, closed_at = null where id % 3 = 0`.execute(db.db);
  await sql`update ticket set closed_at = reopened_at, reopened_at = null where id % 3 = 0`.execute(db.db);
  for (const a of s.awards) await addAward(db, { unitId: units[a.unit]!.id, month: a.month, status: a.status, points: a.points, kind: a.points >= 0.5 ? 'DEMONSTRATION' : 'EXCELLENT' });
  for (const d of s.deductions) await addNegativeRecord(db, { unitId: units[d.unit]!.id, date: d.date, points: d.points });
}

describe('SQL reports = pure module (property)', () => {
  it('on generated tickets: every node, every scheme, indicators, scores and ranks agree', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (s) => {
        await load(s);
        const now = new Date(s.now);
        const scheme = schemes[s.scheme]!;
        const all = await readTickets(db);
        const nodes: [NodeRef, typeof all][] = [
          ...units.map((u): [NodeRef, typeof all] => [{ type: 'UNIT', id: u.id }, all.filter((t) => t.unitId === u.id)]),
          [{ type: 'STREET', id: s1.streetId }, all.filter((t) => t.unitStreetId === s1.streetId)],
          [{ type: 'STREET', id: s2.streetId }, all.filter((t) => t.unitStreetId === s2.streetId)],
          [{ type: 'DISTRICT', id: s1.districtId }, all.filter((t) => t.unitId !== null)],
        ];
        for (const [node, tickets] of nodes) {
          const [row] = await nodeKpis(db.db, { node, periods: [{ key: MONTH, ...PERIOD }], now, schemeId: scheme.id });
          expect(row!.counts).toEqual(countKpis(tickets, PERIOD, { now, variant: scheme.satisfactionVariant }));
          expect(row!.kpis).toEqual(computeKpis(tickets, PERIOD, { now, variant: scheme.satisfactionVariant }));
          // The explanation of each indicator lists exactly its denominator and sums to its numerator.
          for (const indicator of INDICATORS) {
            const e = explainIndicator(tickets, PERIOD, indicator, { now, variant: scheme.satisfactionVariant });
            expect(e.tickets.length).toBe(e.denominator);
            expect(e.tickets.filter((x) => x.inNumerator).length).toBe(e.tickets.filter((x) => x.score > 0).length);
            expect(e.tickets.reduce((sum, x) => sum + x.score, 0)).toBeCloseTo(e.numerator, 9);
          }
        }
        const units1 = await unitRanking(db.db, { streetId: s1.streetId, month: MONTH, now, schemeId: scheme.id });
        expect(comparableUnitRows(units1.rows)).toEqual(await pureUnitRanking(db, s1.streetId, MONTH, now, scheme));
        const streets = await streetRanking(db.db, { districtId: s1.districtId, month: MONTH, now, schemeId: scheme.id });
        expect(comparableStreetRows(streets.rows)).toEqual(await pureStreetRanking(db, s1.districtId, MONTH, now, scheme));
        for (const r of [...units1.rows, ...streets.rows]) windowsSeen.set(r.windowMonths, (windowsSeen.get(r.windowMonths) ?? 0) + 1);
      }),
      { seed: SEED, numRuns: RUNS, interruptAfterTimeLimit: 240_000, markInterruptAsFailure: true },
    );
    // The generated data did exercise the rolling window, both lengths.
    console.log(`[kpi property] rows by windowMonths: ${JSON.stringify([...windowsSeen].sort())}`);
    expect(windowsSeen.get(2)).toBeGreaterThan(0);
    expect(windowsSeen.get(3)).toBeGreaterThan(0);
  }, 600_000);
});
