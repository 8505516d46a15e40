// Supervision records (domain.md §5) in register form: returns, closure audits, leader orders, warnings.
// The workflow actions that create and move them are their own mutations (ticket workflow module).
import { builder } from '../builder';
import { defineResource, toDbId } from './resource';
import { requireUser } from '../context';
import { bool, date, dateTime, int, oneOf, ref, STREET, text, TICKET, UNIT, USER } from './fields';
import { ReturnStatus, WarningLevel } from './enums';
import { badInput, forbidden } from '../errors';
import { rowScope } from '../auth/scope';
import { loadDueTimeConfig } from '../repos/calendar';
import { personalChecks, personalText } from './personal';
import type { Context } from '../context';
import { conflict, illegalTransition, notFound } from '../errors';
import { writeAudit } from '../repos/audit';
import { negativeQuotaStatus } from '../reports/register-flags';
import { addDays, monthRange, shanghaiDate } from '../domain/time';
import { inTransaction, objectRef, type Trx } from './resource';
import { MONTH_RE } from './fields';

defineResource({
  name: 'ReturnRequest',
  table: 'returnRequest',
  label: '退单申请',
  deletable: false,
  defaultSort: { field: 'requestedAt', order: 'desc' },
  fields: [
    ref('ticket', '工单', TICKET, { required: true, createOnly: true }),
    ref('fromUnit', '申请单位', UNIT, { required: true, createOnly: true }),
    personalText('returnRequest', 'ticketId')('reason', '退单理由', { required: true, search: true, maxLength: 2000 }),
    dateTime('requestedAt', '申请时间', { readOnly: true }),
    ref('requestedBy', '申请人', USER, { readOnly: true, column: 'requestedBy' }),
    bool('needsMainLeader', '需主要领导审批', { readOnly: true }),
    oneOf(ReturnStatus)('status', '状态', { readOnly: true }),
    ref('toUnit', '改派单位', UNIT, { readOnly: true }),
    ref('decidedBy', '分管领导', USER, { readOnly: true, column: 'decidedBy' }),
    dateTime('decidedAt', '审批时间', { readOnly: true }),
    personalText('returnRequest', 'ticketId')('decisionNote', '审批意见', { readOnly: true }),
    ref('mainLeaderBy', '主要领导', USER, { readOnly: true, column: 'mainLeaderBy' }),
    dateTime('mainLeaderAt', '主要领导审批时间', { readOnly: true }),
    text('disciplineFilingRef', '纪检备案号', { readOnly: true }),
    ref('disciplineFiledBy', '纪检备案人', USER, { readOnly: true, column: 'disciplineFiledBy' }),
    dateTime('disciplineFiledAt', '纪检备案时间', { readOnly: true }),
  ],
  hooks: {
    authorize: ({ op }) => {
      if (op === 'create') throw forbidden('退单申请请在工单页面发起（requestReturn）');
    },
  },
});

defineResource({
  name: 'ClosureAudit',
  table: 'closureAudit',
  label: '办结审核（八审八不准）',
  deletable: false,
  versioned: false,
  touch: false,
  defaultSort: { field: 'auditedAt', order: 'desc' },
  fields: [
    ref('ticket', '工单', TICKET, { required: true, readOnly: true }),
    dateTime('submittedAt', '提交办结时间', { readOnly: true }),
    dateTime('auditedAt', '审核时间', { readOnly: true }),
    ref('auditor', '审核人', USER, { readOnly: true }),
    personalChecks('checks', '八项审核', { readOnly: true }),
    bool('passed', '通过', { readOnly: true }),
    personalText('closureAudit', 'ticketId')('note', '审核意见', { readOnly: true, search: true }),
  ],
  hooks: {
    authorize: ({ op }) => {
      throw forbidden(op === 'create' ? '办结审核请在工单页面进行（auditClosure）' : '审核记录不能修改或删除');
    },
  },
});

defineResource({
  name: 'LeaderOrder',
  table: 'leaderOrder',
  label: '领导督办单',
  deletable: false,
  fields: [
    ref('ticket', '工单', TICKET, { required: true, createOnly: true }),
    text('leaderName', '督办领导', { required: true, maxLength: 50 }),
    dateTime('issuedAt', '督办时间', { required: true }),
    dateTime('dueAt', '办理期限', { readOnly: true }),
    personalText('leaderOrder', 'ticketId')('reason', '督办事由', { maxLength: 2000 }),
    personalText('leaderOrder', 'ticketId')('completionNote', '办结说明', { readOnly: true }),
    dateTime('completedAt', '办结时间', { readOnly: true }),
  ],
  hooks: {
    authorize: ({ op }) => {
      if (op === 'create') throw forbidden('领导督办单请在工单页面签发（issueLeaderOrder），办结用 completeLeaderOrder');
    },
    prepare: async ({ ctx, trx, values }) => {
      // 领导督办单: due a fixed number of working days from the order (SLA row LEADER_SUPERVISION_REDO).
      if (values.issuedAt) {
        const { calendar, rules } = await loadDueTimeConfig(trx, ctx.db);
        const days = rules.find((r) => r.kind === 'LEADER_SUPERVISION_REDO')?.completionWorkdays ?? 2;
        values.dueAt = calendar.addWorkdays(values.issuedAt, days);
      }
    },
  },
});

export const WarningStatus = { enum: 'WarningStatus', values: ['OPEN', 'ACKNOWLEDGED', 'CLOSED'] } as const;

const warningSpec = defineResource({
  name: 'Warning',
  table: 'warning',
  label: '重复件预警',
  deletable: false,
  defaultSort: { field: 'date', order: 'desc' },
  fields: [
    ref('street', '街镇', STREET, { required: true, readOnly: true }),
    // contract.md: masterTicket and unit are non-null on Warning.
    ref('masterTicket', '主单', TICKET, { required: true, readOnly: true }),
    ref('unit', '承办单位', UNIT, { required: true, readOnly: true }),
    date('date', '日期', { required: true, readOnly: true }),
    oneOf(WarningLevel)('level', '预警级别', { required: true, readOnly: true }),
    int('count', '当日件数', { required: true, readOnly: true }),
    // contract.md names status a String: the values are OPEN, ACKNOWLEDGED and CLOSED.
    text('status', '状态', { required: true }),
    bool('specialStudy', '主要领导专题研究', { readOnly: true }),
    dateTime('acknowledgedAt', '签收时间', { readOnly: true }),
    dateTime('closedAt', '关闭时间', { readOnly: true }),
    text('note', '跟进情况', { maxLength: 2000 }),
  ],
  hooks: {
    authorize: ({ op }) => {
      if (op === 'create') throw forbidden('预警由系统根据重复件自动生成，不能手工新建');
    },
    prepare: ({ ctx, before, values }) => {
      if (values.status != null && !WarningStatus.values.includes(values.status)) return { status: '状态只能是 OPEN、ACKNOWLEDGED 或 CLOSED' };
      if (values.status === 'ACKNOWLEDGED' && before?.status !== 'ACKNOWLEDGED') {
        values.acknowledgedAt = new Date();
        values.acknowledgedBy = ctx.user?.userId ?? null;
      }
      if (values.status === 'CLOSED' && before?.status !== 'CLOSED') values.closedAt = new Date();
    },
  },
});

builder.queryField('warnings', (t) =>
  t.field({
    type: [warningSpec],
    nullable: false,
    description: '重复件预警：街镇内 from 到 to（含，本地日期）之间的预警',
    args: { streetId: t.arg.id({ required: true }), from: t.arg({ type: 'Date', required: true }), to: t.arg({ type: 'Date', required: true }) },
    resolve: async (_root, args, ctx) => {
      requireUser(ctx); // Warning readers: auth/operations.ts, at the gate
      const streetId = toDbId(args.streetId);
      if (args.from > args.to) throw badInput('开始日期不能晚于结束日期', { from: '晚于结束日期' });
      if (streetId === null) return [];
      const q = ctx.db
        .selectFrom('warning')
        .selectAll()
        .where('streetId', '=', streetId)
        .where('date', '>=', args.from)
        .where('date', '<=', args.to)
        .orderBy('date', 'desc')
        .orderBy('count', 'desc');
      return rowScope(ctx, 'warning', q).execute();
    },
  }),
);

// ——— 拖延接单 and 负面指标配额 alerts (domain.md §5 "Late acceptance", "Negative quota") ———
// The flags and alerts are raised by the system; the negative record (NL09, or the quota's item) is written only
// when the 城运中心 clerk confirms.

const LateAcceptanceStatus = { enum: 'LateAcceptanceStatus', values: ['OPEN', 'CONFIRMED', 'DISMISSED'] } as const;

const lateAcceptanceSpec = defineResource({
  name: 'LateAcceptance',
  table: 'lateAcceptance',
  label: '拖延接单',
  access: { read: ['OPS', 'LEADER', 'DISCIPLINE', 'UNIT_HANDLER', 'API_READER'], write: ['OPS'] },
  deletable: false,
  defaultSort: { field: 'dispatchedAt', order: 'desc' },
  fields: [
    ref('ticket', '工单', TICKET, { required: true, readOnly: true }),
    ref('unit', '承办单位', UNIT, { required: true, readOnly: true }),
    ref('street', '街镇', STREET, { required: true, readOnly: true }),
    dateTime('dispatchedAt', '派单时间', { readOnly: true }),
    dateTime('acceptDue', '应签收时间', { readOnly: true }),
    dateTime('acceptedAt', '签收时间', { readOnly: true }),
    dateTime('flaggedAt', '标记时间', { readOnly: true }),
    oneOf(LateAcceptanceStatus)('status', '状态', { readOnly: true }),
    ref('decidedBy', '处理人', USER, { readOnly: true, column: 'decidedBy' }),
    dateTime('decidedAt', '处理时间', { readOnly: true }),
    text('decisionNote', '处理说明', { readOnly: true }),
    ref('negativeRecord', '负面清单记录', { table: 'negativeRecord', type: 'NegativeRecord' }, { readOnly: true }),
  ],
  hooks: {
    authorize: () => {
      throw forbidden('拖延接单由系统标记，请用「确认」（confirmLateAcceptance）或「不予认定」（dismissLateAcceptance）处理');
    },
  },
});

/** The negative item a confirmation writes: the one named, else the item of that code. */
async function negativeItemFor(trx: Trx, itemId: number | null, code: string | null) {
  let q = trx.selectFrom('negativeItem').select(['id', 'points', 'code', 'title']);
  q = itemId != null ? q.where('id', '=', itemId) : q.where('code', '=', code ?? '');
  return q.executeTakeFirst();
}

builder.mutationField('confirmLateAcceptance', (t: any) =>
  t.field({
    type: lateAcceptanceSpec as any,
    nullable: false,
    description: '确认拖延接单（城运中心）：写入 NL09「拒不接单或拖延接单」负面清单记录',
    args: { id: t.arg.id({ required: true }), note: t.arg.string() },
    resolve: (_r: unknown, args: any, ctx: Context) => decideLateAcceptance(ctx, args.id, true, args.note ?? null),
  }),
);

builder.mutationField('dismissLateAcceptance', (t: any) =>
  t.field({
    type: lateAcceptanceSpec as any,
    nullable: false,
    description: '不予认定拖延接单（城运中心）：须写明理由，不写负面清单记录',
    args: { id: t.arg.id({ required: true }), reason: t.arg.string({ required: true }) },
    resolve: (_r: unknown, args: any, ctx: Context) => decideLateAcceptance(ctx, args.id, false, args.reason),
  }),
);

async function decideLateAcceptance(ctx: Context, rawId: string | number, confirm: boolean, text: string | null) {
  const user = requireUser(ctx);
  const note = text?.trim() || null;
  if (!confirm && !note) throw badInput('不予认定须写明理由', { reason: '不予认定须写明理由' });
  if (note && note.length > 2000) throw badInput('说明不能超过 2000 个字', { [confirm ? 'note' : 'reason']: '不能超过 2000 个字' });
  const id = toDbId(rawId);
  if (id === null) throw notFound('拖延接单', String(rawId));
  return inTransaction(ctx, null, async (trx) => {
    const row = await rowScope(ctx, 'lateAcceptance', trx.selectFrom('lateAcceptance').selectAll().where('id', '=', id).forUpdate()).executeTakeFirst();
    if (!row) throw notFound('拖延接单', String(rawId));
    if (row.status !== 'OPEN') throw illegalTransition(`该拖延接单已${row.status === 'CONFIRMED' ? '确认' : '不予认定'}，不能再处理`, row.status);
    const now = new Date();
    let negativeRecordId: number | null = null;
    if (confirm) {
      const item = await negativeItemFor(trx, null, 'NL09');
      if (!item) throw badInput('负面清单中没有 NL09「拒不接单或拖延接单」事项，请先在负面清单中添加', { id: '缺少 NL09 事项' });
      const ticket = await trx.selectFrom('ticket').select('number').where('id', '=', row.ticketId).executeTakeFirstOrThrow();
      const rec = await trx
        .insertInto('negativeRecord')
        .values({ unitId: row.unitId, itemId: item.id, ticketId: row.ticketId, date: shanghaiDate(now), points: item.points, note: note ?? `工单${ticket.number}派单后未在时限内签收（拖延接单）。`, recorder: user.username })
        .returningAll()
        .executeTakeFirstOrThrow();
      negativeRecordId = rec.id;
      await writeAudit(trx, { actor: user, operation: 'confirmLateAcceptance', entity: 'negative_record', entityId: rec.id, after: rec, requestId: ctx.requestId });
    }
    const updated = await trx
      .updateTable('lateAcceptance')
      .set({ status: confirm ? 'CONFIRMED' : 'DISMISSED', decidedBy: user.userId, decidedAt: now, decisionNote: note, negativeRecordId, version: row.version + 1, updatedAt: now })
      .where('id', '=', id)
      .where('version', '=', row.version)
      .returningAll()
      .executeTakeFirst();
    if (!updated) throw conflict();
    if (!confirm) await writeAudit(trx, { actor: user, operation: 'dismissLateAcceptance', entity: 'late_acceptance', entityId: id, before: row, after: updated, requestId: ctx.requestId });
    return updated;
  });
}

interface LateCount { unitId: number; count: number; confirmed: number }
const LateAcceptanceCountRow = builder.objectRef<LateCount>('LateAcceptanceCountRow').implement({
  description: '某单位某月的拖延接单件数（按派单时间）及其中已确认的件数',
  fields: (t) => ({
    unit: t.field({ type: objectRef('Unit'), nullable: false, resolve: (r, _a, ctx) => ctx.loaders.byId('unit').load(r.unitId) as any }),
    count: t.exposeInt('count', { nullable: false }),
    confirmed: t.exposeInt('confirmed', { nullable: false }),
  }),
});

builder.queryField('lateAcceptanceCounts', (t) =>
  t.field({
    type: [LateAcceptanceCountRow],
    nullable: false,
    description: '拖延接单统计：街镇内各单位某月（YYYY-MM，按派单时间）的拖延接单件数',
    args: { streetId: t.arg.id({ required: true }), month: t.arg.string({ required: true }) },
    resolve: async (_root, args, ctx) => {
      requireUser(ctx);
      if (!MONTH_RE.test(args.month)) throw badInput('月份格式应为 YYYY-MM', { month: '格式应为 YYYY-MM' });
      const streetId = toDbId(args.streetId);
      if (streetId === null) return [];
      const [from, to] = monthRange(args.month);
      const q = ctx.db
        .selectFrom('lateAcceptance')
        .select(['unitId'])
        .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.count<number>('id').filterWhere('status', '=', 'CONFIRMED').as('confirmed')])
        .where('streetId', '=', streetId)
        .where('dispatchedAt', '>=', from)
        .where('dispatchedAt', '<', to)
        .groupBy('unitId');
      const rows = await rowScope(ctx, 'lateAcceptance', q).execute();
      return rows.map((r: any) => ({ unitId: r.unitId, count: Number(r.count), confirmed: Number(r.confirmed) })).sort((a, b) => b.count - a.count || a.unitId - b.unitId);
    },
  }),
);

builder.mutationField('confirmQuotaExceeded', (t: any) =>
  t.field({
    type: objectRef('NegativeRecord') as any,
    nullable: false,
    description: '确认负面指标超配额（城运中心）：当月计数超过配额时写入该配额的负面清单记录（不满意件 NL01、重复件 NL05，或指定的事项）；每个配额只确认一次',
    args: { quotaId: t.arg.id({ required: true }), itemId: t.arg.id(), note: t.arg.string() },
    resolve: async (_root: unknown, args: any, ctx: Context) => {
      const user = requireUser(ctx);
      const note = args.note?.trim() || null;
      if (note && note.length > 2000) throw badInput('备注不能超过 2000 个字', { note: '不能超过 2000 个字' });
      const quotaId = toDbId(args.quotaId);
      if (quotaId === null) throw notFound('负面指标配额', String(args.quotaId));
      const itemId = args.itemId == null ? null : toDbId(args.itemId);
      if (args.itemId != null && itemId === null) throw badInput('负面清单事项的编号无效', { itemId: '编号无效' });
      return inTransaction(ctx, null, async (trx) => {
        const quota = await rowScope(ctx, 'negativeQuota', trx.selectFrom('negativeQuota').selectAll().where('id', '=', quotaId).forUpdate()).executeTakeFirst();
        if (!quota) throw notFound('负面指标配额', String(args.quotaId));
        const done = await trx.selectFrom('quotaConfirmation').select('negativeRecordId').where('quotaId', '=', quotaId).executeTakeFirst();
        if (done) throw illegalTransition('该配额的超额已确认，不能重复写入负面清单记录', 'CONFIRMED');
        const unit = await trx.selectFrom('unit').select(['streetId', 'name']).where('id', '=', quota.unitId).executeTakeFirstOrThrow();
        const status = (await negativeQuotaStatus(trx, unit.streetId, quota.month)).find((r) => r.unitId === quota.unitId && r.indicator === quota.indicator);
        if (!status || status.count == null) throw badInput(`系统无法统计「${quota.indicator}」，不能确认超额`, { quotaId: '无法统计该指标' });
        if (!status.exceeded) throw illegalTransition(`${unit.name}${quota.month}「${quota.indicator}」${status.count} 件，未超过配额 ${quota.allowed} 件，不能写入负面清单记录`, 'NOT_EXCEEDED');
        const item = await negativeItemFor(trx, itemId, QUOTA_ITEM_CODES[quota.indicator] ?? null);
        if (!item) throw badInput(itemId != null ? '负面清单事项不存在' : `没有与「${quota.indicator}」对应的负面清单事项，请指定事项`, { itemId: itemId != null ? '不存在' : '请指定负面清单事项' });
        const today = shanghaiDate(new Date());
        const monthEnd = addDays(shanghaiDate(monthRange(quota.month)[1]), -1);
        const rec = await trx
          .insertInto('negativeRecord')
          .values({ unitId: quota.unitId, itemId: item.id, ticketId: null, date: today < monthEnd ? today : monthEnd, points: item.points, note: note ?? `${quota.month}${quota.indicator}${status.count}件，超过配额${quota.allowed}件。`, recorder: user.username })
          .returningAll()
          .executeTakeFirstOrThrow();
        await trx.insertInto('quotaConfirmation').values({ quotaId, unitId: quota.unitId, count: status.count, negativeRecordId: rec.id, confirmedBy: user.userId }).execute();
        await writeAudit(trx, { actor: user, operation: 'confirmQuotaExceeded', entity: 'negative_record', entityId: rec.id, after: rec, requestId: ctx.requestId });
        return rec;
      });
    },
  }),
);

/** The negative item each counted quota indicator writes (seeds/base.ts). */
const QUOTA_ITEM_CODES: Record<string, string> = { 不满意件: 'NL01', 重复件: 'NL05' };
