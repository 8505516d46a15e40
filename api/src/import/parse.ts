// Reads the city platform's export (domain.md §7) — CSV or .xlsx — into rows of column → text. No rules of the
// domain here beyond the column names: validate.ts judges the values.
import ExcelJS from 'exceljs';
import { COLUMNS, MAX_DATA_ROWS, MAX_FILE_BYTES, REQUIRED_COLUMNS, TIME_COLUMNS, formatMb, type Column, type ImportError } from './format';

export interface ParsedRow {
  /** The row as a spreadsheet shows it: the header is row 1, the first data row 2. */
  row: number;
  values: Partial<Record<Column, string>>;
}

export interface ParsedSheet {
  format: 'csv' | 'xlsx';
  /** The known columns the file has; a column it lacks is absent from every row's values. */
  columns: Column[];
  rows: ParsedRow[];
}

export interface ParseResult {
  sheet: ParsedSheet | null;
  errors: ImportError[];
  notices: string[];
}

const KNOWN: ReadonlySet<string> = new Set(COLUMNS);
const fileError = (message: string, row = 0, column: string | null = null): ImportError => ({ row, column, message });

export async function parseImportFile(bytes: Uint8Array, filename: string): Promise<ParseResult> {
  if (bytes.byteLength > MAX_FILE_BYTES) {
    return { sheet: null, errors: [fileError(`文件过大（${formatMb(bytes.byteLength)}），一次最多导入 ${formatMb(MAX_FILE_BYTES)}，请拆分后分批导入`)], notices: [] };
  }
  const kind = detectFormat(bytes, filename);
  if (kind === 'xls') return { sheet: null, errors: [fileError('不支持旧版 .xls 文件，请在 Excel 中另存为 .xlsx 或 CSV（UTF-8）后再导入')], notices: [] };
  return kind === 'xlsx' ? parseXlsx(bytes) : parseCsv(bytes);
}

function detectFormat(bytes: Uint8Array, filename: string): 'csv' | 'xlsx' | 'xls' {
  // The content decides; the name only breaks a tie (an empty file).
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'xlsx';
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return 'xls';
  return /\.xlsx$/i.test(filename) && bytes.byteLength > 0 ? 'xlsx' : 'csv';
}

// ---------------------------------------------------------------------------------------------------------
// Header and rows, common to both formats

const normalizeHeader = (h: string) => h.replace(/^\uFEFF/, '').replace(/[\s\u3000]+/g, '').replace(/^\*|\*$/g, '');

interface HeaderMap {
  /** Column index in the file → known column. */
  byIndex: Map<number, Column>;
  columns: Column[];
}

function readHeader(cells: string[], format: 'csv' | 'xlsx', notices: string[], errors: ImportError[]): HeaderMap {
  const byIndex = new Map<number, Column>();
  const seen = new Map<Column, number>();
  const unknown: string[] = [];
  cells.forEach((raw, index) => {
    const name = normalizeHeader(raw);
    if (!name) return;
    if (!KNOWN.has(name)) {
      unknown.push(raw.trim());
      return;
    }
    const column = name as Column;
    if (seen.has(column)) {
      errors.push(fileError(`表头中「${column}」出现了不止一次（第 ${columnLabel(seen.get(column)!, format)} 列和第 ${columnLabel(index, format)} 列）`, 1, column));
      return;
    }
    seen.set(column, index);
    byIndex.set(index, column);
  });
  if (unknown.length) notices.push(`已忽略 ${unknown.length} 个无法识别的列：${unknown.join('、')}`);
  const missing = REQUIRED_COLUMNS.filter((c) => !seen.has(c));
  for (const c of missing) errors.push(fileError(`缺少必需的列「${c}」（第一行应为表头）`, 1, c));
  const absent = COLUMNS.filter((c) => !seen.has(c) && !missing.includes(c));
  if (absent.length && !missing.length) notices.push(`文件中没有这些列，已有工单的相应内容保持不变：${absent.join('、')}`);
  return { byIndex, columns: COLUMNS.filter((c) => seen.has(c)) };
}

/** A CSV column is counted 1, 2, 3 …; a spreadsheet column is lettered A, B, C … */
function columnLabel(index: number, format: 'csv' | 'xlsx'): string {
  if (format === 'csv') return String(index + 1);
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function tooManyRows(count: number): ImportError {
  return fileError(`数据行过多（超过 ${MAX_DATA_ROWS.toLocaleString('en-US')} 行，实有 ${count.toLocaleString('en-US')} 行），请拆分后分批导入`);
}

const noDataRows = () => fileError('文件中没有数据行（第一行是表头，从第二行起每行一张工单）');

// ---------------------------------------------------------------------------------------------------------
// CSV (RFC 4180): UTF-8 with or without BOM, CRLF or LF, quoted fields holding commas, line breaks and "".

function decodeText(bytes: Uint8Array, notices: string[]): string | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    // Excel on a Chinese Windows saves "CSV" in the ANSI code page (GBK); GB18030 is its superset.
    try {
      const text = new TextDecoder('gb18030', { fatal: true }).decode(bytes);
      notices.push('文件不是 UTF-8 编码，已按 GBK/GB18030 读取；建议另存为「CSV UTF-8」');
      return text;
    } catch {
      return null;
    }
  }
}

/** Splits CSV text into records; each record keeps the line it started on (1-based) for error messages. */
export function splitCsv(text: string): { records: string[][]; unterminatedAt: number | null } {
  const records: string[][] = [];
  const n = text.length;
  const stop = /[,\r\n]/g;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  while (i < n) {
    const startLine = line;
    const record: string[] = [];
    for (;;) {
      let value = '';
      if (text[i] === '"') {
        let j = i + 1;
        for (;;) {
          const q = text.indexOf('"', j);
          if (q < 0) return { records, unterminatedAt: startLine };
          value += text.slice(j, q);
          if (text[q + 1] === '"') {
            value += '"';
            j = q + 2;
            continue;
          }
          i = q + 1;
          break;
        }
        // Text after the closing quote (a malformed field) is kept as Excel keeps it.
        stop.lastIndex = i;
        const m = stop.exec(text);
        const end = m ? m.index : n;
        value += text.slice(i, end);
        i = end;
      } else {
        stop.lastIndex = i;
        const m = stop.exec(text);
        const end = m ? m.index : n;
        value = text.slice(i, end);
        i = end;
      }
      line += countLineBreaks(value);
      record.push(value);
      if (i >= n) break;
      if (text[i] === ',') {
        i++;
        if (i >= n) {
          record.push('');
          break;
        }
        continue;
      }
      i += text[i] === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      break;
    }
    records.push(record);
  }
  return { records, unterminatedAt: null };
}

function countLineBreaks(s: string): number {
  let c = 0;
  for (let k = s.indexOf('\n'); k >= 0; k = s.indexOf('\n', k + 1)) c++;
  if (!c) for (let k = s.indexOf('\r'); k >= 0; k = s.indexOf('\r', k + 1)) c++;
  return c;
}

const isBlank = (cells: string[]) => cells.every((c) => c.trim() === '');

function parseCsv(bytes: Uint8Array): ParseResult {
  const notices: string[] = [];
  const errors: ImportError[] = [];
  const text = decodeText(bytes, notices);
  if (text === null) return { sheet: null, errors: [fileError('无法识别文件编码，请另存为「CSV UTF-8」后再导入')], notices };
  const { records, unterminatedAt } = splitCsv(text);
  if (unterminatedAt !== null) {
    return { sheet: null, errors: [fileError(`从第 ${unterminatedAt} 行开始的引号没有闭合，文件可能不完整`, unterminatedAt)], notices };
  }
  const header = records[0];
  if (!header || isBlank(header)) return { sheet: null, errors: [fileError('文件是空的，或第一行不是表头', 1)], notices };
  if (header.length === 1 && header[0]!.includes('\t')) {
    return { sheet: null, errors: [fileError('文件似乎是以制表符分隔的文本，请另存为「CSV UTF-8（逗号分隔）」或 .xlsx', 1)], notices };
  }
  const map = readHeader(header, 'csv', notices, errors);
  const rows: ParsedRow[] = [];
  for (let r = 1; r < records.length; r++) {
    const cells = records[r]!;
    if (isBlank(cells)) continue;
    const values: Partial<Record<Column, string>> = {};
    for (const [index, column] of map.byIndex) values[column] = (cells[index] ?? '').replace(/\r\n?/g, '\n').trim();
    rows.push({ row: r + 1, values });
  }
  if (rows.length > MAX_DATA_ROWS) errors.push(tooManyRows(rows.length));
  else if (!rows.length && !errors.length) errors.push(noDataRows());
  if (errors.length) return { sheet: null, errors, notices };
  return { sheet: { format: 'csv', columns: map.columns, rows }, errors, notices };
}

// ---------------------------------------------------------------------------------------------------------
// .xlsx: the first sheet. Date cells carry no zone: exceljs hands them over as UTC instants of the wall time
// shown, which is Asia/Shanghai wall time here. Numbers (工单编号, phones) become their digits.

async function parseXlsx(bytes: Uint8Array): Promise<ParseResult> {
  const notices: string[] = [];
  const errors: ImportError[] = [];
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch {
    return { sheet: null, errors: [fileError('无法读取 .xlsx 文件：文件已损坏或不是 Excel 工作簿')], notices };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { sheet: null, errors: [fileError('工作簿中没有工作表')], notices };
  if (workbook.worksheets.length > 1) {
    notices.push(`只读取第一个工作表「${sheet.name}」，已忽略其余 ${workbook.worksheets.length - 1} 个工作表`);
  }
  const date1904 = !!(workbook.properties as { date1904?: boolean } | undefined)?.date1904;
  if (sheet.actualRowCount - 1 > MAX_DATA_ROWS) return { sheet: null, errors: [tooManyRows(sheet.actualRowCount - 1)], notices };

  const headerRow = sheet.getRow(1);
  const headerCells: string[] = [];
  headerRow.eachCell({ includeEmpty: true }, (cell, col) => {
    headerCells[col - 1] = cellText(cell.value, undefined, date1904);
  });
  for (let k = 0; k < headerCells.length; k++) headerCells[k] ??= '';
  if (isBlank(headerCells)) return { sheet: null, errors: [fileError('第一个工作表的第一行应为表头，但它是空的', 1)], notices };
  const map = readHeader(headerCells, 'xlsx', notices, errors);
  if (errors.length) return { sheet: null, errors, notices };

  const rows: ParsedRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const values: Partial<Record<Column, string>> = {};
    let blank = true;
    for (const [index, column] of map.byIndex) {
      const text = cellText(row.getCell(index + 1).value, column, date1904).trim();
      if (text) blank = false;
      values[column] = text;
    }
    if (!blank) rows.push({ row: rowNumber, values });
  });
  if (rows.length > MAX_DATA_ROWS) return { sheet: null, errors: [tooManyRows(rows.length)], notices };
  if (!rows.length) return { sheet: null, errors: [noDataRows()], notices };
  return { sheet: { format: 'xlsx', columns: map.columns, rows }, errors, notices };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** A zone-less wall time held in a Date's UTC fields, written the way the export writes times. */
function wallTimeText(d: Date): string {
  const t = new Date(Math.round(d.getTime() / 1000) * 1000); // Excel serials carry float noise
  return `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`;
}

/** Excel's serial day number (days since 1899-12-30, or since 1904-01-01) as wall time. */
function serialToWallTime(serial: number, date1904: boolean): string {
  const days = serial + (date1904 ? 1462 : 0) - 25569;
  return wallTimeText(new Date(Math.round(days * 86_400) * 1000));
}

function numberText(n: number): string {
  if (!Number.isFinite(n)) return '';
  // 13812345678 must stay 13812345678, never 1.38e10; integers beyond 2^53 print all their digits.
  if (Number.isInteger(n)) return Number.isSafeInteger(n) ? String(n) : n.toLocaleString('en-US', { useGrouping: false });
  return String(n);
}

export function cellText(value: ExcelJS.CellValue, column: Column | undefined, date1904: boolean): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') {
    // A time column holding a bare serial (a date cell that lost its number format).
    if (column && TIME_COLUMNS.has(column) && value > 1 && value < 2_958_466) return serialToWallTime(value, date1904);
    return numberText(value);
  }
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : wallTimeText(value);
  const v = value as unknown as Record<string, unknown>;
  if (Array.isArray(v.richText)) return (v.richText as Array<{ text?: string }>).map((p) => p.text ?? '').join('');
  if ('error' in v) return '';
  if ('formula' in v || 'sharedFormula' in v) return cellText((v.result ?? null) as ExcelJS.CellValue, column, date1904);
  if ('text' in v) return cellText(v.text as ExcelJS.CellValue, column, date1904);
  return String(value);
}
