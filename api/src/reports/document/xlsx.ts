// The .xlsx of a report: every table of the document on a sheet of its own (a peer-group table too), with a
// title row, a frozen header row, fitted column widths and the numbers kept as numbers — rates as 0.00%,
// scores as 0.00 — so the 城运中心 can sort and paste them. Below-target cells are red and bold, as in the .docx.
import type ExcelJS from 'exceljs';
import { formatCell, isMarked, textWidth } from './format';
import type { CellFormat, ReportDocument, ReportSection, ReportTable } from './model';

const NUM_FMT: Partial<Record<CellFormat, string>> = {
  int: '0',
  percent: '0.00%',
  score: '0.00',
};

/** Every table of the document, in reading order. */
export function documentTables(doc: ReportDocument): ReportTable[] {
  const out: ReportTable[] = [];
  const walk = (s: ReportSection) => {
    for (const b of s.blocks) if (b.type === 'table') out.push(b.table);
    s.subsections?.forEach(walk);
  };
  doc.sections.forEach(walk);
  return out;
}

/** An Excel sheet name: at most 31 characters, none of []:*?/\, unique within the workbook. */
export function sheetName(table: ReportTable, taken: Set<string>): string {
  // "表3 职能部门指标" → "职能部门指标": the number means nothing on its own tab.
  const base = (table.title.replace(/^[表图]\s*\d+\s*/, '') || table.id).replace(/[[\]:*?/\\]/g, '_').slice(0, 31);
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base.slice(0, 31 - String(i).length - 1)}_${i}`;
  taken.add(name.toLowerCase());
  return name;
}

function excelWidths(t: ReportTable): number[] {
  return t.columns.map((c) => {
    const longest = Math.max(textWidth(c.label), ...t.rows.map((r) => textWidth(formatCell(r[c.key], c.format))));
    // +2.5: room for the cell padding; never exactly 9, which exceljs takes for its default width and leaves out
    return Math.max(8, Math.min(60, longest + 2.5));
  });
}

export async function renderXlsx(doc: ReportDocument): Promise<Buffer> {
  const { default: Excel } = await import('exceljs'); // loaded on the first report: ~0.8 s of every start otherwise
  const wb: ExcelJS.Workbook = new Excel.Workbook();
  wb.creator = doc.issuer;
  wb.title = doc.title;
  wb.created = new Date(doc.computedAt);
  const taken = new Set<string>();
  const tables = documentTables(doc);
  if (tables.length === 0) {
    const ws = wb.addWorksheet('说明');
    ws.addRow([doc.title]).font = { bold: true, size: 14 };
    ws.addRow(['本报告没有表格。']);
  }
  for (const t of tables) {
    const ws = wb.addWorksheet(sheetName(t, taken));
    const n = t.columns.length;
    // Widths in Excel characters (a CJK character counts two): the longest cell or header, no wrapping.
    ws.columns = excelWidths(t).map((width) => ({ width }));
    // Row 1: the table's title; row 2: the report and period; row 3: the header (frozen).
    const title = ws.addRow([t.title]);
    title.font = { bold: true, size: 14 };
    title.height = 22;
    ws.mergeCells(1, 1, 1, Math.max(1, n));
    ws.addRow([`${doc.title}${doc.subtitle ? ` ${doc.subtitle}` : ''}${doc.docNumber ? `（${doc.docNumber}）` : ''}`]).font = { color: { argb: 'FF595959' } };
    ws.mergeCells(2, 1, 2, Math.max(1, n));
    const header = ws.addRow(t.columns.map((c) => c.label));
    header.font = { bold: true };
    header.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    header.eachCell((cell) => {
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
      cell.border = { bottom: { style: 'thin' } };
    });
    t.rows.forEach((r, ri) => {
      const row = ws.addRow(
        t.columns.map((c) => {
          const v = r[c.key];
          // Numbers stay numbers where Excel can format them; changes and text are written as the document shows them.
          if (typeof v === 'number' && NUM_FMT[c.format]) return v;
          return formatCell(v, c.format);
        }),
      );
      t.columns.forEach((c, i) => {
        const cell = row.getCell(i + 1);
        const fmt = NUM_FMT[c.format];
        if (fmt && typeof cell.value === 'number') cell.numFmt = fmt;
        if (c.format !== 'text') cell.alignment = { horizontal: 'right' };
        if (isMarked(t, ri, c)) cell.font = { bold: true, color: { argb: 'FFC00000' } };
      });
    });
    ws.views = [{ state: 'frozen', ySplit: 3 }];
    ws.pageSetup = { paperSize: 9, orientation: n > 8 ? 'landscape' : 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:3' };
    if (t.note) {
      ws.addRow([]);
      ws.addRow([`注：${t.note}`]);
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
