// The monthly unit ranking as an .xlsx workbook (sent to 纪检监察室 and the street's leaders): the published snapshot
// when there is one, else the live computation, marked as such. The first sheet lists every unit (the CLI export's
// layout, contract.md); then one sheet per peer group for the monthly meeting, with the rank change against the
// previous month. Rates and scores are stored rounded to two decimals exactly as the screen shows them
// (admin/src/reports/format.ts: toFixed(2)), so a sum or a copy in Excel gives the numbers read at the meeting.
import type ExcelJS from 'exceljs';
import { formatShanghai } from '../domain/time';
import { monthsBack } from '../domain/ranking';
import type { Db } from './kpis';
import { effectiveUnitRanking, type UnitRankingRow } from './ranking';
import { previousRanking, rankChange, rankChangeLabel, type PreviousRanking } from './ranking-meeting';

/** The screen's rounding (format.ts score): two decimals by Number.prototype.toFixed. */
export const screenScore = (v: number | null): number | null => (v === null ? null : Number(v.toFixed(2)));
/** The screen's rounding of a rate (format.ts pct): the percentage to two decimals, stored as a fraction. */
export const screenRate = (v: number | null): number | null => (v === null ? null : Number((v * 100).toFixed(2)) / 100);

export const PEER_GROUPS = ['DEPARTMENT', 'INSTITUTION', 'RESIDENTIAL'] as const;

export const PEER_GROUP_LABEL: Record<string, string> = { DEPARTMENT: '职能部门', INSTITUTION: '事业单位·中心', RESIDENTIAL: '居委' };

/** 统计区间: 当月, or the rolling window with its months (近2月（2023-05—2023-06）). */
export function windowLabel(month: string, windowMonths: number): string {
  if (windowMonths <= 1) return '当月';
  const first = monthsBack(month, windowMonths)[windowMonths - 1]!;
  return `近${windowMonths}月（${first}—${month}）`;
}

type Column = { header: string; width: number; value: (r: UnitRankingRow) => string | number | null; percent?: boolean; score?: boolean };

const columns = (month: string): Column[] => [
  { header: '名次', width: 8, value: (r) => r.rank ?? (r.sampleTooSmall ? '样本不足' : '—') },
  { header: '考核分组', width: 14, value: (r) => PEER_GROUP_LABEL[r.peerGroup] ?? r.peerGroup },
  { header: '单位代码', width: 12, value: (r) => r.unitCode },
  { header: '单位名称', width: 24, value: (r) => r.unitName },
  { header: '统计区间', width: 26, value: (r) => windowLabel(month, r.windowMonths) },
  { header: '受理量', width: 9, value: (r) => r.kpis.receivedCount },
  { header: '办结量', width: 9, value: (r) => r.kpis.closedCount },
  { header: '先行联系率', width: 12, value: (r) => screenRate(r.kpis.firstContactRate), percent: true },
  { header: '按期完成率', width: 12, value: (r) => screenRate(r.kpis.onTimeRate), percent: true },
  { header: '实际解决率', width: 12, value: (r) => screenRate(r.kpis.resolutionRate), percent: true },
  { header: '实际解决占比', width: 13, value: (r) => screenRate(r.kpis.actualResolvedShare), percent: true },
  { header: '满意率', width: 10, value: (r) => screenRate(r.kpis.satisfactionRate), percent: true },
  { header: '基础分', width: 10, value: (r) => screenScore(r.baseScore), score: true },
  { header: '加分', width: 8, value: (r) => screenScore(r.bonus), score: true },
  { header: '扣分', width: 8, value: (r) => screenScore(r.deduction), score: true },
  { header: '总分', width: 10, value: (r) => screenScore(r.total), score: true },
];

const NOTE =
  '比率分母为空时显示“—”。当月办结量少于最少样本量的单位按滚动窗口（本月及之前若干月，取达到最少样本量的最短区间）计算各项指标，' +
  '加分、扣分仍按当月；窗口最长月数内仍不足的单位不排名（样本不足），显示当月数据。同一考核分组内按总分、满意率、单位代码排序，总分相同（4 位小数）名次并列。' +
  '比率与分数按页面显示四舍五入到两位小数。';

function writeRows(ws: ExcelJS.Worksheet, cols: Column[], rows: UnitRankingRow[]) {
  for (const r of rows) {
    const row = ws.addRow(cols.map((c) => c.value(r) ?? '—'));
    cols.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      if (typeof cell.value !== 'number') return;
      if (c.percent) cell.numFmt = '0.00%';
      if (c.score) cell.numFmt = '0.00';
    });
  }
}

/** A peer group's sheet: its units in rank order with 较上月 (↑2 / ↓1 / 新 / —) after the rank. */
function groupSheet(wb: ExcelJS.Workbook, a: { title: string; status: string; month: string; previous: PreviousRanking; rows: UnitRankingRow[]; sheetName: string }) {
  const all = columns(a.month);
  const cols: Column[] = [
    all[0]!,
    { header: '较上月', width: 9, value: (r) => rankChangeLabel(rankChange(r, a.previous)) },
    ...all.slice(2),
  ];
  const ws = wb.addWorksheet(a.sheetName);
  ws.columns = cols.map((c) => ({ width: c.width }));
  const title = ws.addRow([a.title]);
  title.font = { bold: true, size: 14 };
  ws.mergeCells(1, 1, 1, cols.length);
  ws.addRow([a.status]);
  ws.mergeCells(2, 1, 2, cols.length);
  const header = ws.addRow(cols.map((c) => c.header));
  header.font = { bold: true };
  header.alignment = { horizontal: 'center' };
  if (a.rows.length === 0) ws.addRow(['该分组没有单位']);
  writeRows(ws, cols, a.rows);
  ws.views = [{ state: 'frozen', ySplit: 3 }];
  ws.addRow([]);
  ws.addRow([`较上月：与 ${a.previous.month} ${a.previous.published ? '已发布' : '按现有数据计算'}的排名比较（同一考核分组）；“新”为上月无名次，“—”为名次未变或本月不排名。`]);
  ws.addRow([NOTE]);
}

/** The ranking of a street-month as an .xlsx file's bytes. */
export async function unitRankingWorkbook(
  db: Db,
  a: { streetId: number; month: string; now?: Date; onlyUnitId?: number },
): Promise<{ bytes: Buffer; rows: number; published: boolean }> {
  const street = await db.selectFrom('street').select(['name', 'code']).where('id', '=', a.streetId).executeTakeFirstOrThrow();
  const effective = await effectiveUnitRanking(db, a);
  const snapshot = effective.snapshot;
  // A unit handler's export holds its own row only, as its unitRanking answer does.
  const rows = a.onlyUnitId === undefined ? effective.rows : effective.rows.filter((r) => r.unitId === a.onlyUnitId);
  const COLUMNS = columns(a.month);
  const { default: Excel } = await import('exceljs'); // loaded on first export: ~0.8 s of every start otherwise
  const wb: ExcelJS.Workbook = new Excel.Workbook();
  wb.creator = 'Rexian';
  const ws = wb.addWorksheet(`排名 ${a.month}`);
  ws.columns = COLUMNS.map((c) => ({ width: c.width }));
  const title = ws.addRow([`${street.name} ${a.month.replace('-', '年')}月 单位绩效排名`]);
  title.font = { bold: true, size: 14 };
  ws.mergeCells(1, 1, 1, COLUMNS.length);
  ws.addRow([snapshot ? `已发布（${formatShanghai(snapshot.publishedAt)}），以下为发布时的排名` : `未发布：按 ${formatShanghai(a.now ?? new Date())} 的数据实时计算`]);
  ws.mergeCells(2, 1, 2, COLUMNS.length);
  const header = ws.addRow(COLUMNS.map((c) => c.header));
  header.font = { bold: true };
  header.alignment = { horizontal: 'center' };
  writeRows(ws, COLUMNS, rows);
  ws.views = [{ state: 'frozen', ySplit: 3 }];
  ws.addRow([]);
  ws.addRow([NOTE]);
  const previous = await previousRanking(db, { streetId: a.streetId, month: a.month, now: a.now });
  const status = snapshot ? `已发布（${formatShanghai(snapshot.publishedAt)}），以下为发布时的排名` : `未发布：按 ${formatShanghai(a.now ?? new Date())} 的数据实时计算`;
  // A unit handler's export: the sheet of its own group only.
  const groups = a.onlyUnitId === undefined ? PEER_GROUPS : PEER_GROUPS.filter((g) => rows.some((r) => r.peerGroup === g));
  for (const group of groups) {
    groupSheet(wb, { title: `${street.name} ${a.month.replace('-', '年')}月 单位绩效排名 · ${PEER_GROUP_LABEL[group]}`, status, month: a.month, previous, rows: rows.filter((r) => r.peerGroup === group), sheetName: PEER_GROUP_LABEL[group]! });
  }
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  return { bytes, rows: rows.length, published: !!snapshot };
}
