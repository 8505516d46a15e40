// Reads the city platform's export (domain.md §7) — CSV or .xlsx — into rows of column → text. No rules of the
// domain here beyond the column names: validate.ts judges the values.
//
// A file is hostile until read: an .xlsx is judged by its zip directory before anything is inflated (zip-guard.ts),
// rows are streamed and reading stops at the row limit, and the reading itself runs in a worker thread with a heap
// limit and a deadline, so a bad file costs the server neither its memory nor its event loop.
import { isUtf8 } from 'node:buffer';
import { Worker } from 'node:worker_threads';
import { parse as parseCsvSync, type Options as CsvOptions } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import {
  COLUMNS, MAX_CELL_CHARS, MAX_DATA_ROWS, MAX_FILE_BYTES, REQUIRED_COLUMNS, TIME_COLUMNS, formatMb, type Column, type ImportError,
} from './format';
import { SHARED_STRINGS_PART, ZipContentError, inspectZip, verifiedEntryStream } from './zip-guard';
import { nextTurn } from './turns';

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

export type FileKind = 'csv' | 'xlsx';

const KNOWN: ReadonlySet<string> = new Set(COLUMNS);
const fileError = (message: string, row = 0, column: string | null = null): ImportError => ({ row, column, message });
const refused = (message: string, notices: string[] = [], row = 0, column: string | null = null): ParseResult => ({
  sheet: null, errors: [fileError(message, row, column)], notices,
});

/**
 * `maxRows` is MAX_DATA_ROWS unless a test wants the limit smaller (a file beyond it is refused unread).
 * `csvInThread`: a CSV is read on the calling thread whatever its size — for a process with nothing else to serve
 * (the CLI), which saves the worker's start and the rows' handing over (a fifth of a re-import of 50k rows). An
 * .xlsx always goes to the worker, whose heap cap stands between an inflating workbook and the process.
 */
export async function parseImportFile(bytes: Uint8Array, filename: string, maxRows = MAX_DATA_ROWS, opts: { csvInThread?: boolean } = {}): Promise<ParseResult> {
  if (bytes.byteLength > MAX_FILE_BYTES) {
    return refused(`文件过大（${formatMb(bytes.byteLength)}），一次最多导入 ${formatMb(MAX_FILE_BYTES)}，请拆分后分批导入`);
  }
  const kind = detectFormat(bytes, filename);
  if (kind === 'xls') return refused('不支持旧版 .xls 文件，请在 Excel 中另存为 .xlsx 或 CSV（UTF-8）后再导入');
  if (kind === 'xlsx') {
    // Reading a zip directory costs microseconds: a bomb is refused here, before a worker is even started.
    const zip = inspectZip(bytes);
    if (!zip.ok) return refused(zip.message);
  }
  // A small CSV is read in a few ms (linear, nothing to inflate; under 35 ms on a crowded machine), sooner than a
  // worker starts.
  if (kind === 'csv' && (opts.csvInThread || bytes.byteLength <= IN_THREAD_CSV_BYTES)) return parseInThread(bytes, kind, collectingSink(), maxRows);
  return withWorkerSlot(() => parseInWorker(bytes, kind, PARSE_WORKER_LIMITS, maxRows));
}

function detectFormat(bytes: Uint8Array, filename: string): FileKind | 'xls' {
  // The content decides; the name only breaks a tie (an empty file).
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'xlsx';
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return 'xls';
  return /\.xlsx$/i.test(filename) && bytes.byteLength > 0 ? 'xlsx' : 'csv';
}

/** The reading itself, on whatever thread calls it (parse-worker.mjs calls it in the worker with a batching sink). */
export function parseInThread(bytes: Uint8Array, kind: FileKind, sink: RowSink = collectingSink(), maxRows = MAX_DATA_ROWS): Promise<ParseResult> {
  return kind === 'xlsx' ? parseXlsx(bytes, sink, maxRows) : Promise.resolve(parseCsv(bytes, sink, maxRows));
}

/** Where rows go as they are read: kept (in the calling thread), or handed on in batches (the worker posts them). */
export interface RowSink {
  push(row: ParsedRow): void;
  /** After the last row: a batching sink hands on what it still holds. */
  end(): void;
  /** The rows kept (none for a batching sink). */
  readonly rows: ParsedRow[];
}

export function collectingSink(): RowSink {
  const rows: ParsedRow[] = [];
  return { rows, push: (r) => void rows.push(r), end: () => {} };
}

/**
 * Rows handed on `size` at a time, or sooner once they hold `maxChars` characters of cell text, so the worker never
 * holds the whole sheet besides the file, and the parent decodes no batch of more than a few MB at once (a file of
 * long 诉求内容 would otherwise make one 5,000-row batch tens of MB of JSON, parsed in one go on the event loop).
 */
export function batchingSink(hand: (rows: ParsedRow[]) => void, size = 5_000, maxChars = 1_000_000): RowSink {
  let batch: ParsedRow[] = [];
  let chars = 0;
  return {
    rows: [],
    push(r) {
      batch.push(r);
      for (const v of Object.values(r.values)) chars += v!.length;
      if (batch.length >= size || chars >= maxChars) {
        hand(batch);
        batch = [];
        chars = 0;
      }
    },
    end() {
      if (batch.length) hand(batch);
      batch = [];
      chars = 0;
    },
  };
}

// ---------------------------------------------------------------------------------------------------------
// The file's bytes on the main thread. A whole-file copy in one go is no small thing: at 100 MB a memcpy into fresh
// memory costs 100–350 ms on a loaded 2-core machine (page faults), and the old upload path made three of them in a
// row (the upload's Buffer.concat in File.arrayBuffer(), `new Uint8Array(...)` of it, and the worker's own copy) —
// a 60 MB upload blocked the event loop for 0.7–0.9 s. Now the bytes are copied once, a few MB per turn of the event
// loop, into a SharedArrayBuffer the worker reads in place.

/** Bytes copied between two turns of the event loop. */
const COPY_SLICE_BYTES = 4 * 1024 * 1024;

/** Copies `source` into `target` at `at`, a slice per turn of the event loop; `budget` carries the slice across calls. */
async function copyInSlices(target: Uint8Array, at: number, source: Uint8Array, budget: { left: number }): Promise<void> {
  for (let from = 0; from < source.byteLength; ) {
    if (budget.left <= 0) {
      await nextTurn();
      budget.left = COPY_SLICE_BYTES;
    }
    const n = Math.min(budget.left, source.byteLength - from);
    target.set(source.subarray(from, from + n), at + from);
    from += n;
    budget.left -= n;
  }
}

/** The bytes in shared memory (the worker reads them where they are): as they are when they are already shared. */
export async function sharedBytes(bytes: Uint8Array): Promise<Uint8Array> {
  if (bytes.buffer instanceof SharedArrayBuffer) return bytes;
  const shared = new Uint8Array(new SharedArrayBuffer(bytes.byteLength));
  await copyInSlices(shared, 0, bytes, { left: COPY_SLICE_BYTES });
  return shared;
}

/**
 * An uploaded file (a GraphQL multipart request's File) read into shared memory as its chunks come, without the
 * whole-file copies of `file.arrayBuffer()`: import paths give the result to parseImportFile, whose worker reads
 * it in place. The caller has checked `file.size` against MAX_FILE_BYTES.
 */
export async function readUpload(file: Blob): Promise<Uint8Array> {
  const shared = new Uint8Array(new SharedArrayBuffer(file.size));
  const reader = (file.stream() as ReadableStream<Uint8Array>).getReader();
  const budget = { left: COPY_SLICE_BYTES };
  let at = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (at + value.byteLength > shared.byteLength) throw new Error(`upload stream longer than its declared size ${file.size}`);
      await copyInSlices(shared, at, value, budget);
      at += value.byteLength;
    }
  } finally {
    reader.releaseLock();
  }
  return at === shared.byteLength ? shared : shared.subarray(0, at);
}

// ---------------------------------------------------------------------------------------------------------
// The worker: one per file, ended when the file is read, so whatever it allocated goes with it.

export const IN_THREAD_CSV_BYTES = 256 * 1024;
/** Files read at once; more wait their turn, so a burst of uploads holds at most this many worker heaps. */
export const MAX_PARSE_WORKERS = 2;

let busyWorkers = 0;
const waitingForWorker: Array<() => void> = [];

async function withWorkerSlot<T>(work: () => Promise<T>): Promise<T> {
  if (busyWorkers < MAX_PARSE_WORKERS) busyWorkers++;
  else await new Promise<void>((resolve) => waitingForWorker.push(resolve)); // the slot is handed over, not freed
  try {
    return await work();
  } finally {
    const next = waitingForWorker.shift();
    if (next) next();
    else busyWorkers--;
  }
}

export interface WorkerLimits {
  timeoutMs: number;
  maxOldGenerationSizeMb: number;
  maxYoungGenerationSizeMb: number;
}

/**
 * The worker hands rows on in batches, so its heap holds the parser's state and one batch, not the sheet: a
 * 200,000-row CSV parses well within 256 MB. A file needing more, or more than a minute, is refused rather than
 * allowed to grow.
 */
export const PARSE_WORKER_LIMITS: WorkerLimits = { timeoutMs: 60_000, maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32 };

const decoder = new TextDecoder();
const EMPTY = new Uint8Array(0);

export async function parseInWorker(bytes: Uint8Array, kind: FileKind, limits: WorkerLimits = PARSE_WORKER_LIMITS, maxRows = MAX_DATA_ROWS): Promise<ParseResult> {
  // The worker reads the bytes in shared memory, where they are: an upload is already there (readUpload); other
  // bytes (the CLI's file, tests) are copied there a slice at a time. The caller keeps its bytes either way, and
  // neither the event loop nor postMessage ever copies the whole file in one go.
  const shared = await sharedBytes(bytes);
  return new Promise<ParseResult>((resolve, reject) => {
    const worker = new Worker(new URL('./parse-worker.mjs', import.meta.url), {
      // The parent's loader flags (`--import tsx`) are not carried into workers reliably on Node 20: the worker
      // registers tsx itself, which also works under vitest, whose own TypeScript transform never reaches a worker.
      execArgv: [],
      workerData: { bytes: shared.buffer, offset: shared.byteOffset, length: shared.byteLength, kind, maxRows },
      resourceLimits: { maxOldGenerationSizeMb: limits.maxOldGenerationSizeMb, maxYoungGenerationSizeMb: limits.maxYoungGenerationSizeMb },
    });
    let settled = false;
    let answered = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      outcome();
    };
    const seconds = Math.ceil(limits.timeoutMs / 1000);
    const timer = setTimeout(() => settle(() => resolve(refused(`文件解析超时（超过 ${seconds} 秒），文件可能过于复杂，请拆分后分批导入`))), limits.timeoutMs);
    // The rows come with the answer, as batches of UTF-8 JSON (buffers moved, not copied), and only for a good file.
    // They are decoded a batch per turn of the event loop (a batch is at most ~1M characters: batchingSink).
    worker.once('message', (m: { result: ParseResult; batches?: Uint8Array[] }) => {
      const result = m.result;
      if (!result.sheet) return settle(() => resolve(result));
      // Answered: the deadline, the worker's end and its errors no longer apply while the rows are decoded.
      answered = true;
      clearTimeout(timer);
      void worker.terminate();
      const batches = m.batches ?? [];
      const sheet = result.sheet;
      void (async () => {
        const rows: ParsedRow[] = [];
        for (let k = 0; k < batches.length; k++) {
          if (k > 0) await nextTurn();
          for (const r of JSON.parse(decoder.decode(batches[k]!)) as ParsedRow[]) rows.push(r);
          batches[k] = EMPTY;
        }
        sheet.rows = rows;
        return result;
      })().then(
        (r) => settle(() => resolve(r)),
        (e) => settle(() => reject(e)),
      );
    });
    worker.once('error', (error: Error & { code?: string }) => {
      if (answered) return;
      settle(() =>
        error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? resolve(refused('文件过于复杂，解析时超出内存限制，请拆分后分批导入')) : reject(error),
      );
    });
    worker.once('exit', (code) => {
      if (!answered) settle(() => reject(new Error(`import parser worker exited with code ${code} before answering`)));
    });
  });
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

/** Reading stops at the first row beyond the limit: the rest of a file that is refused anyway is never read. */
const tooManyRows = (maxRows: number) => fileError(`数据行过多（超过 ${maxRows.toLocaleString('en-US')} 行），请拆分后分批导入`);

const noDataRows = () => fileError('文件中没有数据行（第一行是表头，从第二行起每行一张工单）');

const cellTooLong = (row: number, column: string, length: number) =>
  fileError(`第 ${row} 行「${column}」有 ${length.toLocaleString('en-US')} 个字符，超过单元格上限 ${MAX_CELL_CHARS.toLocaleString('en-US')} 个字符，文件可能已损坏`, row, column);

// ---------------------------------------------------------------------------------------------------------
// CSV (RFC 4180) by csv-parse: UTF-8 with or without BOM, CRLF, LF or CR, quoted fields holding commas, line breaks
// and "". The bytes are parsed as they are (no whole-file string); each record becomes a row as it is read.

const CSV_OPTIONS: CsvOptions = {
  bom: true,
  relax_column_count: true,
  relax_quotes: true,
  skip_empty_lines: false,
  // A file edited by hand may mix line ends; csv-parse would otherwise fix on the first one it meets.
  record_delimiter: ['\r\n', '\n', '\r'],
};

/** The file's text as UTF-8 bytes for csv-parse, or null when its encoding is not recognised. */
function utf8Bytes(bytes: Uint8Array, notices: string[]): Buffer | null {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return Buffer.from(new TextDecoder('utf-16le').decode(bytes), 'utf8');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(new TextDecoder('utf-16be').decode(bytes), 'utf8');
  if (isUtf8(buffer)) return buffer;
  // Excel on a Chinese Windows saves "CSV" in the ANSI code page (GBK); GB18030 is its superset.
  try {
    const text = new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    notices.push('文件不是 UTF-8 编码，已按 GBK/GB18030 读取；建议另存为「CSV UTF-8」');
    return Buffer.from(text, 'utf8');
  } catch {
    return null;
  }
}

/** All records of a CSV text at once (small texts and tests). */
export function splitCsv(text: string): { records: string[][]; unterminatedAt: number | null } {
  try {
    return { records: parseCsvSync(Buffer.from(text, 'utf8'), CSV_OPTIONS) as string[][], unterminatedAt: null };
  } catch (e) {
    if ((e as { code?: string }).code !== 'CSV_QUOTE_NOT_CLOSED') throw e;
    return { records: [], unterminatedAt: ((e as { records?: number }).records ?? 0) + 1 };
  }
}

const isBlank = (cells: string[]) => cells.every((c) => c.trim() === '');

/** Ends the reading from inside csv-parse's record callback. */
class StopReading {
  constructor(readonly result: ParseResult) {}
}

function parseCsv(bytes: Uint8Array, sink: RowSink, maxRows: number): ParseResult {
  const notices: string[] = [];
  const errors: ImportError[] = [];
  const data = utf8Bytes(bytes, notices);
  if (data === null) return refused('无法识别文件编码，请另存为「CSV UTF-8」后再导入', notices);
  let map: HeaderMap | null = null;
  let row = 0; // a spreadsheet shows each record as one row
  let count = 0;
  const onRecord = (cells: string[]) => {
    row++;
    if (!map) {
      if (isBlank(cells)) throw new StopReading(refused('文件是空的，或第一行不是表头', notices, 1));
      if (cells.length === 1 && cells[0]!.includes('\t')) {
        throw new StopReading(refused('文件似乎是以制表符分隔的文本，请另存为「CSV UTF-8（逗号分隔）」或 .xlsx', notices, 1));
      }
      const long = cells.findIndex((c) => c.length > MAX_CELL_CHARS);
      if (long >= 0) throw new StopReading({ sheet: null, errors: [cellTooLong(1, columnLabel(long, 'csv'), cells[long]!.length)], notices });
      map = readHeader(cells, 'csv', notices, errors);
      if (errors.length) throw new StopReading({ sheet: null, errors, notices }); // the header is wrong: the rows cannot be read
      return;
    }
    if (isBlank(cells)) return;
    if (count === maxRows) throw new StopReading({ sheet: null, errors: [tooManyRows(maxRows)], notices });
    const values: Partial<Record<Column, string>> = {};
    for (const [at, column] of map.byIndex) {
      const cell = cells[at] ?? '';
      if (cell.length > MAX_CELL_CHARS) throw new StopReading({ sheet: null, errors: [cellTooLong(row, column, cell.length)], notices });
      values[column] = (cell.includes('\r') ? cell.replace(/\r\n?/g, '\n') : cell).trim();
    }
    count++;
    sink.push({ row, values });
  };
  try {
    parseCsvSync(data, {
      ...CSV_OPTIONS,
      on_record: (record: unknown) => {
        onRecord(record as string[]);
        return undefined; // nothing is collected by csv-parse: the sink has the rows
      },
    });
  } catch (e) {
    if (e instanceof StopReading) return e.result;
    const code = (e as { code?: string }).code;
    if (code === 'CSV_QUOTE_NOT_CLOSED') {
      const at = row + 1;
      return refused(`从第 ${at} 行开始的引号没有闭合，文件可能不完整`, notices, at);
    }
    if (typeof code === 'string' && code.startsWith('CSV_')) return refused(`第 ${row + 1} 行无法按 CSV 读取（${(e as Error).message}），请另存为「CSV UTF-8」后再导入`, notices, row + 1);
    throw e;
  }
  if (!map) return refused('文件是空的，或第一行不是表头', notices, 1);
  if (!count) return { sheet: null, errors: [noDataRows()], notices };
  sink.end();
  return { sheet: { format: 'csv', columns: (map as HeaderMap).columns, rows: sink.rows }, errors, notices };
}

// ---------------------------------------------------------------------------------------------------------
// .xlsx: the first sheet, streamed. Date cells carry no zone: exceljs hands them over as UTC instants of the wall
// time shown, which is Asia/Shanghai wall time here. Numbers (工单编号, phones) become their digits.

const unreadable = '无法读取 .xlsx 文件：文件已损坏或不是 Excel 工作簿';
const WORKBOOK_RELS = 'xl/_rels/workbook.xml.rels';
const WORKBOOK = 'xl/workbook.xml';
const sheetNumber = (name: string) => Number(/^xl\/worksheets\/sheet(\d+)\.xml$/.exec(name)?.[1] ?? NaN);

/** What exceljs's streaming reader exposes beyond its typings (exceljs 4.4 stream/xlsx/workbook-reader.js). */
interface WorkbookReaderState {
  model?: { sheets?: Array<{ name: string }> };
  properties?: { model?: { date1904?: boolean } };
  sharedStrings?: unknown[];
}

async function parseXlsx(bytes: Uint8Array, sink: RowSink, maxRows: number): Promise<ParseResult> {
  const zip = inspectZip(bytes);
  if (!zip.ok) return refused(zip.message);
  const byName = new Map(zip.entries.map((e) => [e.name, e]));
  if (!byName.has(WORKBOOK_RELS) || !byName.has(WORKBOOK)) return refused(unreadable);
  // The parts exceljs needs before the rows, then the worksheets in number order (the first sheet is nearly always
  // sheet1.xml): nothing else is inflated, and a worksheet is never parked in a temporary file.
  const parts = [WORKBOOK_RELS, WORKBOOK, 'xl/styles.xml', SHARED_STRINGS_PART].flatMap((name) => byName.get(name) ?? []);
  const sheets = zip.entries.filter((e) => !Number.isNaN(sheetNumber(e.name))).sort((a, b) => sheetNumber(a.name) - sheetNumber(b.name));
  if (!sheets.length) return refused('工作簿中没有工作表');
  const source = verifiedEntryStream(bytes, [...parts, ...sheets]);
  // exceljs pipes the source into its unzipper, and a pipe does not carry errors: watch the source directly.
  const sourceFailed = new Promise<never>((_, reject) => source.once('error', reject));
  try {
    return await Promise.race([readFirstSheet(source, sink, maxRows), sourceFailed]);
  } catch (error) {
    return refused(error instanceof ZipContentError ? error.message : unreadable);
  } finally {
    source.destroy();
  }
}

async function readFirstSheet(source: NodeJS.ReadableStream, sink: RowSink, maxRows: number): Promise<ParseResult> {
  const { default: ExcelJS } = await import('exceljs');
  const notices: string[] = [];
  const errors: ImportError[] = [];
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(source as unknown as import('node:stream').Stream, {
    sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore',
  });
  const state = reader as unknown as WorkbookReaderState;
  // With no sharedStrings.xml (writers that use inline strings), exceljs would park every worksheet in a
  // temporary file until the end; an empty table lets it stream them.
  state.sharedStrings = [];

  for await (const ws of reader) {
    const names = (state.model?.sheets ?? []).map((s) => s.name);
    const name = (ws as unknown as { name: string }).name;
    // exceljs names a worksheet from workbook.xml; one it could not match keeps its default name and may be the first.
    if (name !== names[0] && names.includes(name)) continue;
    if (names.length > 1) notices.push(`只读取第一个工作表「${names[0]}」，已忽略其余 ${names.length - 1} 个工作表`);
    const date1904 = !!state.properties?.model?.date1904;

    let map: HeaderMap | null = null;
    let count = 0;
    for await (const row of ws as unknown as AsyncIterable<ExcelJS.Row>) {
      if (!map) {
        if (row.number !== 1) return refused('第一个工作表的第一行应为表头，但它是空的', notices, 1);
        const headerCells: string[] = [];
        row.eachCell({ includeEmpty: true }, (cell, col) => {
          headerCells[col - 1] = cellText(cell.value, undefined, date1904);
        });
        for (let k = 0; k < headerCells.length; k++) headerCells[k] ??= '';
        if (isBlank(headerCells)) return refused('第一个工作表的第一行应为表头，但它是空的', notices, 1);
        const long = headerCells.findIndex((c) => c.length > MAX_CELL_CHARS);
        if (long >= 0) return { sheet: null, errors: [cellTooLong(1, columnLabel(long, 'xlsx'), headerCells[long]!.length)], notices };
        map = readHeader(headerCells, 'xlsx', notices, errors);
        if (errors.length) return { sheet: null, errors, notices };
        continue;
      }
      const values: Partial<Record<Column, string>> = {};
      let blank = true;
      for (const [index, column] of map.byIndex) {
        const raw = cellText(row.getCell(index + 1).value, column, date1904);
        if (raw.length > MAX_CELL_CHARS) return { sheet: null, errors: [cellTooLong(row.number, column, raw.length)], notices };
        const text = raw.trim();
        if (text) blank = false;
        values[column] = text;
      }
      if (blank) continue;
      if (count === maxRows) return { sheet: null, errors: [tooManyRows(maxRows)], notices };
      count++;
      sink.push({ row: row.number, values });
    }
    if (!map) return refused('第一个工作表的第一行应为表头，但它是空的', notices, 1);
    if (!count) return { sheet: null, errors: [noDataRows()], notices };
    sink.end();
    return { sheet: { format: 'xlsx', columns: map.columns, rows: sink.rows }, errors, notices };
  }
  return refused('工作簿中没有工作表', notices);
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
