// On the demo (塘桥街道 2023, seeds/): the days the 苗头 rule fires for the barbecue shop on 塘桥新路 (May–August)
// and the rain/sewage works (March–June), read through `hotspots(streetId, from, to)` as other tools do.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { testApi } from '../helpers/api';
import { addDays } from '../../src/domain/time';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const demoAvailable = fs.existsSync(path.join(root, 'seeds/demo.ts'));

/** Consecutive days as [first, last] runs. */
function runs(days: string[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const d of [...new Set(days)].sort()) {
    const last = out[out.length - 1];
    if (last && addDays(last[1], 1) === d) last[1] = d;
    else out.push([d, d]);
  }
  return out;
}

/** The days the rule fires on the demo (measured; the seed is reproducible). */
const BBQ_ROAD: Array<[string, string]> = [['2023-05-20', '2023-06-01']];
const BBQ_COMMITTEE: Array<[string, string]> = [['2023-05-20', '2023-06-01']];
const SEWER_PUJIAN_ROAD: Array<[string, string]> = [
  ['2023-03-11', '2023-03-15'],
  ['2023-03-22', '2023-03-24'],
  ['2023-03-26', '2023-03-26'],
  ['2023-03-28', '2023-03-28'],
  ['2023-03-30', '2023-03-30'],
  ['2023-04-12', '2023-04-18'],
];
const SEWER_NANQUAN_ROAD: Array<[string, string]> = [
  ['2023-04-15', '2023-04-15'],
  ['2023-04-27', '2023-04-28'],
  ['2023-05-24', '2023-05-30'],
];

describe.skipIf(!demoAvailable)('苗头 on the demo street, 2023', () => {
  let db: TestDatabase;
  let rows: Array<{ date: string; topic: string; committeeName: string | null; road: string | null; count: number; baseline: number; tickets: Array<{ number: string }> }>;
  beforeAll(async () => {
    db = await createTestDatabase('demo');
    const api = testApi(db);
    const ops = await api.signedIn('OPS');
    const tq = await db.db.selectFrom('street').select('id').where('code', '=', 'TQ').executeTakeFirstOrThrow();
    const r = await ops(
      `query($s: ID!) { hotspots(streetId: $s, from: "2023-01-01", to: "2023-12-31") { date topic committeeName road count baseline tickets { number } } }`,
      { s: tq.id },
    );
    expect(r.errors).toBeUndefined();
    rows = r.data.hotspots;
  }, 600_000);
  afterAll(() => db?.close());

  const daysOf = (topic: string, place: { road?: string; committeeName?: string }) =>
    rows.filter((h) => h.topic === topic && (place.road ? h.road === place.road : h.committeeName === place.committeeName)).map((h) => h.date);

  it('the barbecue shop on 塘桥新路 (餐饮油烟): from 20 May, when a week of evenings brought 7 calls against none before', () => {
    console.log(`[demo] 餐饮油烟 × 塘桥新路: ${JSON.stringify(runs(daysOf('餐饮油烟', { road: '塘桥新路' })))}`);
    expect(runs(daysOf('餐饮油烟', { road: '塘桥新路' }))).toEqual(BBQ_ROAD);
    expect(runs(daysOf('餐饮油烟', { committeeName: '塘桥居委' }))).toEqual(BBQ_COMMITTEE);
    const first = rows.find((h) => h.road === '塘桥新路' && h.date === BBQ_ROAD[0]![0])!;
    expect(first.count).toBeGreaterThanOrEqual(5);
    expect(first.count).toBeGreaterThanOrEqual(3 * first.baseline);
    expect(first.tickets).toHaveLength(first.count);
  });

  it('the rain/sewage works (雨污水工程) on 浦建路 from March and on 南泉路 from April', () => {
    console.log(`[demo] 雨污水工程 × 浦建路: ${JSON.stringify(runs(daysOf('雨污水工程', { road: '浦建路' })))}; × 南泉路: ${JSON.stringify(runs(daysOf('雨污水工程', { road: '南泉路' })))}`);
    expect(runs(daysOf('雨污水工程', { road: '浦建路' }))).toEqual(SEWER_PUJIAN_ROAD);
    expect(runs(daysOf('雨污水工程', { road: '南泉路' }))).toEqual(SEWER_NANQUAN_ROAD);
    // The April peak of the works: 17 calls in the week to 18 April.
    expect(Math.max(...rows.filter((h) => h.topic === '雨污水工程' && h.road === '浦建路').map((h) => h.count))).toBe(17);
  });

  it('every row meets the rule (count ≥ 5 and ≥ 3 × baseline) and lists its window’s tickets', () => {
    expect(rows.length).toBeGreaterThan(0);
    for (const h of rows) {
      expect(h.count).toBeGreaterThanOrEqual(5);
      expect(h.count).toBeGreaterThanOrEqual(3 * h.baseline - 1e-9);
      expect((h.committeeName === null) !== (h.road === null)).toBe(true);
      expect(h.tickets).toHaveLength(h.count);
    }
    console.log(`[demo] 塘桥街道 2023: ${rows.length} 苗头 rows, ${new Set(rows.map((h) => `${h.topic}/${h.committeeName ?? h.road}`)).size} pairs`);
  });
});
