// The registers of domain.md §1 and §6: A/B roles, negative list, awards, interviews, assistance and the
// other supervision records. Each rule on a register's values lives in its prepare hook here.
import { defineResource } from './resource';
import { bool, date, dateTime, float, int, MONTH_RE, NEGATIVE_ITEM, oneOf, ref, STREET, text, TICKET, UNIT } from './fields';
import { AbRole, AssistanceStatus, AwardKind, AwardStatus, Conduct, InterviewLevel } from './enums';
import { forbidden, type FieldErrors } from '../errors';
import { MEETING_KIND_LABELS, type MeetingKind } from '../repos/meetings';
import type { Transaction } from 'kysely';
import type { Database } from '../db/types';

const MEETING = { table: 'meeting', type: 'Meeting' };
/** 一事一议 is decided at a 专题会议 or by the 领导小组; 分级点评 is the 领导小组's (domain.md §5b, 三.5, 四(四)). */
const ESCALATION_MEETINGS: MeetingKind[] = ['SPECIAL', 'LEADING_GROUP'];

/**
 * A record held at a meeting (`meetingId`): the meeting is of the street and of a fitting kind, and a record with a
 * `meetingDate` column takes the meeting's date (Meeting's hook keeps it when the meeting moves).
 */
async function meetingOf(
  trx: Transaction<Database>,
  a: { before?: Record<string, any> | null; values: Record<string, any>; kinds: MeetingKind[]; streetId: number | null | undefined; what: string; takesDate?: boolean },
): Promise<FieldErrors> {
  const meetingId = a.values.meetingId !== undefined ? a.values.meetingId : a.before?.meetingId;
  if (meetingId == null) return {};
  const m = await trx.selectFrom('meeting').select(['streetId', 'kind', 'heldOn']).where('id', '=', meetingId).executeTakeFirst();
  if (!m) return { meetingId: '会议不存在' };
  if (a.streetId != null && m.streetId !== a.streetId) return { meetingId: '会议不属于本街镇' };
  if (!a.kinds.includes(m.kind as MeetingKind)) return { meetingId: `${a.what}应关联${a.kinds.map((k) => MEETING_KIND_LABELS[k]).join('或')}` };
  if (a.takesDate) a.values.meetingDate = m.heldOn;
  return {};
}

const monthError = (v: unknown) => (v != null && !MONTH_RE.test(String(v)) ? '月份格式应为 YYYY-MM' : undefined);

defineResource({
  name: 'RoleAssignment',
  table: 'roleAssignment',
  label: 'A角/B角备案',
  defaultSort: { field: 'unitId', order: 'asc' },
  fields: [
    ref('unit', '单位', UNIT, { required: true, createOnly: true }),
    oneOf(AbRole)('role', '角色', { required: true, createOnly: true }),
    text('personName', '姓名', { required: true, search: true, maxLength: 50 }),
    text('post', '职务', { maxLength: 50 }),
    text('phone', '联系电话', { maxLength: 40 }),
    text('filingRef', '备案文号', { search: true, maxLength: 100 }),
    date('filingDate', '备案日期'),
    date('effectiveFrom', '生效日期', { required: true }),
    date('effectiveTo', '终止日期'),
  ],
  extraFilters: {
    current: {
      type: 'Boolean',
      apply: (q, v: boolean) => (v ? q.where('effectiveTo', 'is', null) : q.where('effectiveTo', 'is not', null)),
    },
  },
  hooks: {
    prepare: async ({ trx, op, before, values }) => {
      if (op === 'update' && before && values.personName != null && values.personName !== before.personName) {
        return { personName: '更换人员请新建一条备案：原备案会自动终止，历史保留' };
      }
      if (op !== 'create') return;
      // A new filing for a unit and role closes the current one: history is never overwritten.
      const current = await trx
        .selectFrom('roleAssignment')
        .selectAll()
        .where('unitId', '=', values.unitId)
        .where('role', '=', values.role)
        .where('effectiveTo', 'is', null)
        .forUpdate()
        .executeTakeFirst();
      if (current) {
        if (values.effectiveFrom < current.effectiveFrom) return { effectiveFrom: `不能早于现任备案的生效日期 ${current.effectiveFrom}` };
        await trx
          .updateTable('roleAssignment')
          .set({ effectiveTo: values.effectiveFrom, version: current.version + 1, updatedAt: new Date() })
          .where('id', '=', current.id)
          .execute();
      }
    },
  },
});

defineResource({
  name: 'NegativeItem',
  table: 'negativeItem',
  label: '负面清单事项',
  defaultSort: { field: 'code', order: 'asc' },
  fields: [
    text('code', '编号', { required: true, search: true, maxLength: 40 }),
    text('title', '事项', { required: true, search: true, maxLength: 200 }),
    text('description', '说明', { maxLength: 2000 }),
    text('category', '类别', { search: true, maxLength: 50 }),
    float('points', '默认扣分', { required: true, min: 0, max: 100 }),
    bool('active', '启用'),
  ],
  hooks: { prepare: ({ values }) => void (values.active === null ? (values.active = true) : undefined) },
});

defineResource({
  name: 'NegativeRecord',
  table: 'negativeRecord',
  label: '负面清单记录',
  defaultSort: { field: 'date', order: 'desc' },
  fields: [
    ref('unit', '单位', UNIT, { required: true }),
    ref('item', '负面清单事项', NEGATIVE_ITEM, { required: true }),
    ref('ticket', '关联工单', TICKET),
    date('date', '日期', { required: true }),
    float('points', '扣分', { min: 0, max: 100 }),
    text('note', '备注', { search: true, maxLength: 2000 }),
    text('recorder', '记录人', { maxLength: 50 }),
  ],
  hooks: {
    prepare: async ({ ctx, trx, op, values }) => {
      if (op === 'create') values.recorder ??= ctx.user?.username ?? null;
      if (values.points == null && (op === 'create' || 'points' in values || values.itemId)) {
        const item = values.itemId ? await trx.selectFrom('negativeItem').select('points').where('id', '=', values.itemId).executeTakeFirst() : undefined;
        if (values.itemId && !item) return { itemId: '负面清单事项不存在' };
        if (item) values.points = item.points;
        else if ('points' in values) return { points: '扣分不能为空' };
      }
    },
  },
});

defineResource({
  name: 'NegativeQuota',
  table: 'negativeQuota',
  label: '负面指标配额',
  fields: [
    ref('unit', '单位', UNIT, { required: true }),
    text('month', '月份', { required: true, maxLength: 7 }),
    text('indicator', '指标', { required: true, search: true, maxLength: 50 }),
    int('allowed', '允许数量', { required: true, min: 0, max: 100000 }),
  ],
  hooks: { prepare: ({ values }) => (monthError(values.month) ? { month: monthError(values.month)! } : undefined) },
});

/** Award amounts and points (domain.md §6): 优秀案例 200 元 +0.2; 示范案例 1000 元 +0.5…1.0. */
export const AWARD_RULES = {
  EXCELLENT: { amount: 200, defaultPoints: 0.2 },
  DEMONSTRATION: { amount: 1000, minPoints: 0.5, maxPoints: 1.0 },
} as const;

defineResource({
  name: 'Award',
  table: 'award',
  label: '立功竞赛（优秀/示范案例）',
  defaultSort: { field: 'month', order: 'desc' },
  fields: [
    oneOf(AwardKind)('kind', '类别', { required: true }),
    ref('unit', '单位', UNIT, { required: true }),
    ref('ticket', '案例工单', TICKET),
    text('month', '月份', { required: true, maxLength: 7 }),
    text('nomination', '推荐理由', { search: true, maxLength: 2000 }),
    date('meetingDate', '党工委会议日期'),
    oneOf(AwardStatus)('status', '状态', { required: true }),
    float('amount', '奖励金额（元）', { readOnly: true }),
    float('points', '加分'),
    text('recognitionSource', '肯定来源（领导批示/媒体）', { maxLength: 500 }),
  ],
  hooks: {
    prepare: async ({ trx, before, values }) => {
      const m = { ...(before ?? {}), ...values };
      const errors: Record<string, string> = {};
      const me = monthError(m.month);
      if (me) errors.month = me;
      if (m.kind === 'EXCELLENT') {
        values.amount = AWARD_RULES.EXCELLENT.amount;
        if (m.points == null) values.points = AWARD_RULES.EXCELLENT.defaultPoints;
      } else if (m.kind === 'DEMONSTRATION') {
        values.amount = AWARD_RULES.DEMONSTRATION.amount;
        const p = m.points;
        if (p == null || p < AWARD_RULES.DEMONSTRATION.minPoints || p > AWARD_RULES.DEMONSTRATION.maxPoints) {
          errors.points = '示范案例加分应在 0.5 到 1.0 之间';
        }
      }
      if (m.ticketId != null && m.unitId != null) {
        const t = await trx.selectFrom('ticket').select('unitId').where('id', '=', m.ticketId).executeTakeFirst();
        if (!t) errors.ticketId = '工单不存在';
        else if (t.unitId !== m.unitId) errors.ticketId = '案例工单不是该单位承办的';
      }
      // domain.md §6: 示范案例 are chosen from 优秀案例 — a ticket named must already be a SELECTED EXCELLENT case.
      if (m.kind === 'DEMONSTRATION' && m.ticketId != null && !errors.ticketId) {
        const excellent = await trx.selectFrom('award').select('id').where('ticketId', '=', m.ticketId).where('kind', '=', 'EXCELLENT').where('status', '=', 'SELECTED').executeTakeFirst();
        if (!excellent) errors.ticketId = '示范案例须从已评选的优秀案例中产生：该工单不是已评选（SELECTED）的优秀案例';
      }
      return errors;
    },
  },
});

export const INTERVIEW_REASONS = ['长期绩效不理想', '不作为慢作为', '回复简单敷衍', '多次随意退单', '帮扶无起色', '提升无效果'] as const;

const idList = (name: string, label: string) => ({ ...ref(name, label, TICKET), name, list: true, ref: undefined });

defineResource({
  name: 'Interview',
  table: 'interview',
  label: '约谈',
  defaultSort: { field: 'date', order: 'desc' },
  fields: [
    ref('unit', '被约谈单位', UNIT, { required: true }),
    oneOf(InterviewLevel)('level', '约谈层级', { required: true }),
    text('reasons', '约谈事由', { list: true }),
    date('date', '约谈日期', { required: true }),
    text('interviewer', '约谈人', { search: true, maxLength: 100 }),
    text('attendees', '参加人员', { maxLength: 500 }),
    text('findings', '发现问题', { search: true, maxLength: 4000 }),
    text('rectification', '整改要求', { maxLength: 4000 }),
    date('rectificationDue', '整改期限'),
    text('followUp', '跟踪结果', { maxLength: 4000 }),
    idList('ticketIds', '关联工单'),
  ],
  hooks: {
    prepare: ({ values }) => {
      if (values.reasons === null) values.reasons = [];
      if (values.ticketIds === null) values.ticketIds = [];
      const bad = (values.reasons ?? []).filter((r: string) => !(INTERVIEW_REASONS as readonly string[]).includes(r));
      if (bad.length) return { reasons: `约谈事由只能是：${INTERVIEW_REASONS.join('、')}` };
    },
  },
});

defineResource({
  name: 'Assistance',
  table: 'assistance',
  label: '帮扶',
  plural: 'Assistances',
  defaultSort: { field: 'periodFrom', order: 'desc' },
  fields: [
    ref('unit', '帮扶单位', UNIT, { required: true }),
    date('periodFrom', '开始日期', { required: true }),
    date('periodTo', '结束日期'),
    text('bottlenecks', '堵点问题', { search: true, maxLength: 4000 }),
    text('advice', '意见建议', { maxLength: 4000 }),
    text('pairedStaff', '结对人员', { search: true, maxLength: 200 }),
    oneOf(AssistanceStatus)('status', '状态'),
    text('outcome', '帮扶成效', { maxLength: 4000 }),
  ],
  hooks: {
    prepare: ({ before, values }) => {
      if (values.status === null) values.status = 'PLANNED';
      const m = { ...(before ?? {}), ...values };
      if (m.periodTo && m.periodFrom && m.periodTo < m.periodFrom) return { periodTo: '结束日期不能早于开始日期' };
    },
  },
});

defineResource({
  name: 'DisciplineReferral',
  table: 'disciplineReferral',
  label: '纪检联动',
  defaultSort: { field: 'date', order: 'desc' },
  fields: [
    ref('unit', '单位', UNIT, { required: true }),
    oneOf(Conduct)('conduct', '问题类型', { required: true }),
    idList('ticketIds', '关联工单'),
    idList('returnRequestIds', '关联退单'),
    idList('visitIds', '关联暗访'),
    text('referredBy', '移交人', { maxLength: 50 }),
    date('date', '移交日期', { required: true }),
    text('outcome', '处理结果', { maxLength: 4000 }),
  ],
  hooks: {
    prepare: ({ values }) => {
      for (const k of ['ticketIds', 'returnRequestIds', 'visitIds']) if (values[k] === null) values[k] = [];
    },
  },
});

defineResource({
  name: 'Escalation',
  table: 'escalation',
  label: '提级办理（一事一议）',
  defaultSort: { field: 'meetingDate', order: 'desc' },
  fields: [
    ref('street', '街镇', STREET, { required: true }),
    text('title', '事项', { required: true, search: true, maxLength: 200 }),
    idList('ticketIds', '关联工单'),
    ref('meeting', '议定会议', MEETING),
    date('meetingDate', '会议日期'),
    text('decision', '议定事项', { maxLength: 4000 }),
    text('owner', '责任人', { maxLength: 100 }),
    date('due', '完成期限'),
  ],
  hooks: {
    prepare: async ({ trx, before, values }) => {
      if (values.ticketIds === null) values.ticketIds = [];
      const errors = await meetingOf(trx, { before, values, kinds: ESCALATION_MEETINGS, streetId: values.streetId ?? before?.streetId, what: '一事一议', takesDate: true });
      if (values.ticketIds?.length) {
        // The record stays on the matter's tickets: they are flagged as escalated.
        await trx.updateTable('ticket').set({ escalated: true }).where('id', 'in', values.ticketIds).execute();
      }
      return errors;
    },
  },
});

defineResource({
  name: 'Review',
  table: 'review',
  label: '分级点评',
  fields: [
    ref('unit', '单位', UNIT, { required: true }),
    text('period', '点评期间', { required: true, maxLength: 40 }),
    text('summary', '绩效概况', { maxLength: 4000 }),
    text('problems', '存在问题', { maxLength: 4000 }),
    text('leadingGroupComment', '领导小组点评', { maxLength: 4000 }),
    ref('meeting', '点评会议', MEETING),
  ],
  hooks: {
    prepare: async ({ trx, before, values }) => {
      const unitId = values.unitId ?? before?.unitId;
      const unit = unitId == null ? undefined : await trx.selectFrom('unit').select('streetId').where('id', '=', unitId).executeTakeFirst();
      return meetingOf(trx, { before, values, kinds: ['LEADING_GROUP'], streetId: unit?.streetId, what: '分级点评' });
    },
  },
});

defineResource({
  name: 'UndercoverVisit',
  table: 'undercoverVisit',
  label: '暗访',
  deletable: false,
  fields: [
    ref('ticket', '不属实工单', TICKET, { required: true, createOnly: true }),
    text('month', '抽样月份', { required: true, maxLength: 7 }),
    date('visitedAt', '暗访日期'),
    text('finding', '暗访结论', { maxLength: 4000 }),
    bool('overturned', '推翻原认定'),
    ref('street', '街镇', STREET, { readOnly: true }),
    dateTime('recordedAt', '登记时间', { readOnly: true }),
    text('recordedBy', '登记人', { readOnly: true }),
    ref('negativeRecord', '负面清单记录', { table: 'negativeRecord', type: 'NegativeRecord' }, { readOnly: true }),
    ref('disciplineReferral', '纪检移交', { table: 'disciplineReferral', type: 'DisciplineReferral' }, { readOnly: true }),
  ],
  hooks: {
    // Visits come from the monthly sample and their results carry consequences (schema/undercover.ts).
    authorize: ({ op }) => {
      if (op === 'create') throw forbidden('暗访工单由每月抽样生成（drawUndercoverSample），不能手工新建');
      if (op === 'update') throw forbidden('暗访结果请用「登记暗访结果」（recordUndercoverVisit）登记');
    },
  },
});

