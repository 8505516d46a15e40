// The column validators of the city export (domain.md §7): how one cell becomes a value of a ticket field, and what
// makes it unusable (a row error). Each validator reads one row through a RowReader and reports into it, so
// validate.ts only lists which columns make which fields.
import { parseShanghaiWallTime } from '../domain/time';
import {
  CHANNEL_BY_LABEL, FACT_FINDING_BY_LABEL, MAX_LENGTH, RESOLUTION_BY_LABEL, URGENT_BY_LABEL, type Column,
} from './format';
import type { ParsedRow } from './parse';

/** One row being read: its cells (only columns the file has) and the row's problems. */
export interface RowReader {
  readonly row: ParsedRow;
  has(c: Column): boolean;
  /** The cell's text, '' when empty or when the file has no such column. */
  cell(c: Column): string;
  fail(c: Column | null, message: string): void;
}

/**
 * A column's value for the record: `undefined` when the file has no such column (a stored ticket keeps its value),
 * `null` when the cell is empty or unusable (the row then has an error).
 */
export type ColumnValidator<T> = (r: RowReader) => T | null | undefined;

const SCIENTIFIC = /^\d+(\.\d+)?e\+?\d+$/i;
const TIME_SHAPE = /^\d{4}([-/])\d{1,2}\1\d{1,2}[ T]+\d{1,2}:\d{1,2}(:\d{1,2})?$/;

export const listOf = (m: Readonly<Record<string, unknown>>) => Object.keys(m).join('、');

function labelOf<T>(map: Readonly<Record<string, T>>, value: T): string {
  return Object.entries(map).find(([, v]) => v === value)?.[0] ?? String(value);
}

/** Asia/Shanghai wall time 'YYYY-MM-DD HH:mm[:ss]' (or with '/'); a trailing fraction of a second is dropped. */
export function readWallTime(raw: string): { value: Date } | { error: string } {
  const text = raw.trim().replace(/(:\d{1,2})\.\d+$/, '$1');
  const value = parseShanghaiWallTime(text);
  if (value) return { value };
  if (TIME_SHAPE.test(text)) return { error: `「${raw}」不是真实存在的日期或时刻` };
  if (/^\d{4}([-/])\d{1,2}\1\d{1,2}$/.test(text)) return { error: `「${raw}」缺少时刻，应为 YYYY-MM-DD HH:mm[:ss]` };
  return { error: `「${raw}」不是有效的时间，应为 YYYY-MM-DD HH:mm[:ss]（也可用 /）` };
}

/** Free text within the register's length limit; `digits` columns refuse what Excel turned into 1.38E+10. */
export const text = (c: Column, opts: { digits?: boolean } = {}): ColumnValidator<string> => (r) => {
  if (!r.has(c)) return undefined;
  const s = r.cell(c);
  if (!s) return null;
  const max = MAX_LENGTH[c];
  if (max && s.length > max) r.fail(c, `${c}不能超过 ${max} 个字（现有 ${s.length} 个）`);
  if (opts.digits && SCIENTIFIC.test(s)) r.fail(c, `${c}「${s}」是科学计数法，原来的号码已丢失：请在 Excel 中把该列设为文本后重新导出`);
  return s;
};

/** A value of one of the lists; `empty` is what an empty cell means (null: nothing). */
export const coded = <T>(c: Column, map: Readonly<Record<string, T>>, empty: T | null): ColumnValidator<T> => (r) => {
  if (!r.has(c)) return undefined;
  const s = r.cell(c);
  if (!s) return empty;
  const hit = map[s] ?? map[s.toUpperCase()];
  if (hit === undefined) {
    r.fail(c, `${c}「${s}」无效，应为：${listOf(map)}${empty !== null ? '（留空视为' + labelOf(map, empty) + '）' : ''}`);
    return null;
  }
  return hit;
};

export const time = (c: Column): ColumnValidator<Date> => (r) => {
  if (!r.has(c)) return undefined;
  const s = r.cell(c);
  if (!s) return null;
  const t = readWallTime(s);
  if ('error' in t) {
    r.fail(c, `${c}${t.error}`);
    return null;
  }
  return t.value;
};

/** A column without which the row is no ticket. */
export const required = <T>(c: Column, read: ColumnValidator<T>, hint = ''): ColumnValidator<T> => (r) => {
  const v = read(r);
  if (v == null && !r.cell(c)) r.fail(c, `${c}不能为空${hint}`);
  return v;
};

/**
 * The columns that map one to one onto a ticket field, in the order their problems are listed. 工单编号, 受理时间,
 * 工单类型, 承办单位, 回访 and 重复工单号 need the stored data or each other and are read in validate.ts.
 */
export const FIELD_COLUMNS = {
  channel: coded('渠道', CHANNEL_BY_LABEL, 'HOTLINE'),
  urgent: coded('紧急', URGENT_BY_LABEL, false),
  topic: text('诉求主题'),
  content: text('诉求内容'),
  citizenName: text('市民姓名'),
  citizenPhone: text('联系电话', { digits: true }),
  address: text('地址'),
  committeeName: text('所属居委'),
  dispatchedAt: time('派单时间'),
  acceptedAt: time('签收时间'),
  firstContactAt: time('先行联系时间'),
  closedAt: time('办结时间'),
  factFinding: coded('事实认定', FACT_FINDING_BY_LABEL, null),
  resolution: coded('结案评判', RESOLUTION_BY_LABEL, null),
} satisfies Record<string, ColumnValidator<unknown>>;

export type FieldValues = { -readonly [K in keyof typeof FIELD_COLUMNS]: ReturnType<(typeof FIELD_COLUMNS)[K]> };

export function readFields(r: RowReader): FieldValues {
  const out = {} as Record<string, unknown>;
  for (const [field, read] of Object.entries(FIELD_COLUMNS)) out[field] = read(r);
  return out as FieldValues;
}
