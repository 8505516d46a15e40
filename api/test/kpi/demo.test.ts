// On the demo district (塘桥街道 and its peer streets, a year of 2023 tickets): the June 2023 rankings from the SQL
// reports equal an independent computation by the pure module on the rows read back.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { comparableStreetRows, comparableUnitRows, pureStreetRanking, pureUnitRanking, readTickets } from './fixtures';
import { loadScheme } from '../../src/reports/kpis';
import { streetRanking, streetRankings, unitRanking, unitRankings } from '../../src/reports/ranking';
import type { ScoringScheme } from '../../src/domain/ranking';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const demoAvailable = fs.existsSync(path.join(root, 'seeds/demo.ts'));
const MONTH = '2023-06';
/** Long after June: a closed month, computed as of its end. */
const NOW = new Date('2024-03-01T00:00:00+08:00');
/** 塘桥街道's 居委 in the June 2023 ranking (measured on the demo seed; 17 of 23 were 样本不足 without the window). */
const DEMO_TALLY = { committees: 23, monthAlone: 6, twoMonths: 16, threeMonths: 0, tooSmall: 1, shortInJune: 17 };

describe.skipIf(!demoAvailable)('the demo data, June 2023', () => {
  let db: TestDatabase;
  let scheme: ScoringScheme;
  let tickets: Awaited<ReturnType<typeof readTickets>>;
  beforeAll(async () => {
    db = await createTestDatabase('demo');
    scheme = (await loadScheme(db.db))!;
    tickets = await readTickets(db); // the whole year, read back once with plain queries
  }, 600_000);
  afterAll(() => db?.close());

  it('ranks every street’s units exactly as the pure module does', async () => {
    const streets = await db.db.selectFrom('street').select(['id', 'code']).orderBy('id').execute();
    expect(streets.length).toBeGreaterThan(0);
    let ranked = 0;
    for (const s of streets) {
      const sqlRows = await unitRanking(db.db, { streetId: s.id, month: MONTH, now: NOW });
      expect(comparableUnitRows(sqlRows.rows)).toEqual(await pureUnitRanking(db, s.id, MONTH, NOW, scheme, tickets));
      ranked += sqlRows.rows.filter((r) => r.rank !== null).length;
    }
    expect(ranked).toBeGreaterThan(0);
  }, 120_000);

  it('塘桥街道: the rolling window ranks most 居委 that close fewer than 5 tickets a month', async () => {
    const tq = await db.db.selectFrom('street').select('id').where('code', '=', 'TQ').executeTakeFirstOrThrow();
    const { rows } = await unitRanking(db.db, { streetId: tq.id, month: MONTH, now: NOW });
    const committees = rows.filter((r) => r.peerGroup === 'RESIDENTIAL');
    const tally = {
      committees: committees.length,
      monthAlone: committees.filter((r) => !r.sampleTooSmall && r.windowMonths === 1).length,
      twoMonths: committees.filter((r) => r.windowMonths === 2).length,
      threeMonths: committees.filter((r) => r.windowMonths === 3).length,
      tooSmall: committees.filter((r) => r.sampleTooSmall).length,
      shortInJune: committees.filter((r) => r.closedByMonth[0]! < scheme.minSample).length,
    };
    console.log(`[demo] 塘桥街道 2023-06 居委: ${JSON.stringify(tally)}; 样本不足: ${committees.filter((r) => r.sampleTooSmall).map((r) => `${r.unitName} ${r.closedByMonth.join('+')}`).join(', ')}`);
    expect(tally).toEqual(DEMO_TALLY);
  }, 120_000);

  it('ranks the district’s streets exactly as the pure module does', async () => {
    const district = await db.db.selectFrom('district').select('id').orderBy('id').executeTakeFirstOrThrow();
    const sqlRows = await streetRanking(db.db, { districtId: district.id, month: MONTH, now: NOW });
    expect(comparableStreetRows(sqlRows.rows)).toEqual(await pureStreetRanking(db, district.id, MONTH, NOW, scheme, tickets));
    expect(sqlRows.rows.some((r) => r.kpis.closedCount > 0)).toBe(true);
  }, 120_000);

  it('ranks a year of every street’s units, and of the district’s streets, in one statement each — as the pure module does', async () => {
    const streets = (await db.db.selectFrom('street').select('id').orderBy('id').execute()).map((s) => s.id);
    const months = Array.from({ length: 12 }, (_, i) => `2023-${String(i + 1).padStart(2, '0')}`);
    const year = await unitRankings(db.db, { streetIds: streets, months, now: NOW });
    expect([...year.keys()]).toEqual(streets);
    // Every street-month is there; a sample of months (a window reaching into 2022, mid-year, the last) against the
    // pure module, every month of two streets against the one-month statement.
    for (const st of streets) expect([...year.get(st)!.keys()]).toEqual(months);
    for (const m of ['2023-01', '2023-06', '2023-12']) {
      for (const st of streets.slice(0, 3)) expect(comparableUnitRows(year.get(st)!.get(m)!.rows)).toEqual(await pureUnitRanking(db, st, m, NOW, scheme, tickets));
    }
    for (const st of streets.slice(0, 2)) {
      for (const m of months) expect(year.get(st)!.get(m)).toEqual(await unitRanking(db.db, { streetId: st, month: m, now: NOW }));
    }
    const bonuses = [...year.values()].flatMap((byMonth) => [...byMonth.values()].flatMap((r) => r.rows.filter((x) => x.bonus > 0 || x.deduction > 0)));
    expect(bonuses.length).toBeGreaterThan(0); // awards and deductions land in their own month
    const district = await db.db.selectFrom('district').select('id').orderBy('id').executeTakeFirstOrThrow();
    const streetYear = await streetRankings(db.db, { districtId: district.id, months, now: NOW });
    for (const m of months) expect(streetYear.get(m)).toEqual(await streetRanking(db.db, { districtId: district.id, month: m, now: NOW }));
    expect(comparableStreetRows(streetYear.get('2023-03')!.rows)).toEqual(await pureStreetRanking(db, district.id, '2023-03', NOW, scheme, tickets));
  }, 300_000);
});
