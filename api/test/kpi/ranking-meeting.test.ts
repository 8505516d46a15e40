// The ranking as the monthly meeting reads it (issue #15): each row's rank change against the previous month of the
// same street (the published snapshot when there is one, else computed), who published and by what rules, what could
// still change the numbers before publishing, and the workbook with one sheet per peer group rounded as on screen.
// Two streets share unit codes and names, with opposite orders, so that mixing them up fails.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/db';
import { testApi } from '../helpers/api';
import { addTicket, at, makeStreet, type Org } from './fixtures';
import { saveSnapshot, unitRanking } from '../../src/reports/ranking';
import { unitRankingWorkbook } from '../../src/reports/ranking-export';

let db: TestDatabase;
let api: ReturnType<typeof testApi>;
let s1: Org;
let s2: Org;
const u1: Record<string, number> = {};
const u2: Record<string, number> = {};

/** n tickets of a unit closed in `month`: contacted, on time, resolved; 满意 unless `callback` says otherwise. */
async function closed(org: Org, unitId: number, month: string, n: number, o: { late?: number; callback?: 'SATISFIED' | 'UNSATISFIED' | 'NOT_REACHED' | null } = {}) {
  for (let i = 0; i < n; i++) {
    const late = i < (o.late ?? 0);
    await addTicket(db, {
      streetId: org.streetId,
      unitId,
      receivedAt: at(`${month}-05 09:00`),
      firstContactAt: at(`${month}-05 10:00`),
      completionDue: at(`${month}-09 23:59:59`),
      closedAt: late ? at(`${month}-12 10:00`) : at(`${month}-08 10:00`),
      resolution: 'ACTUALLY_RESOLVED',
      callbacks: o.callback === null ? [] : [{ calledAt: at(`${month}-13 10:00`), result: o.callback ?? 'SATISFIED' }],
    });
  }
}

const RANKING = `query($s: ID!, $m: String!) {
  unitRanking(streetId: $s, month: $m) { rank previousRank rankChange newlyRanked unit { code } peerGroup total }
}`;
type Row = { rank: number | null; previousRank: number | null; rankChange: number | null; newlyRanked: boolean; unit: { code: string } };
const byCode = (rows: Row[]) => Object.fromEntries(rows.map((r) => [r.unit.code, { rank: r.rank, previousRank: r.previousRank, rankChange: r.rankChange, newlyRanked: r.newlyRanked }]));

beforeAll(async () => {
  db = await createTestDatabase('none');
  api = testApi(db);
  s1 = await makeStreet(db);
  s2 = await makeStreet(db);
  for (const code of ['A', 'B', 'C']) {
    u1[code] = await s1.unit(code);
    u2[code] = await s2.unit(code);
  }
  u1.R = await s1.unit('R', 'RESIDENTIAL');
  // Street 1 — May: A 1st, B 2nd, C unranked (no tickets). June: B 1st, C 2nd, A 3rd.
  await closed(s1, u1.A!, '2023-05', 5);
  await closed(s1, u1.B!, '2023-05', 5, { late: 2 });
  await closed(s1, u1.A!, '2023-06', 5, { late: 3 });
  await closed(s1, u1.B!, '2023-06', 5);
  await closed(s1, u1.C!, '2023-06', 5, { late: 1 });
  await closed(s1, u1.R!, '2023-06', 5);
  // Street 2, the same codes the other way round — May: B 1st, A 2nd, C 3rd. June: A 1st, C 2nd, B 3rd.
  await closed(s2, u2.B!, '2023-05', 5);
  await closed(s2, u2.A!, '2023-05', 5, { late: 1 });
  await closed(s2, u2.C!, '2023-05', 5, { late: 2 });
  await closed(s2, u2.A!, '2023-06', 5);
  await closed(s2, u2.C!, '2023-06', 5, { late: 1 });
  await closed(s2, u2.B!, '2023-06', 5, { late: 2 });
}, 120_000);
afterAll(() => db?.close());

describe('rank change against the previous month', () => {
  it('compares each unit with its own street’s previous month, 新 for a unit ranked now and not then', async () => {
    const ops = await api.signedIn('OPS');
    const r1 = await ops<{ unitRanking: Row[] }>(RANKING, { s: String(s1.streetId), m: '2023-06' });
    expect(r1.errors).toBeUndefined();
    expect(byCode(r1.data!.unitRanking)).toEqual({
      B: { rank: 1, previousRank: 2, rankChange: 1, newlyRanked: false },
      C: { rank: 2, previousRank: null, rankChange: null, newlyRanked: true },
      A: { rank: 3, previousRank: 1, rankChange: -2, newlyRanked: false },
      R: { rank: 1, previousRank: null, rankChange: null, newlyRanked: true },
    });
    const r2 = await ops<{ unitRanking: Row[] }>(RANKING, { s: String(s2.streetId), m: '2023-06' });
    expect(byCode(r2.data!.unitRanking)).toEqual({
      A: { rank: 1, previousRank: 2, rankChange: 1, newlyRanked: false },
      C: { rank: 2, previousRank: 3, rankChange: 1, newlyRanked: false },
      B: { rank: 3, previousRank: 1, rankChange: -2, newlyRanked: false },
    });
  });

  it('takes the previous month’s published snapshot over a recomputation, and says which it used', async () => {
    const s = await makeStreet(db);
    const a = await s.unit('A');
    const b = await s.unit('B');
    await closed(s, a, '2023-05', 5);
    await closed(s, b, '2023-05', 5, { late: 1 });
    const may = await unitRanking(db.db, { streetId: s.streetId, month: '2023-05' });
    await saveSnapshot(db.db, { streetId: s.streetId, month: '2023-05', schemeId: may.schemeId!, rows: may.rows, publishedBy: null, replace: false });
    // After publishing, A's May gets worse than B's: the live May would rank B first.
    await closed(s, a, '2023-05', 5, { late: 5 });
    await closed(s, a, '2023-06', 5);
    await closed(s, b, '2023-06', 5, { late: 1 });
    const ops = await api.signedIn('OPS');
    const q = `query($s: ID!) {
      unitRanking(streetId: $s, month: "2023-06") { unit { code } rank previousRank rankChange newlyRanked }
      rankingStatus(streetId: $s, month: "2023-06") { previousMonth previousPublished }
    }`;
    const r = await ops(q, { s: String(s.streetId) });
    expect(r.errors).toBeUndefined();
    expect(r.data.rankingStatus).toEqual({ previousMonth: '2023-05', previousPublished: true });
    expect(byCode(r.data.unitRanking)).toEqual({
      A: { rank: 1, previousRank: 1, rankChange: 0, newlyRanked: false },
      B: { rank: 2, previousRank: 2, rankChange: 0, newlyRanked: false },
    });
    const live = await ops(`query($s: ID!) { unitRanking(streetId: $s, month: "2023-05") { unit { code } rank } }`, { s: String(s.streetId) });
    expect(live.data.unitRanking.map((x: any) => x.unit.code)).toEqual(['A', 'B']); // the snapshot is what May shows
  });
});

describe('who published and by what rules', () => {
  it('names the publisher and gives the scheme’s weights and targets, the award points and the negative list', async () => {
    const leader = await api.signedIn('LEADER');
    await db.db.updateTable('appUser').set({ displayName: '王主任' }).where('role', '=', 'LEADER').execute();
    const before = await leader(`query($s: ID!) { rankingStatus(streetId: $s, month: "2023-06") { published publishedBy } }`, { s: String(s1.streetId) });
    expect(before.data.rankingStatus).toEqual({ published: false, publishedBy: null });
    const pub = await leader(`mutation($s: ID!) { publishUnitRanking(streetId: $s, month: "2023-06") { published publishedAt publishedBy publishedByRole } }`, { s: String(s1.streetId) });
    expect(pub.errors).toBeUndefined();
    expect(pub.data.publishUnitRanking).toMatchObject({ published: true, publishedBy: '王主任', publishedByRole: 'LEADER' });
    const q = `query($s: ID!) { rankingStatus(streetId: $s, month: "2023-06") {
      published publishedAt publishedBy
      rules { fromSnapshot schemeName minSample rollingMonths excellentPoints demonstrationMinPoints demonstrationMaxPoints
        indicators { indicator rateField weight target } negativeItems { code title points } }
    } }`;
    const r = await leader(q, { s: String(s1.streetId) });
    expect(r.errors).toBeUndefined();
    const st = r.data.rankingStatus;
    expect(st.publishedBy).toBe('王主任');
    expect(st.publishedAt).toBe(pub.data.publishUnitRanking.publishedAt);
    const scheme = await db.db.selectFrom('scoringScheme').selectAll().where('active', '=', true).executeTakeFirstOrThrow();
    expect(st.rules).toMatchObject({ fromSnapshot: true, schemeName: scheme.name, minSample: scheme.minSample, rollingMonths: scheme.rollingMonths, excellentPoints: 0.2, demonstrationMinPoints: 0.5, demonstrationMaxPoints: 1 });
    expect(st.rules.indicators).toEqual([
      { indicator: 'FIRST_CONTACT', rateField: 'firstContactRate', weight: Number(scheme.wFirstContact), target: Number(scheme.tFirstContact) },
      { indicator: 'ON_TIME', rateField: 'onTimeRate', weight: Number(scheme.wOnTime), target: Number(scheme.tOnTime) },
      { indicator: 'RESOLUTION', rateField: 'resolutionRate', weight: Number(scheme.wResolution), target: Number(scheme.tResolution) },
      { indicator: 'ACTUAL_RESOLVED_SHARE', rateField: 'actualResolvedShare', weight: Number(scheme.wActualShare), target: Number(scheme.tActualShare) },
      { indicator: 'SATISFACTION', rateField: 'satisfactionRate', weight: Number(scheme.wSatisfaction), target: Number(scheme.tSatisfaction) },
    ]);
    const items = await db.db.selectFrom('negativeItem').select(['code', 'points']).where('active', '=', true).orderBy('code').execute();
    expect(st.rules.negativeItems.map((i: any) => [i.code, i.points])).toEqual(items.map((i) => [i.code, Number(i.points)]));
    // Street 2 is not published: nobody published it, and its rules are the active scheme's.
    const other = await leader(q, { s: String(s2.streetId) });
    expect(other.data.rankingStatus).toMatchObject({ published: false, publishedAt: null, publishedBy: null, rules: { fromSnapshot: false, schemeName: scheme.name } });
  });
});

describe('rankingPublishCheck', () => {
  it('counts the street’s open tickets of the month and its closed tickets still waiting for a reached callback', async () => {
    const s = await makeStreet(db);
    const other = await makeStreet(db);
    const a = await s.unit('A');
    const oa = await other.unit('A');
    const open = (org: Org, unitId: number, received: string, repeatOfId: number | null = null) =>
      addTicket(db, { streetId: org.streetId, unitId, receivedAt: at(received), repeatOfId });
    const master = await open(s, a, '2023-06-03 09:00'); // counted
    await open(s, a, '2023-06-04 09:00', master); // a repeat child: the master carries it
    await open(s, a, '2023-05-30 09:00'); // due in June (5 days): counted
    await open(s, a, '2023-04-01 09:00'); // received and due before June: not June's
    await open(s, a, '2023-07-02 09:00'); // July's
    await open(other, oa, '2023-06-03 09:00'); // the other street's
    await closed(s, a, '2023-06', 2); // called back, 满意: done
    await closed(s, a, '2023-06', 3, { callback: null }); // no callback yet: pending
    await closed(s, a, '2023-06', 1, { callback: 'NOT_REACHED' }); // not reached: still pending
    await closed(s, a, '2023-05', 2, { callback: null }); // May's
    await closed(other, oa, '2023-06', 4, { callback: null }); // the other street's
    const q = `query($s: ID!, $m: String!) { rankingPublishCheck(streetId: $s, month: $m) { month openTickets pendingCallbacks } }`;
    const ops = await api.signedIn('OPS');
    const r = await ops(q, { s: String(s.streetId), m: '2023-06' });
    expect(r.errors).toBeUndefined();
    expect(r.data.rankingPublishCheck).toEqual({ month: '2023-06', openTickets: 2, pendingCallbacks: 4 });
    expect((await ops(q, { s: String(other.streetId), m: '2023-06' })).data.rankingPublishCheck).toEqual({ month: '2023-06', openTickets: 1, pendingCallbacks: 4 });

    const bad = await ops(q, { s: String(s.streetId), m: '2023-6' });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.message).toContain('月份');
    const handler = await api.signedIn('UNIT_HANDLER', { unitId: a });
    expect((await handler(q, { s: String(s.streetId), m: '2023-06' })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('the size of a unit’s peer group (组内第 N 名，共 M 个单位)', () => {
  const Q = `query($s: ID!, $m: String!) { unitRanking(streetId: $s, month: $m) { rank peerGroup groupSize groupRanked unit { id code } } }`;
  type SizeRow = { rank: number | null; peerGroup: string; groupSize: number; groupRanked: number; unit: { id: string; code: string } };
  const sizes = (rows: SizeRow[]) => Object.fromEntries(rows.map((r) => [r.unit.code, [r.rank, r.groupSize, r.groupRanked]]));

  it('counts the units listed and ranked in the row’s group of its own street, also when a handler sees its own row only', async () => {
    const ops = await api.signedIn('OPS');
    // Street 1 in May: A 1st, B 2nd, C listed without a rank; R alone among the 居委.
    const r1 = await ops<{ unitRanking: SizeRow[] }>(Q, { s: String(s1.streetId), m: '2023-05' });
    expect(r1.errors).toBeUndefined();
    expect(sizes(r1.data!.unitRanking)).toEqual({ A: [1, 3, 2], B: [2, 3, 2], C: [null, 3, 2], R: [null, 1, 0] });
    // Street 2 (the same codes and names): all three ranked.
    const r2 = await ops<{ unitRanking: SizeRow[] }>(Q, { s: String(s2.streetId), m: '2023-05' });
    expect(sizes(r2.data!.unitRanking)).toEqual({ B: [1, 3, 3], A: [2, 3, 3], C: [3, 3, 3] });
    // A handler's answer is its own row, still counted against its whole group.
    const handler = await api.signedIn('UNIT_HANDLER', { unitId: u1.A });
    const own = await handler<{ unitRanking: SizeRow[] }>(Q, { s: String(s1.streetId), m: '2023-05' });
    expect(own.errors).toBeUndefined();
    expect(own.data!.unitRanking.map((r) => [r.unit.id, r.rank, r.groupSize, r.groupRanked])).toEqual([[String(u1.A), 1, 3, 2]]);
  });
});

describe('the ranking workbook', () => {
  async function sheets(bytes: Buffer) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    return wb.worksheets.map((ws) => {
      const rows: unknown[][] = [];
      ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
      return { name: ws.name, rows };
    });
  }

  it('has the all-units sheet, then one sheet per peer group with 较上月, totals and rates rounded as on screen', async () => {
    const s = await makeStreet(db);
    const a = await s.unit('A');
    const b = await s.unit('B');
    await s.unit('R', 'RESIDENTIAL');
    await closed(s, a, '2023-05', 5);
    await closed(s, b, '2023-05', 5, { late: 1 });
    // June: A's 满意率 2/3 and a third of its tickets late (totals with many decimals), below B.
    await closed(s, a, '2023-06', 4);
    await closed(s, a, '2023-06', 2, { callback: 'UNSATISFIED', late: 2 });
    await closed(s, b, '2023-06', 5, { late: 1 });
    const live = await unitRanking(db.db, { streetId: s.streetId, month: '2023-06' });
    const rowA = live.rows.find((r) => r.unitId === a)!;
    expect(rowA.total! * 100 % 1).not.toBe(0); // the raw total has more than two decimals

    const out = await unitRankingWorkbook(db.db, { streetId: s.streetId, month: '2023-06' });
    const ws = await sheets(out.bytes);
    expect(ws.map((x) => x.name)).toEqual(['排名 2023-06', '职能部门', '事业单位·中心', '居委']);
    const dept = ws[1]!;
    expect(dept.rows[0]![0]).toContain('职能部门');
    expect(dept.rows[2]).toEqual(['名次', '较上月', '单位代码', '单位名称', '统计区间', '受理量', '办结量', '先行联系率', '按期完成率', '实际解决率', '实际解决占比', '满意率', '基础分', '加分', '扣分', '总分']);
    const data = dept.rows.slice(3, 5);
    expect(data.map((r) => [r[0], r[1], r[2]])).toEqual([[1, '↑1', 'B'], [2, '↓1', 'A']]);
    const a6 = data[1]!;
    expect(a6[15]).toBe(Number(rowA.total!.toFixed(2)));
    expect(a6[12]).toBe(Number(rowA.baseScore!.toFixed(2)));
    expect(a6[8]).toBe(Number((rowA.kpis.onTimeRate! * 100).toFixed(2)) / 100);
    expect(a6[11]).toBe(Number((rowA.kpis.satisfactionRate! * 100).toFixed(2)) / 100);
    // The all-units sheet holds the same rounded values.
    const all = ws[0]!.rows.find((r) => r[2] === 'A')!;
    expect(all[15]).toBe(a6[15]);
    expect(ws[2]!.rows[3]).toEqual(['该分组没有单位']);
    expect(ws[3]!.rows[3]!.slice(0, 4)).toEqual(['样本不足', '—', 'R', '单位R']);

    // A unit handler's workbook: its own row, in its own group's sheet only.
    const own = await sheets((await unitRankingWorkbook(db.db, { streetId: s.streetId, month: '2023-06', onlyUnitId: b })).bytes);
    expect(own.map((x) => x.name)).toEqual(['排名 2023-06', '职能部门']);
    expect(own[1]!.rows.slice(3).filter((r) => r[2] === 'A' || r[2] === 'B').map((r) => r[2])).toEqual(['B']);
  });
});
