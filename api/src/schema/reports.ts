// Rankings and indicators (contract.md "Rankings and indicators"): the monthly unit and street rankings, the four
// indicators of any node and period, their monthly trend, the ticket-by-ticket explanation of an indicator, the
// gap to the campaign targets, and publishing a month's ranking as a frozen snapshot.
import type { ObjectRef } from '@pothos/core';
import { builder } from '../builder';
import type { Context } from '../context';
import type { Principal } from '../repos/auth';
import { enumType, inTransaction, objectRef, toDbId, type Row } from './resource';
import { PeerGroup } from './enums';
import { MONTH_RE } from './fields';
import { badInput, conflict, notFound, unauthenticated } from '../errors';
import { writeAudit } from '../repos/audit';
import { callerScope } from '../auth/scope';
import { unconfinedDb } from '../db/scope';
import { readerOf } from '../db/replica';
import { addDays, dayNumber, isValidDay, monthRange, shanghaiDate, shanghaiStartOfDay } from '../domain/time';
import { explainIndicator, gapToTarget, INDICATOR_RATE, INDICATORS, type Indicator, type KpiGap } from '../domain/kpi';
import { baseScore, DEFAULT_SCHEME } from '../domain/ranking';
import { kpiTableWorkbook } from '../reports/kpi-export';
import { unitRankingWorkbook } from '../reports/ranking-export';
import { safeFilename } from '../security/filenames';
import { loadNodeTickets, loadScheme, nodeKpis, toKpiTicket, type NodeRef, type NodeType } from '../reports/kpis';
import {
  effectiveUnitRanking,
  findSnapshot,
  rankingDifferences,
  saveSnapshot,
  streetRanking,
  unitRanking,
  type RankingDifference,
  type StreetRankingRow,
  type UnitRankingRow,
} from '../reports/ranking';
import { tagRankingAnswer } from '../reports/ranking-meeting';
import { kpiFractions, type KpiFraction, type KpisWithCounts } from '../reports/fractions';

const NodeTypeEnum = builder.enumType('NodeType', { values: ['UNIT', 'STREET', 'DISTRICT'] as const, description: '统计口径：单位、街镇或区' });
export const IndicatorEnum = builder.enumType('Indicator', {
  values: INDICATORS,
  description: '指标：受理量、办结量、先行联系率、按期完成率、实际解决率、实际解决占比、满意率',
});

/** Roles that may publish (freeze) a month's ranking. */

// ---- access ----

function reader(ctx: Context): Principal {
  if (!ctx.user) throw unauthenticated();
  return ctx.user;
}

const NODE_TABLE: Record<NodeType, { table: 'unit' | 'street' | 'district'; label: string }> = {
  UNIT: { table: 'unit', label: '单位' },
  STREET: { table: 'street', label: '街镇' },
  DISTRICT: { table: 'district', label: '区' },
};

/**
 * The node, if the caller may see its figures: every role reads every node, except that a unit handler reads
 * only its own unit — anything else is NOT_FOUND, as if it did not exist.
 */
async function readableNode(ctx: Context, type: NodeType, rawId: string): Promise<{ node: NodeRef; row: Row }> {
  const user = reader(ctx);
  const { table, label } = NODE_TABLE[type];
  const id = toDbId(rawId);
  const row = id === null ? null : await ctx.loaders.byId(table).load(id);
  if (!row) throw notFound(label, rawId);
  if (user.role === 'UNIT_HANDLER' && !(type === 'UNIT' && row.id === user.unitId)) throw notFound(label, rawId);
  // The district's own figures span every street: not a street account's (auth/streetArgs.ts refuses it first).
  if (type === 'DISTRICT' && callerScope(user).streetId !== null) throw notFound(label, rawId);
  return { node: { type, id: row.id }, row };
}

function parseMonth(month: string, field = 'month'): string {
  if (!MONTH_RE.test(month)) throw badInput(`月份格式应为 YYYY-MM：${month.slice(0, 20)}`, { [field]: '月份格式应为 YYYY-MM，例如 2023-06' });
  return month;
}

/** Local dates from/to, both inclusive → [start of from, start of the day after to). */
function parsePeriod(from: string, to: string) {
  if (!isValidDay(from)) throw badInput('开始日期无效', { from: '日期格式应为 YYYY-MM-DD' });
  if (!isValidDay(to)) throw badInput('结束日期无效', { to: '日期格式应为 YYYY-MM-DD' });
  if (to < from) throw badInput('开始日期不能晚于结束日期', { from: '不能晚于结束日期' });
  if (dayNumber(to) - dayNumber(from) > 3660) throw badInput('统计区间最长 10 年', { to: '统计区间最长 10 年' });
  return { start: shanghaiStartOfDay(from), end: shanghaiStartOfDay(addDays(to, 1)) };
}

// ---- types ----

const KpiFractionRef = builder.objectRef<KpiFraction>('KpiFraction').implement({
  description: '一个比率的分子与分母（看板上的“28/30”），与比率出自同一组计数',
  fields: (t) => ({
    indicator: t.field({ type: IndicatorEnum, nullable: false, resolve: (r) => r.indicator }),
    numerator: t.exposeFloat('numerator', { nullable: false, description: '分子（满意率为回访得分之和）' }),
    denominator: t.exposeInt('denominator', { nullable: false, description: '分母；为 0 时比率为 null' }),
  }),
});

const KpisRef = builder.objectRef<KpisWithCounts>('Kpis').implement({
  description: '四项重点指标：比率为 0–1 的小数，分母为空时为 null（显示“—”）',
  fields: (t) => ({
    receivedCount: t.exposeInt('receivedCount', { nullable: false, description: '受理量（含重复件子单）' }),
    closedCount: t.exposeInt('closedCount', { nullable: false, description: '办结量（不含重复件子单）' }),
    firstContactRate: t.exposeFloat('firstContactRate', { nullable: true, description: '先行联系率' }),
    onTimeRate: t.exposeFloat('onTimeRate', { nullable: true, description: '按期完成率（及时处置率）' }),
    resolutionRate: t.exposeFloat('resolutionRate', { nullable: true, description: '实际解决率' }),
    actualResolvedShare: t.exposeFloat('actualResolvedShare', { nullable: true, description: '实际解决占比' }),
    satisfactionRate: t.exposeFloat('satisfactionRate', { nullable: true, description: '满意率' }),
    fractions: t.field({
      type: [KpiFractionRef],
      nullable: true,
      description: '各比率的分子与分母（先行联系、按期完成、实际解决、实际解决占比、满意）；kpis 与 kpiTrend 提供，排名行为 null',
      resolve: (r) => kpiFractions(r),
    }),
  }),
});

// The resource types, typed as the rows their loaders return.
type Types = typeof builder.$inferSchemaTypes;
const UnitRef = objectRef('Unit') as ObjectRef<Types, Row>;
const StreetRef = objectRef('Street') as ObjectRef<Types, Row>;
const TicketRef = objectRef('Ticket') as ObjectRef<Types, Row>;
const PeerGroupRef = enumType(PeerGroup);

/** A row a non-null field refers to (a unit or street of a ranking row). */
async function loadRow(ctx: Context, table: 'unit' | 'street', id: number): Promise<Row> {
  const row = await ctx.loaders.byId(table).load(id);
  if (!row) throw notFound(NODE_TABLE[table === 'unit' ? 'UNIT' : 'STREET'].label, id);
  return row;
}
const loadUnit = (ctx: Context, id: number) => loadRow(ctx, 'unit', id);

/** The sample and rolling-window fields of both rankings (domain.md §4). */
const windowFields = (t: any) => ({
  windowMonths: t.exposeInt('windowMonths', { nullable: false, description: '指标覆盖的月数：1 为当月；当月办结量不足最少样本量时为滚动窗口（近N月）' }),
  sampleTooSmall: t.exposeBoolean('sampleTooSmall', { nullable: false, description: '样本不足：滚动窗口最长月数内办结量仍少于最少样本量，不排名，指标为当月数据' }),
  closedByMonth: t.exposeIntList('closedByMonth', { nullable: false, description: '各月办结量，当月在前（共滚动窗口最长月数个月）' }),
  minSample: t.exposeInt('minSample', { nullable: false, description: '所用考核方案的最少样本量' }),
});

/** A row with the size of its peer group in the street (computed before a handler's answer is cut to its own row). */
type UnitRankingAnswerRow = UnitRankingRow & { groupSize?: number; groupRanked?: number };

export const UnitRankingRowRef = builder.objectRef<UnitRankingAnswerRow>('UnitRankingRow').implement({
  description: '单位月度绩效排名的一行（样本不足者无名次，排在最后）',
  fields: (t) => ({
    rank: t.exposeInt('rank', { nullable: true, description: '组内名次；样本不足时为 null' }),
    unit: t.field({ type: UnitRef, nullable: false, resolve: (r, _a, ctx) => loadUnit(ctx, r.unitId) }),
    peerGroup: t.field({ type: PeerGroupRef, nullable: false, resolve: (r) => r.peerGroup }),
    kpis: t.field({ type: KpisRef, nullable: false, resolve: (r) => r.kpis }),
    baseScore: t.exposeFloat('baseScore', { nullable: true, description: '基础分 0–100' }),
    bonus: t.exposeFloat('bonus', { nullable: false, description: '加分（当月评选通过的优秀/示范案例）' }),
    deduction: t.exposeFloat('deduction', { nullable: false, description: '扣分（当月负面清单记录）' }),
    total: t.exposeFloat('total', { nullable: true, description: '总分 = 基础分 + 加分 − 扣分' }),
    ...windowFields(t),
    groupSize: t.int({ nullable: false, description: '本街镇同一考核分组列出的单位数（含样本不足未排名的）', resolve: (r) => r.groupSize ?? 0 }),
    groupRanked: t.int({ nullable: false, description: '其中有名次的单位数：名次为「共 N 个单位中的第几名」的 N', resolve: (r) => r.groupRanked ?? 0 }),
  }),
});

/** Each row with its peer group's size and ranked count in the street. */
function withGroupCounts(rows: UnitRankingRow[]): UnitRankingAnswerRow[] {
  const size = new Map<string, number>();
  const ranked = new Map<string, number>();
  for (const r of rows) {
    size.set(r.peerGroup, (size.get(r.peerGroup) ?? 0) + 1);
    if (r.rank !== null) ranked.set(r.peerGroup, (ranked.get(r.peerGroup) ?? 0) + 1);
  }
  return rows.map((r) => ({ ...r, groupSize: size.get(r.peerGroup) ?? 0, groupRanked: ranked.get(r.peerGroup) ?? 0 }));
}

const StreetRankingRowRef = builder.objectRef<StreetRankingRow>('StreetRankingRow').implement({
  description: '街镇月度排名的一行',
  fields: (t) => ({
    rank: t.exposeInt('rank', { nullable: true }),
    street: t.field({ type: StreetRef, nullable: false, resolve: (r, _a, ctx) => loadRow(ctx, 'street', r.streetId) }),
    kpis: t.field({ type: KpisRef, nullable: false, resolve: (r) => r.kpis }),
    baseScore: t.exposeFloat('baseScore', { nullable: true }),
    total: t.exposeFloat('total', { nullable: true }),
    ...windowFields(t),
  }),
});

interface MonthKpisValue {
  month: string;
  kpis: KpisWithCounts;
  baseScore: number | null;
}
const MonthKpisRef = builder.objectRef<MonthKpisValue>('MonthKpis').implement({
  description: '某月的四项指标（看板趋势）',
  fields: (t) => ({
    month: t.exposeString('month', { nullable: false }),
    kpis: t.field({ type: KpisRef, nullable: false, resolve: (r) => r.kpis }),
    baseScore: t.exposeFloat('baseScore', { nullable: true, description: '按当前考核方案的基础分' }),
  }),
});

interface ExplanationItem {
  ticket: Row;
  inNumerator: boolean;
  score: number;
  reason: string;
}
const KpiExplanationItemRef = builder.objectRef<ExplanationItem>('KpiExplanationItem').implement({
  fields: (t) => ({
    ticket: t.field({ type: TicketRef, nullable: false, resolve: (r) => r.ticket }),
    inNumerator: t.exposeBoolean('inNumerator', { nullable: false, description: '是否计入分子' }),
    score: t.exposeFloat('score', { nullable: false, description: '计入分子的分值（满意率为回访得分）' }),
    reason: t.exposeString('reason', { nullable: false }),
  }),
});

interface ExplanationValue {
  indicator: Indicator;
  numerator: number;
  denominator: number;
  rate: number | null;
  target: number | null;
  items: ExplanationItem[];
  truncated: boolean;
}
const KpiExplanationRef = builder.objectRef<ExplanationValue>('KpiExplanation').implement({
  description: '指标解释：分母中的每张工单，标明是否计入分子',
  fields: (t) => ({
    indicator: t.field({ type: IndicatorEnum, nullable: false, resolve: (r) => r.indicator }),
    numerator: t.exposeFloat('numerator', { nullable: false }),
    denominator: t.exposeInt('denominator', { nullable: false }),
    rate: t.exposeFloat('rate', { nullable: true }),
    target: t.exposeFloat('target', { nullable: true, description: '考核目标（百日攻坚）' }),
    items: t.field({ type: [KpiExplanationItemRef], nullable: false, resolve: (r) => r.items }),
    truncated: t.exposeBoolean('truncated', { nullable: false, description: '工单过多，只列出了前 limit 张' }),
  }),
});

type GapValue = Omit<KpiGap, 'decidingTicketIds'> & { decidingTickets: Row[] };
const KpiGapRef = builder.objectRef<GapValue>('KpiGap').implement({
  fields: (t) => ({
    indicator: t.field({ type: IndicatorEnum, nullable: false, resolve: (r) => r.indicator }),
    target: t.exposeFloat('target', { nullable: false }),
    rate: t.exposeFloat('rate', { nullable: true }),
    numerator: t.exposeFloat('numerator', { nullable: false }),
    denominator: t.exposeInt('denominator', { nullable: false }),
    met: t.exposeBoolean('met', { nullable: false, description: '已达标' }),
    needed: t.exposeInt('needed', { nullable: true, description: '月底前还需多少件达标（按时联系/按期办结/解决/实际解决/满意）；无法达标时为 null' }),
    reachable: t.boolean({ nullable: false, resolve: (r) => r.needed !== null }),
    decidingTickets: t.field({ type: [TicketRef], nullable: false, description: '决定能否达标的在办（或待回访）工单', resolve: (r) => r.decidingTickets }),
  }),
});

interface GapToTargetValue {
  unitId: number;
  month: string;
  asOf: Date;
  inCampaign: boolean;
  campaignFrom: string;
  campaignTo: string;
  indicators: GapValue[];
}
const GapToTargetRef = builder.objectRef<GapToTargetValue>('GapToTarget').implement({
  description: '距百日攻坚目标的差距',
  fields: (t) => ({
    unit: t.field({ type: UnitRef, nullable: false, resolve: (r, _a, ctx) => loadUnit(ctx, r.unitId) }),
    month: t.exposeString('month', { nullable: false }),
    asOf: t.field({ type: 'DateTime', nullable: false, resolve: (r) => r.asOf }),
    inCampaign: t.exposeBoolean('inCampaign', { nullable: false, description: '该月与攻坚期有重叠' }),
    campaignFrom: t.field({ type: 'Date', nullable: false, resolve: (r) => r.campaignFrom }),
    campaignTo: t.field({ type: 'Date', nullable: false, resolve: (r) => r.campaignTo }),
    indicators: t.field({ type: [KpiGapRef], nullable: false, resolve: (r) => r.indicators }),
  }),
});

const RankingDifferenceRef = builder.objectRef<RankingDifference>('RankingDifference').implement({
  description: '已发布排名与按现有数据重算结果的差异',
  fields: (t) => ({
    unitId: t.field({ type: 'ID', nullable: false, resolve: (r) => String(r.unitId) }),
    unit: t.field({ type: UnitRef, nullable: true, resolve: (r, _a, ctx) => ctx.loaders.byId('unit').load(r.unitId) }),
    field: t.exposeString('field', { nullable: false }),
    snapshot: t.field({ type: 'JSON', nullable: true, resolve: (r) => r.snapshot }),
    current: t.field({ type: 'JSON', nullable: true, resolve: (r) => r.current }),
  }),
});

interface RankingStatusValue {
  published: boolean;
  publishedAt: Date | null;
  schemeId: number | null;
  differences: RankingDifference[];
}
export const RankingStatusRef = builder.objectRef<RankingStatusValue>('RankingStatus').implement({
  description: '月度排名的发布状态',
  fields: (t) => ({
    published: t.exposeBoolean('published', { nullable: false }),
    publishedAt: t.field({ type: 'DateTime', nullable: true, resolve: (r) => r.publishedAt }),
    schemeId: t.field({ type: 'ID', nullable: true, resolve: (r) => (r.schemeId === null ? null : String(r.schemeId)) }),
    differences: t.field({ type: [RankingDifferenceRef], nullable: false, resolve: (r) => r.differences }),
  }),
});

// ---- queries ----

export async function readableStreet(ctx: Context, rawId: string): Promise<Row> {
  const user = reader(ctx);
  const id = toDbId(rawId);
  const street = id === null ? null : await ctx.loaders.byId('street').load(id);
  if (!street) throw notFound('街镇', rawId);
  if (user.role === 'UNIT_HANDLER') {
    const unit = user.unitId === null ? null : await ctx.loaders.byId('unit').load(user.unitId);
    if (!unit || unit.streetId !== street.id) throw notFound('街镇', rawId);
  }
  return street;
}

/** A unit handler sees its own row of a ranking and nothing of the others. */
function visibleRows<R extends { unitId: number }>(ctx: Context, rows: R[]): R[] {
  return ctx.user?.role === 'UNIT_HANDLER' ? rows.filter((r) => r.unitId === ctx.user!.unitId) : rows;
}

builder.queryField('unitRanking', (t) =>
  t.field({
    type: [UnitRankingRowRef],
    nullable: false,
    description: '街镇内各单位的月度绩效排名（按考核分组排名；已发布的月份返回发布时的快照）',
    args: { streetId: t.arg.id({ required: true }), month: t.arg.string({ required: true, description: 'YYYY-MM' }) },
    resolve: async (_r, args, ctx) => {
      reader(ctx);
      const month = parseMonth(args.month);
      const street = await readableStreet(ctx, String(args.streetId));
      // Ranked on the whole street, then cut to what the caller may see: a unit handler's connection sees only its own
      // unit's counts (row-level security), which would rank it against nobody (its row and group counts only are kept).
      const { rows } = await effectiveUnitRanking(unconfinedDb(ctx), { streetId: street.id, month });
      // Tagged with the street and month for the rank-change fields (schema/ranking-meeting.ts).
      return tagRankingAnswer(visibleRows(ctx, withGroupCounts(rows)), { db: readerOf(ctx), streetId: street.id, month });
    },
  }),
);

builder.queryField('streetRanking', (t) =>
  t.field({
    type: [StreetRankingRowRef],
    nullable: false,
    description: '区内各街镇的月度排名',
    args: { districtId: t.arg.id({ required: true }), month: t.arg.string({ required: true, description: 'YYYY-MM' }) },
    resolve: async (_r, args, ctx) => {
      const user = reader(ctx);
      const month = parseMonth(args.month);
      const own = callerScope(user).streetId;
      if (own === null || user.role === 'UNIT_HANDLER') {
        // A handler sees its own unit only: the district node is NOT_FOUND to it (readableNode).
        const { node } = await readableNode(ctx, 'DISTRICT', String(args.districtId));
        return (await streetRanking(readerOf(ctx), { districtId: node.id, month })).rows;
      }
      // A street account knows its street's rank in the district (plan 四(一)) and nothing of the other streets: the
      // ranking is computed over the whole district (unconfined) and only its own row is returned.
      const street = await ctx.loaders.byId('street').load(own);
      if (!street || String(street.districtId) !== String(toDbId(args.districtId) ?? '')) throw notFound('区', String(args.districtId));
      const { rows } = await streetRanking(unconfinedDb(ctx), { districtId: Number(street.districtId), month });
      return rows.filter((r) => r.streetId === own);
    },
  }),
);

const nodeArgs = (t: any) => ({ nodeType: t.arg({ type: NodeTypeEnum, required: true }), nodeId: t.arg.id({ required: true }) });

builder.queryField('kpis', (t) =>
  t.field({
    type: KpisRef,
    nullable: false,
    description: '任一口径（单位/街镇/区）在 from 至 to（含，本地日期）期间的四项指标',
    args: { ...nodeArgs(t), from: t.arg({ type: 'Date', required: true }), to: t.arg({ type: 'Date', required: true }) },
    resolve: async (_r, args, ctx) => {
      reader(ctx);
      const period = parsePeriod(args.from, args.to);
      const { node } = await readableNode(ctx, args.nodeType as NodeType, String(args.nodeId));
      const [row] = await nodeKpis(readerOf(ctx), { node, periods: [{ key: 'p', ...period }] });
      return { ...row!.kpis, counts: row!.counts };
    },
  }),
);

function checkYear(year: number) {
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw badInput('年份应在 2000 到 2100 之间', { year: '年份应在 2000 到 2100 之间' });
}

/** The indicators and base score of a node for each month of a year. */
async function yearTrend(ctx: Context, node: NodeRef, year: number): Promise<MonthKpisValue[]> {
  const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
  const periods = months.map((key) => {
    const [start, end] = monthRange(key);
    return { key, start, end };
  });
  const scheme = (await loadScheme(readerOf(ctx))) ?? DEFAULT_SCHEME;
  const rows = await nodeKpis(readerOf(ctx), { node, periods, schemeId: scheme.id });
  return rows.map((r) => ({ month: r.key, kpis: { ...r.kpis, counts: r.counts }, baseScore: baseScore(r.kpis, scheme) }));
}

builder.queryField('kpiTrend', (t) =>
  t.field({
    type: [MonthKpisRef],
    nullable: false,
    description: '某年 12 个月的四项指标与基础分（看板）',
    args: { ...nodeArgs(t), year: t.arg.int({ required: true }) },
    resolve: async (_r, args, ctx) => {
      reader(ctx);
      checkYear(args.year);
      const { node } = await readableNode(ctx, args.nodeType as NodeType, String(args.nodeId));
      return yearTrend(ctx, node, args.year);
    },
  }),
);

const EXPLAIN_MAX = 10_000;

builder.queryField('kpiExplain', (t) =>
  t.field({
    type: KpiExplanationRef,
    nullable: false,
    description: '解释一个指标：列出分母中的每张工单并标明是否计入分子（例如 27 张中 4 张逾期）',
    args: {
      ...nodeArgs(t),
      from: t.arg({ type: 'Date', required: true }),
      to: t.arg({ type: 'Date', required: true }),
      indicator: t.arg({ type: IndicatorEnum, required: true }),
      onlyMisses: t.arg.boolean({ description: '只列出未计入分子的工单' }),
      limit: t.arg.int({ description: `最多列出的工单数（默认 1000，最多 ${EXPLAIN_MAX}）` }),
    },
    resolve: async (_r, args, ctx) => {
      reader(ctx);
      const period = parsePeriod(args.from, args.to);
      const limit = args.limit ?? 1000;
      if (limit < 0 || limit > EXPLAIN_MAX) throw badInput(`limit 应在 0 到 ${EXPLAIN_MAX} 之间`, { limit: `0 到 ${EXPLAIN_MAX}` });
      const { node } = await readableNode(ctx, args.nodeType as NodeType, String(args.nodeId));
      const scheme = (await loadScheme(readerOf(ctx))) ?? DEFAULT_SCHEME;
      const rows = await loadNodeTickets(readerOf(ctx), { node, period });
      const byId = new Map(rows.map((r) => [r.id, r]));
      const e = explainIndicator(rows.map((r) => toKpiTicket(r)), period, args.indicator as Indicator, { variant: scheme.satisfactionVariant });
      const listed = args.onlyMisses ? e.tickets.filter((x) => !x.inNumerator) : e.tickets;
      const rateKey = INDICATOR_RATE[e.indicator];
      return {
        indicator: e.indicator,
        numerator: e.numerator,
        denominator: e.denominator,
        rate: e.rate,
        target: rateKey ? scheme.targets[rateKey] : null,
        truncated: listed.length > limit,
        items: listed.slice(0, limit).map((x) => {
          const { kpiCallbacks, ...ticket } = byId.get(x.ticketId)!;
          void kpiCallbacks;
          return { ticket: ticket as Row, inNumerator: x.inNumerator, score: x.score, reason: x.reason };
        }),
      };
    },
  }),
);

builder.queryField('gapToTarget', (t) =>
  t.field({
    type: GapToTargetRef,
    nullable: false,
    description: '单位当月距百日攻坚目标的差距：还需多少件达标，哪些在办工单决定结果',
    args: { unitId: t.arg.id({ required: true }), month: t.arg.string({ required: true, description: 'YYYY-MM' }) },
    resolve: async (_r, args, ctx) => {
      reader(ctx);
      const month = parseMonth(args.month);
      const { node } = await readableNode(ctx, 'UNIT', String(args.unitId));
      const [start, end] = monthRange(month);
      const now = new Date();
      const scheme = (await loadScheme(readerOf(ctx))) ?? DEFAULT_SCHEME;
      const rows = await loadNodeTickets(readerOf(ctx), { node, period: { start, end }, includeOpen: true });
      const byId = new Map(rows.map((r) => [r.id, r]));
      const gaps = gapToTarget(rows.map((r) => toKpiTicket(r)), { start, end }, scheme.targets, { now, variant: scheme.satisfactionVariant });
      const lastDay = shanghaiDate(new Date(end.getTime() - 1));
      return {
        unitId: node.id,
        month,
        asOf: now < end ? now : end,
        inCampaign: `${month}-01` <= scheme.campaignTo && lastDay >= scheme.campaignFrom,
        campaignFrom: scheme.campaignFrom,
        campaignTo: scheme.campaignTo,
        indicators: gaps.map(({ decidingTicketIds, ...g }) => ({
          ...g,
          decidingTickets: decidingTicketIds.map((id) => {
            const { kpiCallbacks, ...ticket } = byId.get(id)!;
            void kpiCallbacks;
            return ticket as Row;
          }),
        })),
      };
    },
  }),
);

builder.queryField('rankingStatus', (t) =>
  t.field({
    type: RankingStatusRef,
    nullable: false,
    description: '月度排名是否已发布，以及按现有数据重算会改变什么',
    args: { streetId: t.arg.id({ required: true }), month: t.arg.string({ required: true, description: 'YYYY-MM' }) },
    resolve: async (_r, args, ctx) => {
      reader(ctx);
      const month = parseMonth(args.month);
      const street = await readableStreet(ctx, String(args.streetId));
      const snapshot = await findSnapshot(ctx.db, street.id, month);
      const tag = (v: RankingStatusValue) => tagRankingAnswer([v], { db: readerOf(ctx), streetId: street.id, month })[0]!;
      if (!snapshot) return tag({ published: false, publishedAt: null, schemeId: null, differences: [] });
      // Recomputed under the scheme it was published with: the differences are the data's, not the rules'.
      const current = await unitRanking(readerOf(ctx), { streetId: street.id, month, schemeId: snapshot.schemeId });
      return tag({
        published: true,
        publishedAt: snapshot.publishedAt,
        schemeId: snapshot.schemeId,
        differences: visibleRows(ctx, rankingDifferences(snapshot.rows, current.rows)),
      });
    },
  }),
);

// ---- publishing ----

builder.mutationField('publishUnitRanking', (t) =>
  t.field({
    type: RankingStatusRef,
    nullable: false,
    description: '发布（冻结）街镇某月的单位排名；已发布的月份需 replace: true 才会重新发布',
    args: { streetId: t.arg.id({ required: true }), month: t.arg.string({ required: true }), replace: t.arg.boolean() },
    resolve: async (_r, args, ctx) => {
      const user = reader(ctx); // who may publish: auth/operations.ts, at the gate
      const month = parseMonth(args.month);
      const street = await readableStreet(ctx, String(args.streetId));
      const [, end] = monthRange(month);
      if (Date.now() < end.getTime()) throw badInput('只能发布已结束的月份', { month: '该月尚未结束' });
      const saved = await inTransaction(ctx, null, async (trx) => {
        const live = await unitRanking(trx, { streetId: street.id, month });
        const schemeId = live.schemeId ?? (await loadScheme(trx))?.id;
        if (!schemeId) throw badInput('没有可用的考核方案');
        const result = await saveSnapshot(trx, { streetId: street.id, month, schemeId, rows: live.rows, publishedBy: user.userId, replace: !!args.replace });
        if (!result) throw conflict(`${month} 的排名已发布；如需重新发布请传 replace: true`);
        await writeAudit(trx, {
          actor: user,
          operation: 'publishUnitRanking',
          entity: 'rankingSnapshot',
          entityId: result.snapshot.id,
          before: result.replaced ? { schemeId: result.replaced.schemeId, publishedAt: result.replaced.publishedAt, rows: result.replaced.rows } : undefined,
          after: { streetId: street.id, month, schemeId, rows: live.rows.length },
          requestId: ctx.requestId,
        });
        return result.snapshot;
      });
      const status: RankingStatusValue = { published: true, publishedAt: saved.publishedAt, schemeId: saved.schemeId, differences: [] };
      return tagRankingAnswer([status], { db: ctx.db, streetId: street.id, month })[0]!;
    },
  }),
);

// ---- exports (.xlsx as base64: one GraphQL call, the same session and authorization as the table it exports) ----

interface ExportFileValue {
  filename: string;
  bytes: Buffer;
  rows: number;
}
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const ExportFileRef = builder.objectRef<ExportFileValue>('ExportFile').implement({
  description: '导出的 Excel 文件（base64）',
  fields: (t) => ({
    filename: t.exposeString('filename', { nullable: false, description: '建议的文件名' }),
    contentType: t.string({ nullable: false, resolve: () => XLSX_TYPE }),
    rows: t.exposeInt('rows', { nullable: false, description: '数据行数' }),
    base64: t.string({ nullable: false, description: '文件内容（base64）', resolve: (r) => r.bytes.toString('base64') }),
  }),
});

builder.queryField('rankingExport', (t) =>
  t.field({
    type: ExportFileRef,
    nullable: false,
    description: '单位月度绩效排名导出为 Excel（与 unitRanking 相同的权限与内容；已发布的月份导出快照）',
    args: { streetId: t.arg.id({ required: true }), month: t.arg.string({ required: true, description: 'YYYY-MM' }) },
    resolve: async (_r, args, ctx) => {
      const user = reader(ctx);
      const month = parseMonth(args.month);
      const street = await readableStreet(ctx, String(args.streetId));
      const onlyUnitId = user.role === 'UNIT_HANDLER' ? (user.unitId ?? -1) : undefined;
      const out = await unitRankingWorkbook(readerOf(ctx), { streetId: street.id, month, onlyUnitId });
      return { filename: safeFilename(`${street.name}-${month}-单位绩效排名`, 'xlsx'), bytes: out.bytes, rows: out.rows };
    },
  }),
);

builder.queryField('kpiTableExport', (t) =>
  t.field({
    type: ExportFileRef,
    nullable: false,
    description: '某口径一年 12 个月的四项指标表导出为 Excel（与 kpiTrend 相同的权限与内容）',
    args: { ...nodeArgs(t), year: t.arg.int({ required: true }) },
    resolve: async (_r, args, ctx) => {
      reader(ctx);
      checkYear(args.year);
      const { node, row } = await readableNode(ctx, args.nodeType as NodeType, String(args.nodeId));
      const rows = await yearTrend(ctx, node, args.year);
      const title = `${String(row.name)} ${args.year} 年四项重点指标`;
      const bytes = await kpiTableWorkbook({ title, rows });
      return { filename: safeFilename(`${String(row.name)}-${args.year}-四项指标`, 'xlsx'), bytes, rows: rows.length };
    },
  }),
);
