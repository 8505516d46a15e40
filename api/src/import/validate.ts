// Pure validation of the city export's rows (domain.md §7): every row becomes a typed ticket record; what makes a
// row unusable is a row error, what is odd but storable (times out of their usual order) a data-quality note — both
// as { row, column, message, number } in Chinese. The stored data it needs (the street's units, the stored tickets
// the file names) is handed in, so this module does no I/O. The steps live by the domain's seams: the column
// validators (columns.ts), 承办单位/所属居委 matching (below), the repeat chains (repeats.ts), the order notes (order.ts).
import { CALLBACK_RESULT_BY_LABEL, CATEGORY_BY_LABEL, type Column, type ImportError } from './format';
import type { ParsedRow, ParsedSheet } from './parse';
import type { Turns } from './turns';
import { coded, listOf, readFields, required, text, time, type RowReader } from './columns';
import { orderNotes } from './order';
import { resolveRepeats, type RepeatRow } from './repeats';

export { readWallTime } from './columns';

export interface UnitRef {
  id: number;
  code: string;
  name: string;
  aliases: readonly string[];
  peerGroup: string;
}

/** The stored times an order note compares with when the file has no such column. */
export type StoredTimes = Partial<Record<'派单时间' | '签收时间' | '先行联系时间' | '办结时间', Date | null>>;

/** A stored ticket that the file names (as 工单编号 or 重复工单号), or an ancestor of one. */
export interface StoredTicketRef {
  number: string;
  streetId: number;
  repeatOfNumber: string | null;
  times?: StoredTimes;
}

export interface ValidationContext {
  streetId: number;
  /** The street's units. */
  units: readonly UnitRef[];
  stored: ReadonlyMap<string, StoredTicketRef>;
}

/**
 * One valid row. A field that is `undefined` comes from a column the file does not have: an existing ticket
 * keeps its stored value, a new one gets the default.
 */
export interface TicketRecord {
  row: number;
  number: string;
  receivedAt: Date;
  category: string;
  unitId: number | null;
  channel?: string;
  urgent?: boolean;
  topic?: string | null;
  content?: string | null;
  citizenName?: string | null;
  citizenPhone?: string | null;
  address?: string | null;
  /** 所属居委 as written, and the RESIDENTIAL unit of that name when there is one. */
  committeeName?: string | null;
  committeeUnitId?: number | null;
  dispatchedAt?: Date | null;
  acceptedAt?: Date | null;
  firstContactAt?: Date | null;
  closedAt?: Date | null;
  factFinding?: string | null;
  resolution?: string | null;
  callback?: { calledAt: Date; result: string } | null;
  /** The root master of the repeat group after flattening the chain (一案一档); null for a master. */
  repeatRootNumber: string | null;
  /** The row's data-quality notes, as kept on the ticket (ticket.import_notes). */
  importNotes: string[];
}

export interface ValidationResult {
  records: TicketRecord[];
  errors: ImportError[];
  /** Odd but storable: the rows are imported as they are (domain.md §7). */
  notes: ImportError[];
  notices: string[];
}

const key = (s: string) => s.replace(/[\s\u3000]+/g, '');
const committeeBase = (s: string) => key(s).replace(/(居民委员会|居委会|居委)$/, '');

/** Finds 承办单位 by code, then name, then alias; a tier with more than one match is ambiguous. */
export function unitMatcher(units: readonly UnitRef[]) {
  const byCode = new Map<string, UnitRef[]>();
  const byName = new Map<string, UnitRef[]>();
  const byAlias = new Map<string, UnitRef[]>();
  const committees = new Map<string, UnitRef[]>();
  const add = (m: Map<string, UnitRef[]>, k: string, u: UnitRef) => {
    if (!k) return;
    const l = m.get(k);
    if (!l) m.set(k, [u]);
    else if (!l.includes(u)) l.push(u);
  };
  for (const u of units) {
    add(byCode, key(u.code).toUpperCase(), u);
    add(byName, key(u.name), u);
    for (const a of u.aliases) add(byAlias, key(a), u);
    if (u.peerGroup === 'RESIDENTIAL') {
      add(committees, committeeBase(u.name), u);
      for (const a of u.aliases) add(committees, committeeBase(a), u);
    }
  }
  return {
    unit(text: string): { unit: UnitRef } | { candidates: UnitRef[] } {
      const k = key(text);
      for (const hits of [byCode.get(k.toUpperCase()), byName.get(k), byAlias.get(k)]) {
        if (hits?.length === 1) return { unit: hits[0]! };
        if (hits && hits.length > 1) return { candidates: hits };
      }
      return { candidates: [] };
    },
    /** The RESIDENTIAL unit named "X" or "X居委" (as written in 所属居委), when exactly one fits. */
    committee(text: string): UnitRef | null {
      const hits = committees.get(committeeBase(text));
      return hits?.length === 1 ? hits[0]! : null;
    },
  };
}

const TIMES_OF_ORDER: ReadonlyArray<[Column, keyof StoredTimes | null]> = [
  ['受理时间', null], ['派单时间', '派单时间'], ['签收时间', '签收时间'], ['先行联系时间', '先行联系时间'], ['办结时间', '办结时间'], ['回访时间', null],
];

/** One row's reading: the record when usable, and what the repeat walk needs. */
interface RowOutcome {
  row: number;
  number: string | null;
  first: boolean;
  repeatOf: string | null;
  record: TicketRecord | null;
}

export function validateRows(sheet: ParsedSheet, ctx: ValidationContext): ValidationResult {
  const validation = rowValidation(sheet.columns, ctx);
  for (const row of sheet.rows) validation.add(row);
  return validation.finish();
}

/** validateRows giving the event loop a turn between slices of rows (turns.ts): the same result. */
export async function validateRowsInTurns(sheet: ParsedSheet, ctx: ValidationContext, turn: Turns): Promise<ValidationResult> {
  const validation = rowValidation(sheet.columns, ctx);
  for (const row of sheet.rows) {
    validation.add(row);
    if (turn.due()) await turn.next();
  }
  return validation.finish();
}

/** Rows are read one by one (`add`); what spans rows — repeated numbers, repeat groups — is settled by `finish`. */
function rowValidation(columns: readonly Column[], ctx: ValidationContext) {
  const has = new Set<Column>(columns);
  const errors: ImportError[] = [];
  const notes: ImportError[] = [];
  const units = unitMatcher(ctx.units);
  const firstRowOf = new Map<string, number>();
  const unlinkedCommittees = new Set<string>();
  const outcomes: RowOutcome[] = [];
  const bad = new Set<number>();

  const add = (row: ParsedRow) => {
    const number = row.values['工单编号'] || null;
    const r: RowReader = {
      row,
      has: (c) => has.has(c),
      cell: (c) => (has.has(c) ? row.values[c] ?? '' : ''),
      fail: (column, message) => {
        errors.push({ row: row.row, column, message, number });
        bad.add(row.row);
      },
    };

    // 工单编号: once per file, and not another street's ticket.
    required('工单编号', text('工单编号', { digits: true }))(r);
    let first = false;
    if (number) {
      if (firstRowOf.has(number)) r.fail('工单编号', `工单编号 ${number} 与第 ${firstRowOf.get(number)} 行重复`);
      else {
        first = true;
        firstRowOf.set(number, row.row);
        const stored = ctx.stored.get(number);
        if (stored && stored.streetId !== ctx.streetId) r.fail('工单编号', `工单编号 ${number} 已是其他街镇的工单，不能导入本街镇`);
      }
    }
    const receivedAt = required('受理时间', time('受理时间'))(r);
    const category = required('工单类型', coded('工单类型', CATEGORY_BY_LABEL, null), `，应为：${listOf(CATEGORY_BY_LABEL)}`)(r);
    const fields = readFields(r);
    const calledAt = time('回访时间')(r);
    const callbackResult = coded('回访结果', CALLBACK_RESULT_BY_LABEL, null)(r);
    const repeatOf = text('重复工单号', { digits: true })(r) ?? null;
    const unitId = readUnit(r, units, fields);
    readCallbackPair(r);

    // Times out of order: notes, on the times the ticket will have (a column the file lacks keeps the stored time).
    const stored = number ? ctx.stored.get(number)?.times : undefined;
    const times = new Map<Column, Date>();
    const readTimes: Partial<Record<Column, Date | null | undefined>> = {
      受理时间: receivedAt, 派单时间: fields.dispatchedAt, 签收时间: fields.acceptedAt, 先行联系时间: fields.firstContactAt, 办结时间: fields.closedAt, 回访时间: calledAt,
    };
    for (const [c, storedKey] of TIMES_OF_ORDER) {
      const t = has.has(c) ? readTimes[c] : storedKey ? stored?.[storedKey] : undefined;
      if (t) times.set(c, t);
    }
    const rowNotes = orderNotes(times);
    for (const n of rowNotes) notes.push({ row: row.row, column: n.column, message: n.message, number });

    let committeeUnitId: number | null | undefined = fields.committeeName === undefined ? undefined : null;
    if (fields.committeeName) {
      committeeUnitId = units.committee(fields.committeeName)?.id ?? null;
      if (committeeUnitId === null) unlinkedCommittees.add(fields.committeeName);
    }

    const record: TicketRecord | null =
      number && receivedAt && category
        ? {
            row: row.row,
            number,
            receivedAt,
            category,
            unitId,
            ...fields,
            channel: fields.channel ?? undefined,
            urgent: fields.urgent ?? undefined,
            committeeUnitId,
            callback: !has.has('回访时间') ? undefined : calledAt && callbackResult ? { calledAt, result: callbackResult } : null,
            repeatRootNumber: null,
            importNotes: rowNotes.map((n) => n.message),
          }
        : null;
    outcomes.push({ row: row.row, number, first, repeatOf, record });
  };

  const finish = (): ValidationResult => {
    // 重复工单号: over every first occurrence of a number (a bad row may still be another row's master).
    const firsts = outcomes.filter((o): o is RowOutcome & { number: string } => o.first);
    const repeats = resolveRepeats(
      firsts.map((o): RepeatRow => ({ row: o.row, number: o.number, repeatOf: o.repeatOf })),
      ctx.stored,
      ctx.streetId,
      has.has('重复工单号'),
    );
    for (const o of firsts) {
      const answer = repeats.get(o.row)!;
      if ('error' in answer) {
        errors.push({ row: o.row, column: '重复工单号', message: answer.error, number: o.number });
        bad.add(o.row);
      } else if (o.record) o.record.repeatRootNumber = answer.root;
    }

    const notices: string[] = [];
    if (unlinkedCommittees.size) {
      notices.push(`所属居委未能对应到本街镇的居委单位（文字照常保存）：${[...unlinkedCommittees].slice(0, 20).join('、')}${unlinkedCommittees.size > 20 ? ` 等 ${unlinkedCommittees.size} 个` : ''}`);
    }
    errors.sort((a, b) => a.row - b.row);
    const records = outcomes.filter((o) => o.record && !bad.has(o.row)).map((o) => o.record!);
    return { records, errors, notes, notices };
  };
  return { add, finish };
}

/** 承办单位: by code, name or alias of the street's units; required once the ticket was dispatched. */
function readUnit(r: RowReader, units: ReturnType<typeof unitMatcher>, f: { dispatchedAt?: Date | null; acceptedAt?: Date | null; firstContactAt?: Date | null; closedAt?: Date | null }): number | null {
  const unitText = text('承办单位')(r);
  if (unitText) {
    const m = units.unit(unitText);
    if ('unit' in m) return m.unit.id;
    if (m.candidates.length) r.fail('承办单位', `承办单位「${unitText}」同时对应多个单位：${m.candidates.map((u) => `${u.name}（${u.code}）`).join('、')}`);
    else r.fail('承办单位', `承办单位「${unitText}」在本街镇找不到（按单位代码、名称或别名匹配）`);
  } else if (f.dispatchedAt || f.acceptedAt || f.firstContactAt || f.closedAt) {
    r.fail('承办单位', '已派单的工单必须填写承办单位');
  }
  return null;
}

/** 回访时间 and 回访结果: both or neither. */
function readCallbackPair(r: RowReader) {
  const hasCalledAt = !!r.cell('回访时间');
  const hasResult = !!r.cell('回访结果');
  if (hasResult && !hasCalledAt) r.fail('回访时间', r.has('回访时间') ? '填写了回访结果，也必须填写回访时间' : '文件有「回访结果」列但没有「回访时间」列');
  if (hasCalledAt && !hasResult) r.fail('回访结果', r.has('回访结果') ? '填写了回访时间，也必须填写回访结果' : '文件有「回访时间」列但没有「回访结果」列');
}
