// Candidate suggestions (domain.md §6): interviewCandidates and assistanceCandidates of a street and month. Read
// with the same access as the Interview and Assistance registers they feed (auth/operations.ts, at the gate).
import type { ObjectRef } from '@pothos/core';
import { builder } from '../builder';
import { requireUser, type Context } from '../context';
import { badInput, notFound } from '../errors';
import { assistanceCandidates, interviewCandidates, type AssistanceCandidate, type InterviewCandidate } from '../reports/candidates';
import { MONTH_RE } from './fields';
import { enumType, objectRef, toDbId, type Row } from './resource';
import { PeerGroup } from './enums';

type Types = typeof builder.$inferSchemaTypes;
const UnitRef = objectRef('Unit') as ObjectRef<Types, Row>;
const InterviewRef = objectRef('Interview') as ObjectRef<Types, Row>;

const loadUnit = async (ctx: Context, id: number) => {
  const row = await ctx.loaders.byId('unit').load(id);
  if (!row) throw notFound('单位', id);
  return row;
};

const InterviewCandidateRef = builder.objectRef<InterviewCandidate>('InterviewCandidate').implement({
  description: '约谈候选单位：连续两个月组内排名倒数前三（仅限有排名单位多于 3 家的同类组），或当月退单被驳回达 3 次',
  fields: (t) => ({
    unitId: t.field({ type: 'ID', nullable: false, resolve: (c) => String(c.unitId) }),
    unit: t.field({ type: UnitRef, nullable: false, resolve: (c, _a, ctx) => loadUnit(ctx, c.unitId) }),
    explanations: t.stringList({ nullable: false, description: '列为候选的原因（中文说明）', resolve: (c) => c.explanations }),
    reasons: t.stringList({ nullable: false, description: '建议的约谈事由（约谈登记的事由取值）', resolve: (c) => c.reasons }),
    bottomPlaces: t.intList({ nullable: true, description: '上月、本月的组内倒数名次（均在倒数前三时）', resolve: (c) => c.bottomPlaces }),
    refusedReturns: t.exposeInt('refusedReturns', { nullable: false, description: '本月被驳回的退单次数' }),
    ticketIds: t.field({ type: ['ID'], nullable: false, description: '被驳回退单的工单', resolve: (c) => c.ticketIds.map(String) }),
    interview: t.field({
      type: InterviewRef,
      nullable: true,
      description: '该单位本月已登记的约谈（没有则为空）',
      resolve: (c, _a, ctx) => (c.interviewId == null ? null : (ctx.loaders.byId('interview').load(c.interviewId) as Promise<Row>)),
    }),
  }),
});

const AssistanceCandidateRef = builder.objectRef<AssistanceCandidate>('AssistanceCandidate').implement({
  description: '帮扶候选单位：本月组内排名倒数前三（仅限有排名单位多于 3 家的同类组）、且没有进行中的帮扶',
  fields: (t) => ({
    unitId: t.field({ type: 'ID', nullable: false, resolve: (c) => String(c.unitId) }),
    unit: t.field({ type: UnitRef, nullable: false, resolve: (c, _a, ctx) => loadUnit(ctx, c.unitId) }),
    peerGroup: t.field({ type: enumType(PeerGroup), nullable: false, resolve: (c) => c.peerGroup as never }),
    rank: t.exposeInt('rank', { nullable: false }),
    fromBottom: t.exposeInt('fromBottom', { nullable: false, description: '组内倒数名次（1 为最后一名）' }),
    total: t.exposeFloat('total', { nullable: true }),
    explanation: t.exposeString('explanation', { nullable: false }),
  }),
});

async function streetAndMonth(ctx: Context, args: { streetId: string | number; month: string }) {
  requireUser(ctx);
  if (!MONTH_RE.test(args.month)) throw badInput(`月份格式应为 YYYY-MM：${args.month.slice(0, 20)}`, { month: '月份格式应为 YYYY-MM，例如 2023-06' });
  const id = toDbId(args.streetId);
  const street = id === null ? null : await ctx.loaders.byId('street').load(id);
  if (!street) throw notFound('街镇', String(args.streetId));
  return { streetId: street.id as number, month: args.month };
}

builder.queryField('interviewCandidates', (t) =>
  t.field({
    type: [InterviewCandidateRef],
    nullable: false,
    description:
      '约谈候选：连续两个月组内排名倒数前三（已发布月份用快照），或当月退单被驳回 3 次及以上。有排名的单位不超过 3 家的同类组不按排名提出候选：组内每家都在“倒数前三”，排名区分不出谁落后（仍按退单驳回次数提出）',
    args: { streetId: t.arg.id({ required: true }), month: t.arg.string({ required: true, description: 'YYYY-MM' }) },
    resolve: async (_r, args, ctx) => interviewCandidates(ctx.db, await streetAndMonth(ctx, args)),
  }),
);

builder.queryField('assistanceCandidates', (t) =>
  t.field({
    type: [AssistanceCandidateRef],
    nullable: false,
    description: '帮扶候选：本月组内排名倒数前三、尚无进行中帮扶的单位；有排名的单位不超过 3 家的同类组不提出候选（组内每家都在“倒数前三”）',
    args: { streetId: t.arg.id({ required: true }), month: t.arg.string({ required: true, description: 'YYYY-MM' }) },
    resolve: async (_r, args, ctx) => assistanceCandidates(ctx.db, await streetAndMonth(ctx, args)),
  }),
);
