// The monthly ranking (domain.md §4), one rule per test. Each table is computed by the SQL report and,
// independently, by the pure module on the rows read back; the two must be identical.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { addAward, addNegativeRecord, addTicket, at, comparableStreetRows, comparableUnitRows, makeStreet, pureStreetRanking, pureUnitRanking, type Org } from './fixtures';
import { streetRanking, unitRanking } from '../../src/reports/ranking';
import { loadScheme } from '../../src/reports/kpis';
import { baseScore, DEFAULT_SCHEME, scoreKey, type ScoringScheme } from '../../src/domain/ranking';
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
async function ranking(org: Org) {
  const sqlRows = await unitRanking(db.db, { streetId: org.streetId, month: MONTH, now: NOW });
  expect(comparableUnitRows(sqlRows.rows)).toEqual(await pureUnitRanking(db, org.streetId, MONTH, NOW, scheme));
  expect(sqlRows.schemeId).toBe(scheme.id);
  return sqlRows.rows;
}

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

describe('scoreKey (ties at 4 decimals)', () => {
  it('rounds like PostgreSQL round(x::numeric, 4): 15 significant digits, half away from zero', () => {
    expect(scoreKey(92.123449999999999)).toBe(92.1235);
    expect(scoreKey(92.12344)).toBe(92.1234);
    expect(scoreKey(-1.00005)).toBe(-1.0001);
    expect(scoreKey(100)).toBe(100);
    expect(scoreKey(1e-7)).toBe(0);
  });
});
