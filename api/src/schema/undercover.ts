// 暗访 of UNFOUNDED tickets (domain.md §5, plan 三.3): the monthly sample of a street (drawn by 城运中心, or by the
// monthly job) and the recording of a visit, whose overturned finding writes a negative-list record against the
// ticket's unit and, when asked, a 纪检 referral — in the same transaction, once.
import { builder } from '../builder';
import type { Context } from '../context';
import { requireUser } from '../context';
import { badInput, conflict, notFound, type FieldErrors } from '../errors';
import { writeAudit } from '../repos/audit';
import { appendTicketEvent } from '../repos/tickets';
import * as repo from '../repos/undercover';
import { shanghaiDate } from '../domain/time';
import { OVERTURNED_DEFAULT_ITEM_CODE, sampleSize, shareError } from '../domain/undercover-sample';
import { enumType, inTransaction, objectRef, toDbId, type Row } from './resource';
import { Conduct } from './enums';
import { MONTH_RE } from './fields';

const CONDUCT_LABELS: Record<string, string> = { INACTION: '不作为', SLOW_ACTION: '慢作为', MISCONDUCT: '乱作为', BUCK_PASSING: '推诿扯皮', FALSIFICATION: '弄虚作假' };

interface SampleView {
  streetId: number;
  month: string;
  seed: number;
  share: number;
  population: number;
  drawnAt: Date;
  drawnBy: string | null;
  version: number;
  visits: Row[];
}

const toView = (sample: Record<string, any>, visits: Row[]): SampleView => ({
  streetId: sample.streetId,
  month: sample.month,
  seed: sample.seed,
  share: Number(sample.share),
  population: sample.population,
  drawnAt: sample.drawnAt,
  drawnBy: sample.drawnBy ?? null,
  version: sample.version,
  visits,
});

const UndercoverSampleRef = builder.objectRef<SampleView>('UndercoverSample').implement({
  description: '暗访抽样：某街镇某月不属实工单的抽样（种子与比例可复现）',
  fields: (t) => ({
    streetId: t.field({ type: 'ID', resolve: (s) => String(s.streetId) }),
    street: (t as any).field({ type: objectRef('Street'), nullable: true, resolve: (s: SampleView, _a: unknown, ctx: Context) => ctx.loaders.byId('street').load(s.streetId) }),
    month: t.exposeString('month'),
    seed: t.exposeInt('seed', { description: '随机种子：同一种子与同一批工单抽出同样的样本' }),
    share: t.exposeFloat('share', { description: '抽样比例（0.15 即 15%）' }),
    population: t.exposeInt('population', { description: '抽样时该月不属实工单总数' }),
    size: t.int({ description: '应抽件数：ceil(比例 × 总数)', resolve: (s) => sampleSize(s.population, s.share) }),
    drawnAt: t.field({ type: 'DateTime', resolve: (s) => s.drawnAt }),
    drawnBy: t.exposeString('drawnBy', { nullable: true }),
    version: t.exposeInt('version'),
    recordedCount: t.int({ resolve: (s) => s.visits.filter((v) => v.recordedAt !== null).length }),
    overturnedCount: t.int({ resolve: (s) => s.visits.filter((v) => v.overturned === true).length }),
    visits: t.field({ type: [objectRef('UndercoverVisit')], resolve: (s) => s.visits }),
  }),
});

function monthArg(errors: FieldErrors, value: unknown): string {
  const month = typeof value === 'string' ? value.trim() : '';
  if (!MONTH_RE.test(month)) errors.month = '月份格式应为 YYYY-MM';
  return month;
}

function failOnErrors(errors: FieldErrors) {
  const messages = Object.values(errors).filter(Boolean);
  if (messages.length) throw badInput(`输入有误：${messages.join('；')}`, errors);
}

builder.queryField('undercoverSample', (t) =>
  t.field({
    type: UndercoverSampleRef,
    nullable: true,
    description: '暗访抽样：某街镇某月的抽样及其暗访（尚未抽样时为空）',
    args: { streetId: t.arg.id({ required: true }), month: t.arg.string({ required: true }) },
    resolve: async (_r, args, ctx) => {
      requireUser(ctx); // roles: auth/operations.ts, at the gate
      const errors: FieldErrors = {};
      const month = monthArg(errors, args.month);
      failOnErrors(errors);
      const streetId = toDbId(args.streetId);
      if (streetId === null) return null;
      const sample = await repo.getSample(ctx.db, streetId, month);
      return sample ? toView(sample, await repo.visitsOf(ctx.db, streetId, month)) : null;
    },
  }),
);

builder.mutationField('drawUndercoverSample', (t) =>
  t.field({
    type: UndercoverSampleRef,
    nullable: false,
    description: '抽取某街镇某月的暗访样本（城运中心）：已抽过则返回原样本；redraw 仅在尚未登记任何暗访结果时重新抽样',
    args: {
      streetId: t.arg.id({ required: true }),
      month: t.arg.string({ required: true }),
      share: t.arg.float(),
      seed: t.arg.int(),
      redraw: t.arg.boolean(),
    },
    resolve: async (_r, args, ctx) => {
      const user = requireUser(ctx);
      const errors: FieldErrors = {};
      const month = monthArg(errors, args.month);
      if (args.share != null) errors.share = shareError(args.share);
      if (args.seed != null && args.seed < 0) errors.seed = '随机种子不能为负数';
      failOnErrors(errors);
      const streetId = toDbId(args.streetId);
      return inTransaction(ctx, null, async (trx) => {
        const street = streetId === null ? undefined : await repo.findStreet(trx, streetId);
        if (!street) throw notFound('街镇', String(args.streetId));
        const out = await repo.drawStreetSample(trx, { streetId: street.id, month, share: args.share, seed: args.seed, redraw: !!args.redraw, now: ctx.now(), drawnBy: user.username });
        if (out.status === 'refused') throw badInput(out.reason, { [out.field]: out.reason });
        // A repeat of a stored draw writes nothing but its audit row (every mutation is logged).
        const after = { ...out.sample, status: out.status, ticketIds: out.visits.map((v) => v.ticketId) };
        await writeAudit(trx, { actor: user, operation: 'drawUndercoverSample', entity: 'undercover_sample', entityId: `${street.id}:${month}`, before: out.before, after, requestId: ctx.requestId });
        return toView(out.sample, out.visits);
      });
    },
  }),
);

builder.mutationField('recordUndercoverVisit', (t: any) =>
  t.field({
    type: objectRef('UndercoverVisit'),
    nullable: false,
    description:
      '登记暗访结果（城运中心、纪检）：推翻原不属实认定时，同一事务内对承办单位记一条负面清单记录（默认事项“不属实认定不当”，扣分默认取事项分值），并可移交纪检；重复登记不会重复记录',
    args: {
      id: t.arg.id({ required: true }),
      version: t.arg.int({ required: true }),
      visitedAt: t.arg({ type: 'Date', required: true }),
      finding: t.arg.string({ required: true }),
      overturned: t.arg.boolean({ required: true }),
      negativeItemId: t.arg.id(),
      points: t.arg.float(),
      referToDiscipline: t.arg.boolean(),
      conduct: t.arg({ type: enumType(Conduct) }),
    },
    resolve: async (_r: unknown, args: any, ctx: Context) => {
      const user = requireUser(ctx);
      const now = ctx.now();
      const errors: FieldErrors = {};
      const finding = String(args.finding ?? '').trim();
      if (!finding) errors.finding = '暗访结论为必填项';
      else if (finding.length > 4000) errors.finding = '暗访结论不能超过 4000 个字';
      if ((args.visitedAt as string) > shanghaiDate(now)) errors.visitedAt = '暗访日期不能晚于今天';
      const itemId = args.negativeItemId == null ? null : toDbId(args.negativeItemId);
      if (args.negativeItemId != null && itemId === null) errors.negativeItemId = '负面清单事项不存在';
      if (args.points != null && (!Number.isFinite(args.points) || args.points < 0 || args.points > 100)) errors.points = '扣分应在 0 到 100 之间';
      if (!args.overturned) {
        if (args.negativeItemId != null || args.points != null) errors.negativeItemId = '未推翻原认定，不记负面清单';
        if (args.referToDiscipline) errors.referToDiscipline = '只有推翻原认定的暗访才能移交纪检';
      }
      if (args.conduct != null && !args.referToDiscipline) errors.conduct = '未移交纪检时不填问题类型';
      failOnErrors(errors);
      const id = toDbId(args.id);
      if (id === null) throw notFound('暗访', String(args.id));
      return inTransaction(ctx, null, async (trx) => {
        const before = await repo.lockVisit(trx, id);
        if (!before) throw notFound('暗访', String(args.id));
        if (before.version !== args.version) throw conflict();
        if (before.negativeRecordId !== null && !args.overturned) {
          throw badInput('该暗访已推翻原认定并记入负面清单，不能改为未推翻；如需撤销请处理对应的负面清单记录', { overturned: '已记入负面清单' });
        }
        const ticket = await trx.selectFrom('ticket').select(['id', 'number', 'unitId', 'closedAt']).where('id', '=', before.ticketId).executeTakeFirstOrThrow();
        // A visit checks a closed ticket's finding: it cannot precede the closure.
        const closedOn = ticket.closedAt ? shanghaiDate(ticket.closedAt) : null;
        if (closedOn && args.visitedAt < closedOn) throw badInput(`暗访日期不能早于工单 ${ticket.number} 的办结日期 ${closedOn}`, { visitedAt: `不能早于办结日期 ${closedOn}` });
        const patch: Record<string, unknown> = { visitedAt: args.visitedAt, finding, overturned: args.overturned, recordedAt: now, recordedBy: user.username };
        const notes: string[] = [args.overturned ? '暗访推翻不属实认定' : '暗访维持不属实认定'];
        if (args.overturned && before.negativeRecordId === null) {
          if (ticket.unitId === null) throw badInput(`工单 ${ticket.number} 没有承办单位，无法记入负面清单`, { overturned: '工单没有承办单位' });
          const item = itemId !== null ? await repo.findNegativeItem(trx, itemId) : await repo.findNegativeItemByCode(trx, OVERTURNED_DEFAULT_ITEM_CODE);
          if (!item) {
            throw badInput(itemId !== null ? '负面清单事项不存在' : `默认负面清单事项 ${OVERTURNED_DEFAULT_ITEM_CODE} 不存在，请选择事项`, { negativeItemId: '负面清单事项不存在' });
          }
          if (!item.active) throw badInput(`负面清单事项「${item.title}」已停用，请选择其他事项`, { negativeItemId: '事项已停用' });
          const points = args.points ?? Number(item.points);
          const record = await repo.insertNegativeRecord(trx, {
            unitId: ticket.unitId,
            itemId: item.id,
            ticketId: ticket.id,
            date: args.visitedAt,
            points,
            note: `暗访推翻不属实认定（工单 ${ticket.number}，${before.month} 抽样）`,
            recorder: user.username,
          });
          patch.negativeRecordId = record.id;
          notes.push(`记入负面清单「${item.code} ${item.title}」扣 ${points} 分`);
        }
        if (args.referToDiscipline && before.disciplineReferralId === null) {
          const unitId = ticket.unitId;
          if (unitId === null) throw badInput(`工单 ${ticket.number} 没有承办单位，无法移交纪检`, { referToDiscipline: '工单没有承办单位' });
          const conduct = args.conduct ?? 'FALSIFICATION';
          const referral = await repo.insertDisciplineReferral(trx, {
            unitId,
            conduct,
            ticketIds: [ticket.id],
            visitIds: [before.id],
            referredBy: user.username,
            date: shanghaiDate(now),
            outcome: null,
          });
          patch.disciplineReferralId = referral.id;
          notes.push(`移交纪检（${CONDUCT_LABELS[conduct]}）`);
        }
        const after = await repo.updateVisit(trx, id, before.version, patch);
        if (!after) throw conflict();
        await appendTicketEvent(trx, { ticketId: ticket.id, actor: user, kind: 'UNDERCOVER_VISIT', after: { visitId: id, visitedAt: args.visitedAt, overturned: args.overturned, negativeRecordId: after.negativeRecordId, disciplineReferralId: after.disciplineReferralId }, note: notes.join('；'), at: now });
        await writeAudit(trx, { actor: user, operation: 'recordUndercoverVisit', entity: 'undercover_visit', entityId: id, before, after, requestId: ctx.requestId });
        return after;
      });
    },
  }),
);
