// The sheet's cell rules, without React: every cell holds the text a clerk typed or pasted; these turn it into
// the API's value (or an error key) and stored values back into text.
export type ColumnKind = 'text' | 'number' | 'date' | 'month' | 'select' | 'ref' | 'bool';

export interface Option { value: string; label: string; aliases?: string[] }

export interface SheetColumn {
  field: string;
  title: string;
  kind: ColumnKind;
  required?: boolean;
  readOnly?: boolean;
  options?: Option[];
  width?: number;
  /**
   * Names too many to list (tickets by 工单编号): typed or pasted texts the options do not know are looked up
   * through this, and what it finds joins the options; a text it does not find stays marked as unknown.
   */
  lookup?: (texts: string[]) => Promise<Option[]>;
  /** A read-only cell worth the eye (an exceeded quota): shown in red. */
  flag?: (text: string | null | undefined) => boolean;
}

export interface CellError { key: string; params?: Record<string, unknown> }
export type Parsed = { value: unknown; error?: CellError };

/** A row of the grid: cell texts by field, plus the stored id and version of a saved row. */
export type GridRow = { _key: string; _id?: string; _version?: number } & Record<string, string | null | undefined | number>;

let counter = 0;
export const newKey = () => `r${Date.now().toString(36)}${(++counter).toString(36)}`;

const FULL_WIDTH = /[０-９．－／：]/g;
const halfWidth = (s: string) => s.replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

export function normalizeDate(text: string): string | null {
  const s = halfWidth(text).trim();
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(\s+\d{1,2}:\d{2}(:\d{2})?)?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function normalizeMonth(text: string): string | null {
  const s = halfWidth(text).trim();
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$/.exec(s) ?? /^(\d{4})(\d{2})$/.exec(s);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return null;
  return `${m[1]}-${String(Number(m[2])).padStart(2, '0')}`;
}

const YES = new Set(['是', 'y', 'yes', 'true', '1', '√', '启用']);
const NO = new Set(['否', 'n', 'no', 'false', '0', '×', '停用']);

/** Options by every name they go by (label, value, aliases), lower-cased. */
export function optionIndex(options: Option[]): Map<string, Option[]> {
  const index = new Map<string, Option[]>();
  for (const o of options) {
    for (const name of new Set([o.label, o.value, ...(o.aliases ?? [])].map((n) => n.trim().toLowerCase()).filter(Boolean))) {
      const list = index.get(name) ?? [];
      if (!list.includes(o)) list.push(o);
      index.set(name, list);
    }
  }
  return index;
}

export function parseCell(col: SheetColumn, raw: unknown, index?: Map<string, Option[]>): Parsed {
  const text = raw == null ? '' : String(raw).trim();
  if (!text) return col.required ? { value: null, error: { key: 'sheets.error.required' } } : { value: null };
  switch (col.kind) {
    case 'text':
      return { value: text };
    case 'number': {
      const n = Number(halfWidth(text).replace(/[,，\s]/g, ''));
      return Number.isFinite(n) ? { value: n } : { value: null, error: { key: 'sheets.error.number' } };
    }
    case 'date': {
      const d = normalizeDate(text);
      return d ? { value: d } : { value: null, error: { key: 'sheets.error.date' } };
    }
    case 'month': {
      const m = normalizeMonth(text);
      return m ? { value: m } : { value: null, error: { key: 'sheets.error.month' } };
    }
    case 'bool': {
      const t = text.toLowerCase();
      return YES.has(t) ? { value: true } : NO.has(t) ? { value: false } : { value: null, error: { key: 'sheets.error.bool' } };
    }
    case 'select':
    case 'ref': {
      const found = (index ?? optionIndex(col.options ?? [])).get(text.toLowerCase()) ?? [];
      if (found.length === 1) return { value: found[0]!.value };
      return { value: null, error: { key: found.length ? 'sheets.error.ambiguous' : 'sheets.error.unknown', params: { value: text } } };
    }
  }
}

/** A stored value as the text of its cell. */
export function displayValue(col: SheetColumn, value: unknown, yesNo: [string, string] = ['是', '否']): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (col.kind === 'bool') return value ? yesNo[0] : yesNo[1];
  if (col.kind === 'select' || col.kind === 'ref') return col.options?.find((o) => o.value === String(value))?.label ?? String(value);
  return String(value);
}

export function toGridRow(columns: SheetColumn[], stored: Record<string, unknown>, key = newKey(), yesNo?: [string, string]): GridRow {
  const row: GridRow = { _key: key, _id: stored.id == null ? undefined : String(stored.id), _version: typeof stored.version === 'number' ? stored.version : undefined };
  for (const c of columns) row[c.field] = displayValue(c, stored[c.field], yesNo);
  return row;
}

export const isBlank = (columns: SheetColumn[], row: GridRow) => columns.every((c) => c.readOnly || row[c.field] == null || String(row[c.field]).trim() === '');

/** Same cell texts as when the row was loaded or saved. */
export function sameCells(columns: SheetColumn[], a: GridRow, b: GridRow) {
  return columns.every((c) => (a[c.field] ?? '') === (b[c.field] ?? ''));
}

