// The monthly ranking (domain.md §4), one rule per test. Each table is computed by the SQL report and,
// independently, by the pure module on the rows read back; the two must be identical.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { migrateToLatest, migrator } from '../../src/db/migrate';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { addAward, addNegativeRecord, addTicket, at, comparableStreetRows, comparableUnitRows, makeStreet, pureStreetRanking, pureUnitRanking, type Org } from './fixtures';
import { findSnapshot, rankingDifferences, saveSnapshot, streetRanking, unitRanking } from '../../src/reports/ranking';
import { loadScheme } from '../../src/reports/kpis';
import { baseScore, DEFAULT_SCHEME, monthsBack, PEER_GROUP_ORDER, rankingWindow, rankRows, scoreKey, type ScoringScheme } from '../../src/domain/ranking';
import type { CallbackResult, Resolution } from '../../src/domain/kpi';

let db: TestDatabase;
let scheme: ScoringScheme;
const MONTH = '2023-06';
const NOW = at('2023-08-01 09:00');

beforeAll(async () => {
  db = await createTestDatabase('none');
  scheme = (await loadScheme(db.db))!;
});
afterAll(() => db?.close());

/** n tickets of a unit closed in June: contacted, closed on time, resolved and 满意 unless told otherwise. */
async function closed(org: Org, unitId: number | null, n: number, o: { resolution?: Resolution; callback?: CallbackResult | null; late?: boolean } = {}) {
  for (let i = 0; i < n; i++) {
    await addTicket(db, {
      streetId: org.streetId,
      unitId,
      receivedAt: at('2023-06-05 09:00'),
      firstContactAt: at('2023-06-05 10:00'),
      completionDue: at('2023-06-09 23:59:59'),
      closedAt: o.late ? at('2023-06-12 10:00') : at('2023-06-08 10:00'),
      resolution: o.resolution ?? 'ACTUALLY_RESOLVED',
      callbacks: o.callback === null ? [] : [{ calledAt: at('2023-06-10 10:00'), result: o.callback ?? 'SATISFIED' }],
    });
  }
}

/** The SQL table, after checking it equals the independent computation. */
async function ranking(org: Org, o: { now?: Date; scheme?: ScoringScheme } = {}) {
  const use = o.scheme ?? scheme;
  const now = o.now ?? NOW;
  const sqlRows = await unitRanking(db.db, { streetId: org.streetId, month: MONTH, now, schemeId: use.id });
  expect(comparableUnitRows(sqlRows.rows)).toEqual(await pureUnitRanking(db, org.streetId, MONTH, now, use));
  expect(sqlRows.schemeId).toBe(use.id);
  return sqlRows.rows;
}

/**
 * n tickets of a unit closed on `day` (received 3 days before, due 2 days before closing unless late): contacted
 * in time unless `noContact`, 实际解决 and 满意.
 */
async function closedOn(org: Org, unitId: number, n: number, day: string, o: { late?: boolean; noContact?: boolean; time?: string } = {}) {
  const closedAt = at(`${day} ${o.time ?? '10:00'}`);
  const receivedAt = new Date(closedAt.getTime() - 3 * 86_400_000);
  for (let i = 0; i < n; i++) {
    await addTicket(db, {
      streetId: org.streetId,
      unitId,
      receivedAt,
      firstContactAt: o.noContact ? null : new Date(receivedAt.getTime() + 3_600_000),
      completionDue: new Date(closedAt.getTime() + (o.late ? -1 : 1) * 86_400_000),
      closedAt,
      resolution: 'ACTUALLY_RESOLVED',
      callbacks: [{ calledAt: new Date(closedAt.getTime() + 3_600_000), result: 'SATISFIED' }],
    });
  }
}

const byUnit = (rows: Awaited<ReturnType<typeof ranking>>, id: number) => rows.find((r) => r.unitId === id)!;

describe('unit ranking inside a street', () => {
  it('lists every active unit; fewer than minSample (5) closed tickets → 样本不足, no rank, listed last', async () => {
    const org = await makeStreet(db);
    const a = await org.unit('A');
    const b = await org.unit('B');
    const c = await org.unit('C');
    await org.unit('X', 'DEPARTMENT', false); // inactive: not listed
    await closed(org, a, 5);
    await closed(org, b, 4);
    const rows = await ranking(org);
    expect(rows.map((r) => [r.unitId, r.rank, r.sampleTooSmall])).toEqual([
      [a, 1, false],
      [b, null, true],
      [c, null, true],
    ]);
    expect(rows[1]!.baseScore).toBe(100); // scored, but not ranked
    expect(rows[2]).toMatchObject({ baseScore: null, total: null, bonus: 0, deduction: 0 });
    expect(rows[2]!.kpis).toEqual({ receivedCount: 0, closedCount: 0, firstContactRate: null, onTimeRate: null, resolutionRate: null, actualResolvedShare: null, satisfactionRate: null });
  });

  it('equal totals share a rank and the next rank skips: 1, 2, 2, 4', async () => {
    const org = await makeStreet(db);
    const [a, b, c, d] = [await org.unit('A'), await org.unit('B'), await org.unit('C'), await org.unit('D')];
    await closed(org, a, 6);
    for (const u of [b, c]) {
      await closed(org, u, 5);
      await closed(org, u, 1, { resolution: 'UNRESOLVED' });
    }
    await closed(org, d, 3);
    await closed(org, d, 3, { late: true });
    const rows = await ranking(org);
    expect(rows.map((r) => [r.unitId, r.rank])).toEqual([
      [a, 1],
      [b, 2],
      [c, 2],
      [d, 4],
    ]);
    expect(rows[1]!.total).toBe(rows[2]!.total);
  });

  it('within equal totals, higher satisfaction comes first, then the unit code', async () => {
    const org = await makeStreet(db);
    const x = await org.unit('Z-perfect');
    const y = await org.unit('A-late');
    // X: perfect, minus a 0.5 deduction → 99.5. Y: 39 of 40 on time → 100·(20 + 20·39/40 + 20 + 10 + 30)/100 = 99.5,
    // one 基本满意 leaving satisfaction above its 93% target (score unchanged) but below X's.
    await closed(org, x, 5);
    await addNegativeRecord(db, { unitId: x, date: '2023-06-15', points: 0.5 });
    await closed(org, y, 38);
    await closed(org, y, 1, { callback: 'BASICALLY_SATISFIED' });
    await closed(org, y, 1, { late: true });
    const rows = await ranking(org);
    expect(rows.map((r) => [r.unitId, r.rank, r.total])).toEqual([
      [x, 1, 99.5],
      [y, 1, 99.5],
    ]);
  });

  it('ranks each peer group separately; rows of the same rank come in peer-group order', async () => {
    const org = await makeStreet(db);
    const dept1 = await org.unit('D1', 'DEPARTMENT');
    const dept2 = await org.unit('D2', 'DEPARTMENT');
    const res1 = await org.unit('R1', 'RESIDENTIAL');
    const inst1 = await org.unit('I1', 'INSTITUTION');
    await closed(org, dept1, 5, { late: true });
    await closed(org, dept2, 5);
    await closed(org, res1, 5, { resolution: 'EXPLAINED' });
    await closed(org, inst1, 5, { callback: 'UNSATISFIED' });
    const rows = await ranking(org);
    expect(rows.map((r) => [r.unitId, r.peerGroup, r.rank])).toEqual([
      [dept2, 'DEPARTMENT', 1],
      [inst1, 'INSTITUTION', 1],
      [res1, 'RESIDENTIAL', 1],
      [dept1, 'DEPARTMENT', 2],
    ]);
  });

  it('adds the points of SELECTED awards of the month only', async () => {
    const org = await makeStreet(db);
    const u = await org.unit('A');
    await closed(org, u, 5);
    await addAward(db, { unitId: u, month: MONTH, status: 'SELECTED', points: 0.2 });
    await addAward(db, { unitId: u, month: MONTH, status: 'SELECTED', points: 0.5, kind: 'DEMONSTRATION' });
    await addAward(db, { unitId: u, month: MONTH, status: 'NOMINATED', points: 1.0, kind: 'DEMONSTRATION' });
    await addAward(db, { unitId: u, month: MONTH, status: 'REJECTED', points: 0.2 });
    await addAward(db, { unitId: u, month: '2023-05', status: 'SELECTED', points: 0.2 });
    await addAward(db, { unitId: u, month: '2023-07', status: 'SELECTED', points: 0.2 });
    const [row] = await ranking(org);
    expect(row).toMatchObject({ baseScore: 100, bonus: 0.7, deduction: 0, total: 100.7 });
  });

  it('subtracts the negative records dated in the month (Shanghai calendar dates, both ends)', async () => {
    const org = await makeStreet(db);
    const u = await org.unit('A');
    await closed(org, u, 5);
    await addNegativeRecord(db, { unitId: u, date: '2023-05-31', points: 1 });
    await addNegativeRecord(db, { unitId: u, date: '2023-06-01', points: 0.5 });
    await addNegativeRecord(db, { unitId: u, date: '2023-06-30', points: 1.5 });
    await addNegativeRecord(db, { unitId: u, date: '2023-07-01', points: 2 });
    const [row] = await ranking(org);
    expect(row).toMatchObject({ baseScore: 100, bonus: 0, deduction: 2, total: 98 });
  });

  it('a KPI without a rate drops out and the others are rescaled over their weights', async () => {
    const org = await makeStreet(db);
    const u = await org.unit('A');
    await closed(org, u, 4, { callback: null });
    await closed(org, u, 1, { resolution: 'UNRESOLVED', callback: null });
    const [row] = await ranking(org);
    expect(row!.kpis.satisfactionRate).toBeNull();
    // firstContact 20 + onTime 20 + resolution 20·min(1, 0.8/0.97) + share 10, over 70
    expect(row!.baseScore).toBeCloseTo((100 * (20 + 20 + 20 * (0.8 / 0.97) + 10)) / 70, 10);
  });

  it('no KPI with a rate → no base score and no total, awards and deductions notwithstanding', async () => {
    const org = await makeStreet(db);
    const u = await org.unit('A');
    await addTicket(db, { streetId: org.streetId, unitId: u, receivedAt: at('2023-06-20 09:00'), completionDue: at('2023-07-20 09:00') });
    await addAward(db, { unitId: u, month: MONTH, status: 'SELECTED', points: 0.2 });
    await addNegativeRecord(db, { unitId: u, date: '2023-06-15', points: 1 });
    const [row] = await ranking(org);
    expect(row).toMatchObject({ rank: null, baseScore: null, total: null, bonus: 0.2, deduction: 1, sampleTooSmall: true });
    expect(baseScore({ receivedCount: 1, closedCount: 0, firstContactRate: null, onTimeRate: null, resolutionRate: null, actualResolvedShare: null, satisfactionRate: null }, DEFAULT_SCHEME)).toBeNull();
  });

  it('a closed month recomputes to the same table', async () => {
    const org = await makeStreet(db);
    const a = await org.unit('A');
    const b = await org.unit('B');
    await closed(org, a, 6);
    await closed(org, b, 6, { late: true });
    const first = await unitRanking(db.db, { streetId: org.streetId, month: MONTH, now: NOW });
    const again = await unitRanking(db.db, { streetId: org.streetId, month: MONTH, now: at('2024-03-01 00:00') });
    expect(again).toEqual(first);
  });
});

describe('the rolling window (近N月) of a unit short of minSample in the month', () => {
  it('3 closed in June and 2 in May → 近2月: every indicator over both months, awards and deductions of June only', async () => {
    const org = await makeStreet(db);
    const twin = await makeStreet(db, org.districtId); // another street with a unit of the same code and name
    const a = await org.unit('A');
    const full = await org.unit('B');
    const twinA = await twin.unit('A');
    await closedOn(org, a, 3, '2023-06-12');
    // May: one closed on the window's first instant (received and due in April) without first contact; one late.
    await closedOn(org, a, 1, '2023-05-01', { time: '00:00', late: true, noContact: true });
    await closedOn(org, a, 1, '2023-05-31', { time: '23:59:59', late: true });
    await closedOn(org, a, 1, '2023-04-30', { time: '23:59:59', late: true }); // one second before the window
    await closedOn(org, full, 5, '2023-06-20');
    await closedOn(twin, twinA, 5, '2023-05-10', { late: true }); // not A's, same code
    await addAward(db, { unitId: a, month: '2023-05', status: 'SELECTED', points: 0.5, kind: 'DEMONSTRATION' });
    await addAward(db, { unitId: a, month: MONTH, status: 'SELECTED', points: 0.2 });
    await addNegativeRecord(db, { unitId: a, date: '2023-05-20', points: 1 });
    await addNegativeRecord(db, { unitId: a, date: '2023-06-10', points: 0.5 });

    const rows = await ranking(org);
    const row = byUnit(rows, a);
    expect(row).toMatchObject({ windowMonths: 2, sampleTooSmall: false, closedByMonth: [3, 2, 1], minSample: 5, bonus: 0.2, deduction: 0.5 });
    // Received in the window: June's 3 and the late May one (the other was received in April). Due in the window:
    // June's 3 and the late May one (the other was due in April).
    expect(row.kpis).toEqual({ receivedCount: 4, closedCount: 5, firstContactRate: 4 / 5, onTimeRate: 3 / 4, resolutionRate: 1, actualResolvedShare: 1, satisfactionRate: 1 });
    expect(row.rank).toBe(2);
    expect(row.total).toBeCloseTo((20 * 0.8 + 20 * 0.75 + 20 + 10 + 30) + 0.2 - 0.5, 10);
    expect(byUnit(rows, full)).toMatchObject({ rank: 1, windowMonths: 1, closedByMonth: [5, 0, 0] });

    // The twin street's A: nothing in June, 5 in May → 近2月 on its own tickets only.
    const twinRow = (await ranking(twin)).find((r) => r.unitId === twinA)!;
    expect(twinRow).toMatchObject({ windowMonths: 2, sampleTooSmall: false, closedByMonth: [0, 5, 0], rank: 1 });
    expect(twinRow.kpis).toMatchObject({ closedCount: 5, onTimeRate: 0 });
  });

  it('takes the shortest window that reaches minSample; short after rollingMonths → 样本不足 with the month’s own figures', async () => {
    const org = await makeStreet(db);
    const cases: [string, [number, number, number], number, boolean][] = [
      // code, closed in [June, May, April], windowMonths, sampleTooSmall
      ['ONE-EACH', [1, 1, 1], 1, true],
      ['EXACT', [5, 3, 0], 1, false],
      ['TWO', [4, 2, 9], 2, false],
      ['THREE', [2, 2, 1], 3, false],
      ['NONE', [0, 0, 0], 1, true],
    ];
    const ids: Record<string, number> = {};
    for (const [code, [jun, may, apr]] of cases) {
      const u = (ids[code] = await org.unit(code));
      await closedOn(org, u, jun, '2023-06-15');
      await closedOn(org, u, may, '2023-05-15', { late: true }); // earlier months late: a window shows in onTimeRate
      await closedOn(org, u, apr, '2023-04-15', { late: true });
    }
    const rows = await ranking(org);
    for (const [code, closed, windowMonths, tooSmall] of cases) {
      const row = byUnit(rows, ids[code]!);
      expect({ code, closedByMonth: row.closedByMonth, windowMonths: row.windowMonths, sampleTooSmall: row.sampleTooSmall, ranked: row.rank !== null }).toEqual({
        code, closedByMonth: closed, windowMonths, sampleTooSmall: tooSmall, ranked: !tooSmall,
      });
      const inWindow = closed.slice(0, windowMonths);
      expect(row.kpis.closedCount).toBe(inWindow.reduce((x, y) => x + y, 0));
    }
    // 1 + 1 + 1: the month's own figures (its one ticket on time), not the three months' (1 of 3).
    expect(byUnit(rows, ids['ONE-EACH']!).kpis).toMatchObject({ closedCount: 1, onTimeRate: 1 });
    expect(byUnit(rows, ids['ONE-EACH']!).baseScore).toBe(100);
    expect(byUnit(rows, ids.EXACT!).kpis.onTimeRate).toBe(1);
    expect(byUnit(rows, ids.TWO!).kpis.onTimeRate).toBe(4 / 6);
    expect(byUnit(rows, ids.THREE!).kpis.onTimeRate).toBe(2 / 5);
  });

  it('rollingMonths = 1 turns the window off', async () => {
    const org = await makeStreet(db);
    const u = await org.unit('A');
    await closedOn(org, u, 3, '2023-06-15');
    await closedOn(org, u, 2, '2023-05-15');
    const single = await db.db.insertInto('scoringScheme').values({ name: `no window ${org.streetId}`, rollingMonths: 1 }).returning('id').executeTakeFirstOrThrow();
    const noWindow = (await loadScheme(db.db, single.id))!;
    expect(noWindow.rollingMonths).toBe(1);
    expect((await ranking(org, { scheme: noWindow }))[0]).toMatchObject({ windowMonths: 1, sampleTooSmall: true, rank: null, closedByMonth: [3] });
    expect((await ranking(org))[0]).toMatchObject({ windowMonths: 2, sampleTooSmall: false, rank: 1, closedByMonth: [3, 2, 0] });
  });

  it('按期完成率 over a window of a running month: due in [1 May, end of June) and not after now', async () => {
    const org = await makeStreet(db);
    const u = await org.unit('A');
    const now = at('2023-06-15 12:00');
    await closedOn(org, u, 1, '2023-06-08');
    await closedOn(org, u, 4, '2023-05-12');
    const open = (received: string, due: string) =>
      addTicket(db, { streetId: org.streetId, unitId: u, receivedAt: at(received), firstContactAt: at(received), completionDue: at(due) });
    await open('2023-05-20 09:00', '2023-05-25 23:59:59'); // due in May, still open: late
    await open('2023-06-10 09:00', '2023-06-15 11:59:59'); // due a second before now: late
    await open('2023-06-12 09:00', '2023-06-15 12:00:01'); // due a second after now: not yet in D
    await open('2023-04-25 09:00', '2023-04-30 23:59:59'); // due before the window
    const [row] = await ranking(org, { now });
    expect(row).toMatchObject({ windowMonths: 2, closedByMonth: [1, 4, 0] });
    expect(row!.kpis).toMatchObject({ receivedCount: 8, closedCount: 5, onTimeRate: 5 / 7 });
  });

  it('a published month keeps its windows; a snapshot stored before the window reads as windowMonths 1', async () => {
    const org = await makeStreet(db);
    const u = await org.unit('A');
    await closedOn(org, u, 3, '2023-06-15');
    await closedOn(org, u, 2, '2023-05-15');
    const live = await unitRanking(db.db, { streetId: org.streetId, month: MONTH, now: NOW });
    const saved = await saveSnapshot(db.db, { streetId: org.streetId, month: MONTH, schemeId: scheme.id!, rows: live.rows, publishedBy: null, replace: false });
    expect(saved!.snapshot.rows).toEqual(live.rows);
    expect((await findSnapshot(db.db, org.streetId, MONTH))!.rows[0]).toMatchObject({ windowMonths: 2, closedByMonth: [3, 2, 0] });

    // As published before migration 0014: the month alone, no window fields.
    const { windowMonths, closedByMonth, minSample, ...old } = live.rows[0]!;
    void windowMonths, void closedByMonth, void minSample;
    const oldRow = { ...old, rank: null, sampleTooSmall: true, kpis: { ...old.kpis, closedCount: 3, receivedCount: 3 } };
    await db.db.updateTable('rankingSnapshot').set({ rows: JSON.stringify([oldRow]) }).where('streetId', '=', org.streetId).execute();
    const read = (await findSnapshot(db.db, org.streetId, MONTH))!.rows;
    expect(read[0]).toMatchObject({ windowMonths: 1, closedByMonth: [3], minSample: scheme.minSample, sampleTooSmall: true });
    expect(rankingDifferences(read, live.rows)).toEqual(
      expect.arrayContaining([
        { unitId: u, field: 'windowMonths', snapshot: 1, current: 2 },
        { unitId: u, field: 'rank', snapshot: null, current: 1 },
      ]),
    );
  });
});

describe('migration 0014 (rollingMonths)', () => {
  it('gives schemes the window of 3 months, except those a published ranking used: they keep the month alone', async () => {
    const fresh = await createTestDatabase('none');
    try {
      const m = migrator(fresh);
      expect((await m.migrateTo('0014_rolling_window')).error).toBeUndefined();
      expect((await m.migrateDown()).error).toBeUndefined(); // back to before the window
      const used = (await loadScheme(fresh.db))!.id!;
      const { rows: [unused] } = await sql<{ id: number }>`insert into scoring_scheme (name) values ('unused') returning id`.execute(fresh.db);
      const org = await makeStreet(fresh);
      await sql`insert into ranking_snapshot (street_id, month, scheme_id, rows) values (${org.streetId}, '2023-05', ${used}, '[]'::jsonb)`.execute(fresh.db);
      await migrateToLatest(fresh);
      const after = await fresh.db.selectFrom('scoringScheme').select(['id', 'rollingMonths']).orderBy('id').execute();
      expect(after).toEqual([{ id: used, rollingMonths: 1 }, { id: unused!.id, rollingMonths: 3 }]);
      await expect(sql`update scoring_scheme set rolling_months = 0 where id = ${unused!.id}`.execute(fresh.db)).rejects.toThrow();
    } finally {
      await fresh.close();
    }
  });
});

describe('rankingWindow and monthsBack', () => {
  it('picks the shortest window reaching minSample, within rollingMonths', () => {
    const s = { minSample: 5, rollingMonths: 3 };
    expect(rankingWindow([3, 2, 0], s)).toEqual({ windowMonths: 2, sampleTooSmall: false });
    expect(rankingWindow([1, 1, 1], s)).toEqual({ windowMonths: 1, sampleTooSmall: true });
    expect(rankingWindow([5, 0, 0], s)).toEqual({ windowMonths: 1, sampleTooSmall: false });
    expect(rankingWindow([1, 1, 3], s)).toEqual({ windowMonths: 3, sampleTooSmall: false });
    expect(rankingWindow([1, 1, 2, 9], s)).toEqual({ windowMonths: 1, sampleTooSmall: true }); // never past rollingMonths
    expect(rankingWindow([3, 9], { minSample: 5, rollingMonths: 1 })).toEqual({ windowMonths: 1, sampleTooSmall: true });
    expect(rankingWindow([0], { minSample: 0, rollingMonths: 3 })).toEqual({ windowMonths: 1, sampleTooSmall: false });
  });

  it('counts months back across a year', () => {
    expect(monthsBack('2023-02', 3)).toEqual(['2023-02', '2023-01', '2022-12']);
    expect(monthsBack('2023-06', 1)).toEqual(['2023-06']);
  });
});

describe('street ranking inside a district', () => {
  it('ranks streets on the tickets of their units, without peer groups, total = base, with the same minSample', async () => {
    const s1 = await makeStreet(db);
    const s2 = await makeStreet(db, s1.districtId);
    const s3 = await makeStreet(db, s1.districtId);
    const a = await s1.unit('A');
    const b = await s1.unit('B', 'RESIDENTIAL');
    const c = await s2.unit('C');
    await closed(s1, a, 3);
    await closed(s1, b, 2);
    await closed(s1, null, 1, { resolution: 'UNRESOLVED' }); // no unit holds it: it counts for no street
    await addAward(db, { unitId: a, month: MONTH, status: 'SELECTED', points: 0.5, kind: 'DEMONSTRATION' }); // unit-level only
    await closed(s2, c, 5, { late: true });
    const d = await s3.unit('D');
    await closed(s3, d, 4);
    const rows = (await streetRanking(db.db, { districtId: s1.districtId, month: MONTH, now: NOW })).rows;
    expect(comparableStreetRows(rows)).toEqual(await pureStreetRanking(db, s1.districtId, MONTH, NOW, scheme));
    expect(rows.map((r) => [r.streetId, r.rank, r.sampleTooSmall])).toEqual([
      [s1.streetId, 1, false],
      [s2.streetId, 2, false],
      [s3.streetId, null, true],
    ]);
    expect(rows[0]!.kpis).toMatchObject({ closedCount: 5, resolutionRate: 1 });
    expect(rows[0]!.total).toBe(rows[0]!.baseScore);
  });
});

/** A fixed pseudo-random sequence in [0, 1) (mulberry32). */
function generator(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

describe('scoreKey (ties at 4 decimals)', () => {
  it('rounds like PostgreSQL round(x::numeric, 4): 15 significant digits, half away from zero', () => {
    expect(scoreKey(92.123449999999999)).toBe(92.1235);
    expect(scoreKey(92.12344)).toBe(92.1234);
    expect(scoreKey(-1.00005)).toBe(-1.0001);
    expect(scoreKey(100)).toBe(100);
    expect(scoreKey(1e-7)).toBe(0);
  });

  it('agrees with the database’s round(x::numeric, 4) on totals at, near and away from the halves', async () => {
    // A fixed pseudo-random spread: ordinary totals, both signs, values within 10⁻⁶ of a half of 10⁻⁴ (where the fast
    // path hands over), exact halves, and magnitudes past the fast path’s 1000.
    const random = generator(20230601);
    const xs: number[] = [100, 0, 1e-7, -1e-7, 92.12345, -1.00005, 999.99995, 1000.00005, 12345.67895, -3.5e-5];
    for (let i = 0; i < 1500; i++) {
      const k = Math.floor(random() * 2e6) - 1e6;
      const e = (random() - 0.5) * (random() < 0.5 ? 4e-6 : 4e-10);
      xs.push(random() * 130 - 15, (k + 0.5) / 1e4, (k + 0.5 + e) / 1e4, (k + e) / 1e4, (k + 0.5) / 1e2 + e, (random() - 0.5) * 1e7);
    }
    const { rows } = await sql<{ r: number }>`
      select round(x::numeric, 4)::float8 as r from unnest(${xs}::float8[]) with ordinality as u (x, i) order by i`.execute(db.db);
    const differ = xs.map((x, i) => [x, scoreKey(x), Number(rows[i]!.r)]).filter(([, mine, theirs]) => mine !== theirs);
    expect(differ).toEqual([]);
    expect(rows).toHaveLength(xs.length);
  });
});

describe('rankRows', () => {
  it('ranks and orders as the rule reads, on many streets’ worth of ties, peer groups, 样本不足 and missing totals', () => {
    // The rule read literally: a ranked row's rank is 1 + the ranked rows of its group with a higher key; rows in rank
    // order (unranked last), then peer-group order, key, satisfaction, code.
    const reference = (candidates: Parameters<typeof rankRows>[0]) => {
      const key = (c: (typeof candidates)[number]) => {
        const base = baseScore(c.kpis, scheme);
        return base === null ? null : scoreKey(base + c.bonus - c.deduction);
      };
      const rankable = (c: (typeof candidates)[number]) => !c.sampleTooSmall && key(c) !== null;
      const rank = (c: (typeof candidates)[number]) =>
        rankable(c) ? 1 + candidates.filter((o) => o.group === c.group && rankable(o) && key(o)! > key(c)!).length : null;
      const g = (c: (typeof candidates)[number]) => ((PEER_GROUP_ORDER as readonly string[]).indexOf(c.group) + 4) % 4;
      // ascending, nulls last; on negated values: descending, nulls last
      const cmp = (a: number | null, b: number | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a - b);
      const neg = (x: number | null) => (x === null ? null : -x);
      return [...candidates]
        .sort((a, b) => cmp(rank(a), rank(b)) || g(a) - g(b) || cmp(neg(key(a)), neg(key(b))) ||
          cmp(neg(a.kpis.satisfactionRate), neg(b.kpis.satisfactionRate)) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
        .map((c) => [c.id, rank(c)]);
    };
    const random = generator(7);
    const pick = (n: number) => Math.floor(random() * n);
    const rate = () => [null, 0.5, 0.9, 0.93, 1, 1, 1, 1, 1, 1][pick(10)]!; // mostly 1: ties
    let shared = 0;
    for (let street = 0; street < 200; street++) {
      const candidates = Array.from({ length: 1 + pick(40) }, (_, i) => ({
        id: i + 1,
        code: `U${String(pick(12)).padStart(2, '0')}`, // codes repeat: the order must not depend on them alone
        group: ['DEPARTMENT', 'INSTITUTION', 'RESIDENTIAL', 'OTHER', 'ELSE'][pick(5)]!,
        kpis: { receivedCount: 5, closedCount: 5, firstContactRate: rate(), onTimeRate: rate(), resolutionRate: rate(), actualResolvedShare: rate(), satisfactionRate: rate() },
        windowMonths: 1,
        sampleTooSmall: pick(8) === 0,
        closedByMonth: [5, 0, 0],
        bonus: [0, 0, 0.5, 0.2][pick(4)]!,
        deduction: [0, 0, 0.5, 0.3, 0.00004][pick(5)]!,
      }));
      const ranked = rankRows(candidates, scheme);
      expect(ranked.map((r) => [r.id, r.rank])).toEqual(reference(candidates));
      shared += ranked.filter((r, i) => r.rank !== null && ranked.some((o, j) => j !== i && o.group === r.group && o.rank === r.rank)).length;
    }
    expect(shared).toBeGreaterThan(100); // the data has ties to share ranks
  });
});
