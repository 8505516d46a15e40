// Supervision records (domain.md §5) in register form: returns, closure audits, leader orders, warnings.
// The workflow actions that create and move them are their own mutations (ticket workflow module).
import { builder } from '../builder';
import { defineResource, toDbId } from './resource';
import { requireUser } from '../context';
import { bool, date, dateTime, int, json, oneOf, ref, STREET, text, TICKET, UNIT, USER } from './fields';
import { ReturnStatus, WarningLevel } from './enums';
import { badInput, forbidden } from '../errors';
import { rowScope } from '../auth/scope';
import { loadDueTimeConfig } from '../repos/calendar';
import { personalChecks, personalText } from './personal';

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
