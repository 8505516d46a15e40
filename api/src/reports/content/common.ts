// What every report builder shares: the street (or district) a report is for, its periods, the indicators of its
// units for any periods in one statement (the same CTEs and rate expressions as `kpis`/`unitRanking`,
// reports/kpis.ts), and the tables the documents print them in. No formula is written here.
import { sql } from 'kysely';
import { badInput, notFound } from '../../errors';
import { RATE_KEYS, type Kpis, type RateKey } from '../../domain/kpi';
import { DEFAULT_SCHEME, PEER_GROUP_ORDER, type ScoringScheme } from '../../domain/ranking';
import { addDays, isoWeekOf, isoWeekRange, isValidDay, monthRange, shanghaiDate, shanghaiStartOfDay, type Day } from '../../domain/time';
import {
  kpiCountCtes,
  kpiRateColumns,
  kpisFromRow,
  loadScheme,
  nodeKpis,
  runReport,
  schemeCte,
  zeroFilledCounts,
  type Db,
  type KeyedPeriod,
  type NodeRef,
} from '../kpis';
import type { ReportBlock, ReportColumn, ReportKindName, ReportTable, CellValue } from '../document/model';
import { hotspotPeriodString, parseFormPeriod, parseHotspotPeriod } from './subject';

export interface BuildInput {
  kind: ReportKindName;
  /** null: the district. */
  streetId: number | null;
  period: string;
  now: Date;
}

/** Who a report is about: a street (its units ranked inside it) or the district (its streets). */
export interface Scope {
  streetId: number | null;
  districtId: number;
  node: NodeRef;
  /** 塘桥街道 / 浦东新区 */
  name: string;
  issuer: string;
  scheme: ScoringScheme;
}

export async function loadScope(db: Db, streetId: number | null): Promise<Scope> {
  const scheme = (await loadScheme(db)) ?? DEFAULT_SCHEME;
  if (streetId !== null) {
    const s = await db.selectFrom('street').select(['id', 'name', 'districtId']).where('id', '=', streetId).executeTakeFirst();
    if (!s) throw notFound('街镇', streetId);
    return { streetId: s.id, districtId: s.districtId, node: { type: 'STREET', id: s.id }, name: s.name, issuer: `${s.name}城市运行管理中心`, scheme };
  }
  const d = await db.selectFrom('district').select(['id', 'name']).orderBy('id').limit(1).executeTakeFirst();
  if (!d) throw notFound('区', '');
  return { streetId: null, districtId: d.id, node: { type: 'DISTRICT', id: d.id }, name: d.name, issuer: `${d.name}城市运行管理中心`, scheme };
}

// ---- periods ----

const WEEK_RE = /^\d{4}-W\d{2}$/;
const MONTH_RE = /^\d{4}-(0[1-9]|1[0-2])$/;
const YEAR_RE = /^(20\d{2}|2100)$/;
const RANGE_RE = /^(\d{4}-\d{2}-\d{2})\/(\d{4}-\d{2}-\d{2})$/;

const periodError = (msg: string) => badInput(msg, { period: msg });

/** Checks a period's form for its kind (contract.md): a clear error naming `period`. */
export function checkPeriod(kind: ReportKindName, period: string): string {
  const p = period.trim();
  switch (kind) {
    case 'WEEKLY':
    case 'MEETING_WEEKLY':
      if (!WEEK_RE.test(p)) throw periodError('周报的期间应为 ISO 周 YYYY-Www，例如 2023-W24');
      try {
        isoWeekRange(p);
      } catch {
        throw periodError(`没有这一周：${p}`);
      }
      return p;
    case 'MONTHLY':
    case 'RANKING_NOTICE':
    case 'MEETING_MONTHLY':
    case 'MEETING_PARTY':
      if (!MONTH_RE.test(p)) throw periodError('期间应为月份 YYYY-MM，例如 2023-06');
      return p;
    case 'YEARLY':
      if (!YEAR_RE.test(p)) throw periodError('年度绩效的期间应为年份 YYYY，例如 2023');
      return p;
    case 'CAMPAIGN': {
      const m = RANGE_RE.exec(p);
      if (!m || !isValidDay(m[1]!) || !isValidDay(m[2]!)) throw periodError('百日攻坚的期间应为 YYYY-MM-DD/YYYY-MM-DD（含首尾两天）');
      if (m[2]! < m[1]!) throw periodError('百日攻坚的开始日期不能晚于结束日期');
      if (dayDiff(m[1]!, m[2]!) > 366) throw periodError('百日攻坚的期间最长一年');
      return p;
    }
    case 'HOTSPOT':
      return hotspotPeriodString(parseHotspotPeriod(p));
    case 'WARNING_FORM':
    case 'LEADER_ORDER_FORM': {
      const s = parseFormPeriod(kind, p);
      return `${s.type}:${s.id}`;
    }
    default:
      throw badInput(`不支持的报表类型：${kind}`, { kind: '不支持的报表类型' });
  }
}

export function dayDiff(from: Day, to: Day): number {
  return Math.round((shanghaiStartOfDay(to).getTime() - shanghaiStartOfDay(from).getTime()) / 86_400_000);
}

/** Local dates from/to, both inclusive, as a keyed [start, end). */
export function dayPeriod(key: string, from: Day, to: Day): KeyedPeriod {
  return { key, start: shanghaiStartOfDay(from), end: shanghaiStartOfDay(addDays(to, 1)) };
}

export function weekPeriod(week: string): KeyedPeriod & { from: Day; to: Day } {
  const [start, end] = isoWeekRange(week);
  return { key: week, start, end, from: shanghaiDate(start), to: addDays(shanghaiDate(end), -1) };
}

export function monthPeriod(month: string): KeyedPeriod {
  const [start, end] = monthRange(month);
  return { key: month, start, end };
}

/** 'YYYY-MM' n months from `month` (n < 0: before). */
export function shiftMonth(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const i = y * 12 + (m - 1) + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/** The ISO week before. */
export function previousWeek(week: string): string {
  const [start] = isoWeekRange(week);
  return isoWeekOf(addDays(shanghaiDate(start), -7));
}

/** 2023年6月12日 */
export function chineseDate(day: Day): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

export function chineseMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return `${y}年${m}月`;
}

// ---- the indicators of a node, and of each unit (or street) ----

export async function scopeKpis(db: Db, scope: Scope, periods: KeyedPeriod[], now: Date): Promise<Map<string, Kpis>> {
  const rows = await nodeKpis(db, { node: scope.node, periods, now, schemeId: scope.scheme.id });
  return new Map(rows.map((r) => [r.key, r.kpis]));
}

export interface MemberRow {
  id: number;
  code: string;
  name: string;
  /** Peer group of a unit; '' for a street. */
  peerGroup: string;
}

/**
 * The indicators of each member of a scope — the active units of a street, or the streets of a district — for
 * each period, in one statement: `kpiCountCtes` grouped by unit (or street) and `kpiRateColumns`, exactly what
 * `nodeKpis` computes for each member as a node.
 */
export async function memberKpis(
  db: Db,
  scope: Scope,
  periods: KeyedPeriod[],
  now: Date,
): Promise<{ members: MemberRow[]; kpis: Map<string, Map<number, Kpis>> }> {
  const street = scope.streetId;
  const rows = await runReport(db, sql<Record<string, unknown>>`
    with ${schemeCte(scope.scheme.id)},
    members as (
      ${street !== null
        ? sql`select u.id, u.code, u.name, u.peer_group from unit u where u.street_id = ${street}::int and u.active`
        : sql`select st.id, st.code, st.name, ''::text as peer_group from street st where st.district_id = ${scope.districtId}::int`}
    ),
    ${kpiCountCtes({
      periods,
      now,
      ...(street !== null
        ? { ticketFilter: sql`t.unit_id = any(array(select members.id from members))`, groupExpr: sql`t.unit_id` }
        : {
            ticketFilter: sql`t.unit_id = any(array(select u.id from unit u where u.street_id in (select members.id from members)))`,
            join: sql`join unit gu on gu.id = t.unit_id`,
            groupExpr: sql`gu.street_id`,
          }),
    })},
    filled as (
      select p.key, m.id, m.code, m.name, m.peer_group, ${zeroFilledCounts('k')}
      from members m cross join periods p left join kpi_counts k on k.node_id = m.id and k.key = p.key
    )
    select c.*, ${kpiRateColumns()} from filled c left join scheme s on true
    order by c.id`);
  const members = new Map<number, MemberRow>();
  const kpis = new Map<string, Map<number, Kpis>>(periods.map((p) => [p.key, new Map()]));
  for (const r of rows) {
    const id = Number(r.id);
    if (!members.has(id)) members.set(id, { id, code: String(r.code), name: String(r.name), peerGroup: String(r.peerGroup ?? '') });
    kpis.get(String(r.key))!.set(id, kpisFromRow(r));
  }
  return { members: sortMembers([...members.values()]), kpis };
}

export function sortMembers<M extends { peerGroup: string; code: string }>(rows: M[]): M[] {
  const g = (x: string) => {
    const i = (PEER_GROUP_ORDER as readonly string[]).indexOf(x);
    return i < 0 ? PEER_GROUP_ORDER.length : i;
  };
  return rows.sort((a, b) => g(a.peerGroup) - g(b.peerGroup) || a.code.localeCompare(b.code));
}

// ---- labels ----

export const PEER_GROUP_LABEL: Record<string, string> = { DEPARTMENT: '职能部门', INSTITUTION: '事业单位·中心', RESIDENTIAL: '居委' };
export const CATEGORY_LABEL: Record<string, string> = {
  COMPLAINT: '投诉',
  HELP: '求助',
  CONSULT: '咨询',
  SUGGESTION: '意见建议',
  OTHER: '其他',
  PHOTO_REPORT: '随申拍',
};
export const CATEGORY_ORDER = Object.keys(CATEGORY_LABEL);
export const RATE_LABEL: Record<RateKey, string> = {
  firstContactRate: '先行联系率',
  onTimeRate: '按期完成率',
  resolutionRate: '实际解决率',
  actualResolvedShare: '实际解决占比',
  satisfactionRate: '满意率',
};
export const RESOLUTION_LABEL: Record<string, string> = { ACTUALLY_RESOLVED: '实际解决', EXPLAINED: '解释说明', UNRESOLVED: '未解决' };
export const CALLBACK_LABEL: Record<string, string> = { SATISFIED: '满意', BASICALLY_SATISFIED: '基本满意', NEUTRAL: '一般', UNSATISFIED: '不满意', NOT_REACHED: '未接通', REFUSED: '拒评' };

export { RATE_KEYS };

/** this − before, or null when either has no value. */
export function delta(now: number | null | undefined, before: number | null | undefined): number | null {
  return now == null || before == null ? null : now - before;
}

export function arrowWord(d: number | null, percent = true): string {
  if (d === null) return '';
  const pp = percent ? Math.round(d * 10000) / 100 : Math.round(d);
  if (pp === 0) return '持平';
  return `${pp > 0 ? '↑' : '↓'}${Math.abs(pp).toFixed(percent ? 2 : 0)}${percent ? '个百分点' : ''}`;
}

export function pct(v: number | null | undefined): string {
  return v == null ? '—' : `${(v * 100).toFixed(2)}%`;
}

/** The rate columns of a per-member table, each with its target (cells below it are marked). */
export function rateColumns(scheme: ScoringScheme, prefix = ''): ReportColumn[] {
  return RATE_KEYS.map((k) => ({ key: `${prefix}${k}`, label: RATE_LABEL[k], format: 'percent' as const, target: scheme.targets[k], width: 9 }));
}

/**
 * 本期 / 上期 / 较上期 (/ 同期 / 较同期) / 目标 per indicator: the table the 周报 and 月报 open with. A column with
 * `deltaFrom` is followed by the change from it to that column (本期 − 上期). Cells below target are marked.
 */
export function indicatorTable(a: {
  id: string;
  title: string;
  scheme: ScoringScheme;
  columns: { key: string; label: string; kpis: Kpis; deltaFrom?: string; deltaLabel?: string }[];
}): ReportTable {
  const columns: ReportColumn[] = [{ key: 'indicator', label: '指标', format: 'text', width: 12 }];
  for (const c of a.columns) {
    columns.push({ key: c.key, label: c.label, format: 'percent', width: 10 });
    if (c.deltaFrom) columns.push({ key: `${c.key}Delta`, label: c.deltaLabel ?? '变化', format: 'delta-percent', width: 14 });
  }
  columns.push({ key: 'target', label: '目标', format: 'percent', width: 8 });
  const byKey = new Map(a.columns.map((c) => [c.key, c]));
  const marks: Record<number, string[]> = {};
  const rows = RATE_KEYS.map((k, i) => {
    const row: Record<string, CellValue> = { indicator: RATE_LABEL[k], rateKey: k };
    for (const c of a.columns) {
      row[c.key] = c.kpis[k];
      if (c.deltaFrom) row[`${c.key}Delta`] = delta(byKey.get(c.deltaFrom)!.kpis[k], c.kpis[k]);
      if (c.kpis[k] != null && c.kpis[k]! + 1e-9 < a.scheme.targets[k]) (marks[i] ??= []).push(c.key);
    }
    row.target = a.scheme.targets[k];
    return row;
  });
  return { id: a.id, title: a.title, columns, rows, marks };
}

/** One table per peer group (a street's units) or one for the district's streets. */
export function memberTables(a: {
  idPrefix: string;
  titlePrefix: string;
  scope: Scope;
  members: MemberRow[];
  columns: ReportColumn[];
  row: (m: MemberRow) => Record<string, CellValue>;
  marks?: (m: MemberRow, row: Record<string, CellValue>) => string[];
  note?: string;
}): ReportTable[] {
  const groups = a.scope.streetId === null ? [''] : [...new Set(a.members.map((m) => m.peerGroup))];
  return groups.map((g, i) => {
    const rows: Record<string, CellValue>[] = [];
    const marks: Record<number, string[]> = {};
    for (const m of a.members.filter((x) => x.peerGroup === g)) {
      const row = a.row(m);
      const mk = a.marks?.(m, row) ?? [];
      if (mk.length) marks[rows.length] = mk;
      rows.push(row);
    }
    const label = g ? PEER_GROUP_LABEL[g] ?? g : '各街镇';
    return {
      id: `${a.idPrefix}-${g || 'streets'}`,
      // One table per peer group: 表3-1, 表3-2 … so that no two tables share a number.
      title: `${groups.length > 1 ? a.titlePrefix.replace(/^表(\d+)/, (_m, n: string) => `表${n}-${i + 1}`) : a.titlePrefix}（${label}）`,
      columns: a.columns,
      rows,
      ...(Object.keys(marks).length ? { marks } : {}),
      ...(g ? { peerGroup: g } : {}),
      ...(a.note ? { note: a.note } : {}),
    };
  });
}

export const tableBlock = (table: ReportTable): ReportBlock => ({ type: 'table', table });
export const para = (text: string): ReportBlock => ({ type: 'paragraph', text });

/** The member's first column: 单位 or 街镇. */
export function memberColumn(scope: Scope): ReportColumn {
  return { key: 'name', label: scope.streetId === null ? '街镇' : '单位', format: 'text', width: 16 };
}

/** The ticket predicate of the scope on alias t (the same as kpis: the unit holding the ticket). */
export function scopeTicketFilter(scope: Scope) {
  return scope.streetId !== null
    ? sql<boolean>`t.unit_id = any(array(select u.id from unit u where u.street_id = ${scope.streetId}::int))`
    : sql<boolean>`t.unit_id = any(array(select u.id from unit u join street s on s.id = u.street_id where s.district_id = ${scope.districtId}::int))`;
}

/** A ticket list's common columns. */
export const TICKET_COLUMNS: ReportColumn[] = [
  { key: 'number', label: '工单编号', format: 'text', width: 16 },
  { key: 'unit', label: '承办单位', format: 'text', width: 14 },
  { key: 'topic', label: '诉求主题', format: 'text', width: 12 },
  { key: 'receivedAt', label: '受理时间', format: 'datetime', width: 16 },
];

export const iso = (d: unknown): string | null => (d == null ? null : (d instanceof Date ? d : new Date(String(d))).toISOString());

/** Row cap of a ticket list in a document; the note says how many there were. */
export const LIST_LIMIT = 100;

export function capNote(total: number, shown: number): string | undefined {
  return total > shown ? `共 ${total} 件，此处列出前 ${shown} 件。` : undefined;
}
