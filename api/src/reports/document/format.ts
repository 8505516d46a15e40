// How every renderer (docx, xlsx, the admin's page) writes a cell: one place, so the three deliveries print the
// same text. Pure, no Node imports: the admin imports this file too.
import type { CellFormat, CellValue, ReportColumn, ReportTable } from './model';

export const DASH = '—';

/** A date-time in Shanghai as YYYY-MM-DD HH:mm. */
function shanghaiDateTime(iso: string): string {
  const t = new Date(iso).getTime();
  if (Number.isNaN(t)) return iso;
  const d = new Date(t + 8 * 3_600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

/**
 * A cell as text: rates as percentages with two decimals (as on the ranking page), scores with two decimals,
 * changes with ↑/↓ (rates in 个百分点), "—" where there is no value (a rate without denominator is never 0).
 * A string value is the builder's own wording (样本不足, 近2月 …) and is kept as it is.
 */
export function formatCell(value: CellValue | undefined, format: CellFormat): string {
  if (value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value))) return DASH;
  if (typeof value === 'string') return format === 'datetime' ? shanghaiDateTime(value) : value;
  switch (format) {
    case 'int':
      return String(Math.round(value));
    case 'percent':
      return `${(value * 100).toFixed(2)}%`;
    case 'score':
      return value.toFixed(2);
    case 'delta-percent': {
      const pp = Math.round(value * 10000) / 100;
      return pp === 0 ? '持平' : `${pp > 0 ? '↑' : '↓'}${Math.abs(pp).toFixed(2)}个百分点`;
    }
    case 'delta-int':
      return value === 0 ? '持平' : `${value > 0 ? '↑' : '↓'}${Math.abs(Math.round(value))}`;
    case 'date':
    case 'datetime':
    case 'text':
    default:
      return String(value);
  }
}

/** Is this cell below its target? The builder's marks, or a rate under the column's target. */
export function isMarked(table: ReportTable, rowIndex: number, column: ReportColumn): boolean {
  if (table.marks?.[rowIndex]?.includes(column.key)) return true;
  const v = table.rows[rowIndex]?.[column.key];
  return column.target != null && typeof v === 'number' && v + 1e-9 < column.target;
}

/** Numbers align right, text left. */
export function isNumeric(format: CellFormat): boolean {
  return format !== 'text' && format !== 'date' && format !== 'datetime';
}

/** 2023-06-19 → 2023年6月19日 (成文日期 in Arabic numerals, GB/T 9704—2012). */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** Section numbers of a Chinese document: 一、二、… and （一）（二）…. */
export function chineseNumber(n: number): string {
  const digits = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
  if (n < 10) return digits[n]!;
  if (n < 20) return `十${n % 10 ? digits[n % 10] : ''}`;
  if (n < 100) return `${digits[Math.floor(n / 10)]}十${n % 10 ? digits[n % 10] : ''}`;
  return String(n);
}

/** A text's width in half-width units: a CJK character counts two. */
export function textWidth(s: string): number {
  return [...s].reduce((a, ch) => a + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
}

/**
 * A table's relative column widths, fitted to its text in half-width units (CJK counts 2): the longest cell plus
 * room for the cell margins and a bold mark, the header allowed to wrap onto two lines, long text wrapping past
 * 16, the builder's hint as a minimum.
 */
export function columnWidths(table: ReportTable): number[] {
  const len = textWidth;
  return table.columns.map((c) => {
    const cells = Math.max(0, ...table.rows.map((r) => len(formatCell(r[c.key], c.format)))) + 2;
    const header = Math.ceil(len(c.label) / (len(c.label) > 6 ? 2 : 1)) + 1;
    const fitted = Math.max(header, isNumeric(c.format) ? cells : Math.min(16, cells));
    return Math.max(4, c.width ?? 0, Math.min(40, fitted));
  });
}
