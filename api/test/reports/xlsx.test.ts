// The .xlsx renderer, read back with exceljs: a sheet per table (peer groups apart), title and frozen header,
// numbers kept as numbers with the report's formats, below-target cells marked, widths fitted.
import type ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatCell, isMarked, textWidth } from '../../src/reports/document/format';
import type { ReportDocument } from '../../src/reports/document/model';
import { documentTables, renderXlsx, sheetName } from '../../src/reports/document/xlsx';
import { monthlyFixture } from './fixtures/monthly';
import { unzip } from './fixtures/unzip';
import { weeklyFixture } from './fixtures/weekly';

describe.each([
  ['周报', weeklyFixture],
  ['月报', monthlyFixture],
])('renderXlsx %s', (_n, doc: ReportDocument) => {
  let wb: ExcelJS.Workbook;
  let parts: Map<string, Buffer>;
  const tables = documentTables(doc);
  beforeAll(async () => {
    const { default: Excel } = await import('exceljs');
    wb = new Excel.Workbook();
    const buf = await renderXlsx(doc);
    parts = unzip(buf);
    await wb.xlsx.load(buf as never);
  }, 60_000);
  /** Column widths as written (exceljs reads a <col min max> range back only for its first column). */
  const widths = (sheet: number) => {
    const out: number[] = [];
    const xml = parts.get(`xl/worksheets/sheet${sheet}.xml`)!.toString('utf8');
    for (const m of xml.matchAll(/<col min="(\d+)" max="(\d+)" width="([\d.]+)"/g)) for (let i = Number(m[1]); i <= Number(m[2]); i++) out[i] = Number(m[3]);
    return out;
  };

  it('has one sheet per table, each peer group on its own', () => {
    expect(wb.worksheets.map((w) => w.name)).toHaveLength(tables.length);
    const groups = tables.filter((t) => t.peerGroup);
    expect(groups.length).toBe(3);
    expect(new Set(wb.worksheets.map((w) => w.name)).size).toBe(tables.length);
    expect(wb.worksheets.map((w) => w.name)).toContain(tables.find((t) => t.peerGroup === '居委')!.title.replace(/^表\d+\s*/, ''));
  });

  it('writes the title, a frozen header and every cell with the report format', () => {
    tables.forEach((t, i) => {
      const ws = wb.worksheets[i]!;
      expect(ws.getCell(1, 1).value).toBe(t.title);
      expect(ws.getRow(3).values).toEqual([undefined, ...t.columns.map((c) => c.label)]);
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
      t.rows.forEach((r, ri) => {
        t.columns.forEach((c, ci) => {
          const cell = ws.getCell(4 + ri, 1 + ci);
          const v = r[c.key];
          if (typeof v === 'number' && ['percent', 'score', 'int'].includes(c.format)) {
            expect(cell.value).toBe(v); // a number Excel can sort
            expect(cell.numFmt).toBe(({ percent: '0.00%', score: '0.00', int: '0' } as Record<string, string>)[c.format]);
          } else expect(cell.value).toBe(formatCell(v, c.format));
          expect(!!cell.font?.bold && cell.font?.color?.argb === 'FFC00000').toBe(isMarked(t, ri, c));
        });
      });
      const w = widths(i + 1);
      t.columns.forEach((c, ci) => {
        const longest = Math.max(textWidth(c.label), ...t.rows.map((r) => textWidth(formatCell(r[c.key], c.format))));
        expect(w[ci + 1]).toBeGreaterThanOrEqual(Math.min(60, longest));
      });
    });
  });
});

describe('sheetName', () => {
  it('drops the table number, keeps Excel limits and stays unique', () => {
    const taken = new Set<string>();
    const t = { id: 'x', title: '表3 职能部门/指标:[本周]', columns: [], rows: [] };
    expect(sheetName(t, taken)).toBe('职能部门_指标__本周_');
    expect(sheetName(t, taken)).toBe('职能部门_指标__本周__2');
    expect(sheetName({ ...t, title: '很'.repeat(40) }, taken)).toHaveLength(31);
  });
});
