// The ranking as the monthly meeting reads it (issue #15), added to contract.md's types without changing them:
// each row's rank change against the previous month (UnitRankingRow.previousRank / rankChange / newlyRanked), the
// rules and the publisher of the month (RankingStatus.rules / publishedBy / previousMonth / previousPublished), and
// what could still change the numbers before publishing (rankingPublishCheck). reports/ranking-meeting.ts computes.
import { builder } from '../builder';
import type { Context } from '../context';
import { badInput, unauthenticated } from '../errors';
import { readerOf } from '../db/replica';
import { INDICATOR_RATE, type Indicator, type RateKey } from '../domain/kpi';
import { MONTH_RE } from './fields';
import {
  AWARD_POINTS,
  pendingBeforePublishing,
  previousMonthOf,
  publication,
  rankChange,
  rankingAnswerContext,
  rankingRules,
  type PendingBeforePublishing,
  type RankChange,
  type RankingRules,
} from '../reports/ranking-meeting';
import type { UnitRankingRow } from '../reports/ranking';
import { IndicatorEnum, RankingStatusRef, readableStreet, UnitRankingRowRef } from './reports';

const INDICATOR_OF = Object.fromEntries(Object.entries(INDICATOR_RATE).map(([i, k]) => [k, i])) as Record<RateKey, Indicator>;

/** The row's change, or null for a row not from a unitRanking answer. */
async function changeOf(row: UnitRankingRow): Promise<RankChange | null> {
  const c = rankingAnswerContext(row);
  return c ? rankChange(row, await c.previous()) : null;
}

builder.objectFields(UnitRankingRowRef, (t) => ({
  previousRank: t.int({
    nullable: true,
    description: '上月（同一街镇、同一考核分组）的名次：上月已发布取发布的快照，否则按现有数据计算；上月无名次或不在该组时为 null',
    resolve: async (r) => (await changeOf(r))?.previousRank ?? null,
  }),
  rankChange: t.int({
    nullable: true,
    description: '名次变化 = 上月名次 − 本月名次（正数为上升）；任一月无名次时为 null',
    resolve: async (r) => (await changeOf(r))?.change ?? null,
  }),
  newlyRanked: t.boolean({
    nullable: false,
    description: '本月有名次而上月（该组）没有：显示“新”',
    resolve: async (r) => (await changeOf(r))?.isNew ?? false,
  }),
}));

interface IndicatorRule { key: RateKey; weight: number; target: number }
const IndicatorRuleRef = builder.objectRef<IndicatorRule>('RankingIndicatorRule').implement({
  description: '考核方案中一项比率指标的权重与目标',
  fields: (t) => ({
    indicator: t.field({ type: IndicatorEnum, nullable: false, resolve: (r) => INDICATOR_OF[r.key] }),
    rateField: t.exposeString('key', { nullable: false, description: 'Kpis 中对应的字段名，如 satisfactionRate' }),
    weight: t.exposeFloat('weight', { nullable: false, description: '权重 wᵢ' }),
    target: t.exposeFloat('target', { nullable: false, description: '目标 targetᵢ（0–1 的小数）' }),
  }),
});

type NegativeItemRule = RankingRules['negativeItems'][number];
const NegativeItemRuleRef = builder.objectRef<NegativeItemRule>('RankingNegativeItemRule').implement({
  description: '负面清单的一项及其扣分',
  fields: (t) => ({
    code: t.exposeString('code', { nullable: false }),
    title: t.exposeString('title', { nullable: false }),
    points: t.exposeFloat('points', { nullable: false, description: '每条记录扣分' }),
  }),
});

const RankingRulesRef = builder.objectRef<RankingRules>('RankingRules').implement({
  description: '该月排名所用的计分规则：已发布取发布时的考核方案，否则为当前方案',
  fields: (t) => ({
    schemeId: t.id({ nullable: true, resolve: (r) => (r.scheme.id === null ? null : String(r.scheme.id)) }),
    schemeName: t.string({ nullable: false, resolve: (r) => r.scheme.name }),
    fromSnapshot: t.exposeBoolean('fromSnapshot', { nullable: false, description: '为发布时冻结的方案' }),
    indicators: t.field({ type: [IndicatorRuleRef], nullable: false, resolve: (r) => r.indicators }),
    minSample: t.int({ nullable: false, resolve: (r) => r.scheme.minSample }),
    rollingMonths: t.int({ nullable: false, resolve: (r) => r.scheme.rollingMonths }),
    satisfactionVariant: t.string({ nullable: false, description: 'WEIGHTED（加权）或 BINARY', resolve: (r) => r.scheme.satisfactionVariant }),
    excellentPoints: t.float({ nullable: false, description: '优秀案例加分', resolve: () => AWARD_POINTS.excellent }),
    demonstrationMinPoints: t.float({ nullable: false, description: '示范案例最低加分', resolve: () => AWARD_POINTS.demonstrationMin }),
    demonstrationMaxPoints: t.float({ nullable: false, description: '示范案例最高加分', resolve: () => AWARD_POINTS.demonstrationMax }),
    negativeItems: t.field({ type: [NegativeItemRuleRef], nullable: false, description: '启用的负面清单项目', resolve: (r) => r.negativeItems }),
  }),
});

/** The street and month a status answer is about (schema/reports.ts tags them). */
function statusContext(value: object) {
  const c = rankingAnswerContext(value);
  if (!c) throw new Error('RankingStatus without its street and month');
  return c;
}

builder.objectFields(RankingStatusRef, (t) => ({
  publishedBy: t.string({
    nullable: true,
    description: '发布人（姓名，无则为用户名）；未发布时为 null',
    resolve: async (r) => {
      if (!r.published) return null;
      const c = statusContext(r);
      return (await publication(c.db, c))?.publisherName ?? null;
    },
  }),
  publishedByRole: t.string({
    nullable: true,
    description: '发布人的角色（如 LEADER、OPS）',
    resolve: async (r) => {
      if (!r.published) return null;
      const c = statusContext(r);
      return (await publication(c.db, c))?.publisherRole ?? null;
    },
  }),
  previousMonth: t.string({ nullable: false, description: '比较名次变化的上月（YYYY-MM）', resolve: (r) => previousMonthOf(statusContext(r).month) }),
  previousPublished: t.boolean({
    nullable: false,
    description: '上月排名已发布（名次变化按发布的快照比较；否则按现有数据计算）',
    resolve: async (r) => (await statusContext(r).previous()).published,
  }),
  rules: t.field({
    type: RankingRulesRef,
    nullable: false,
    description: '计分规则：指标权重与目标、加分、负面清单扣分',
    resolve: (r) => rankingRules(statusContext(r).db, statusContext(r)),
  }),
}));

const PublishCheckRef = builder.objectRef<PendingBeforePublishing & { month: string }>('RankingPublishCheck').implement({
  description: '发布前提示：仍可能改变该月数据的在办工单与待回访工单',
  fields: (t) => ({
    month: t.exposeString('month', { nullable: false }),
    openTickets: t.exposeInt('openTickets', { nullable: false, description: '本月受理或本月及以后到期、尚未办结的工单数（不含重复件子单）' }),
    pendingCallbacks: t.exposeInt('pendingCallbacks', { nullable: false, description: '本月办结、计入实际解决率但尚无接通回访（满意度回访未完成）的工单数' }),
  }),
});

builder.queryField('rankingPublishCheck', (t) =>
  t.field({
    type: PublishCheckRef,
    nullable: false,
    description: '发布排名前的提示：该街镇该月仍在办的工单和待满意度回访的工单数量（发布不受其限制）',
    args: { streetId: t.arg.id({ required: true }), month: t.arg.string({ required: true, description: 'YYYY-MM' }) },
    resolve: async (_r, args, ctx: Context) => {
      if (!ctx.user) throw unauthenticated();
      if (!MONTH_RE.test(args.month)) throw badInput(`月份格式应为 YYYY-MM：${args.month.slice(0, 20)}`, { month: '月份格式应为 YYYY-MM，例如 2023-06' });
      const street = await readableStreet(ctx, String(args.streetId));
      return { month: args.month, ...(await pendingBeforePublishing(readerOf(ctx), { streetId: Number(street.id), month: args.month })) };
    },
  }),
);
