// Pure validation of the city export's rows (domain.md §7): every row becomes a typed ticket record, and every
// problem of every row is collected as { row, column, message } in Chinese. The stored data it needs (the
// street's units, the stored tickets the file names) is handed in, so this module does no I/O.
import { parseShanghaiWallTime } from '../domain/time';
import {
  CALLBACK_RESULT_BY_LABEL, CATEGORY_BY_LABEL, CHANNEL_BY_LABEL, FACT_FINDING_BY_LABEL, MAX_LENGTH, RESOLUTION_BY_LABEL,
  URGENT_BY_LABEL, type Column, type ImportError,
} from './format';
import type { ParsedRow, ParsedSheet } from './parse';

export interface UnitRef {
  id: number;
  code: string;
  name: string;
  aliases: readonly string[];
  peerGroup: string;
}

/** A stored ticket that the file names (as 工单编号 or 重复工单号), or an ancestor of one. */
export interface StoredTicketRef {
  number: string;
  streetId: number;
  repeatOfNumber: string | null;
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
}

export interface ValidationResult {
  records: TicketRecord[];
  errors: ImportError[];
  notices: string[];
}

const list = (m: Readonly<Record<string, unknown>>) => Object.keys(m).join('、');
const key = (s: string) => s.replace(/[\s\u3000]+/g, '');
const committeeBase = (s: string) => key(s).replace(/(居民委员会|居委会|居委)$/, '');
const SCIENTIFIC = /^\d+(\.\d+)?e\+?\d+$/i;

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

const TIME_SHAPE = /^\d{4}([-/])\d{1,2}\1\d{1,2}[ T]+\d{1,2}:\d{1,2}(:\d{1,2})?$/;

/** Asia/Shanghai wall time 'YYYY-MM-DD HH:mm[:ss]' (or with '/'); a trailing fraction of a second is dropped. */
export function readWallTime(raw: string): { value: Date } | { error: string } {
  const text = raw.trim().replace(/(:\d{1,2})\.\d+$/, '$1');
  const value = parseShanghaiWallTime(text);
  if (value) return { value };
  if (TIME_SHAPE.test(text)) return { error: `「${raw}」不是真实存在的日期或时刻` };
  if (/^\d{4}([-/])\d{1,2}\1\d{1,2}$/.test(text)) return { error: `「${raw}」缺少时刻，应为 YYYY-MM-DD HH:mm[:ss]` };
  return { error: `「${raw}」不是有效的时间，应为 YYYY-MM-DD HH:mm[:ss]（也可用 /）` };
}

/** Times that must not be earlier than another (the first failing rule per column is reported). */
const ORDER: ReadonlyArray<[Column, Column]> = [
  ['派单时间', '受理时间'],
  ['签收时间', '受理时间'],
  ['签收时间', '派单时间'],
  ['先行联系时间', '受理时间'],
  ['办结时间', '受理时间'],
  ['办结时间', '派单时间'],
  ['办结时间', '签收时间'],
  ['办结时间', '先行联系时间'],
  ['回访时间', '受理时间'],
  ['回访时间', '办结时间'],
];

export function validateRows(sheet: ParsedSheet, ctx: ValidationContext): ValidationResult {
  const has = new Set<Column>(sheet.columns);
  const errors: ImportError[] = [];
  const notices: string[] = [];
  const units = unitMatcher(ctx.units);
  const firstRowOf = new Map<string, number>();
  const unlinkedCommittees = new Set<string>();
  /** Records by number (first occurrence), with the raw 重复工单号 for the repeat walk. */
  const parsed: Array<{ record: TicketRecord | null; number: string | null; repeatOf: string | null; row: ParsedRow; ok: boolean }> = [];

  for (const row of sheet.rows) {
    const v = row.values;
    let ok = true;
    const fail = (column: Column | null, message: string) => {
      errors.push({ row: row.row, column, message });
      ok = false;
    };
    const text = (c: Column): string | null | undefined => {
      if (!has.has(c)) return undefined;
      const s = v[c] ?? '';
      if (!s) return null;
      const max = MAX_LENGTH[c];
      if (max && s.length > max) fail(c, `${c}不能超过 ${max} 个字（现有 ${s.length} 个）`);
      return s;
    };
    const coded = <T>(c: Column, map: Readonly<Record<string, T>>, empty: T | null): T | null | undefined => {
      if (!has.has(c)) return undefined;
      const s = v[c] ?? '';
      if (!s) return empty;
      const hit = map[s] ?? map[s.toUpperCase()];
      if (hit === undefined) {
        fail(c, `${c}「${s}」无效，应为：${list(map)}${empty !== null ? '（留空视为' + labelOf(map, empty) + '）' : ''}`);
        return null;
      }
      return hit;
    };
    const times = new Map<Column, { raw: string; at: Date }>();
    const time = (c: Column): Date | null | undefined => {
      if (!has.has(c)) return undefined;
      const s = v[c] ?? '';
      if (!s) return null;
      const r = readWallTime(s);
      if ('error' in r) {
        fail(c, `${c}${r.error}`);
        return null;
      }
      times.set(c, { raw: s, at: r.value });
      return r.value;
    };
    const digits = (c: Column, s: string | null | undefined) => {
      if (s && SCIENTIFIC.test(s)) fail(c, `${c}「${s}」是科学计数法，原来的号码已丢失：请在 Excel 中把该列设为文本后重新导出`);
    };

    // 工单编号
    const number = text('工单编号') ?? null;
    digits('工单编号', number);
    if (!number) fail('工单编号', '工单编号不能为空');
    else if (firstRowOf.has(number)) fail('工单编号', `工单编号 ${number} 与第 ${firstRowOf.get(number)} 行重复`);
    else {
      firstRowOf.set(number, row.row);
      const stored = ctx.stored.get(number);
      if (stored && stored.streetId !== ctx.streetId) fail('工单编号', `工单编号 ${number} 已是其他街镇的工单，不能导入本街镇`);
    }

    const receivedAt = time('受理时间');
    if (receivedAt === null && !(v['受理时间'] ?? '')) fail('受理时间', '受理时间不能为空');
    const category = coded('工单类型', CATEGORY_BY_LABEL, null);
    if (category === null && !(v['工单类型'] ?? '')) fail('工单类型', `工单类型不能为空，应为：${list(CATEGORY_BY_LABEL)}`);
    const channel = coded('渠道', CHANNEL_BY_LABEL, 'HOTLINE');
    const urgent = coded('紧急', URGENT_BY_LABEL, false);
    const topic = text('诉求主题');
    const content = text('诉求内容');
    const citizenName = text('市民姓名');
    const citizenPhone = text('联系电话');
    digits('联系电话', citizenPhone);
    const address = text('地址');
    const committeeName = text('所属居委');
    const dispatchedAt = time('派单时间');
    const acceptedAt = time('签收时间');
    const firstContactAt = time('先行联系时间');
    const closedAt = time('办结时间');
    const factFinding = coded('事实认定', FACT_FINDING_BY_LABEL, null);
    const resolution = coded('结案评判', RESOLUTION_BY_LABEL, null);
    const calledAt = time('回访时间');
    const callbackResult = coded('回访结果', CALLBACK_RESULT_BY_LABEL, null);
    const repeatOf = text('重复工单号') ?? null;
    digits('重复工单号', repeatOf);

    // 承办单位
    const unitText = text('承办单位');
    let unitId: number | null = null;
    if (unitText) {
      const m = units.unit(unitText);
      if ('unit' in m) unitId = m.unit.id;
      else if (m.candidates.length) fail('承办单位', `承办单位「${unitText}」同时对应多个单位：${m.candidates.map((u) => `${u.name}（${u.code}）`).join('、')}`);
      else fail('承办单位', `承办单位「${unitText}」在本街镇找不到（按单位代码、名称或别名匹配）`);
    } else if (dispatchedAt || acceptedAt || firstContactAt || closedAt) {
      fail('承办单位', '已派单的工单必须填写承办单位');
    }

    // 回访: both or neither
    const hasCalledAt = !!(v['回访时间'] ?? '');
    const hasResult = !!(v['回访结果'] ?? '');
    if (has.has('回访结果') && hasResult && !hasCalledAt) fail('回访时间', '填写了回访结果，也必须填写回访时间');
    if (has.has('回访时间') && hasCalledAt && !hasResult) fail('回访结果', '填写了回访时间，也必须填写回访结果');
    if (hasCalledAt && !has.has('回访结果')) fail('回访结果', '文件有「回访时间」列但没有「回访结果」列');
    if (hasResult && !has.has('回访时间')) fail('回访时间', '文件有「回访结果」列但没有「回访时间」列');

    // Times in order
    const reported = new Set<Column>();
    for (const [later, earlier] of ORDER) {
      const a = times.get(later);
      const b = times.get(earlier);
      if (!a || !b || reported.has(later) || a.at >= b.at) continue;
      reported.add(later);
      fail(later, `${later}（${a.raw}）早于${earlier}（${b.raw}）`);
    }

    let committeeUnitId: number | null | undefined = committeeName === undefined ? undefined : null;
    if (committeeName) {
      committeeUnitId = units.committee(committeeName)?.id ?? null;
      if (committeeUnitId === null) unlinkedCommittees.add(committeeName);
    }

    const record: TicketRecord | null =
      ok && number && receivedAt && category
        ? {
            row: row.row,
            number,
            receivedAt,
            category,
            unitId,
            channel: channel ?? undefined,
            urgent: urgent ?? undefined,
            topic,
            content,
            citizenName,
            citizenPhone,
            address,
            committeeName,
            committeeUnitId,
            dispatchedAt,
            acceptedAt,
            firstContactAt,
            closedAt,
            factFinding,
            resolution,
            callback: !has.has('回访时间') ? undefined : calledAt && callbackResult ? { calledAt, result: callbackResult } : null,
            repeatRootNumber: null,
          }
        : null;
    parsed.push({ record, number, repeatOf, row, ok });
  }

  // 重复工单号: must name a stored ticket or a row of this file, never itself; chains flatten to the root.
  const inFile = new Map<string, string | null>();
  for (const p of parsed) if (p.number && firstRowOf.get(p.number) === p.row.row) inFile.set(p.number, p.repeatOf);
  const hasRepeat = has.has('重复工单号');
  const parentOf = (n: string): string | null => (hasRepeat && inFile.has(n) ? inFile.get(n)! : ctx.stored.get(n)?.repeatOfNumber ?? null);
  const known = (n: string) => inFile.has(n) || ctx.stored.has(n);
  for (const p of parsed) {
    if (!p.number || firstRowOf.get(p.number) !== p.row.row) continue;
    const fail = (message: string) => {
      errors.push({ row: p.row.row, column: '重复工单号', message });
      p.ok = false;
    };
    const ref = hasRepeat ? p.repeatOf : null;
    if (ref !== null) {
      if (ref === p.number) {
        fail('重复工单号不能是本工单自己的编号');
        continue;
      }
      if (!known(ref)) {
        fail(`重复工单号 ${ref} 既不是已有的工单，也不在本文件中`);
        continue;
      }
    }
    const path = [p.number];
    let cur = p.number;
    let cycle = false;
    for (;;) {
      const parent = parentOf(cur);
      if (parent === null || !known(parent)) break;
      if (path.includes(parent)) {
        cycle = true;
        path.push(parent);
        break;
      }
      path.push(parent);
      cur = parent;
    }
    if (cycle) {
      fail(`重复工单号形成循环：${path.join(' → ')}`);
      continue;
    }
    const root = cur === p.number ? null : cur;
    if (root !== null && !inFile.has(root) && ctx.stored.get(root)!.streetId !== ctx.streetId) {
      fail(`重复工单的主单 ${root} 属于其他街镇`);
      continue;
    }
    if (p.record) p.record.repeatRootNumber = root;
  }

  if (unlinkedCommittees.size) {
    notices.push(`所属居委未能对应到本街镇的居委单位（文字照常保存）：${[...unlinkedCommittees].slice(0, 20).join('、')}${unlinkedCommittees.size > 20 ? ` 等 ${unlinkedCommittees.size} 个` : ''}`);
  }
  errors.sort((a, b) => a.row - b.row);
  return { records: parsed.filter((p) => p.ok && p.record).map((p) => p.record!), errors, notices };
}

function labelOf<T>(map: Readonly<Record<string, T>>, value: T): string {
  return Object.entries(map).find(([, v]) => v === value)?.[0] ?? String(value);
}
