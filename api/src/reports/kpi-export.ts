// The indicator table of a node (unit, street or district) for the twelve months of a year as an .xlsx sheet:
// the dashboard's trend, in the form the 城运中心 pastes into its monthly report.
import type ExcelJS from 'exceljs';
import { formatShanghai } from '../domain/time';
import type { Kpis } from '../domain/kpi';

export interface KpiTableRow {
  month: string;
  kpis: Kpis;
  baseScore: number | null;
}

const COLUMNS: { header: string; width: number; value: (r: KpiTableRow) => string | number | null; fmt?: string }[] = [
  { header: '月份', width: 10, value: (r) => r.month },
  { header: '受理量', width: 9, value: (r) => r.kpis.receivedCount },
  { header: '办结量', width: 9, value: (r) => r.kpis.closedCount },
  { header: '先行联系率', width: 12, value: (r) => r.kpis.firstContactRate, fmt: '0.00%' },
  { header: '按期完成率', width: 12, value: (r) => r.kpis.onTimeRate, fmt: '0.00%' },
  { header: '实际解决率', width: 12, value: (r) => r.kpis.resolutionRate, fmt: '0.00%' },
  { header: '实际解决占比', width: 13, value: (r) => r.kpis.actualResolvedShare, fmt: '0.00%' },
  { header: '满意率', width: 10, value: (r) => r.kpis.satisfactionRate, fmt: '0.00%' },
  { header: '基础分', width: 10, value: (r) => r.baseScore, fmt: '0.00' },
];

/** The twelve months of a node's indicators as an .xlsx file's bytes. */
export async function kpiTableWorkbook(a: { title: string; rows: KpiTableRow[]; now?: Date }): Promise<Buffer> {
  const { default: Excel } = await import('exceljs'); // loaded on first export: ~0.8 s of every start otherwise
  const wb: ExcelJS.Workbook = new Excel.Workbook();
  wb.creator = 'Rexian';
  const ws = wb.addWorksheet('指标');
  ws.columns = COLUMNS.map((c) => ({ width: c.width }));
  const title = ws.addRow([a.title]);
  title.font = { bold: true, size: 14 };
  ws.mergeCells(1, 1, 1, COLUMNS.length);
  ws.addRow([`按 ${formatShanghai(a.now ?? new Date())} 的数据计算`]);
  ws.mergeCells(2, 1, 2, COLUMNS.length);
  const header = ws.addRow(COLUMNS.map((c) => c.header));
  header.font = { bold: true };
  header.alignment = { horizontal: 'center' };
  for (const r of a.rows) {
    const row = ws.addRow(COLUMNS.map((c) => c.value(r) ?? '—'));
    COLUMNS.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      if (c.fmt && typeof cell.value === 'number') cell.numFmt = c.fmt;
    });
  }
  ws.views = [{ state: 'frozen', ySplit: 3 }];
  ws.addRow([]);
  ws.addRow(['比率分母为空时显示“—”。定义见四项重点指标口径（先行联系率、按期完成率、实际解决率、实际解决占比、满意率）。']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
