// Every figure of the 周报 and 月报 equals what the screens compute (`kpis` = nodeKpis, `unitRanking`, kpiTrend):
// on the demo street (塘桥, 2023-W24 and 2023-06) and on generated data with two streets sharing unit names.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { twoStreets } from './two-streets';
import { buildReport } from '../../src/reports/content';
import { nodeKpis, type KeyedPeriod } from '../../src/reports/kpis';
import { unitRanking } from '../../src/reports/ranking';
import { isoWeekRange, monthRange } from '../../src/domain/time';
import type { ReportDocument, ReportTable } from '../../src/reports/document/model';
import { RATE_KEYS, type Kpis } from '../../src/domain/kpi';

const NOW = new Date('2024-03-01T00:00:00+08:00');

function tables(doc: ReportDocument): ReportTable[] {
  const out: ReportTable[] = [];
  const walk = (sections: ReportDocument['sections']) => {
    for (const s of sections) {
      for (const b of s.blocks) if (b.type === 'table') out.push(b.table);
      if (s.subsections) walk(s.subsections);
    }
  };
  walk(doc.sections);
  return out;
}
const table = (doc: ReportDocument, id: string) => tables(doc).find((t) => t.id === id)!;
const charts = (doc: ReportDocument) => doc.sections.flatMap((s) => s.blocks.flatMap((b) => (b.type === 'chart' ? [b.chart] : [])));

const week = (w: string): KeyedPeriod => {
  const [start, end] = isoWeekRange(w);
  return { key: w, start, end };
};
const month = (m: string): KeyedPeriod => {
  const [start, end] = monthRange(m);
  return { key: m, start, end };
};
async function kpisOf(db: TestDatabase, type: 'UNIT' | 'STREET', id: number, p: KeyedPeriod): Promise<Kpis> {
  const [r] = await nodeKpis(db.db, { node: { type, id }, periods: [p], now: NOW });
  return r!.kpis;
}

/** The indicator table's column `key` as a Kpis-shaped object of rates. */
const indicatorColumn = (t: ReportTable, key: string) => Object.fromEntries(t.rows.map((r) => [r.rateKey, r[key]]));
const rates = (k: Kpis) => Object.fromEntries(RATE_KEYS.map((x) => [x, k[x]]));

/** Every unit row of a per-unit table equals the unit's own kpis for the period. */
async function expectUnitRows(db: TestDatabase, doc: ReportDocument, prefix: string, p: KeyedPeriod, streetUnits: number[]) {
  const rows = tables(doc).filter((t) => t.id.startsWith(`${prefix}-`)).flatMap((t) => t.rows);
  expect(rows.map((r) => r.id).sort()).toEqual([...streetUnits].sort());
  for (const r of rows) {
    const k = await kpisOf(db, 'UNIT', Number(r.id), p);
    expect({ received: r.receivedCount, closed: r.closedCount, ...Object.fromEntries(RATE_KEYS.map((x) => [x, r[x]])) }).toEqual({ received: k.receivedCount, closed: k.closedCount, ...rates(k) });
  }
}

async function expectMonthly(db: TestDatabase, streetId: number, m: string) {
  const doc = await buildReport(db.db, { kind: 'MONTHLY', streetId, period: m, now: NOW });
  const ind = table(doc, 'indicators');
  const prev = `${m.slice(0, 4)}-${String(Number(m.slice(5)) - 1).padStart(2, '0')}`;
  const lastYear = `${Number(m.slice(0, 4)) - 1}-${m.slice(5)}`;
  expect(indicatorColumn(ind, 'now')).toEqual(rates(await kpisOf(db, 'STREET', streetId, month(m))));
  expect(indicatorColumn(ind, 'previous')).toEqual(rates(await kpisOf(db, 'STREET', streetId, month(prev))));
  expect(indicatorColumn(ind, 'lastYear')).toEqual(rates(await kpisOf(db, 'STREET', streetId, month(lastYear))));
  // The ranking tables: every unit of unitRanking, with the same rank, scores and (windowed) indicators.
  const ranking = await unitRanking(db.db, { streetId, month: m, now: NOW });
  const before = await unitRanking(db.db, { streetId, month: prev, now: NOW });
  const rows = tables(doc).filter((t) => t.id.startsWith('ranking-')).flatMap((t) => t.rows);
  expect(rows.length).toBe(ranking.rows.length);
  for (const r of ranking.rows) {
    const row = rows.find((x) => x.id === r.unitId)!;
    const prevRank = before.rows.find((x) => x.unitId === r.unitId)?.rank ?? null;
    expect(row).toMatchObject({ rank: r.rank, name: r.unitName, baseScore: r.baseScore, bonus: r.bonus, deduction: r.deduction, total: r.total, closedCount: r.kpis.closedCount, ...rates(r.kpis) });
    expect(row.rankChange).toBe(r.rank != null && prevRank != null ? prevRank - r.rank : null);
  }
  // 12-month trends: each month's figure is that month's kpis.
  const trend = charts(doc).find((c) => c.id === 'trend-satisfactionRate')!;
  expect(trend.categories).toHaveLength(12);
  const last = await kpisOf(db, 'STREET', streetId, month(m));
  expect(trend.series[0]!.data[11]).toBe(last.satisfactionRate);
  expect(trend.target?.value).toBeGreaterThan(0);
  const first = `${Number(m.slice(0, 4)) - 1}-${String(Number(m.slice(5)) + 1).padStart(2, '0')}`;
  expect(charts(doc).find((c) => c.id === 'trend-onTimeRate')!.series[0]!.data[0]).toBe((await kpisOf(db, 'STREET', streetId, month(first))).onTimeRate);
  return doc;
}

async function expectWeekly(db: TestDatabase, streetId: number, w: string, prevW: string, units: number[]) {
  const doc = await buildReport(db.db, { kind: 'WEEKLY', streetId, period: w, now: NOW });
  const k = await kpisOf(db, 'STREET', streetId, week(w));
  const ind = table(doc, 'indicators');
  expect(indicatorColumn(ind, 'now')).toEqual(rates(k));
  expect(indicatorColumn(ind, 'before')).toEqual(rates(await kpisOf(db, 'STREET', streetId, week(prevW))));
  // Below-target cells are marked, and only those.
  for (const [i, r] of ind.rows.entries()) {
    const below = typeof r.now === 'number' && r.now + 1e-9 < (r.target as number);
    expect(ind.marks?.[i]?.includes('now') ?? false).toBe(below);
  }
  const cats = table(doc, 'categories').rows;
  expect(cats.at(-1)!.count).toBe(k.receivedCount);
  await expectUnitRows(db, doc, 'units', week(w), units);
  return doc;
}

describe('report content on the demo street', () => {
  let db: TestDatabase;
  let tq: number;
  let units: number[];
  beforeAll(async () => {
    db = await createTestDatabase('demo');
    tq = (await db.db.selectFrom('street').select('id').where('code', '=', 'TQ').executeTakeFirstOrThrow()).id;
    units = (await db.db.selectFrom('unit').select('id').where('streetId', '=', tq).where('active', '=', true).execute()).map((u) => u.id);
  }, 600_000);
  afterAll(() => db?.close());

  it('周报 2023-W24: every figure equals kpis for the street and each unit', async () => {
    const doc = await expectWeekly(db, tq, '2023-W24', '2023-W23', units);
    expect(doc.title).toContain('塘桥街道');
    expect(doc.subtitle).toBe('2023年6月12日—6月18日');
    expect(table(doc, 'topics').rows.length).toBeLessThanOrEqual(5);
  });

  it('月报 2023-06: indicators, ranking and trends equal kpis and unitRanking', async () => {
    const doc = await expectMonthly(db, tq, '2023-06');
    expect(tables(doc).filter((t) => t.id.startsWith('ranking-')).map((t) => t.peerGroup)).toEqual(['DEPARTMENT', 'INSTITUTION', 'RESIDENTIAL']);
  });

  it('refuses a malformed period with an error naming it', async () => {
    await expect(buildReport(db.db, { kind: 'WEEKLY', streetId: tq, period: '2023-06', now: NOW })).rejects.toMatchObject({ extensions: { fieldErrors: { period: expect.any(String) } } });
    await expect(buildReport(db.db, { kind: 'CAMPAIGN', streetId: tq, period: '2023-12-09/2023-09-01', now: NOW })).rejects.toMatchObject({ extensions: { fieldErrors: { period: expect.any(String) } } });
  });
});

describe('report content on two streets sharing unit names', () => {
  let db: TestDatabase;
  let a: number[];
  let b: number[];
  let streetA: number;
  let streetB: number;
  beforeAll(async () => {
    db = await createTestDatabase('none');
    ({ a, b, streetA, streetB } = await twoStreets(db));
  }, 120_000);
  afterAll(() => db?.close());

  it('周报: each street’s document has its own units and figures only', async () => {
    const docA = await expectWeekly(db, streetA, '2023-W24', '2023-W23', a);
    const docB = await expectWeekly(db, streetB, '2023-W24', '2023-W23', b);
    expect(table(docA, 'indicators').rows).not.toEqual(table(docB, 'indicators').rows);
    // 7 tickets a unit in W24 (June 12–18): the same names, each street's own counts.
    expect(table(docA, 'categories').rows.at(-1)!.count).toBe(21);
    // The week's 不满意 callbacks are the street's own tickets.
    const own = new Set((await db.db.selectFrom('ticket').select('number').where('streetId', '=', streetA).execute()).map((t) => t.number));
    expect(table(docA, 'unsatisfied').rows.length).toBeGreaterThan(0);
    expect(table(docA, 'unsatisfied').rows.every((r) => own.has(String(r.number)))).toBe(true);
  });

  it('月报: ranking with awards and deductions equals unitRanking for each street', async () => {
    const docA = await expectMonthly(db, streetA, '2023-06');
    const docB = await expectMonthly(db, streetB, '2023-06');
    expect(table(docA, 'awards').rows).toEqual([expect.objectContaining({ unit: '单位FGB', points: 0.2 })]);
    expect(table(docB, 'deductions').rows).toEqual([expect.objectContaining({ unit: '单位CGZD', points: 1 })]);
    expect(tables(docB).find((t) => t.id === 'awards')).toBeUndefined();
  });

  it('campaign and yearly reports cover the street’s units only', async () => {
    const camp = await buildReport(db.db, { kind: 'CAMPAIGN', streetId: streetA, period: '2023-06-01/2023-06-30', now: NOW });
    const campRows = tables(camp).filter((t) => t.id.startsWith('units-')).flatMap((t) => t.rows);
    expect(campRows.map((r) => r.id).sort()).toEqual([...a].sort());
    const year = await buildReport(db.db, { kind: 'YEARLY', streetId: streetB, period: '2023', now: NOW });
    const yearRows = tables(year).flatMap((t) => t.rows);
    const june = await unitRanking(db.db, { streetId: streetB, month: '2023-06', now: NOW });
    for (const r of june.rows) expect(yearRows.find((x) => x.id === r.unitId)!.m6).toBe(r.total);
  });

  it('meeting packs: the week’s figures equal kpis; open decisions listed from the register', async () => {
    const pack = await buildReport(db.db, { kind: 'MEETING_WEEKLY', streetId: streetA, period: '2023-W24', now: NOW });
    expect(indicatorColumn(table(pack, 'indicators'), 'now')).toEqual(rates(await kpisOf(db, 'STREET', streetA, week('2023-W24'))));
    expect(pack.sections.at(-1)!.heading).toBe('未办结的会议决定');
    const monthly = await buildReport(db.db, { kind: 'MEETING_MONTHLY', streetId: streetB, period: '2023-06', now: NOW });
    expect(indicatorColumn(table(monthly, 'indicators'), 'now')).toEqual(rates(await kpisOf(db, 'STREET', streetB, month('2023-06'))));
    const party = await buildReport(db.db, { kind: 'MEETING_PARTY', streetId: streetA, period: '2023-06', now: NOW });
    expect(party.sections.map((x) => x.heading)).toContain('优秀案例');
  });
});
