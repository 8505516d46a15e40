// rankingExport and kpiTableExport: the ranking and the indicator table as .xlsx files through GraphQL, with the
// same authorization and content as unitRanking and kpiTrend.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { testApi } from '../helpers/api';
import { addTicket, at, makeStreet } from './fixtures';

async function sheetRows(base64: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  wb.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe('Excel exports through GraphQL', () => {
  let db: TestDatabase;
  let api: ReturnType<typeof testApi>;
  let org: Awaited<ReturnType<typeof makeStreet>>;
  let a: number;
  let b: number;
  beforeAll(async () => {
    db = await createTestDatabase('none');
    api = testApi(db);
    org = await makeStreet(db);
    a = await org.unit('A');
    b = await org.unit('B');
    for (let i = 0; i < 5; i++) {
      for (const unitId of [a, b]) {
        await addTicket(db, { streetId: org.streetId, unitId, receivedAt: at('2023-06-05 09:00'), firstContactAt: at('2023-06-05 10:00'), closedAt: at('2023-06-06 10:00'), resolution: 'ACTUALLY_RESOLVED' });
      }
    }
  }, 60_000);
  afterAll(() => db?.close());

  const RANKING = `query($s: ID!, $m: String!) { rankingExport(streetId: $s, month: $m) { filename contentType rows base64 } }`;

  it('exports the street ranking with Chinese headers, one row per unit in the order of unitRanking', async () => {
    const ops = await api.signedIn('OPS');
    const r = await ops(RANKING, { s: String(org.streetId), m: '2023-06' });
    expect(r.errors).toBeUndefined();
    const file = r.data.rankingExport;
    expect(file).toMatchObject({ rows: 2, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    expect(file.filename).toMatch(/2023-06-单位绩效排名\.xlsx$/);
    const rows = await sheetRows(file.base64);
    expect(rows[2]!.slice(0, 4)).toEqual(['名次', '考核分组', '单位代码', '单位名称']);
    const ranking = await ops(`query($s: ID!) { unitRanking(streetId: $s, month: "2023-06") { unit { code } } }`, { s: String(org.streetId) });
    expect(rows.slice(3, 5).map((x) => x[2])).toEqual(ranking.data.unitRanking.map((x: any) => x.unit.code));
  });

  it('gives a unit handler its own row only, and refuses anonymous callers and bad months', async () => {
    const handler = await api.signedIn('UNIT_HANDLER', { unitId: b });
    const r = await handler(RANKING, { s: String(org.streetId), m: '2023-06' });
    expect(r.data.rankingExport.rows).toBe(1);
    expect((await sheetRows(r.data.rankingExport.base64))[3]![2]).toBe('B');
    const anon = await api.as(null)(RANKING, { s: String(org.streetId), m: '2023-06' });
    expect(anon.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const ops = await api.signedIn('OPS');
    const bad = await ops(RANKING, { s: String(org.streetId), m: '2023-6' });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const missing = await ops(RANKING, { s: '999999', m: '2023-06' });
    expect(missing.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('exports the indicator table of a node for a year, equal to kpiTrend', async () => {
    const leader = await api.signedIn('LEADER');
    const q = `query($n: ID!) {
      kpiTableExport(nodeType: STREET, nodeId: $n, year: 2023) { filename rows base64 }
      kpiTrend(nodeType: STREET, nodeId: $n, year: 2023) { month kpis { receivedCount firstContactRate } }
    }`;
    const r = await leader(q, { n: String(org.streetId) });
    expect(r.errors).toBeUndefined();
    expect(r.data.kpiTableExport.rows).toBe(12);
    const rows = await sheetRows(r.data.kpiTableExport.base64);
    expect(rows[2]).toEqual(['月份', '受理量', '办结量', '先行联系率', '按期完成率', '实际解决率', '实际解决占比', '满意率', '基础分']);
    const june = rows.find((x) => x[0] === '2023-06')!;
    const trendJune = r.data.kpiTrend.find((m: any) => m.month === '2023-06');
    expect(june[1]).toBe(trendJune.kpis.receivedCount);
    expect(june[3]).toBe(trendJune.kpis.firstContactRate);
    expect(rows.find((x) => x[0] === '2023-01')![3]).toBe('—');
    // A unit handler reads only its own unit's table.
    const handler = await api.signedIn('UNIT_HANDLER', { unitId: b });
    const other = await handler(`query($n: ID!) { kpiTableExport(nodeType: UNIT, nodeId: $n, year: 2023) { rows } }`, { n: String(a) });
    expect(other.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });
});
