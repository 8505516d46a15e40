// Excel/WPS habits of the sheet, without React: fill down (Ctrl+D), fill a selection (Ctrl+Enter), paste of a
// block from the clipboard (overwriting or inserting), and column widths fitted to their content. The grid's own
// versions differ (its Ctrl+D duplicates rows, its paste overwrites silently), so the sheet routes these keys here.
import { newKey, type GridRow } from './cells';

/** A rectangle of cells: rows are indexes in the shown rows, columns are field names in display order. */
export interface Block { fromRow: number; toRow: number; fields: string[] }

/**
 * Ctrl+D: the first row of the block is copied into the rows below it; a block of one row copies the row above
 * (as Excel does). Read-only fields are left alone. Returns the new rows, or null when there is nothing to fill.
 */
export function fillDown(rows: GridRow[], block: Block, editable: (field: string) => boolean): GridRow[] | null {
  const fields = block.fields.filter(editable);
  const source = block.fromRow === block.toRow ? block.fromRow - 1 : block.fromRow;
  const first = block.fromRow === block.toRow ? block.fromRow : block.fromRow + 1;
  if (source < 0 || !fields.length || first > block.toRow) return null;
  const from = rows[source]!;
  return rows.map((r, i) => (i < first || i > block.toRow ? r : { ...r, ...Object.fromEntries(fields.map((f) => [f, from[f] ?? null])) }));
}

/** Ctrl+Enter: every cell of the block takes the given text. */
export function fillBlock(rows: GridRow[], block: Block, text: string | null, editable: (field: string) => boolean): GridRow[] {
  const fields = block.fields.filter(editable);
  return rows.map((r, i) => (i < block.fromRow || i > block.toRow ? r : { ...r, ...Object.fromEntries(fields.map((f) => [f, text])) }));
}

/** Clipboard text from Excel/WPS (tab-separated, CRLF, quoted cells with line breaks) as rows of cells. */
export function parseClipboard(text: string): string[][] {
  const out: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === '\t') { row.push(cell); cell = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell); out.push(row); row = []; cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length) { row.push(cell); out.push(row); }
  return out.map((r) => r.map((c) => c.trim()));
}

export interface PastePlan {
  /** Rows (by index in the shown rows) that hold something the paste would replace. */
  overwrites: number[];
  /** Rows the paste adds after the last one. */
  added: number;
}

const filled = (v: unknown) => v != null && String(v).trim() !== '';

/** What pasting `data` at (row, first field) would do to the rows shown. */
export function planPaste(rows: GridRow[], at: { row: number; field: string }, fields: string[], data: string[][]): PastePlan {
  const start = fields.indexOf(at.field);
  const cols = fields.slice(start, start + Math.max(0, ...data.map((r) => r.length)));
  const overwrites: number[] = [];
  for (let i = 0; i < data.length; i++) {
    const r = rows[at.row + i];
    if (!r) break;
    if (cols.some((f, j) => filled(r[f]) && (data[i]![j] ?? '') !== String(r[f]).trim())) overwrites.push(at.row + i);
  }
  return { overwrites, added: Math.max(0, at.row + data.length - rows.length) };
}

/**
 * Pastes `data` with its first cell at (row, field). 'overwrite' writes over the rows there (adding rows past the
 * end); 'insert' puts the pasted lines in new rows before `row`, shifting the others down. Read-only fields are
 * skipped (their cells keep their text). `blank` makes an empty row (the page's defaults).
 */
export function applyPaste(
  rows: GridRow[], at: { row: number; field: string }, fields: string[], data: string[][],
  mode: 'overwrite' | 'insert', editable: (field: string) => boolean, blank: () => GridRow,
): GridRow[] {
  const start = Math.max(0, fields.indexOf(at.field));
  const write = (r: GridRow, line: string[]) => {
    const next: GridRow = { ...r };
    line.forEach((text, j) => {
      const f = fields[start + j];
      if (f && editable(f)) next[f] = text === '' ? null : text;
    });
    return next;
  };
  if (mode === 'insert') {
    const inserted = data.map((line) => write({ ...blank(), _key: newKey() }, line));
    return [...rows.slice(0, at.row), ...inserted, ...rows.slice(at.row)];
  }
  const out = [...rows];
  data.forEach((line, i) => {
    const idx = at.row + i;
    out[idx] = write(out[idx] ?? { ...blank(), _key: newKey() }, line);
  });
  return out;
}

/** Rough on-screen width of a text at 14 px: CJK and full-width characters are twice as wide as Latin ones. */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u11ff\u2e80-\ua4cf\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 14 : 8;
  return w;
}

/** Room around a header's text (the header's and the title's padding, the cell border) and around a cell's text. */
export const HEAD_PAD = 24;
export const CELL_PAD = 24;

/**
 * Column widths fitted to the header (on one line, with room for the required mark and the sort arrow) and to the
 * longest of the first rows' texts, within [min, max]. A column's own width is a floor, not a cap. `measure` and
 * `measureHead` give a text's width in the cells' and the headers' fonts (the sheet measures with a canvas in the
 * page's font; the rough textWidth otherwise).
 */
export function fitWidths(
  columns: { field: string; title: string; required?: boolean; width?: number }[],
  rows: GridRow[],
  opts: { sample?: number; min?: number; max?: number; measure?: (text: string) => number; measureHead?: (text: string) => number } = {},
): Map<string, number> {
  const { sample = 300, min = 72, max = 360, measure = textWidth, measureHead = measure } = opts;
  const seen = rows.slice(0, sample);
  return new Map(columns.map((c) => {
    const head = Math.ceil(measureHead(`${c.title}${c.required ? ' *' : ''} ▲`)) + HEAD_PAD;
    const body = Math.ceil(Math.max(0, ...seen.map((r) => measure(String(r[c.field] ?? ''))))) + CELL_PAD;
    return [c.field, Math.min(max, Math.max(min, head, body, c.width ?? 0))];
  }));
}

/** Widths that only grow: a column keeps its width unless the new fit is wider (no jumping while a clerk works). */
export function widen(old: Map<string, number>, fitted: Map<string, number>): Map<string, number> {
  let changed = false;
  const out = new Map(old);
  for (const [f, w] of fitted) {
    if (w > (old.get(f) ?? 0)) {
      out.set(f, w);
      changed = true;
    }
  }
  return changed ? out : old;
}
