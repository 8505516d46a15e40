// Before the season (未诉先办, domain.md §5): the key-period calendar (KeyPeriod, district configuration), the
// forecast list of a coming month (seasonForecast) and the proactive tasks (主动治理任务, ProactiveTask) a street
// gives its units from it. A task is done by its unit with an outcome (completeProactiveTask); tasks are not
// tickets and never reach the indicators.
import { builder } from '../builder';
import { requireUser, type Context } from '../context';
import { can, STAFF, type Access, type Role } from '../auth/roles';
import { rowScope } from '../auth/scope';
import { badInput, conflict, forbidden, illegalTransition, notFound, type FieldErrors } from '../errors';
import { getRow } from '../repos/crud';
import { writeAudit } from '../repos/audit';
import { forecastCounts, keyPeriods, topicParents } from '../repos/forecast';
import { forecastRows, type ForecastRow } from '../domain/forecast';
import { shanghaiDate } from '../domain/time';
import { bool, date, dateTime, MONTH_RE, oneOf, ref, STREET, text, UNIT, USER } from './fields';
import { defineResource, inTransaction, objectRef, toDbId, type Row } from './resource';

export const ProactiveTaskStatus = { enum: 'ProactiveTaskStatus', values: ['OPEN', 'DONE'] } as const;

const MD_RE = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
/** Tasks are given by the 城运中心 and the street's leaders (ADMIN implied); a unit's handler sees and does its own. */
const TASK_WRITERS: Role[] = ['OPS', 'LEADER'];
const TASK_ACCESS: Access = { read: [...STAFF, 'UNIT_HANDLER'], write: TASK_WRITERS };

defineResource({
  name: 'KeyPeriod',
  table: 'keyPeriod',
  label: '重点时段',
  access: { read: STAFF, write: ['OPS'] },
  defaultSort: { field: 'fromMd', order: 'asc' },
  fields: [
    text('name', '名称', { required: true, search: true, maxLength: 50 }),
    text('fromMd', '开始日期（月-日）', { required: true, maxLength: 5 }),
    text('toMd', '结束日期（月-日）', { required: true, maxLength: 5 }),
    { ...text('topics', '重点主题', { maxLength: 100 }), list: true },
    text('note', '说明', { maxLength: 1000 }),
    bool('active', '启用'),
  ],
  hooks: {
    prepare: ({ values }) => {
      const errors: FieldErrors = {};
      if (values.fromMd != null && !MD_RE.test(values.fromMd)) errors.fromMd = '开始日期格式应为 MM-DD';
      if (values.toMd != null && !MD_RE.test(values.toMd)) errors.toMd = '结束日期格式应为 MM-DD';
      if (values.topics === null) values.topics = [];
      if (values.active === null) values.active = true;
      return errors;
    },
  },
});

defineResource({
  name: 'ProactiveTask',
  table: 'proactiveTask',
  label: '主动治理任务',
  access: TASK_ACCESS,
  defaultSort: { field: 'dueOn', order: 'asc' },
  fields: [
    ref('street', '街镇', STREET, { required: true, createOnly: true }),
    ref('unit', '责任单位', UNIT, { required: true }),
    text('topic', '主题', { required: true, search: true, maxLength: 100 }),
    text('committeeName', '居委', { search: true, maxLength: 100 }),
    text('title', '任务内容', { required: true, search: true, maxLength: 500 }),
    date('dueOn', '完成期限', { required: true }),
    oneOf(ProactiveTaskStatus)('status', '状态', { readOnly: true }),
    text('outcome', '办理结果', { readOnly: true }),
    ref('createdBy', '创建人', USER, { readOnly: true, column: 'createdBy' }),
    dateTime('createdAt', '创建时间', { readOnly: true }),
    dateTime('doneAt', '办结时间', { readOnly: true }),
    ref('doneBy', '办结人', USER, { readOnly: true, column: 'doneBy' }),
  ],
  hooks: {
    prepare: async ({ ctx, trx, op, before, values }) => {
      const errors: FieldErrors = {};
      const streetId = before?.streetId ?? values.streetId;
      if (values.unitId != null && streetId != null) {
        const unit = await trx.selectFrom('unit').select('streetId').where('id', '=', values.unitId).executeTakeFirst();
        if (!unit) errors.unitId = '责任单位不存在';
        else if (unit.streetId !== streetId) errors.unitId = '责任单位不属于任务所在街镇';
      }
      if (before?.status === 'DONE') errors.status = '任务已办结，不能再修改';
      if (op === 'create') {
        values.status = 'OPEN';
        values.createdBy = ctx.user?.userId ?? null;
      }
      return errors;
    },
  },
  extraFields: (t) => ({
    overdue: t.boolean({
      nullable: false,
      description: '未办结且已过完成期限',
      resolve: (r: Row, _a: unknown, ctx: Context) => r.status === 'OPEN' && r.dueOn < shanghaiDate(ctx.now()),
    }),
  }),
  fieldReads: { overdue: ['status', 'dueOn'] },
});

builder.mutationField('completeProactiveTask', (t: any) =>
  t.field({
    type: objectRef('ProactiveTask'),
    nullable: false,
    description: '办结主动治理任务：须填写办理结果；责任单位的经办人、城运中心或街道领导可办结',
    args: { id: t.arg.id({ required: true }), version: t.arg.int({ required: true }), outcome: t.arg.string({ required: false }) },
    resolve: async (_r: unknown, args: { id: string; version: number; outcome?: string | null }, ctx: Context) => {
      const user = requireUser(ctx);
      const outcome = (args.outcome ?? '').trim();
      if (!outcome) throw badInput('输入有误：办理结果为必填项', { outcome: '办理结果为必填项' });
      if (outcome.length > 4000) throw badInput('输入有误：办理结果不能超过 4000 个字', { outcome: '不能超过 4000 个字' });
      const id = toDbId(args.id);
      if (id === null) throw notFound('主动治理任务', args.id);
      return inTransaction(ctx, null, async (trx) => {
        // Row scope: a handler sees only its unit's tasks, a street account its street's.
        const before = await getRow(trx, 'proactiveTask', id, (q) => rowScope(ctx, 'proactiveTask', q), true);
        if (!before) throw notFound('主动治理任务', args.id);
        const owner = user.role === 'UNIT_HANDLER' && user.unitId != null && before.unitId === user.unitId;
        if (!owner && !can(user.role, TASK_WRITERS)) throw forbidden('只有责任单位、城运中心或街道领导可以办结该任务');
        if (before.status === 'DONE') throw illegalTransition('该任务已办结，不能重复办结', 'DONE');
        if (before.version !== args.version) throw conflict();
        const after = await trx
          .updateTable('proactiveTask')
          .set((eb) => ({ status: 'DONE', outcome, doneAt: ctx.now(), doneBy: user.userId, version: eb('version', '+', 1), updatedAt: new Date() }))
          .where('id', '=', id)
          .where('version', '=', before.version)
          .returningAll()
          .executeTakeFirst();
        if (!after) throw conflict();
        await writeAudit(trx, { actor: user, operation: 'completeProactiveTask', entity: 'proactiveTask', entityId: id, before, after, requestId: ctx.requestId });
        return after;
      });
    },
  }),
);

const ForecastRowRef = builder.objectRef<ForecastRow>('ForecastRow').implement({
  description: '预测清单的一行：去年同月某 (主题, 居委) 的工单数、较前年的变化、承办单位和覆盖该月的重点时段',
  fields: (t) => ({
    topic: t.exposeString('topic', { nullable: false }),
    committeeName: t.exposeString('committeeName', { nullable: true }),
    unitId: t.field({ type: 'ID', nullable: true, description: '建议的责任单位：居委，否则去年承办最多的单位', resolve: (r) => (r.unitId == null ? null : String(r.unitId)) }),
    unit: t.field({
      type: objectRef('Unit'),
      nullable: true,
      resolve: async (r, _a, ctx) => (r.unitId == null ? null : ((await ctx.loaders.byId('unit').load(r.unitId)) as any)),
    }),
    lastYear: t.exposeInt('lastYear', { nullable: false, description: '去年同月工单数' }),
    yearBefore: t.exposeInt('yearBefore', { nullable: false, description: '前年同月工单数' }),
    change: t.exposeInt('change', { nullable: false, description: '去年较前年的变化' }),
    handlingUnits: t.field({
      type: [objectRef('Unit')],
      nullable: false,
      description: '去年承办这些工单的单位（件多在前）',
      resolve: async (r, _a, ctx) => ((await Promise.all(r.handlingUnitIds.map((id) => ctx.loaders.byId('unit').load(id)))) as Array<Row | null>).filter((u): u is Row => !!u),
    }),
    keyPeriods: t.stringList({ nullable: false, resolve: (r) => r.keyPeriods, description: '覆盖该月且包含该主题的重点时段' }),
  }),
});

builder.queryField('seasonForecast', (t: any) =>
  t.field({
    type: [ForecastRowRef],
    nullable: false,
    description: '未诉先办预测清单：所选月份的去年同月工单按 (主题, 居委) 排序，含较前年变化、承办单位与重点时段',
    args: { streetId: t.arg.id({ required: true }), month: t.arg.string({ required: true }) },
    resolve: async (_r: unknown, args: { streetId: string; month: string }, ctx: Context) => {
      requireUser(ctx);
      if (!MONTH_RE.test(args.month ?? '')) throw badInput('输入有误：月份格式应为 YYYY-MM', { month: '月份格式应为 YYYY-MM' });
      const streetId = toDbId(args.streetId);
      const street = streetId === null ? undefined : await rowScope(ctx, 'street', ctx.db.selectFrom('street').select('id').where('id', '=', streetId)).executeTakeFirst();
      if (!street) throw notFound('街镇', args.streetId);
      const [counts, periods, parents] = await Promise.all([forecastCounts(ctx.db, street.id, args.month), keyPeriods(ctx.db), topicParents(ctx.db)]);
      return forecastRows(counts, periods, args.month, parents);
    },
  }),
);
